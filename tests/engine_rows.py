"""What the engine contract compares: a query's rows with only what SPARQL leaves to the engine normalised.

Every shipped query (rules, facts, named queries, views, page and ingest queries) is run on another
engine and compared with the in-memory store's rows. Normalised, and nothing else: the order of
``GROUP_CONCAT`` items in the columns a query's header declares as lists (``# list: column "separator"``),
the lexical form of numbers and booleans (compared by value: Virtuoso writes ``true`` as ``1``), and
blank-node labels. Row order counts when the query has ORDER BY.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from rdflib import XSD, BNode, Literal

from claimgraph.rq.header import parse_header
from claimgraph.rq.include import shipped_queries
from claimgraph.store import QueryResult

QUERIES = [(query.folder, query.name, query.text) for query in shipped_queries()]
"""Every shipped query: (folder, name, text)."""
IDS = [f"{folder}/{name}" for folder, name, _ in QUERIES]
NUMERIC = re.compile(r"#(integer|decimal|double|float|int|long|short|byte|nonNegativeInteger)$")


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


def list_columns(folder: str, name: str, text: str) -> dict[str, str]:
    """The columns the query's header declares as GROUP_CONCAT lists, with their separators."""
    return dict(parse_header(f"{folder}/{name}.rq", name, text).lists)


def rows_of(variables: list[str], rows: list[tuple[object, ...]], lists: dict[str, str]) -> list[tuple[object, ...]]:
    """Rows as tuples of comparable terms, in the given column order."""
    separators = [lists.get(variable) for variable in variables]
    return [tuple(comparable(term, sep) for term, sep in zip(row, separators, strict=True)) for row in rows]


def in_columns(result: QueryResult, variables: list[str]) -> list[tuple[object, ...]]:
    """A result's rows with their cells in ``variables`` order (engines may order the head differently)."""
    assert sorted(result.variables) == sorted(variables), f"answered with {result.variables}, not {variables}"
    position = [result.variables.index(variable) for variable in variables]
    return [tuple(row[index] for index in position) for row in result.rows]


def assert_same_rows(where: str, text: str, variables: list[str], expected: list[tuple[object, ...]],
                     got: list[tuple[object, ...]], lists: dict[str, str], engine: str) -> None:
    """The engine's rows are the in-memory rows (as multisets; as lists under ORDER BY), with a diff on failure."""
    mine, theirs = rows_of(variables, expected, lists), rows_of(variables, got, lists)
    missing, extra = Counter(mine) - Counter(theirs), Counter(theirs) - Counter(mine)
    assert not missing and not extra, (
        f"{where}: {engine} gives {len(theirs)} rows, the in-memory store {len(mine)}; "
        f"only in memory: {list(missing)[:3]}; only on {engine}: {list(extra)[:3]}")
    if re.search(r"\bORDER\s+BY\b", text, re.IGNORECASE):
        assert theirs == mine, f"{where}: rows come in a different order on {engine}"
