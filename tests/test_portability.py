"""Portability contract: every shipped .rq (named queries and audit rules) is strict SPARQL 1.1
that gives the same answers on rdflib and on Oxigraph.

Each file must parse with pyoxigraph's strict parser on an empty store with no predeclared
prefixes, so it runs unchanged on any SPARQL 1.1 engine. Results are compared as multisets
of rows (blank nodes reduced to a marker, numbers by value); when the query has ORDER BY,
the order must agree too.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pyoxigraph
import pytest
from rdflib.term import BNode, Literal

from claimgraph.resources import rq_files
from claimgraph.store import QueryResult, load
from fixture_names import TINY

FIXTURES = [TINY, TINY.parent / "sparql-extra.ttl"]
SHIPPED = [(folder, name, text) for folder in ("queries", "rules") for name, text in rq_files(folder).items()]
NUMERIC = re.compile(r"#(integer|decimal|double|float|int|long)$")


@pytest.fixture(scope="module")
def stores():
    memory, oxigraph = load(FIXTURES, "memory"), load(FIXTURES, "oxigraph")
    yield memory, oxigraph
    oxigraph.close()


def comparable(term):
    if isinstance(term, BNode):
        return "_:bnode"
    if isinstance(term, Literal) and term.datatype is not None and NUMERIC.search(str(term.datatype)):
        return ("number", Decimal(str(term.toPython())))
    return term


def rows(result: QueryResult) -> list[tuple]:
    if result.kind == "ask":
        return [(result.boolean,)]
    if result.kind == "graph":
        assert result.graph is not None
        return [tuple(comparable(term) for term in triple) for triple in result.graph]
    return [tuple(comparable(term) for term in row) for row in result.rows]


def test_there_are_shipped_queries():
    assert len([name for folder, name, _ in SHIPPED if folder == "queries"]) >= 10


@pytest.mark.parametrize(("folder", "name", "text"), SHIPPED, ids=[f"{f}/{n}" for f, n, _ in SHIPPED])
def test_parses_with_oxigraphs_strict_parser(folder, name, text):
    try:
        pyoxigraph.Store().query(text)
    except SyntaxError as error:
        pytest.fail(f"{folder}/{name}.rq is not strict SPARQL 1.1 (declare every PREFIX it uses): {error}")


@pytest.mark.parametrize(("folder", "name", "text"), SHIPPED, ids=[f"{f}/{n}" for f, n, _ in SHIPPED])
def test_same_answers_on_rdflib_and_oxigraph(stores, folder, name, text):
    memory, oxigraph = (rows(store.query(text)) for store in stores)
    assert Counter(memory) == Counter(oxigraph), f"{folder}/{name}.rq answers differ between rdflib and Oxigraph"
    if re.search(r"\bORDER\s+BY\b", text, re.IGNORECASE):
        assert memory == oxigraph, f"{folder}/{name}.rq: rows come in a different order (make ORDER BY total)"
