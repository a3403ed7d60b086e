"""Jena ARQ as a second, independent engine: every rule, fact query, named query and view gives, over the
curated graph, the rows the in-memory store (Oxigraph) gives.

The graph is written once as N-Triples and ARQ (`arq.sparql`) answers in W3C SPARQL JSON. Only what the
recommendation leaves to the engine is normalised: the order of ``GROUP_CONCAT`` items in the columns a
header declares as lists (``# list:``), and the lexical form of numbers and booleans (compared by value).
Row order is compared too when the query has ORDER BY.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import XSD, BNode, Literal, URIRef

from claimgraph.resources import rq_files
from claimgraph.sparql.header import parse_header
from claimgraph.store import Store, load
from helpers import GRAPHS
from jena import select_json

FOLDERS = ("audit/rules", "audit/rules/facts", "sparql/queries", "network/views")
QUERIES = [(folder, name, text) for folder in FOLDERS for name, text in rq_files(folder).items()]
IDS = [f"{folder}/{name}" for folder, name, _ in QUERIES]
NUMERIC = re.compile(r"#(integer|decimal|double|float|int|long|short|byte|nonNegativeInteger)$")


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


def comparable(term: object, separator: str | None) -> object:
    """A term with only what engines may legitimately differ on normalised."""
    if term is None:
        return None
    if isinstance(term, BNode):
        return "_:bnode"
    if isinstance(term, Literal):
        datatype = str(term.datatype or "")
        if NUMERIC.search(datatype):
            return ("number", Decimal(str(term.toPython())))
        if term.datatype == XSD.boolean:
            return ("boolean", str(term).strip() in ("true", "1"))
        if separator is not None:
            return ("list", tuple(sorted(str(term).split(separator))))
        if term.datatype == XSD.string:
            return Literal(str(term))
    return term


def rows_of(variables: list[str], rows: list[tuple[object, ...]], lists: dict[str, str]) -> list[tuple[object, ...]]:
    """Rows as tuples of comparable terms, in the given column order."""
    separators = [lists.get(variable) for variable in variables]
    return [tuple(comparable(term, sep) for term, sep in zip(row, separators, strict=True)) for row in rows]


def arq_rows(answer: str, variables: list[str]) -> list[tuple[object, ...]]:
    """ARQ's JSON answer as rows in ``variables`` order (which must be the variables ARQ answered with)."""
    parsed = json.loads(answer)
    assert sorted(parsed["head"]["vars"]) == sorted(variables), "ARQ answered with other variables"
    bindings = parsed["results"]["bindings"]
    return [tuple(from_json(row[name]) if name in row else None for name in variables) for row in bindings]


@pytest.mark.parametrize(("folder", "name", "text"), QUERIES, ids=IDS)
def test_arq_gives_the_in_memory_rows(jena: str, curated: Store, curated_ntriples: Path, tmp_path: Path,
                                      folder: str, name: str, text: str):
    lists = dict(parse_header(f"{folder}/{name}.rq", name, text).lists)
    expected = curated.query(text)
    assert expected.kind == "select", "the contract covers SELECT queries"
    query = tmp_path / f"{name}.rq"
    query.write_text(text, encoding="utf-8")
    answer = select_json(jena, curated_ntriples, query)
    on_arq = rows_of(expected.variables, arq_rows(answer, expected.variables), lists)
    in_memory = rows_of(expected.variables, list(expected.rows), lists)
    missing, extra = Counter(in_memory) - Counter(on_arq), Counter(on_arq) - Counter(in_memory)
    assert not missing and not extra, (
        f"{folder}/{name}.rq: ARQ gives {len(on_arq)} rows, the in-memory store {len(in_memory)}; "
        f"only in memory: {list(missing)[:3]}; only on ARQ: {list(extra)[:3]}")
    if re.search(r"\bORDER\s+BY\b", text, re.IGNORECASE):
        assert on_arq == in_memory, f"{folder}/{name}.rq: rows come in a different order on ARQ"


def test_only_lexical_forms_and_list_order_are_normalised():
    one_double, one_integer = Literal("1.0E0", datatype=XSD.double), Literal("1", datatype=XSD.integer)
    assert comparable(one_double, None) == comparable(one_integer, None)
    one, true = Literal("1", datatype=XSD.boolean), Literal("true", datatype=XSD.boolean)
    assert comparable(one, None) == comparable(true, None)
    assert comparable(Literal("b a", datatype=XSD.string), " ") == comparable(Literal("a b"), " ")
    assert comparable(Literal("b a"), None) != comparable(Literal("a b"), None), "undeclared columns keep their order"
    assert comparable(Literal("2", datatype=XSD.integer), None) != comparable(Literal("2"), None)
    assert comparable(Literal("x", lang="en"), None) != comparable(Literal("x"), None)
