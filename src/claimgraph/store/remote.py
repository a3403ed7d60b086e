"""A remote SPARQL 1.1 server as a claimgraph store, and pushing a graph to one.

``--store sparql:QUERY_URL[,UPDATE_URL]`` runs every command against a server (Oxigraph,
Fuseki, Virtuoso, QLever…). The server already holds the data: :func:`claimgraph.store.load`
does not push local files into a remote store. Pushing is explicit, with
``claimgraph load --to URL`` (:func:`push_graph`), through the SPARQL 1.1 Graph Store
Protocol or SPARQL 1.1 Update. Only the standard library talks HTTP here.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any
from typing import Literal as TypingLiteral

import rdflib
from rdflib.term import BNode, Literal, URIRef

from claimgraph.errors import ClaimgraphError, InputError
from claimgraph.namespaces import PREFIXES
from claimgraph.store.base import XSD_STRING, QueryResult, Store, Term, bind_prefixes
from claimgraph.textfile import read_utf8

RESULTS_JSON = "application/sparql-results+json"
ACCEPT = f"{RESULTS_JSON}, application/n-triples;q=0.9, text/turtle;q=0.8"
GRAPH_TYPES = {"application/n-triples": "nt", "text/turtle": "turtle", "text/plain": "nt"}
DEFAULT_TIMEOUT = 120.0
_DECLARED_PREFIX = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)


class RemoteError(ClaimgraphError):
    """A remote SPARQL server that cannot be reached, refuses a request or answers garbage."""


class SparqlStore(Store):
    """A store that is a remote SPARQL 1.1 endpoint (query URL, optional update URL)."""

    name = "sparql"
    remote = True

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        for url in (query_url, update_url):
            if url is not None and urllib.parse.urlparse(url).scheme not in ("http", "https"):
                raise InputError(f"not an http(s) URL: {url!r}")
        self.query_url = query_url
        self.update_url = update_url
        self.timeout = timeout

    @classmethod
    def from_spec(cls, arg: str) -> SparqlStore:
        """A store from the part of ``sparql:QUERY_URL[,UPDATE_URL]`` after ``sparql:``."""
        if not arg:
            raise InputError("--store sparql: needs a URL: sparql:QUERY_URL[,UPDATE_URL]")
        urls = arg.split(",")
        if len(urls) > 2:
            raise InputError(f"--store sparql: takes one or two URLs, got {len(urls)}: sparql:QUERY_URL[,UPDATE_URL]")
        update_url = urls[1].strip() if len(urls) == 2 else ""
        return cls(urls[0].strip(), update_url or None)

    def load_turtle(self, path: Path) -> None:
        """Insert one Turtle file into the server's default graph (needs UPDATE_URL)."""
        self.load_turtle_text(read_utf8(path), str(path))

    def load_turtle_text(self, text: str, name: str) -> None:
        """Insert Turtle into the server's default graph with SPARQL Update (needs UPDATE_URL)."""
        if self.update_url is None:
            raise RemoteError(f"cannot add {name} to {self.query_url}: no update URL (sparql:QUERY_URL,UPDATE_URL)")
        graph = rdflib.Graph()
        try:
            graph.parse(data=text, format="turtle")
        except Exception as error:
            raise InputError(f"cannot parse Turtle: {' '.join(str(error).split())}", name) from None
        push_graph(graph, self.update_url, via="update")

    def _execute(self, sparql: str) -> QueryResult:
        body = urllib.parse.urlencode({"query": with_prefixes(sparql)}).encode("utf-8")
        content_type, payload = _post(
            self.query_url, body, "application/x-www-form-urlencoded", ACCEPT, self.timeout
        )
        if content_type in GRAPH_TYPES:
            return QueryResult(kind="graph", graph=_parse_graph(payload, GRAPH_TYPES[content_type], self.query_url))
        return parse_json_results(payload, self.query_url)

    def to_rdflib(self) -> rdflib.Graph:
        """The server's default graph, fetched with one CONSTRUCT query."""
        result = self._execute("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        if result.graph is None:
            raise RemoteError(f"{self.query_url} answered a CONSTRUCT query without a graph")
        return result.graph

    def __len__(self) -> int:
        rows = self._execute("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0  # type: ignore[call-overload]


def with_prefixes(sparql: str) -> str:
    """The query with claimgraph's prefixes declared in front, except those it declares itself.

    A remote server knows none of them, so ``SELECT ?c WHERE { ?c a cg:Claim }`` works
    against it as it does against the local stores. The declarations go on the query's
    first line, so a server's syntax error still names the user's line.
    """
    declared = {match.group(1) or "" for match in _DECLARED_PREFIX.finditer(sparql)}
    header = " ".join(f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items() if name not in declared)
    return f"{header} {sparql}" if header else sparql


def _post(url: str, body: bytes, content_type: str, accept: str, timeout: float) -> tuple[str, bytes]:
    """POST and return (media type, body); every failure becomes a one-line RemoteError."""
    request = urllib.request.Request(url, data=body, method="POST")
    request.add_header("Content-Type", content_type)
    request.add_header("Accept", accept)
    return _send(request, timeout)


def _send(request: urllib.request.Request, timeout: float) -> tuple[str, bytes]:
    url = request.full_url
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            media_type = response.headers.get_content_type()
            return media_type, response.read()
    except urllib.error.HTTPError as error:
        detail = " ".join(error.read().decode("utf-8", "replace").split())[:300]
        raise RemoteError(f"SPARQL server {url} answered HTTP {error.code}: {detail or error.reason}") from None
    except urllib.error.URLError as error:
        raise RemoteError(f"cannot reach SPARQL server {url}: {error.reason}") from None
    except (TimeoutError, OSError) as error:
        raise RemoteError(f"cannot reach SPARQL server {url}: {error}") from None


def _parse_graph(payload: bytes, fmt: str, url: str) -> rdflib.Graph:
    graph = bind_prefixes(rdflib.Graph())
    try:
        graph.parse(data=payload.decode("utf-8"), format=fmt)
    except Exception as error:
        detail = " ".join(str(error).split())[:200]
        raise RemoteError(f"SPARQL server {url} answered an unreadable graph: {detail}") from None
    return graph


def _term(encoded: Any) -> Term:
    kind, value = encoded["type"], encoded["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in encoded:
            return Literal(value, lang=encoded["xml:lang"])
        datatype = encoded.get("datatype")
        return Literal(value) if datatype in (None, XSD_STRING) else Literal(value, datatype=URIRef(datatype))
    raise ValueError(f"unknown term type {kind!r}")


def parse_json_results(payload: bytes, url: str = "server") -> QueryResult:
    """W3C SPARQL 1.1 JSON results as a :class:`QueryResult` of rdflib terms."""
    try:
        document = json.loads(payload.decode("utf-8"))
        if "boolean" in document:
            return QueryResult(kind="ask", boolean=bool(document["boolean"]))
        variables = [str(name) for name in document["head"]["vars"]]
        rows = [
            tuple(_term(binding[name]) if name in binding else None for name in variables)
            for binding in document["results"]["bindings"]
        ]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        snippet = " ".join(payload[:80].decode("utf-8", "replace").split())
        raise RemoteError(f"SPARQL server {url} did not answer SPARQL JSON results ({error}): {snippet!r}") from None
    return QueryResult(kind="select", variables=variables, rows=rows)


def _default_graph_url(url: str) -> str:
    """A Graph Store Protocol URL addressing the default graph (unless the URL names a graph)."""
    query = urllib.parse.urlparse(url).query
    if "graph=" in query or "default" in query.split("&"):
        return url
    return f"{url}{'&' if query else '?'}default"


def push_graph(
    graph: rdflib.Graph,
    url: str,
    via: TypingLiteral["gsp", "update"] = "gsp",
    replace: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> int:
    """Send ``graph`` to a server's default graph; return the number of triples sent.

    ``gsp``: SPARQL 1.1 Graph Store Protocol, POST (add) or PUT (replace) of Turtle to
    ``URL?default``. ``update``: one SPARQL 1.1 ``INSERT DATA`` request (after ``DROP
    SILENT DEFAULT`` when replacing) to an update URL; one request keeps blank nodes whole.
    """
    if urllib.parse.urlparse(url).scheme not in ("http", "https"):
        raise InputError(f"not an http(s) URL: {url!r}")
    if via == "gsp":
        request = urllib.request.Request(
            _default_graph_url(url), data=graph.serialize(format="turtle").encode("utf-8"),
            method="PUT" if replace else "POST",
        )
        request.add_header("Content-Type", "text/turtle; charset=utf-8")
        _send(request, timeout)
    else:
        triples = graph.serialize(format="nt")
        update = ("DROP SILENT DEFAULT ;\n" if replace else "") + f"INSERT DATA {{\n{triples}}}\n"
        body = urllib.parse.urlencode({"update": update}).encode("utf-8")
        _post(url, body, "application/x-www-form-urlencoded", "*/*", timeout)
    return len(graph)
