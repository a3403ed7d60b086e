"""Running a user's SPARQL: from a ``.rq`` file, an expression or a named query, with parameters.

Parameters are parsed into RDF terms (:func:`claimgraph.store.terms.parse_term`) and bound
through :meth:`Store.query` (a trailing ``VALUES`` clause built from checked, escaped terms),
never pasted into the query text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from claimgraph.errors import InputError, QueryError
from claimgraph.namespaces import PREFIXES
from claimgraph.query.named import get_named
from claimgraph.rq.header import declared_params
from claimgraph.store import QueryResult, Store, Term
from claimgraph.store.terms import TermError, parse_term
from claimgraph.textfile import read_utf8

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class UserQuery:
    """A query to run: where it came from (for messages) and its SPARQL text."""

    origin: str
    text: str

    def parameters(self) -> dict[str, str]:
        """Parameters documented by ``# param: name — description`` header lines."""
        return declared_params(self.text)


def resolve_query(query: str | None, expression: str | None) -> UserQuery:
    """The query named by the command line: ``-e`` text, a ``.rq`` file, or a named query."""
    if expression is not None:
        if query is not None:
            raise InputError("give either a QUERY or -e/--expression, not both")
        return UserQuery("-e", expression)
    if query is None:
        raise InputError("give a QUERY (.rq file or named query) or -e 'SELECT …'; `claimgraph queries` lists names")
    path = Path(query)
    if path.suffix == ".rq" or path.is_file():
        return UserQuery(str(path), read_utf8(path))
    named = get_named(query)
    return UserQuery(named.name, named.text)


def parse_params(pairs: Iterable[str]) -> dict[str, Term]:
    """``name=VALUE`` pairs from ``--param`` as variable bindings."""
    bindings: dict[str, Term] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name:
            raise InputError(f"--param needs name=VALUE, got {pair!r}")
        if not _VARIABLE.fullmatch(name):
            raise InputError(f"--param {name}: not a variable name (letters, digits and _)")
        if name in bindings:
            raise InputError(f"--param {name} given twice")
        try:
            bindings[name] = parse_term(value)
        except TermError as error:
            raise InputError(f"--param {name}: {error}") from None
    return bindings


def check_bindings(query: UserQuery, bindings: Mapping[str, Term]) -> None:
    """Refuse a parameter the query never mentions (a typo would silently match everything)."""
    for name in bindings:
        if not re.search(rf"[?$]{re.escape(name)}\b", query.text):
            known = ", ".join(query.parameters()) or "none documented"
            raise InputError(f"{query.origin} has no variable ?{name} (parameters: {known})")


class UpdateRefused(QueryError):
    """An update (INSERT, DELETE, LOAD, CLEAR…) sent where only queries are run."""


class OutboundRefused(QueryError):
    """A query that would fetch from the network (SERVICE, FROM, FROM NAMED)."""


_QUERY_KINDS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "graph", "DescribeQuery": "graph"}


def _mentions_service(node: object) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_mentions_service(value) for value in node.values())
    if isinstance(node, list | tuple):
        return any(_mentions_service(value) for value in node)
    return False


def inspect_query(text: str) -> str:
    """The kind of a read-only, offline query (select, ask or graph); refuse anything else.

    Parsed with rdflib's SPARQL 1.1 parser (claimgraph's prefixes predeclared): a syntax
    error names its position; an update raises UpdateRefused; SERVICE, FROM and FROM NAMED
    raise OutboundRefused, since rdflib and Oxigraph would fetch those over the network.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        prepared = prepareQuery(text, initNs=PREFIXES)
    except ParseException as error:
        try:
            parseUpdate(text)
        except Exception:
            raise QueryError(f"SPARQL syntax error: {error}") from None
        raise UpdateRefused("updates (INSERT, DELETE, LOAD, CLEAR…) are refused") from None
    except Exception as error:
        raise QueryError(f"SPARQL error: {' '.join(str(error).split())}") from None
    algebra = prepared.algebra
    if algebra.get("datasetClause"):
        raise OutboundRefused("FROM and FROM NAMED are refused: queries run on the loaded graph, offline")
    if _mentions_service(algebra):
        raise OutboundRefused("SERVICE is refused: claimgraph makes no outbound requests")
    return _QUERY_KINDS[algebra.name]


def run_query(store: Store, query: UserQuery, bindings: Mapping[str, Term] | None = None) -> QueryResult:
    """Run a user query on a store with parameters bound as RDF terms.

    On local stores the query is inspected first (:func:`inspect_query`); a remote
    server parses and polices its own queries.
    """
    bindings = dict(bindings or {})
    check_bindings(query, bindings)
    if not store.remote:
        try:
            inspect_query(query.text)
        except QueryError as error:
            raise type(error)(f"{query.origin}: {error}") from None
    try:
        return store.query(query.text, bindings or None)
    except QueryError as error:
        raise QueryError(f"{query.origin}: {error}") from None
