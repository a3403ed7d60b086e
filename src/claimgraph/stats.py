"""Counts of sources, claims, assertions, studies, mechanisms and triples."""

from __future__ import annotations

from claimgraph.queries import run_named
from claimgraph.store import Store


def stats(store: Store) -> dict[str, int]:
    """Counts of each kind of record, from the named query ``stats``."""
    (row,) = run_named(store, "stats").dicts()
    return {name: int(value) for name, value in row.items()}  # type: ignore[call-overload]
