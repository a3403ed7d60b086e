"""The default store reads SELECT answers from Oxigraph's TSV: the same strings as its terms' values."""

from __future__ import annotations

import pytest

from claimgraph.store import load
from claimgraph.store.remote import query_form
from claimgraph.store.tsv import tsv_strings
from engine_rows import IDS, QUERIES
from helpers import GRAPHS

AWKWARD = """@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<urn:a> <urn:p> "tab\\tquote\\"backslash\\\\ e\\u0301 newline\\n"@en-GB , "é𝄞" , "" , "007"^^xsd:integer ,
    "+5"^^xsd:integer , ".5"^^xsd:decimal , "1e3"^^xsd:double , "1"^^xsd:boolean , "-0"^^xsd:integer ,
    "x"^^<urn:t> , _:blank , <urn:o%20x> , "a\\\\u0041" .
<urn:b> <urn:q> <urn:c> .
"""


def values_of(store, sparql: str) -> list[dict[str, str]]:
    """The rows as the values of Oxigraph's own terms, the reading the TSV replaced."""
    result = store.store.query(sparql)
    names = [variable.value for variable in result.variables]
    return [{name: term.value for name, term in zip(names, solution, strict=True) if term is not None}
            for solution in result]


@pytest.fixture(scope="module")
def awkward(tmp_path_factory):
    path = tmp_path_factory.mktemp("tsv") / "awkward.ttl"
    path.write_text(AWKWARD, encoding="utf-8")
    with load([path], include_ontology=False) as store:
        yield store


@pytest.mark.parametrize("sparql", [
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
    "SELECT ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <urn:none> ?none } }",
    "SELECT ?none WHERE { ?s ?p ?o OPTIONAL { ?s <urn:none> ?none } }",
    "SELECT * WHERE { }",
    "SELECT ?x WHERE { ?s <urn:nothing> ?x }",
    "SELECT (STRLEN(?o) AS ?n) (LANG(?o) AS ?lang) (DATATYPE(?o) AS ?type) WHERE { <urn:a> <urn:p> ?o }",
])
def test_awkward_terms_read_as_their_values(awkward, sparql):
    expected = values_of(awkward, sparql)
    assert awkward.select_strings(sparql) == expected
    if "nothing" not in sparql:
        assert expected, "the query has rows"


def test_a_triple_term_reads_as_its_text():
    assert tsv_strings(b'?o\n<<( <urn:a> <urn:b> "x" )>>\n') == [{"o": '<<( <urn:a> <urn:b> "x" )>>'}]


def test_unbound_and_empty_cells_are_told_apart():
    data = b"?a\t?b\n\"\"\t\n\t<urn:x>\n\n"
    assert tsv_strings(data) == [{"a": ""}, {"b": "urn:x"}, {}]


@pytest.fixture(scope="module")
def curated():
    with load([GRAPHS]) as store:
        yield store


SELECTS = [(query, name) for query, name in zip(QUERIES, IDS, strict=True) if query_form(query[2]) == "SELECT"]


@pytest.mark.parametrize(("folder", "name", "text"), [query for query, _ in SELECTS], ids=[name for _, name in SELECTS])
def test_every_shipped_select_reads_the_same_from_tsv(curated, folder, name, text):
    assert curated.select_strings(text) == values_of(curated, text)
