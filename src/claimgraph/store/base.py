"""What every store offers: load Turtle, answer SPARQL 1.1 with rdflib terms, hand over an rdflib graph.

Parameters are bound as a trailing ``VALUES`` clause built by :func:`claimgraph.store.terms.sparql_term`
(checked IRIs, escaped literals), never from pasted text, so a binding means the same on every
engine, local or remote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Literal as TypingLiteral

import rdflib
from rdflib.term import BNode, Identifier, Literal

from claimgraph.errors import QueryError
from claimgraph.namespaces import PREFIXES
from claimgraph.store.terms import sparql_term

Term = Identifier
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


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
    """A triple store claimgraph can load Turtle into and query with SPARQL 1.1.

    A store is a context manager: ``with load(paths) as store: …`` closes it afterwards.
    """

    name = "store"
    remote = False
    """True for a store that already holds its data elsewhere (a SPARQL server): load() adds nothing."""

    def load_turtle(self, path: Path) -> None:
        """Add the triples of one Turtle file; raise InputError naming file and line."""
        raise NotImplementedError

    def load_turtle_text(self, text: str, name: str) -> None:
        """Add the triples of Turtle text (package data); ``name`` is used in errors."""
        raise NotImplementedError

    def load_turtle_files(self, paths: Sequence[Path]) -> None:
        """Add the triples of each Turtle file in turn, for a caller that drops the store when one fails
        (:func:`claimgraph.store.load`): what a failed file leaves in the store is not defined here."""
        for path in paths:
            self.load_turtle(path)

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        """Run a SPARQL 1.1 query; ``bindings`` restrict variables to RDF terms (a trailing VALUES clause)."""
        return self._execute(with_values(sparql, bindings) if bindings else sparql)

    def _execute(self, sparql: str) -> QueryResult:
        raise NotImplementedError

    def select_strings(self, sparql: str) -> list[dict[str, str]]:
        """A SELECT's rows as plain strings (an IRI, a blank node's label, a literal's lexical form), bound
        variables only: for callers that need no RDF terms (the audit), which a store may answer faster."""
        result = self._execute(sparql)
        return [{name: str(value) for name, value in zip(result.variables, row, strict=True) if value is not None}
                for row in result.rows]

    def select_strings_each(self, queries: Sequence[Query]) -> Iterator[list[dict[str, str]]]:
        """Each SELECT's rows as :meth:`select_strings` gives them, yielded in the order of ``queries`` (a
        failing query's error raised in its turn); a store whose engine answers side by side may run them
        concurrently, so the caller works on one answer while the next ones are computed. A query given
        as a function is called for its text when its turn comes (it may wait for an earlier answer)."""
        for query in queries:
            yield self.select_strings(query_text(query))

    def select_values(self, sparql: str) -> str | None:
        """A SELECT's answer as a SPARQL ``VALUES`` block (terms written by :func:`sparql_term`, ``UNDEF`` for
        unbound), for joining it into another query; None for no rows (rdflib refuses an empty block of
        several variables) and when a row holds a blank node, which no VALUES block can name."""
        result = self._execute(sparql)
        if result.kind != "select":
            raise QueryError("expected a SELECT query")
        rows = []
        for row in result.rows:
            if any(isinstance(term, BNode) for term in row):
                return None
            rows.append(" ".join(_values_term(term) for term in row))
        return values_block(result.variables, rows) if rows else None

    def to_rdflib(self) -> rdflib.Graph:
        """The store's content as an rdflib Graph (for SHACL and exports)."""
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def close(self) -> None:
        """Release files or connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


Query = str | Callable[[], str]
"""A query's text, or a function that gives it when the query's turn comes."""


def query_text(query: Query) -> str:
    """The text of a :data:`Query`."""
    return query() if callable(query) else query


def _values_term(term: Term | None) -> str:
    """A term for a VALUES block: an ``xsd:string`` literal keeps its datatype written out, since rdflib tells
    ``"x"^^xsd:string`` from ``"x"`` (RDF 1.1 does not) and would join neither with the other."""
    if term is None:
        return "UNDEF"
    text = sparql_term(term)
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == XSD_STRING:
        return f"{text}^^<{XSD_STRING}>"
    return text


def values_block(variables: Sequence[str], rows: Iterable[str]) -> str:
    """A ``VALUES`` block of ``variables`` from rows of terms already in SPARQL syntax, separated by spaces."""
    head = " ".join(f"?{name}" for name in variables)
    return f"VALUES ({head}) {{\n" + "".join(f"  ({row})\n" for row in rows) + "}"


def bind_prefixes(graph: rdflib.Graph) -> rdflib.Graph:
    """``graph`` with claimgraph's prefixes bound (for readable Turtle)."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def with_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    """The query with a trailing ``VALUES`` clause binding each variable to one term."""
    names = list(bindings)
    for name in names:
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"not a variable name: {name!r}")
    head = " ".join(f"?{name}" for name in names)
    row = " ".join(sparql_term(bindings[name]) for name in names)
    return f"{sparql.rstrip()}\nVALUES ({head}) {{ ({row}) }}\n"


def one_line(error: BaseException | str) -> str:
    """An error message on one line."""
    return " ".join(str(error).split())
