"""Portability contract: every shipped .rq (named queries, audit rules, the audit's fact queries
and the network views) is strict SPARQL 1.1 that gives the same answers on rdflib and on Oxigraph.

Each file must parse with pyoxigraph's strict parser on an empty store with no predeclared
prefixes, so it runs unchanged on any SPARQL 1.1 engine. Results are compared, on the fixture
graphs and on the curated graph (graphs/), as multisets of rows (blank nodes reduced to a
marker, numbers by value); the list columns each header declares (# list:) are compared as sorted lists,
because SPARQL leaves the order of their items to the engine. When the query has ORDER BY,
the order of the rows must agree too.
"""

from __future__ import annotations

import re
from collections import Counter

import pyoxigraph
import pytest

from claimgraph.rq.include import shipped_queries
from claimgraph.store import QueryResult, load
from engine_rows import comparable, list_columns
from helpers import GRAPHS, TINY

FIXTURES = [TINY, TINY.parent / "sparql-extra.ttl"]
GRAPH_SETS = {"fixture": FIXTURES, "curated": [GRAPHS]}
SHIPPED = [(query.folder, query.name, query.text) for query in shipped_queries()]
IDS = [f"{folder}/{name}" for folder, name, _ in SHIPPED]


@pytest.fixture(scope="module", params=list(GRAPH_SETS))
def stores(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    paths = GRAPH_SETS[request.param]
    rdflib_store, oxigraph = load(paths, "rdflib"), load(paths, f"oxigraph:{tmp_path_factory.mktemp('ox')}")
    yield rdflib_store, oxigraph
    oxigraph.close()


def rows(result: QueryResult, separators: dict[str, str]) -> list[tuple]:
    if result.kind == "ask":
        return [(result.boolean,)]
    if result.kind == "graph":
        assert result.graph is not None
        return [tuple(comparable(term, None) for term in triple) for triple in result.graph]
    columns = [separators.get(variable) for variable in result.variables]
    return [tuple(comparable(term, sep) for term, sep in zip(row, columns, strict=True)) for row in result.rows]


def test_there_are_shipped_queries():
    assert len([name for folder, name, _ in SHIPPED if folder == "query/queries"]) >= 10
    assert {folder for folder, _, _ in SHIPPED} == {
        "audit/rules", "audit/rules/facts", "query/queries", "network/views", "report/queries", "validate/queries",
        "ingest/queries", "ingest/assertions/queries", "ingest/matching/queries", "ingest/review/queries"}


def test_list_columns_come_from_the_headers():
    folders = {(folder, name): text for folder, name, text in SHIPPED}
    rule = ("audit/rules", "conflicting-reports")
    assert list_columns(*rule, folders[rule]) == {"aspects": " | ", "reports": " ", "evidence": " "}
    view = ("network/views", "node-study")
    assert list_columns(*view, folders[view]) == {"key_findings": "\n"}


@pytest.mark.parametrize(("folder", "name", "text"), SHIPPED, ids=IDS)
def test_parses_with_oxigraphs_strict_parser(folder, name, text):
    try:
        pyoxigraph.Store().query(text)
    except SyntaxError as error:
        pytest.fail(f"{folder}/{name}.rq is not strict SPARQL 1.1 (declare every PREFIX it uses): {error}")


@pytest.mark.parametrize(("folder", "name", "text"), SHIPPED, ids=IDS)
def test_same_answers_on_rdflib_and_oxigraph(stores, folder, name, text):
    separators = list_columns(folder, name, text)
    on_rdflib, oxigraph = (rows(store.query(text), separators) for store in stores)
    assert Counter(on_rdflib) == Counter(oxigraph), f"{folder}/{name}.rq answers differ between rdflib and Oxigraph"
    if re.search(r"\bORDER\s+BY\b", text, re.IGNORECASE):
        assert on_rdflib == oxigraph, f"{folder}/{name}.rq: rows come in a different order (make ORDER BY total)"


ENGINE_TRAPS = {
    "CONCAT with an unbound argument is an error in SPARQL 1.1 but the empty string on Virtuoso 7: "
    "test BOUND(?x) with IF instead of relying on COALESCE": re.compile(r"COALESCE\(\s*CONCAT\(", re.IGNORECASE),
    "Virtuoso 7 cannot compile IF over an aggregate (SQ156): aggregate in a sub-select, IF outside":
        re.compile(r"\bIF\(\s*(COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)\s*\(", re.IGNORECASE),
    "a projected comparison is an integer on Virtuoso 7: cast it with xsd:boolean(...)":
        re.compile(r"\(\s*\?\w+\s*(<|>|<=|>=|=|!=)\s*[\w?\"]+\s+AS\s+\?", re.IGNORECASE),
    "integer / integer is integer division on Virtuoso 7: cast a count with xsd:decimal(...) before dividing":
        re.compile(r"\d+\s*\*\s*\?\w+\s*/", re.IGNORECASE),
}
"""Shapes that standard SPARQL 1.1 defines but one engine the tests start evaluates otherwise."""


def engine_traps(text: str) -> list[str]:
    """The engine traps a query's text falls into (comments aside)."""
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return [why for why, pattern in ENGINE_TRAPS.items() if pattern.search(code)]


@pytest.mark.parametrize(("folder", "name", "text"), SHIPPED, ids=IDS)
def test_no_shape_an_engine_evaluates_otherwise(folder, name, text):
    assert engine_traps(text) == [], f"{folder}/{name}.rq"


@pytest.mark.parametrize("snippet", [
    'SELECT (COALESCE(CONCAT(" | ", ?x), "") AS ?y) WHERE {}',
    'SELECT ?c (IF(COUNT(?l) = 0, "none", "some") AS ?y) WHERE {} GROUP BY ?c',
    "SELECT (?lines > 0 AS ?supported) WHERE {}",
    "SELECT (ROUND(100 * ?part / ?whole) AS ?share) WHERE {}",
])
def test_each_engine_trap_is_recognised(snippet):
    assert len(engine_traps(snippet)) == 1
    assert engine_traps("# " + snippet) == []
