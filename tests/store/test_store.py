"""The loading API and the store contract: every store loads the same triples and answers alike."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from claimgraph.errors import InputError, QueryError
from claimgraph.namespaces import CG, PREFIXES
from claimgraph.store import load, open_store, turtle_files
from helpers import CLAIM_HIV_PAIN, STUDY_NULL_RCT, TINY, assert_isomorphic, ontology_and_tiny, store_spec


def test_store_holds_exactly_ontology_plus_fixture(tiny_store):
    loaded = tiny_store.to_rdflib()
    expected = ontology_and_tiny()
    assert len(tiny_store) == len(expected)
    assert_isomorphic(loaded, expected)


def test_select_results_are_rdflib_terms_and_equal_across_stores(tiny_store):
    result = tiny_store.query("SELECT ?study ?n WHERE { ?study a cg:Study ; cg:participants ?n }")
    assert result.kind == "select"
    assert result.variables == ["study", "n"]
    assert result.rows == [(STUDY_NULL_RCT, rdflib.Literal(250))]


def test_plain_strings_come_back_plain(tiny_store):
    result = tiny_store.query("SELECT ?label WHERE { ?c a cg:Claim ; rdfs:label ?label } ORDER BY ?label")
    labels = [row[0] for row in result.rows]
    assert labels[0] == rdflib.Literal("Acupuncture for neuropathy is safe")
    assert all(label.datatype is None and label.language is None for label in labels)


def test_ask_and_construct(tiny_store):
    assert tiny_store.query("ASK { ?c a cg:Claim }").boolean is True
    assert tiny_store.query("ASK { ?c a cg:Nothing }").boolean is False
    built = tiny_store.query("CONSTRUCT { ?c a cg:Claim } WHERE { ?c a cg:Claim }")
    assert built.kind == "graph"
    assert {s for s, _, _ in built.graph} == set(ontology_and_tiny().subjects(rdflib.RDF.type, CG.Claim))


def test_bindings_are_terms_not_text(tiny_store):
    query = "SELECT ?a WHERE { ?a oa:hasBody ?claim }"
    bound = tiny_store.query(query, {"claim": CLAIM_HIV_PAIN})
    assert len(bound.rows) == 2
    hostile = rdflib.Literal('x" } UNION { ?a ?p ?o } #')
    assert tiny_store.query(query, {"claim": hostile}).rows == []


def test_query_syntax_error_is_query_error(tiny_store):
    with pytest.raises(QueryError, match=r"(?i)syntax|expected|error"):
        tiny_store.query("SELECT ?x WHERE { ?x ?y }")


def test_turtle_syntax_error_names_file_and_line(store_kind, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "unterminated .\n')
    with pytest.raises(InputError) as caught:
        load([bad], store_spec(store_kind, tmp_path))
    assert caught.value.path == str(bad)
    assert caught.value.line == 3
    assert f"{bad}:3" in str(caught.value)


@pytest.mark.parametrize("second", [
    ('<urn:a> <urn:b> "unterminated .\n', "bad.ttl:1"),
    ('<urn:a> <urn:b> "12x"^^<http://www.w3.org/2001/XMLSchema#integer> .\n', "is not a valid xsd:integer"),
    ('# a ^^ the scan cannot read\n<urn:a> <urn:b> "x\\u0031"^^<http://www.w3.org/2001/XMLSchema#integer> .\n',
     '"x1" is not a valid xsd:integer'),
])
def test_a_failed_load_into_the_default_store_leaves_it_empty(tmp_path, second):
    from claimgraph.store.oxigraph import OxigraphStore

    good, bad = tmp_path / "good.ttl", tmp_path / "bad.ttl"
    good.write_text("<urn:s> <urn:p> <urn:o> .\n")
    text, message = second
    bad.write_text(text)
    store = OxigraphStore()
    with pytest.raises(InputError, match=message):
        load([good, bad], store)
    assert len(store) == 0, "neither the ontology, the good file nor part of the bad one stays"
    load([good], store)
    assert len(store) == len(load([good])), "the store is usable again"


def test_missing_file_is_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load([tmp_path / "absent.ttl"])


def test_directories_expand_to_sorted_turtle_files(tmp_path):
    for name in ("b.ttl", "a.ttl", "notes.txt"):
        (tmp_path / name).write_text("")
    assert [p.name for p in turtle_files([tmp_path])] == ["a.ttl", "b.ttl"]


def test_unknown_store_kind():
    with pytest.raises(InputError, match="unknown store"):
        open_store("postgres:db")


def load_and_release(location: Path) -> int:
    """Load the fixture into an on-disk store, release its files, and return its size."""
    import gc

    store = load([TINY], f"oxigraph:{location}")
    size = len(store)
    store.close()
    del store
    gc.collect()
    return size


def test_oxigraph_store_persists_on_disk_and_reload_replaces(tmp_path):
    location = tmp_path / "ox"
    size = load_and_release(location)
    again = load([TINY], f"oxigraph:{location}")
    assert len(again) == size, "reopening clears and reloads, it does not duplicate"
    assert Path(location).is_dir()


def test_prefixes_cover_vocabulary_namespaces():
    assert PREFIXES["cg"] == str(CG)
    assert PREFIXES["oa"] == "http://www.w3.org/ns/oa#"


def test_missing_input_leaves_an_on_disk_store_untouched(tmp_path):
    import pyoxigraph

    location = tmp_path / "ox"
    size = load_and_release(location)
    with pytest.raises(InputError):
        load([TINY, tmp_path / "absent.ttl"], f"oxigraph:{location}")
    assert len(pyoxigraph.Store.read_only(str(location))) == size


def test_oxigraph_store_refuses_a_directory_that_is_not_a_store(tmp_path):
    keep = tmp_path / "notes.txt"
    keep.write_text("precious")
    with pytest.raises(InputError, match="not an Oxigraph store"):
        load([TINY], f"oxigraph:{tmp_path}")
    assert keep.read_text() == "precious"


def test_a_store_is_a_context_manager(tmp_path) -> None:
    with load([TINY], f"oxigraph:{tmp_path / 'ox'}") as store:
        size = len(store)
    assert size > 0
    with load([TINY], f"oxigraph:{tmp_path / 'ox'}") as reopened:
        assert len(reopened) == size, "closing released the directory, so it opens again"


def test_isomorphism_failures_list_the_triples_that_differ() -> None:
    left = rdflib.Graph().parse(data="<urn:a> <urn:p> <urn:b> .", format="nt")
    right = rdflib.Graph().parse(data="<urn:a> <urn:p> <urn:c> .", format="nt")
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_isomorphic(left, right)
    assert "only in actual: <urn:a> <urn:p> <urn:b> ." in str(failure.value)
    assert "only in expected: <urn:a> <urn:p> <urn:c> ." in str(failure.value)


def test_select_strings_are_the_query_rows_as_text(tiny_store):
    query = ("SELECT ?s ?label ?n ?missing WHERE { ?s rdfs:label ?label OPTIONAL { ?s cg:participants ?n } "
             "OPTIONAL { ?s cg:noSuchProperty ?missing } } ORDER BY ?s ?label")
    expected = [{name: str(value) for name, value in row.items()} for row in tiny_store.query(query).dicts()]
    assert expected, "the tiny graph has labels"
    assert any("n" in row for row in expected), "and some participant counts"
    assert tiny_store.select_strings(query) == expected


def test_select_strings_each_answers_in_order_and_raises_the_first_error(tiny_store):
    queries = [f"SELECT ?s WHERE {{ ?s a cg:{kind} }} ORDER BY ?s" for kind in ("Claim", "Study", "Source", "Nothing")]
    assert list(tiny_store.select_strings_each(queries)) == [tiny_store.select_strings(query) for query in queries]
    answers = tiny_store.select_strings_each([queries[0], "SELECT ?s WHERE { ?s <urn:p> ", queries[1]])
    assert next(answers) == tiny_store.select_strings(queries[0])
    with pytest.raises(QueryError, match="SPARQL"):
        next(answers)


def test_a_query_given_as_a_function_is_asked_for_its_text_in_its_turn(tiny_store):
    asked: list[str] = []

    def later() -> str:
        asked.append("now")
        return "SELECT ?s WHERE { ?s a cg:Study } ORDER BY ?s"

    first = "SELECT ?s WHERE { ?s a cg:Claim } ORDER BY ?s"
    answers = list(tiny_store.select_strings_each([first, later]))
    assert asked == ["now"]
    assert answers == [tiny_store.select_strings(first), tiny_store.select_strings(later())]


AWKWARD_TERMS = """
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<urn:s1> <urn:p> "say \\"hi\\"\\\\ then\\nnew line\\ttab é 𝄞" , "chat"@fr-CA , "007"^^xsd:integer , "-3"^^xsd:integer ,
    "+4"^^xsd:integer , "1.50"^^xsd:decimal , "true"^^xsd:boolean , "x"^^<urn:type> , <urn:o%20bj> ,
    "typed string"^^xsd:string .
<urn:s2> <urn:q> <urn:o> .
"""


def test_an_answer_as_a_values_block_joins_back_to_the_same_rows(store_kind, tmp_path):
    data = tmp_path / "awkward.ttl"
    data.write_text(AWKWARD_TERMS, encoding="utf-8")
    with load([data], store_spec(store_kind, tmp_path), include_ontology=False) as store:
        query = "SELECT ?s ?p ?o ?q WHERE { ?s ?p ?o OPTIONAL { ?s <urn:q> ?q } }"
        values = store.select_values(query)
        assert values is not None and "UNDEF" in values
        joined = store.query(f"SELECT ?s ?p ?o ?q WHERE {{ {values} }}").rows
        assert sorted(joined, key=repr) == sorted(store.query(query).rows, key=repr)
        assert len(joined) == 11


def test_an_empty_answer_or_one_holding_a_blank_node_is_no_values_block(tiny_store):
    assert tiny_store.select_values("SELECT ?x WHERE { BIND(BNODE() AS ?x) }") is None
    assert tiny_store.select_values("SELECT ?x ?y WHERE { ?x <urn:nothing> ?y }") is None
    with pytest.raises(QueryError, match="SELECT"):
        tiny_store.select_values("ASK { ?s ?p ?o }")
