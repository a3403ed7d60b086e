"""Named SPARQL queries shipped as ``.rq`` package data.

Most live in ``queries/``; a question the audit already answers is not asked twice:
:data:`FROM_RULES` names audit rules (``rules/<name>.rq``) that are also named queries,
served from the rule's own file so the two can never drift apart.
"""

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


FROM_RULES = ("conflicting-reports",)
"""Audit rules that are named queries too, under the rule's id."""


def named_query_texts() -> dict[str, str]:
    """Name to SPARQL text of every named query: ``queries/*.rq`` and the rules in :data:`FROM_RULES`."""
    rules = rq_files("rules")
    texts = {**rq_files("queries"), **{name: rules[name] for name in FROM_RULES}}
    return dict(sorted(texts.items()))


def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name."""
    return {name: NamedQuery(name, header_description(text), text) for name, text in named_query_texts().items()}


def get_named(name: str) -> NamedQuery:
    """One named query; an unknown name lists the known ones."""
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"unknown named query {name!r}; known: {', '.join(queries)}")
    return queries[name]


def run_named(store: Store, name: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
    """Run a named query on a store."""
    return store.query(get_named(name).text, bindings)
