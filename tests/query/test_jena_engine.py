"""Jena ARQ as a second, independent engine: every rule, fact query, named query and view gives, over the
curated graph, the rows the in-memory store (Oxigraph) gives.

The graph is written once as N-Triples and ARQ (`arq.sparql`) answers in W3C SPARQL JSON; what is
normalised, and only that, is stated in ``tests/engine_rows.py`` (the same contract Virtuoso is held to).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import XSD, BNode, Literal, URIRef

from claimgraph.store import Store, load
from engine_rows import IDS, QUERIES, assert_same_rows, comparable, list_columns
from helpers import GRAPHS
from jena_tools import select_json


@pytest.fixture(scope="module")
def curated() -> Store:
    """The curated graph (ontology and graphs/) in the in-memory store."""
    return load([GRAPHS], "memory")


@pytest.fixture(scope="module")
def curated_ntriples(curated: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same triples as one N-Triples file for ARQ."""
    path = tmp_path_factory.mktemp("arq") / "curated.nt"
    curated.to_rdflib().serialize(path, format="nt", encoding="utf-8")
    return path


def from_json(binding: dict[str, str]) -> object:
    """An rdflib term from one W3C SPARQL JSON binding."""
    if binding["type"] == "uri":
        return URIRef(binding["value"])
    if binding["type"] == "bnode":
        return BNode(binding["value"])
    return Literal(binding["value"], lang=binding.get("xml:lang"), datatype=binding.get("datatype"))


def arq_rows(answer: str, variables: list[str]) -> list[tuple[object, ...]]:
    """ARQ's JSON answer as rows in ``variables`` order (which must be the variables ARQ answered with)."""
    parsed = json.loads(answer)
    assert sorted(parsed["head"]["vars"]) == sorted(variables), "ARQ answered with other variables"
    bindings = parsed["results"]["bindings"]
    return [tuple(from_json(row[name]) if name in row else None for name in variables) for row in bindings]


@pytest.mark.parametrize(("folder", "name", "text"), QUERIES, ids=IDS)
def test_arq_gives_the_in_memory_rows(jena: str, curated: Store, curated_ntriples: Path, tmp_path: Path,
                                      folder: str, name: str, text: str):
    expected = curated.query(text)
    assert expected.kind == "select", "the contract covers SELECT queries"
    query = tmp_path / f"{name}.rq"
    query.write_text(text, encoding="utf-8")
    on_arq = arq_rows(select_json(jena, curated_ntriples, query), expected.variables)
    assert_same_rows(f"{folder}/{name}.rq", text, expected.variables, list(expected.rows), on_arq,
                     list_columns(folder, name, text), "ARQ")


def test_only_lexical_forms_and_list_order_are_normalised():
    one_double, one_integer = Literal("1.0E0", datatype=XSD.double), Literal("1", datatype=XSD.integer)
    assert comparable(one_double, None) == comparable(one_integer, None)
    one, true = Literal("1", datatype=XSD.boolean), Literal("true", datatype=XSD.boolean)
    assert comparable(one, None) == comparable(true, None)
    assert comparable(Literal("b a", datatype=XSD.string), " ") == comparable(Literal("a b"), " ")
    assert comparable(Literal("b a"), None) != comparable(Literal("a b"), None), "undeclared columns keep their order"
    assert comparable(Literal("2", datatype=XSD.integer), None) != comparable(Literal("2"), None)
    assert comparable(Literal("x", lang="en"), None) != comparable(Literal("x"), None)
