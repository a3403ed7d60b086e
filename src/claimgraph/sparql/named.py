"""Named SPARQL queries shipped as ``.rq`` package data, each with a parsed header.

Most live in ``sparql/queries/``; a question the audit already answers is not asked twice:
:data:`FROM_RULES` names audit rules (``audit/rules/<name>.rq``) that are also named queries,
served from the rule's own file so the two can never drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from claimgraph.errors import QueryError
from claimgraph.resources import rq_files
from claimgraph.sparql.header import RqHeader, parse_header
from claimgraph.store import QueryResult, Store, Term

QUERIES_FOLDER = "sparql/queries"
RULES_FOLDER = "audit/rules"

FROM_RULES = ("conflicting-reports",)
"""Audit rules that are named queries too, under the rule's id."""


@dataclass(frozen=True)
class NamedQuery:
    """A shipped query: its name, parsed header and SPARQL text."""

    name: str
    header: RqHeader
    text: str

    @property
    def description(self) -> str:
        """The one-line description from the header's first line."""
        return self.header.description


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name: ``sparql/queries/*.rq`` and the rules in :data:`FROM_RULES`."""
    rules = rq_files(RULES_FOLDER)
    texts = {**{name: (QUERIES_FOLDER, text) for name, text in rq_files(QUERIES_FOLDER).items()},
             **{name: (RULES_FOLDER, rules[name]) for name in FROM_RULES}}
    return {
        name: NamedQuery(name, parse_header(f"{folder}/{name}.rq", name, text), text)
        for name, (folder, text) in sorted(texts.items())
    }


def get_named(name: str) -> NamedQuery:
    """One named query; an unknown name lists the known ones."""
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"unknown named query {name!r}; known: {', '.join(queries)}")
    return queries[name]


def run_named(store: Store, name: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
    """Run a named query on a store."""
    return store.query(get_named(name).text, bindings)


def stats(store: Store) -> dict[str, int]:
    """Counts of each kind of record (sources, claims, assertions, studies… triples), from ``stats.rq``."""
    (row,) = run_named(store, "stats").dicts()
    return {name: int(str(value)) for name, value in row.items()}
