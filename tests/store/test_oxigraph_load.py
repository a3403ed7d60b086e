"""The default store loads with Oxigraph's lenient parser and reads each file with the strict one alongside:
the triples are the strict parser's, and a file only the lenient parser takes is refused as before."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.errors import InputError
from claimgraph.store.checks import strict_syntax_error, syntax_error
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
    "IRI with two user names": "<http://a@b@c/> ex:p ex:o .",
    "IRI with a letter in the port": "<http://ex.org:8a/> ex:p ex:o .",
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
    "escaped surrogate pair in a long string after a quote": 'ex:s ex:p """"#\\uD83D\\uDE00""" .',
    "comment ended by a carriage return": "# c\r<http://ex.org/a b> ex:p ex:o .",
    "one-letter language tag": 'ex:s ex:p "x"@e .',
    "language tag with a three-letter variant": 'ex:s ex:p "x"@en-GB-xyz .',
    "language tag starting like a keyword": 'ex:s ex:p "x"@base-xyz .',
    "rdf:langString as a datatype": f'ex:s ex:p "x"^^<{RDF}langString> .',
    "rdf:dirLangString as a datatype": f'ex:s ex:p "x"^^<{RDF}dirLangString> .',
    "rdf:langString split over prefix and name": f'@prefix r: <{RDF}langStr> .\nex:s ex:p "x"^^r:ing .',
}


def _canonical(store: ox.Store) -> list[str]:
    dataset = ox.Dataset(store)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return sorted(str(quad) for quad in dataset)


def _parsed(data: bytes, lenient: bool) -> list[str]:
    store = ox.Store()
    store.load(input=data, format=ox.RdfFormat.TURTLE, lenient=lenient)
    return _canonical(store)


@pytest.mark.parametrize("body", ONLY_LENIENT.values(), ids=ONLY_LENIENT.keys())
def test_a_file_only_the_lenient_parser_takes_is_refused_with_the_strict_message_and_line(tmp_path, body):
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.ttl"
    good.write_text("<urn:s> <urn:p> <urn:o> .\n")
    bad.write_bytes((EX + body + "\n").encode())
    assert _parsed(bad.read_bytes(), lenient=True), "premise: the lenient parser takes it"
    expected = strict_syntax_error(bad.read_bytes())
    assert expected is not None
    store = OxigraphStore()
    with pytest.raises(InputError) as caught:
        store.load_turtle_files([good, bad])
    assert (caught.value.path, caught.value.line) == (str(bad), expected.lineno)
    assert str(caught.value) == str(syntax_error(expected, str(bad), bad.read_bytes()))
    assert len(store) == 0, "the good file loaded first is cleared as well"


PLAIN = {
    "N-Triples": "<http://ex.org/a> <http://ex.org/p> <http://ex.org/o> .",
    "prefixed names, numbers, booleans, blank nodes": "ex:a ex:p 1, 1.5, true, ex:b, [ ex:q ( 1 2 ) ] ; a ex:C .",
    "language tags": 'ex:a ex:p "x"@en, "y"@en-GB, "z"@zh-Hant-TW, "w"@EN, "v"@en--ltr .',
    "string escapes": "ex:a ex:p \"say \\\"hi\\\"\", 'it\\'s', \"tab\\tnew\\nline\", \"\\u00e9\\U0001F600\" .",
    "long strings across lines": "ex:a ex:p \"\"\"one\ntwo \"quoted\" \"\"\", '''it's\nfine''' .",
    "IRIs with escapes, ports, user names, IPv6 hosts": "<http://u@ex.org:8080/a%20b?q=1#f> ex:p <urn:isbn:0451>, "
                                                        "<http://[::1]/>, <http://ex.org/caf\u00e9> .",
    "relative IRIs against a base": "@base <http://ex.org/b/> .\n<a> ex:p <../c>, <#f> .",
    "escaped prefixed names": "ex:a\\.b ex:p ex:c\\-d .",
    "RDF 1.2 triple terms": "<< ex:a ex:p ex:o >> ex:q ex:r .",
    "comments with quotes and brackets": "# it's a \"comment\" <not an IRI> @nolang\nex:a ex:p ex:b . # end",
}


@pytest.mark.parametrize("body", PLAIN.values(), ids=PLAIN.keys())
def test_a_valid_file_loads_the_strict_parsers_triples(tmp_path, body):
    path = tmp_path / "plain.ttl"
    path.write_bytes((EX + body + "\n").encode())
    store = OxigraphStore()
    store.load_turtle_files([path])
    assert _canonical(store.store) == _parsed(path.read_bytes(), lenient=False)


def test_the_curated_graph_loads_the_strict_parsers_triples():
    paths = sorted(GRAPHS.glob("*.ttl"))
    store = OxigraphStore()
    store.load_turtle_files(paths)
    strict = ox.Store()
    for path in paths:
        strict.load(input=path.read_bytes(), format=ox.RdfFormat.TURTLE)
    assert _canonical(store.store) == _canonical(strict)


SUBJECTS = ["<http://ex.org/a>", "ex:a", "ex:a\\.b", "ex:a:b", "ex:\u00e9", "_:b", "[]", "<http://u@ex.org/>", "<a>",
            "<http://ex.org/a b>", "ex:a\ufff0", "ex:a\\tb", "<http://[::1]/>", "<< ex:a ex:p ex:o >>"]
OBJECTS = ['"x"', '"a\nb"', "'a\rb'", '"""a\nb"""', '"a\\"b"', '"\\uD83D\\uDE00"', '"\\u00e9"', '""""a"""', '"""a""""',
           '""""#\\uD83D\\uDE00"""', "( 1 )", "1.5", "ex:o", "<http://ex.org/%zz>", "<http://ex.org/a#b#c>", "<#f>",
           "r:ing"]
SUFFIXES = ["", "@en", "@en-GB", "@e", "@en--ltr", "@x-private", "@base-x", "^^xsd:integer", "^^r:ing",
            f"^^<{RDF}langString>"]
HEADS = ["@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n", "@base <http://ex.org/> .\n", "@base <rel/> .\n",
         "@prefix ex: <http://ex.org> .\n", "# \"quoted' <comment> @x\r", f"@prefix r: <{RDF}langStr> .\n"]


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


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(turtle_documents())
def test_a_file_loads_exactly_what_the_strict_parser_reads_or_is_refused(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("generated") / "generated.ttl"
    path.write_bytes(text.encode())
    store = OxigraphStore()
    refused = strict_syntax_error(path.read_bytes())
    if refused is not None:
        with pytest.raises(InputError) as caught:
            store.load_turtle_files([path])
        message = str(syntax_error(refused, str(path), text))
        assert (caught.value.line, str(caught.value)) == (refused.lineno, message)
        assert len(store) == 0
        return
    try:
        store.load_turtle_files([path])
    except InputError as error:
        refusal = str(error)
    else:
        refusal = ""
    if refusal:
        assert "ill-typed literal" in refusal and len(store) == 0, text
    else:
        assert _canonical(store.store) == _parsed(path.read_bytes(), lenient=False), text


def test_any_failure_while_loading_leaves_the_store_empty(tmp_path, monkeypatch):
    import claimgraph.store.oxigraph as oxigraph_store

    path = tmp_path / "a.ttl"
    path.write_text("<urn:s> <urn:p> <urn:o> .\n")

    def out_of_memory(text: str) -> bool:
        raise MemoryError

    monkeypatch.setattr(oxigraph_store, "may_hold_ill_typed", out_of_memory)
    store = OxigraphStore()
    with pytest.raises(MemoryError):
        store.load_turtle_files([path])
    assert len(store) == 0, "the lenient thread's triples do not stay"
