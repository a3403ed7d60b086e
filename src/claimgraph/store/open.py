"""Open and fill a store: the ``--store`` spec registry, the default store and :func:`load`.

Store classes are imported when a store of their kind is opened, so that choosing among them
(the CLI's ``--store`` option) costs no import of rdflib or pyoxigraph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.errors import InputError
from claimgraph.resources import ontology_texts

if TYPE_CHECKING:
    from claimgraph.store.base import Store

DEFAULT_STORE = "memory"
"""The store a user gets without asking: Oxigraph in memory (no directory, nothing to set up)."""


def _no_argument(kind: str, make: Callable[[], Store], hint: str) -> Callable[[str], Store]:
    def factory(arg: str) -> Store:
        if arg:
            raise InputError(f"the {kind} store takes no argument (got {kind}:{arg}); {hint}")
        return make()
    return factory


MEMORY_COPY_OPTION = ",memory-copy="
"""The ``oxigraph:DIR`` spec's option: ``,memory-copy=off`` makes queries read the directory even when the
graph is small enough for the in-memory copy (``on``, the default)."""


def _oxigraph(arg: str = "") -> Store:
    from claimgraph.store.oxigraph import MEMORY_COPY_LIMIT, OxigraphStore

    path, option, value = arg.rpartition(MEMORY_COPY_OPTION) if MEMORY_COPY_OPTION in arg else (arg, "", "")
    if option and (value not in ("on", "off") or not path):
        raise InputError(f"use oxigraph:DIR{MEMORY_COPY_OPTION}on or …off (got oxigraph:{arg})")
    return OxigraphStore(path or None, 0 if value == "off" else MEMORY_COPY_LIMIT)


def _rdflib() -> Store:
    from claimgraph.store.rdflib_store import RdflibStore

    return RdflibStore()


def _sparql(url: str) -> Store:
    from claimgraph.store.remote import SparqlStore

    return SparqlStore.from_spec(url)


STORE_FACTORIES: dict[str, Callable[[str], Store]] = {
    "memory": _no_argument("memory", _oxigraph, "for a store on disk use oxigraph:DIR"),
    "oxigraph": _oxigraph,
    "rdflib": _no_argument("rdflib", _rdflib, "it lives in memory only"),
    "sparql": _sparql,
}
"""Store kinds by the prefix of a ``--store`` spec: ``memory`` (Oxigraph in memory, the default),
``oxigraph:DIR[,memory-copy=off]`` (on disk), ``rdflib`` (rdflib's graph and SPARQL engine),
``sparql:URL`` (a server)."""


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
    and pushing local files there is explicit (``claimgraph load --to``). A file that fails raises
    InputError naming it and its line; an Oxigraph store is then left empty, any store unfit for use.
    """
    if isinstance(store, str) and store.partition(":")[0] == "sparql":
        return open_store(store)
    if not isinstance(store, str) and store.remote:
        return store
    files = turtle_files(paths)  # first: a missing input never clears an on-disk store
    target = open_store(store) if isinstance(store, str) else store
    if include_ontology:
        for name, text in ontology_texts():
            target.load_turtle_text(text, name)
    target.load_turtle_files(files)
    return target
