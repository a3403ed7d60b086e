"""Jena's parser as the strict syntax check: every shipped .rq is SPARQL 1.1 that Jena accepts.

pyoxigraph's parser (test_portability.py) accepts some queries the recommendation forbids, such as
re-binding a grouped variable with ``(SAMPLE(?x) AS ?x)``; Jena's (with ``--syntax=SPARQL_11``, no ARQ
extensions) refuses them, so an invalid query cannot ship.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.rq.include import shipped_queries
from jena_tools import parse_strictly

SHIPPED = [(query.folder, query.name, query.text) for query in shipped_queries()]
IDS = [f"{folder}/{name}" for folder, name, _ in SHIPPED]


def test_the_check_refuses_what_the_recommendation_forbids(jena: str, tmp_path: Path):
    query = tmp_path / "rebinds.rq"
    query.write_text("SELECT ?s (SAMPLE(?o) AS ?o) WHERE { ?s ?p ?o } GROUP BY ?s\n", encoding="utf-8")
    message = parse_strictly(jena, query)
    assert message is not None and "?o" in message
    query.write_text("SELECT (?o + 1) WHERE { ?s ?p ?o }\n", encoding="utf-8")
    assert parse_strictly(jena, query) is not None, "ARQ's extensions must be refused"
    query.write_text("SELECT ?s (SAMPLE(?o) AS ?any) WHERE { ?s ?p ?o } GROUP BY ?s\n", encoding="utf-8")
    assert parse_strictly(jena, query) is None


@pytest.mark.parametrize(("folder", "name", "text"), SHIPPED, ids=IDS)
def test_parses_with_jenas_strict_parser(jena: str, tmp_path: Path, folder: str, name: str, text: str):
    query = tmp_path / f"{name}.rq"
    query.write_text(text, encoding="utf-8")
    message = parse_strictly(jena, query)
    if message is not None:
        pytest.fail(f"{folder}/{name}.rq is not SPARQL 1.1 by Jena's parser: {message}")
