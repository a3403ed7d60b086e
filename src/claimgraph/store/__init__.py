"""Load: stores behind one interface (Oxigraph in memory, the default, or on disk; rdflib; a remote SPARQL server).

Every command loads the graph through :func:`load` and asks questions through
:meth:`Store.query`, so the same SPARQL runs, and gives the same answers, on every store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from claimgraph.errors import InputError
from claimgraph.resources import ontology_texts
from claimgraph.store.base import XSD_STRING, QueryResult, Store, Term, bind_prefixes, with_values
from claimgraph.store.oxigraph import OxigraphStore
from claimgraph.store.rdflib_store import RdflibStore
from claimgraph.store.remote import SparqlStore
from claimgraph.store.terms import TermError, parse_term, sparql_term

__all__ = [
    "DEFAULT_STORE",
    "STORE_FACTORIES",
    "XSD_STRING",
    "OxigraphStore",
    "QueryResult",
    "RdflibStore",
    "SparqlStore",
    "Store",
    "Term",
    "TermError",
    "bind_prefixes",
    "load",
    "open_store",
    "parse_term",
    "sparql_term",
    "turtle_files",
    "with_values",
]

DEFAULT_STORE = "memory"
"""The store a user gets without asking: Oxigraph in memory (no directory, nothing to set up)."""


def _no_argument(kind: str, make: Callable[[], Store], hint: str) -> Callable[[str], Store]:
    def factory(arg: str) -> Store:
        if arg:
            raise InputError(f"the {kind} store takes no argument (got {kind}:{arg}); {hint}")
        return make()
    return factory


STORE_FACTORIES: dict[str, Callable[[str], Store]] = {
    "memory": _no_argument("memory", OxigraphStore, "for a store on disk use oxigraph:DIR"),
    "oxigraph": lambda arg: OxigraphStore(arg or None),
    "rdflib": _no_argument("rdflib", RdflibStore, "it lives in memory only"),
    "sparql": SparqlStore.from_spec,
}
"""Store kinds by the prefix of a ``--store`` spec: ``memory`` (Oxigraph in memory, the default),
``oxigraph:DIR`` (on disk), ``rdflib`` (rdflib's graph and SPARQL engine), ``sparql:URL`` (a server)."""


def open_store(spec: str = DEFAULT_STORE) -> Store:
    """An empty store from a spec such as ``memory``, ``rdflib`` or ``oxigraph:build/store``."""
    kind, _, arg = spec.partition(":")
    factory = STORE_FACTORIES.get(kind)
    if factory is None:
        known = ", ".join(name if name in ("memory", "rdflib") else f"{name}:…" for name in STORE_FACTORIES)
        raise InputError(f"unknown store {spec!r}; use one of: {known}")
    return factory(arg)


def turtle_files(paths: Iterable[str | Path]) -> list[Path]:
    """The Turtle files named by ``paths``: files as given, directories expanded (*.ttl, sorted, at least one)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(entry for entry in path.glob("*.ttl") if entry.is_file())
            if not inside:
                raise InputError(f"no .ttl files in {path}")
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise InputError("no such file or directory", str(path))
    return found


def load(paths: Sequence[str | Path], store: str | Store = DEFAULT_STORE, include_ontology: bool = True) -> Store:
    """Load the ontology and the Turtle files or directories in ``paths`` into a store.

    A remote store (``sparql:``) is returned as it is: the server already holds the graph,
    and pushing local files there is explicit (``claimgraph load --to``).
    """
    if isinstance(store, str) and store.partition(":")[0] == "sparql":
        return open_store(store)
    if isinstance(store, Store) and store.remote:
        return store
    files = turtle_files(paths)  # first: a missing input never clears an on-disk store
    target = open_store(store) if isinstance(store, str) else store
    if include_ontology:
        for name, text in ontology_texts():
            target.load_turtle_text(text, name)
    for path in files:
        target.load_turtle(path)
    return target
