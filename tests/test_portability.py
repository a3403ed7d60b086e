"""Portability contract: every shipped .rq (named queries, audit rules, the audit's fact queries
and the network views) is strict SPARQL 1.1 that gives the same answers on rdflib and on Oxigraph.

Each file must parse with pyoxigraph's strict parser on an empty store with no predeclared
prefixes, so it runs unchanged on any SPARQL 1.1 engine. Results are compared, on the fixture
graphs and on the curated graph (graphs/), as multisets of rows (blank nodes reduced to a
marker, numbers by value); list values built with GROUP_CONCAT are compared as sorted lists,
because SPARQL leaves the order of their items to the engine. When the query has ORDER BY,
the order of the rows must agree too.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pyoxigraph
import pytest
from rdflib.term import BNode, Literal

from claimgraph.queries import named_queries
from claimgraph.resources import rq_files
from claimgraph.store import QueryResult, load
from conftest import REPO
from fixture_names import TINY

FIXTURES = [TINY, TINY.parent / "sparql-extra.ttl"]
GRAPHS = {"fixture": FIXTURES, "curated": [REPO / "graphs"]}
FOLDERS = ("rules", "rules/facts", "views")
SHIPPED = [("queries", name, query.text) for name, query in named_queries().items()] + [
    (folder, name, text) for folder in FOLDERS for name, text in rq_files(folder).items()
]
IDS = [f"{folder}/{name}" for folder, name, _ in SHIPPED]
NUMERIC = re.compile(r"#(integer|decimal|double|float|int|long)$")
SEPARATOR = re.compile(r'separator\s*=\s*"((?:[^"\\]|\\.)*)"', re.IGNORECASE)
ALIAS = re.compile(r"\bAS\s+\?(\w+)\s*\)", re.IGNORECASE)
LIST_ITEMS = '" | "'
"""The audit's list separator (audit_rules.LIST_SEPARATOR) as it appears in a query."""


@pytest.fixture(scope="module", params=list(GRAPHS))
def stores(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    paths = GRAPHS[request.param]
    memory, oxigraph = load(paths, "memory"), load(paths, f"oxigraph:{tmp_path_factory.mktemp('ox')}")
    yield memory, oxigraph
    oxigraph.close()


def _expression(text: str, end: int) -> str:
    """The expression of ``(expr AS ?var)`` whose ``AS`` starts at ``end``."""
    depth = 0
    for index in range(end - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            if depth == 0:
                return text[index + 1:end]
            depth -= 1
    return ""


def list_separators(text: str) -> dict[str, str]:
    """Variables holding GROUP_CONCAT lists, with the separator between their items.

    ``SUBSTR(GROUP_CONCAT(CONCAT(" | ", ?x); separator=""), 4)`` joins with " | "; a
    variable built from another list variable (``CONCAT(?study, " ", ?reports)``) is a list too.
    """
    expressions = {match[1]: _expression(text, match.start()) for match in ALIAS.finditer(text)}
    found: dict[str, str] = {}
    for name, expression in expressions.items():
        if "GROUP_CONCAT" not in expression.upper():
            continue
        separators = [s.encode().decode("unicode_escape") for s in SEPARATOR.findall(expression)]
        given = [s for s in separators if s]
        found[name] = given[0] if given else (" | " if LIST_ITEMS in expression else "")
    changed = True
    while changed:
        changed = False
        for name, expression in expressions.items():
            if name in found:
                continue
            inner = [found[v] for v in re.findall(r"\?(\w+)", expression) if found.get(v)]
            if inner:
                found[name], changed = inner[0], True
    return {name: separator for name, separator in found.items() if separator}


def comparable(term, separator: str | None = None):
    if isinstance(term, BNode):
        return "_:bnode"
    if isinstance(term, Literal) and term.datatype is not None and NUMERIC.search(str(term.datatype)):
        return ("number", Decimal(str(term.toPython())))
    if separator and isinstance(term, Literal):
        return ("list", tuple(sorted(str(term).split(separator))))
    return term


def rows(result: QueryResult, separators: dict[str, str]) -> list[tuple]:
    if result.kind == "ask":
        return [(result.boolean,)]
    if result.kind == "graph":
        assert result.graph is not None
        return [tuple(comparable(term) for term in triple) for triple in result.graph]
    columns = [separators.get(variable) for variable in result.variables]
    return [tuple(comparable(term, sep) for term, sep in zip(row, columns, strict=True)) for row in result.rows]


def test_there_are_shipped_queries():
    assert len([name for folder, name, _ in SHIPPED if folder == "queries"]) >= 10
    assert {folder for folder, _, _ in SHIPPED} == {"queries", *FOLDERS}


def test_list_columns_are_found():
    rules = rq_files("rules")
    assert list_separators(rules["conflicting-reports"]) == {"aspects": " | ", "reports": " ", "evidence": " "}
    assert list_separators(rules["no-supporting-trial"]) == {"support": " | ", "evidence": " "}
    assert list_separators(rq_files("views")["node-study"]) == {"findings": "\n", "key_findings": "\n"}


@pytest.mark.parametrize(("folder", "name", "text"), SHIPPED, ids=IDS)
def test_parses_with_oxigraphs_strict_parser(folder, name, text):
    try:
        pyoxigraph.Store().query(text)
    except SyntaxError as error:
        pytest.fail(f"{folder}/{name}.rq is not strict SPARQL 1.1 (declare every PREFIX it uses): {error}")


@pytest.mark.parametrize(("folder", "name", "text"), SHIPPED, ids=IDS)
def test_same_answers_on_rdflib_and_oxigraph(stores, folder, name, text):
    separators = list_separators(text)
    memory, oxigraph = (rows(store.query(text), separators) for store in stores)
    assert Counter(memory) == Counter(oxigraph), f"{folder}/{name}.rq answers differ between rdflib and Oxigraph"
    if re.search(r"\bORDER\s+BY\b", text, re.IGNORECASE):
        assert memory == oxigraph, f"{folder}/{name}.rq: rows come in a different order (make ORDER BY total)"
