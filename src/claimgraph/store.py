"""Stores behind one interface: in-memory rdflib, on-disk Oxigraph (and remote SPARQL).

Every command loads the graph through :func:`load` and asks questions through
:meth:`Store.query`, so the same SPARQL runs, and gives the same answers, on every store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Literal as TypingLiteral

import rdflib
from rdflib.term import BNode, Identifier, Literal, URIRef

from claimgraph.errors import InputError, QueryError
from claimgraph.namespaces import PREFIXES
from claimgraph.resources import ontology_texts

Term = Identifier
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass
class QueryResult:
    """A SPARQL result with rdflib terms, whatever store produced it."""

    kind: TypingLiteral["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: rdflib.Graph | None = None

    def dicts(self) -> list[dict[str, Term]]:
        """Rows as dicts of bound variables only."""
        return [
            {name: value for name, value in zip(self.variables, row, strict=True) if value is not None}
            for row in self.rows
        ]


class Store:
    """A triple store claimgraph can load Turtle into and query with SPARQL 1.1."""

    name = "store"
    remote = False
    """True for a store that already holds its data elsewhere (a SPARQL server): load() adds nothing."""

    def load_turtle(self, path: Path) -> None:
        """Add the triples of one Turtle file; raise InputError naming file and line."""
        raise NotImplementedError

    def load_turtle_text(self, text: str, name: str) -> None:
        """Add the triples of Turtle text (package data); ``name`` is used in errors."""
        raise NotImplementedError

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        """Run a SPARQL 1.1 query; ``bindings`` restrict variables to RDF terms.

        Bindings become a trailing ``VALUES`` clause built from serialised terms, never
        from pasted text, so they mean the same on every engine, local or remote.
        """
        return self._execute(with_values(sparql, bindings) if bindings else sparql)

    def _execute(self, sparql: str) -> QueryResult:
        raise NotImplementedError

    def to_rdflib(self) -> rdflib.Graph:
        """The store's content as an rdflib Graph (for SHACL and exports)."""
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def close(self) -> None:
        """Release files or connections."""


def _bind_prefixes(graph: rdflib.Graph) -> None:
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)


class MemoryStore(Store):
    """The default store: an rdflib in-memory graph."""

    name = "memory"

    def __init__(self) -> None:
        self.graph = rdflib.Graph()
        _bind_prefixes(self.graph)

    def load_turtle(self, path: Path) -> None:
        try:
            self.graph.parse(path, format="turtle")
        except Exception as error:  # rdflib raises several unrelated types
            raise _turtle_error(error, str(path)) from None

    def load_turtle_text(self, text: str, name: str) -> None:
        try:
            self.graph.parse(data=text, format="turtle")
        except Exception as error:
            raise _turtle_error(error, name) from None

    def _execute(self, sparql: str) -> QueryResult:
        try:
            return _from_rdflib_result(self.graph.query(sparql, initNs=PREFIXES))
        except QueryError:
            raise
        except Exception as error:
            raise QueryError(f"SPARQL error: {_one_line(error)}") from None

    def to_rdflib(self) -> rdflib.Graph:
        return self.graph

    def __len__(self) -> int:
        return len(self.graph)


def _from_rdflib_result(result: rdflib.query.Result) -> QueryResult:
    if result.type == "ASK":
        return QueryResult(kind="ask", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = rdflib.Graph()
        _bind_prefixes(graph)
        for triple in result:
            graph.add(triple)  # type: ignore[arg-type]
        return QueryResult(kind="graph", graph=graph)
    variables = [str(v) for v in (result.vars or [])]
    rows = [tuple(row) for row in result]  # type: ignore[arg-type]
    return QueryResult(kind="select", variables=variables, rows=rows)  # type: ignore[arg-type]


class OxigraphStore(Store):
    """An on-disk Oxigraph store (pyoxigraph), cleared and bulk-loaded on open."""

    name = "oxigraph"

    def __init__(self, path: str | Path | None = None) -> None:
        import pyoxigraph

        self._ox = pyoxigraph
        self.path = Path(path) if path else None
        if self.path is not None:
            if self.path.exists() and not self.path.is_dir():
                raise InputError("an Oxigraph store must be a directory", str(self.path))
            if self.path.is_dir() and any(self.path.iterdir()) and not (self.path / "CURRENT").is_file():
                raise InputError("not an Oxigraph store and not empty; refusing to clear it", str(self.path))
            self.path.mkdir(parents=True, exist_ok=True)
            self.store = pyoxigraph.Store(str(self.path))
            self.store.clear()
        else:
            self.store = pyoxigraph.Store()

    def load_turtle(self, path: Path) -> None:
        try:
            self.store.bulk_load(path=str(path), format=self._ox.RdfFormat.TURTLE)
        except SyntaxError as error:
            raise InputError(_oxigraph_message(error), str(path), error.lineno) from None
        except OSError as error:
            raise InputError(error.strerror or str(error), str(path)) from None

    def load_turtle_text(self, text: str, name: str) -> None:
        try:
            self.store.bulk_load(text.encode("utf-8"), format=self._ox.RdfFormat.TURTLE)
        except SyntaxError as error:
            raise InputError(_oxigraph_message(error), name, error.lineno) from None

    def _execute(self, sparql: str) -> QueryResult:
        ox = self._ox
        try:
            result = self.store.query(sparql, prefixes=PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {error}") from None
        except (OSError, ValueError, RuntimeError) as error:
            raise QueryError(f"SPARQL error: {_one_line(error)}") from None
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(kind="ask", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            convert = _term_converter()
            rows = [tuple([convert(term) for term in solution]) for solution in result]
            return QueryResult(kind="select", variables=variables, rows=rows)
        assert isinstance(result, ox.QueryTriples)
        graph = rdflib.Graph()
        _bind_prefixes(graph)
        convert = _term_converter()
        for triple in result:
            subject, predicate, obj = (convert(t) for t in (triple.subject, triple.predicate, triple.object))
            graph.add((subject, predicate, obj))  # type: ignore[arg-type]
        return QueryResult(kind="graph", graph=graph)

    def to_rdflib(self) -> rdflib.Graph:
        data = self.store.dump(format=self._ox.RdfFormat.N_TRIPLES, from_graph=self._ox.DefaultGraph())
        graph = rdflib.Graph()
        _bind_prefixes(graph)
        graph.parse(data=data, format="nt")
        return graph

    def __len__(self) -> int:
        return len(self.store)

    def close(self) -> None:
        self.store.flush()


_UNSAFE_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def sparql_term(term: Term) -> str:
    """An RDF term in SPARQL syntax, refusing IRIs that could break out of ``<…>``."""
    if isinstance(term, URIRef):
        if _UNSAFE_IRI.search(str(term)):
            raise QueryError(f"not a valid IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise QueryError(f"cannot bind {term!r}: only IRIs and literals can be bound")


def with_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    """The query with a trailing ``VALUES`` clause binding each variable to one term."""
    names = list(bindings)
    for name in names:
        if not _VARIABLE.match(name):
            raise QueryError(f"not a variable name: {name!r}")
    head = " ".join(f"?{name}" for name in names)
    row = " ".join(sparql_term(bindings[name]) for name in names)
    return f"{sparql.rstrip()}\nVALUES ({head}) {{ ({row}) }}\n"


_TERM_CACHE: dict[object, Term] = {}
_TERM_CACHE_LIMIT = 500_000
"""Converted pyoxigraph IRIs and literals: building an rdflib Literal parses its lexical form
(2-7 µs each), and result rows repeat the same claims, codes, levels and booleans."""


def _term_converter() -> Callable[[object], Term | None]:
    """``from_oxigraph`` with a cache of the immutable terms it built before (pyoxigraph terms
    compare and hash as RDF terms: same IRI, or same lexical form, datatype and language)."""
    if len(_TERM_CACHE) > _TERM_CACHE_LIMIT:
        _TERM_CACHE.clear()
    cache = _TERM_CACHE
    lookup = cache.get

    def convert(term: object) -> Term | None:
        if term is None:
            return None
        found = lookup(term)
        if found is None:
            found = from_oxigraph(term)
            if not isinstance(found, BNode):  # blank node labels are scoped to one result
                cache[term] = found  # type: ignore[assignment]
        return found

    return convert


def from_oxigraph(term: object) -> Term | None:
    """A pyoxigraph term as the equal rdflib term (plain strings stay plain)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise QueryError(f"unsupported RDF term in result: {term!r}")


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())


def _oxigraph_message(error: SyntaxError) -> str:
    return " ".join((error.msg or str(error)).split())


def _turtle_error(error: Exception, name: str) -> InputError:
    """An rdflib parse error as InputError with the 1-based line where rdflib knows it."""
    from rdflib.plugins.parsers.notation3 import BadSyntax

    if isinstance(error, BadSyntax):
        reason = re.search(r"Bad syntax \(([^)]*)\)", str(error.message))
        detail = reason.group(1) if reason else _one_line(Exception(error.message)).split(" at ^")[0]
        return InputError(f"Turtle syntax error: {detail}", name, error.lines + 1)
    if isinstance(error, FileNotFoundError):
        return InputError("no such file", name)
    return InputError(f"cannot parse Turtle: {_one_line(error)}", name)


STORE_FACTORIES: dict[str, Callable[[str], Store]] = {
    "memory": lambda _arg: MemoryStore(),
    "oxigraph": lambda arg: OxigraphStore(arg or None),
    "sparql": lambda arg: import_module("claimgraph.remote").SparqlStore.from_spec(arg),
}
"""Store kinds by the prefix of a ``--store`` spec, e.g. ``oxigraph:PATH``."""

REMOTE_STORE_KINDS = frozenset({"sparql"})
"""Store kinds whose data lives on a server: load() opens them and loads nothing."""


def open_store(spec: str = "memory") -> Store:
    """An empty store from a spec such as ``memory`` or ``oxigraph:build/store``."""
    kind, _, arg = spec.partition(":")
    factory = STORE_FACTORIES.get(kind)
    if factory is None:
        known = ", ".join(f"{name}:…" if name != "memory" else name for name in STORE_FACTORIES)
        raise InputError(f"unknown store {spec!r}; use one of: {known}")
    return factory(arg)


def turtle_files(paths: Iterable[str | Path]) -> list[Path]:
    """The Turtle files named by ``paths``: files as given, directories expanded (*.ttl, sorted)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(path.glob("*.ttl")))
        elif path.is_file():
            found.append(path)
        else:
            raise InputError("no such file or directory", str(path))
    return found


def load(
    paths: Sequence[str | Path],
    store: str | Store = "memory",
    include_ontology: bool = True,
) -> Store:
    """Load the ontology and the Turtle files or directories in ``paths`` into a store.

    A remote store (``sparql:``) is returned as it is: the server already holds the graph,
    and pushing local files there is explicit (``claimgraph load --to``).
    """
    if isinstance(store, str) and store.partition(":")[0] in REMOTE_STORE_KINDS:
        return open_store(store)
    if isinstance(store, Store) and store.remote:
        return store
    files_to_load = turtle_files(paths)
    target = open_store(store) if isinstance(store, str) else store
    if include_ontology:
        for name, text in ontology_texts():
            target.load_turtle_text(text, name)
    for path in files_to_load:
        target.load_turtle(path)
    return target

