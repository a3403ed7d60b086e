"""Store specs and store directories through the real command line: refused in one line, exit 2, nothing written."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.cli import main
from claimgraph.errors import InputError
from helpers import TINY, one_error_line


def test_a_directory_without_turtle_files_is_refused(runner, tmp_path):
    empty = tmp_path / "graphs"
    empty.mkdir()
    (empty / "notes.txt").write_text("not turtle")
    (empty / "fake.ttl").mkdir()
    result = runner.invoke(main, ["stats", "-g", str(empty)])
    assert one_error_line(result) == f"claimgraph: error: no .ttl files in {empty}"


@pytest.mark.parametrize("spec", ["memory:/x", "memory:build/store", "rdflib:x", "sparql:http://a/q,http://a/u,http://a/v"])
def test_store_specs_with_arguments_they_do_not_take_are_refused(runner, spec):
    result = runner.invoke(main, ["stats", "-g", str(TINY), "--store", spec])
    one_error_line(result, spec.partition(":")[0])


def test_a_directory_of_user_files_is_never_used_as_a_store(runner, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "CURRENT").write_text("my notes on current events")
    (folder / "letter.txt").write_text("dear")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = runner.invoke(main, ["stats", "-g", str(TINY), "--store", f"oxigraph:{folder}"])
    one_error_line(result, f"{folder}: not an Oxigraph store")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before, "nothing written into a refused folder"


def test_a_store_in_use_by_another_process_is_one_line(runner, tmp_path):
    location = tmp_path / "ox"
    assert runner.invoke(main, ["stats", "-g", str(TINY), "--store", f"oxigraph:{location}"]).exit_code == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", "import pyoxigraph, sys, time; s = pyoxigraph.Store(sys.argv[1]); print('open', "
         "flush=True); time.sleep(120)", str(location)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        result = runner.invoke(main, ["stats", "-g", str(TINY), "--store", f"oxigraph:{location}"])
        assert one_error_line(result) == f"claimgraph: error: store {location} is in use by another process"
    finally:
        holder.kill()
        holder.wait()


XSD_PREFIX = "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"


@pytest.mark.parametrize(("text", "maybe"), [
    ("<a> <b> <c> .", False),
    (XSD_PREFIX + '<a> <b> "1"^^xsd:integer , "2020"^^xsd:gYear .', False),
    ('<a> <b> "12" ^^ <http://www.w3.org/2001/XMLSchema#integer> .', False),
    ('<a> <b> """7"""^^<http://www.w3.org/2001/XMLSchema#integer> .', True),
    ("<a> <b> 'x'^^<http://www.w3.org/2001/XMLSchema#string> , \"it's\"^^<http://www.w3.org/2001/XMLSchema#string> .",
     False),
    (XSD_PREFIX + '<a> <b> "abc"^^xsd:integer .', True),
    ('<a> <b> "abc" ^^ <http://www.w3.org/2001/XMLSchema#integer> .', True),
    ("# a ^^ in a comment\n<a> <b> <c> .", True),
    ('<a> <b> "1"^^unknown:integer .', True),
    ('<a> <b> "\\u0031"^^<http://www.w3.org/2001/XMLSchema#integer> .', True),
    ('<a> <b> "say \\"1\\"^^" .', True),
])
def test_the_typed_literal_scan_clears_only_texts_it_can_read(text, maybe):
    from claimgraph.store.checks import may_hold_ill_typed

    assert may_hold_ill_typed(text) is maybe


@pytest.mark.parametrize("store_kind", ["memory", "rdflib"])
def test_an_ill_typed_literal_the_scan_cannot_read_is_still_refused(runner, tmp_path, store_kind):
    bad = tmp_path / "bad.ttl"
    bad.write_text('# ^^ here sends the file to the exact check\n<urn:a> <urn:b> "x\\u0031"^^'
                   "<http://www.w3.org/2001/XMLSchema#integer> .\n")
    result = runner.invoke(main, ["stats", "-g", str(bad), "--store", store_kind])
    assert one_error_line(result) == (f'claimgraph: error: {bad}: ill-typed literal: "x1" is not a valid xsd:integer')


LEXICAL_PIECES = ["1", "-", "0", ".", "5", "e", "E", "+", "abc", " ", "T", ":", "Z", "2020", "-01", "true", "false",
                  "\\u0031", '\\"', "'", "^^", "#", "\u00e9", "INF", "NaN", "P1D", "x"]
DATATYPES = ["integer", "decimal", "double", "boolean", "gYear", "date", "dateTime", "string", "nonNegativeInteger",
             "duration", "anyURI"]


@st.composite
def typed_literal_turtle(draw: st.DrawFn) -> str:
    """Turtle with typed literals written in the forms the scan reads and the forms it must not clear."""
    lines = [XSD_PREFIX]
    for index in range(draw(st.integers(1, 4))):
        lexical = "".join(draw(st.lists(st.sampled_from(LEXICAL_PIECES), min_size=0, max_size=4)))
        datatype = draw(st.sampled_from(DATATYPES))
        written = draw(st.sampled_from([f"xsd:{datatype}", f"<http://www.w3.org/2001/XMLSchema#{datatype}>"]))
        quote = draw(st.sampled_from(['"', "'"]))
        if quote in lexical:
            lexical = lexical.replace(quote, "")
        space = draw(st.sampled_from(["", " "]))
        lines.append(f"<urn:s{index}> <urn:p> {quote}{lexical}{quote}{space}^^{space}{written} .")
    if draw(st.booleans()):
        lines.append("# a comment with ^^ in it")
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed_literal_turtle())
def test_the_scan_never_clears_a_text_the_exact_check_refuses(text):
    from claimgraph.store.checks import check_turtle, may_hold_ill_typed

    try:
        check_turtle(text, "generated.ttl")
    except InputError:
        assert may_hold_ill_typed(text), text


@pytest.mark.parametrize(("lexical", "datatype", "refused"), [
    ("9" * 5000, "integer", False),
    ("-" + "9" * 5000, "nonPositiveInteger", False),
    ("9" * 5000, "negativeInteger", True),
    ("0" * 5000 + "12", "byte", False),
    ("9" * 5000, "long", True),
    ("9" * 5000 + "x", "integer", True),
])
def test_integers_longer_than_pythons_int_limit_are_judged_by_their_digits(lexical, datatype, refused):
    from claimgraph.store.checks import XSD, ill_typed

    assert ill_typed(lexical, XSD + datatype) is refused


@pytest.mark.parametrize("store", ["memory", "rdflib"])
def test_a_valid_integer_of_5000_digits_loads_into_every_local_store(runner, tmp_path, store):
    path = tmp_path / "big.ttl"
    digits = "9" * 5000
    path.write_text(f'<urn:a> <urn:b> "{digits}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
                    f'<urn:a> <urn:c> "-{digits}"^^<http://www.w3.org/2001/XMLSchema#positiveInteger> .\n')
    refused = runner.invoke(main, ["stats", "-g", str(path), "--store", store])
    assert one_error_line(refused) == (f"claimgraph: error: {path}:2: ill-typed literal: \"-{digits[:59]}…\" "
                                       "(5,001 characters) is not a valid xsd:positiveInteger")
    path.write_text(path.read_text().splitlines()[0] + "\n")
    result = runner.invoke(main, ["query", "-g", str(path), "--store", store, "-f", "tsv",
                                  "-e", "SELECT ?o WHERE { <urn:a> <urn:b> ?o }"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == f'"{digits}"^^<http://www.w3.org/2001/XMLSchema#integer>'


def test_the_rdflib_store_still_refuses_what_rdflib_warns_about_beyond_a_judged_literal(monkeypatch):
    import claimgraph.store.rdflib_store as rdflib_store
    from claimgraph.errors import InputError

    monkeypatch.setattr(rdflib_store, "check_turtle", lambda text, name, base=None: [])  # only rdflib's own warnings
    with pytest.raises(InputError, match=r"^t\.ttl: rdflib refused a term: http://a/\{x\} does not look like a valid"):
        rdflib_store.RdflibStore().load_turtle_text("<urn:a> <urn:p> <http://a/{x}> .", "t.ttl")
    store = rdflib_store.RdflibStore()
    store.load_turtle_text(f'<urn:a> <urn:p> "{"9" * 5000}"^^<http://www.w3.org/2001/XMLSchema#integer> .', "t.ttl")
    assert len(store) == 1
