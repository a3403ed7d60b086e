"""Named SPARQL queries shipped as ``.rq`` package data, each with a parsed header.

Most live in ``query/queries/``; a question another stage already asks is not written twice:
:data:`FROM_OTHERS` names queries of the audit (``audit/rules/<name>.rq``) and of the quote check that are also
named queries, served from their own files so the two can never drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from claimgraph.audit.ruleset import RULES
from claimgraph.errors import QueryError
from claimgraph.rq.folder import QueryFolder
from claimgraph.rq.header import RqHeader, parse_header
from claimgraph.store import QueryResult, Store, Term
from claimgraph.validate.quotes import QUERIES as QUOTE_QUERIES

QUERIES = QueryFolder("claimgraph.query", "queries")
"""The named queries, one ``.rq`` file each."""

FROM_RULES = ("conflicting-reports",)
"""Audit rules that are named queries too, under the rule's id."""
FROM_OTHERS = ((QUOTE_QUERIES, "assertion-quotes"), *((RULES, name) for name in FROM_RULES))
"""Queries other stages own that are named queries too: (folder, name)."""


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
    """Every named query, by name: ``query/queries/*.rq`` and those of :data:`FROM_OTHERS`."""
    texts = {**{name: (QUERIES, text) for name, text in QUERIES.texts().items()},
             **{name: (folder, folder.text(name)) for folder, name in FROM_OTHERS}}
    return {
        name: NamedQuery(name, parse_header(f"{folder.path}/{name}.rq", name, text), text)
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
