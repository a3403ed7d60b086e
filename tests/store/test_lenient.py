"""The default store loads with Oxigraph's lenient parser only where it reads a file as the strict parser does."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.errors import InputError
from claimgraph.store.lenient import SAFE_IRI, lenient_reads_exactly, strict_syntax_error
from claimgraph.store.oxigraph import OxigraphStore

GRAPHS = Path(__file__).resolve().parents[2] / "graphs"
EX = "@prefix ex: <http://ex.org/> .\n"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

ONLY_LENIENT = {
    "IRI with a space": "<http://ex.org/a b> ex:p ex:o .",
    "IRI with a brace": "<http://ex.org/{a}> ex:p ex:o .",
    "IRI with a bad percent escape": "<http://ex.org/a%zz> ex:p ex:o .",
    "IRI with two fragments": "<http://ex.org/a#b#c> ex:p ex:o .",
    "IRI with a bad scheme": "<1http://ex.org/a> ex:p ex:o .",
    "IRI with a private-use character": "<http://ex.org/\ue000> ex:p ex:o .",
    "IRI escaping a space": "<http://ex.org/\\u0020> ex:p ex:o .",
    "relative IRI without a base": "<a> ex:p ex:o .",
    "base IRI with a space": "@base <http://ex.org/a b> .\n<a> ex:p ex:o .",
    "prefix IRI with a space": "@prefix bad: <http://ex.org/a b> .\nbad:a ex:p ex:o .",
    "prefixed name from U+FFF0": "ex:a\ufff0 ex:p ex:o .",
    "prefixed name escaping a tab": "ex:a\\tb ex:p ex:o .",
    "line feed in a one-line string": 'ex:s ex:p "a\nb" .',
    "carriage return in a one-line string": "ex:s ex:p 'a\rb' .",
    "escaped surrogate pair": 'ex:s ex:p "\\uD83D\\uDE00" .',
    "one-letter language tag": 'ex:s ex:p "x"@e .',
    "rdf:langString as a datatype": f'ex:s ex:p "x"^^<{RDF}langString> .',
    "rdf:dirLangString as a datatype": f'ex:s ex:p "x"^^<{RDF}dirLangString> .',
}


def _quads(data: bytes, lenient: bool) -> list[str]:
    store = ox.Store()
    store.load(input=data, format=ox.RdfFormat.TURTLE, lenient=lenient)
    dataset = ox.Dataset(store)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return sorted(str(quad) for quad in dataset)


@pytest.mark.parametrize("body", ONLY_LENIENT.values(), ids=ONLY_LENIENT.keys())
def test_what_only_the_lenient_parser_takes_is_never_cleared(body):
    text = EX + body + "\n"
    assert strict_syntax_error(text.encode()) is not None
    assert _quads(text.encode(), lenient=True), "premise: the lenient parser takes it"
    assert not lenient_reads_exactly(text)


PLAIN = {
    "N-Triples": "<http://ex.org/a> <http://ex.org/p> <http://ex.org/o> .",
    "prefixed names, numbers, booleans": "ex:a ex:p 1, 1.5, true, ex:b ; a ex:C .",
    "language tags": 'ex:a ex:p "x"@en, "y"@en-GB, "z"@zh-Hant-TW, "w"@EN .',
    "string escapes": "ex:a ex:p \"say \\\"hi\\\"\", 'it\\'s', \"tab\\tnew\\nline\", \"\\u00e9\\U0001F600\" .",
    "long strings across lines": "ex:a ex:p \"\"\"one\ntwo \"quoted\" \"\"\", '''it's\nfine''' .",
    "typed literals": '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\nex:a ex:p "2"^^xsd:integer .',
    "IRIs with escapes, ports, queries, fragments": "<http://ex.org:8080/a%20b?q=1&r=(2)#f/g?> ex:p <urn:isbn:0451>, "
                                                    "<mailto:a@ex.org>, <http://ex.org/caf\u00e9> .",
    "comments with quotes and brackets": "# it's a \"comment\" <not an IRI> @nolang\nex:a ex:p ex:b . # end",
    "SPARQL-style prefix": "PREFIX ex2: <http://ex2.org/>\nex2:a ex:p [ ex:q ( 1 2 ) ] .",
    "characters beyond U+FFF0 inside strings": 'ex:a ex:p "\U0001F600 \ufff0" .',
}


@pytest.mark.parametrize("body", PLAIN.values(), ids=PLAIN.keys())
def test_plain_turtle_is_cleared_and_reads_the_same(body):
    data = (EX + body + "\n").encode()
    assert lenient_reads_exactly(data.decode())
    assert _quads(data, lenient=True) == _quads(data, lenient=False)


@pytest.mark.parametrize("path", sorted(GRAPHS.glob("*.ttl")), ids=lambda path: path.name)
def test_every_curated_graph_file_is_cleared(path):
    assert lenient_reads_exactly(path.read_text(encoding="utf-8"))


IRI_PIECES = ["http", "urn", "a", "1", "+", ".", "-", ":", "//", "/", "?", "#", "%", "%2F", "%zz", "@", "[", "]", "::1",
              "ex.org", ":80", "\u00e9", "\u00a0", "\ud7ff", "\ue000", "\uf900", "\ufdd0", "\uffef", "\ufff0", " ", "{",
              "'", "(", "*", ";", "=", "!", "~", "_", "\\", "^", "|", '"', "<", ">", "\U00010000"]


@settings(max_examples=2000, deadline=None, database=None)
@given(st.sampled_from(["", "http://", "urn:", "a:", "x+y.z-1:"]), st.lists(st.sampled_from(IRI_PIECES), max_size=8))
def test_an_iri_of_the_safe_shape_is_a_valid_iri(start, pieces):
    iri = start + "".join(pieces)
    if re.fullmatch(SAFE_IRI, f"<{iri}>"):
        ox.NamedNode(iri)


SUBJECTS = ["<http://ex.org/a>", "ex:a", "ex:a\\.b", "ex:a:b", "ex:\u00e9", "_:b", "[]", "<http://u@ex.org/>", "<a>",
            "<http://ex.org/a b>", "ex:a\ufff0", "ex:a\\tb", "<http://[::1]/>", "<< ex:a ex:p ex:o >>"]
OBJECTS = ['"x"', '"a\nb"', "'a\rb'", '"""a\nb"""', '"a\\"b"', '"\\uD83D\\uDE00"', '"\\u00e9"', '""""a"""', '"""a""""',
           "( 1 )", "1.5", "ex:o", "<http://ex.org/%zz>", "<http://ex.org/a#b#c>", "<#f>"]
SUFFIXES = ["", "@en", "@en-GB", "@e", "@en--ltr", "@x-private", "^^xsd:integer", f"^^<{RDF}langString>", "@EN"]
HEADS = [EX, "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n", "@base <http://ex.org/> .\n",
         "@base <rel/> .\n", "@prefix ex: <http://ex.org> .\n", "# \"quoted' <comment> @x\n"]


@st.composite
def turtle_documents(draw: st.DrawFn) -> str:
    """Small Turtle documents, mostly plain, mixing in what only the lenient parser takes."""
    lines = draw(st.lists(st.sampled_from(HEADS), max_size=3))
    for _ in range(draw(st.integers(1, 3))):
        subject = draw(st.sampled_from(SUBJECTS[:1] * 8 + SUBJECTS))
        obj = draw(st.sampled_from(OBJECTS[:1] * 8 + OBJECTS))
        suffix = draw(st.sampled_from(SUFFIXES[:1] * 8 + SUFFIXES)) if obj[0] in "\"'" else ""
        lines.append(f"{subject} ex:p {obj}{suffix} .\n")
    return EX + "".join(lines)


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(turtle_documents())
def test_a_cleared_document_reads_as_the_strict_parser_reads_it(text):
    data = text.encode()
    if not lenient_reads_exactly(text):
        return
    try:
        lenient = _quads(data, lenient=True)
    except SyntaxError:
        assert strict_syntax_error(data) is not None, text
        return
    assert _quads(data, lenient=False) == lenient, text


def test_a_file_only_the_lenient_parser_takes_gets_the_strict_message_and_line(tmp_path):
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.ttl"
    good.write_text("<urn:s> <urn:p> <urn:o> .\n")
    bad.write_text(EX + "ex:a ex:p ex:b .\n<http://ex.org/a b> ex:p ex:o .\nex:c ex:p \"unterminated .\n")
    expected = strict_syntax_error(bad.read_bytes())
    assert expected is not None and expected.lineno == 3
    store = OxigraphStore()
    with pytest.raises(InputError) as caught:
        store.load_turtle_files([good, bad])
    assert (caught.value.path, caught.value.line) == (str(bad), 3)
    assert str(caught.value) == f"{bad}:3: {' '.join(expected.msg.split())}"
    assert len(store) == 0, "the good file loaded first is cleared as well"


def test_a_valid_file_the_scan_cannot_clear_loads_what_the_strict_parser_reads(tmp_path):
    path = tmp_path / "relative.ttl"
    path.write_text("@base <http://ex.org/> .\n" + EX + "<a> ex:p <http://u@ex.org/b>, ex:c\\.d, \"x\"@en--ltr .\n")
    assert not lenient_reads_exactly(path.read_text())
    store = OxigraphStore()
    store.load_turtle_files([path])
    assert sorted(str(quad) for quad in store.store) == _quads(path.read_bytes(), lenient=False)
