"""The rdflib store: an in-memory rdflib Graph and rdflib's SPARQL engine."""

from __future__ import annotations

import re
from pathlib import Path

import rdflib

from claimgraph.errors import InputError, QueryError
from claimgraph.namespaces import PREFIXES
from claimgraph.rdflib_logs import CONVERSION_FAILED
from claimgraph.store.base import QueryResult, Store, bind_prefixes, one_line
from claimgraph.store.checks import check_turtle, quiet_rdflib, rdflib_warning
from claimgraph.textfile import read_utf8


class RdflibStore(Store):
    """An rdflib in-memory graph, queried by rdflib's own SPARQL engine (``--store rdflib``)."""

    name = "rdflib"

    def __init__(self) -> None:
        self.graph = bind_prefixes(rdflib.Graph())

    def load_turtle(self, path: Path) -> None:
        """Parse one Turtle file (UTF-8, relative IRIs against the file's URI) into the graph."""
        self._add(read_utf8(path), str(path), path.absolute().as_uri())

    def load_turtle_text(self, text: str, name: str) -> None:
        """Parse Turtle text into the graph."""
        self._add(text, name, None)

    def _add(self, text: str, name: str, base: str | None) -> None:
        """Parse into a graph of its own (sharing the prefixes), check its terms, then add it: all or nothing."""
        check_turtle(text, name, base)
        part = rdflib.Graph(namespace_manager=self.graph.namespace_manager)
        with quiet_rdflib() as messages:
            try:
                part.parse(data=text, format="turtle", publicID=base)
            except Exception as error:  # rdflib raises several unrelated types
                raise turtle_error(error, name) from None
        judged = [message for message in messages if message.startswith(CONVERSION_FAILED)]  # see rdflib_logs
        rdflib_warning([message for message in messages if message not in judged], name)
        self.graph += part

    def _execute(self, sparql: str) -> QueryResult:
        try:
            return _from_rdflib_result(self.graph.query(sparql, initNs=PREFIXES))
        except QueryError:
            raise
        except Exception as error:
            raise QueryError(f"SPARQL error: {one_line(error)}") from None

    def to_rdflib(self) -> rdflib.Graph:
        """The graph itself (not a copy)."""
        return self.graph

    def __len__(self) -> int:
        return len(self.graph)


def _from_rdflib_result(result: rdflib.query.Result) -> QueryResult:
    if result.type == "ASK":
        return QueryResult(kind="ask", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = bind_prefixes(rdflib.Graph())
        for triple in result:
            graph.add(triple)  # type: ignore[arg-type]
        return QueryResult(kind="graph", graph=graph)
    variables = [str(v) for v in (result.vars or [])]
    rows = [tuple(row) for row in result]  # type: ignore[arg-type]
    return QueryResult(kind="select", variables=variables, rows=rows)  # type: ignore[arg-type]


def turtle_error(error: Exception, name: str) -> InputError:
    """An rdflib parse error as InputError with the 1-based line where rdflib knows it."""
    from rdflib.plugins.parsers.notation3 import BadSyntax

    if isinstance(error, BadSyntax):
        reason = re.search(r"Bad syntax \(([^)]*)\)", str(error.message))
        detail = reason.group(1) if reason else one_line(error.message).split(" at ^")[0]
        return InputError(f"Turtle syntax error: {detail}", name, error.lines + 1)
    if isinstance(error, FileNotFoundError):
        return InputError("no such file", name)
    return InputError(f"cannot parse Turtle: {one_line(error)}", name)
