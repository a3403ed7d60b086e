"""Named SPARQL queries shipped as ``.rq`` package data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from claimgraph.errors import QueryError
from claimgraph.resources import rq_files
from claimgraph.store import QueryResult, Store, Term


@dataclass(frozen=True)
class NamedQuery:
    """A shipped query: its name, one-line description and SPARQL text."""

    name: str
    description: str
    text: str


def header_description(text: str) -> str:
    """The one-line description from the first ``# name: description`` comment."""
    for line in text.splitlines():
        if line.startswith("#"):
            _, _, rest = line.lstrip("# ").partition(":")
            return rest.strip()
    return ""


def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name."""
    return {
        name: NamedQuery(name, header_description(text), text)
        for name, text in rq_files("queries").items()
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
