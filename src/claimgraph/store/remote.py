"""A remote SPARQL 1.1 server as a claimgraph store, and pushing a graph to one.

``--store sparql:QUERY_URL[,UPDATE_URL][,graph=IRI]`` runs every command against a server
(Oxigraph, Fuseki, Virtuoso, QLever…); ``graph=IRI`` sends ``default-graph-uri=IRI`` with each query,
so the query sees that named graph only (Virtuoso's ``/sparql`` otherwise queries the union of every
graph, its system graphs included). The server already holds the data: :func:`claimgraph.store.load`
does not push local files into a remote store. Pushing is explicit, with
``claimgraph load --to URL`` (:func:`claimgraph.store.push.push_graph`), which sends blank nodes as
stable skolem IRIs; every answer turns those back into blank nodes (:mod:`claimgraph.store.skolem`),
so the graph read back is the graph pushed.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import rdflib
from rdflib.term import BNode, Literal, URIRef

from claimgraph.errors import InputError, QueryError
from claimgraph.namespaces import PREFIXES
from claimgraph.store.base import XSD_STRING, Query, QueryResult, Store, Term, bind_prefixes, query_text
from claimgraph.store.http import MAX_ROWS_HEADER, Answer, RemoteError, post
from claimgraph.store.push import DEFAULT_TIMEOUT, check_graph_iri, push_graph
from claimgraph.store.skolem import GENID, deskolemize, deskolemize_term
from claimgraph.textfile import read_utf8

__all__ = ["RemoteError", "SparqlStore", "parse_json_results", "query_form", "with_prefixes"]

RESULTS_JSON = "application/sparql-results+json"
ACCEPT_RESULTS = f"{RESULTS_JSON}, application/json;q=0.5"
ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9, text/plain;q=0.5"
"""CONSTRUCT and DESCRIBE are asked for as RDF: N-Triples first, which pages concatenate line by line."""
GRAPH_TYPES = {"application/n-triples": "nt", "text/turtle": "turtle", "text/plain": "nt"}
_DECLARED_PREFIX = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_PROLOGUE_ITEM = re.compile(r"\s*(?:#[^\n]*(?:\n|$)|PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)", re.IGNORECASE)
_FIRST_WORD = re.compile(r"\s*([A-Za-z]+)")
ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


class SparqlStore(Store):
    """A store that is a remote SPARQL 1.1 endpoint (query URL, optional update URL)."""

    name = "sparql"
    remote = True

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = DEFAULT_TIMEOUT,
                 graph: str | None = None) -> None:
        for url in (query_url, update_url):
            if url is not None and urllib.parse.urlparse(url).scheme not in ("http", "https"):
                raise InputError(f"not an http(s) URL: {url!r}")
        check_graph_iri(graph, "graph=")
        self.query_url = query_url
        self.update_url = update_url
        self.timeout = timeout
        self.graph = graph

    @classmethod
    def from_spec(cls, arg: str) -> SparqlStore:
        """A store from the part of ``sparql:QUERY_URL[,UPDATE_URL][,graph=IRI]`` after ``sparql:``."""
        usage = "sparql:QUERY_URL[,UPDATE_URL][,graph=IRI]"
        if not arg:
            raise InputError(f"--store sparql: needs a URL: {usage}")
        parts = [part.strip() for part in arg.split(",")]
        graphs = [part.removeprefix("graph=") for part in parts if part.startswith("graph=")]
        urls = [part for part in parts if not part.startswith("graph=")]
        if not urls or not urls[0] or len(urls) > 2 or len(graphs) > 1:
            raise InputError(f"--store sparql: takes one or two URLs and at most one graph=IRI: {usage}")
        update_url = urls[1] if len(urls) == 2 else ""
        return cls(urls[0], update_url or None, graph=graphs[0] if graphs else None)

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
        push_graph(graph, self.update_url, via="update", replace=False, graph_iri=self.graph)

    def _request(self, sparql: str) -> Answer:
        fields = {"query": with_prefixes(sparql)}
        if self.graph is not None:
            fields["default-graph-uri"] = self.graph
        body = urllib.parse.urlencode(fields).encode("utf-8")
        accept = ACCEPT_GRAPH if query_form(sparql) in ("CONSTRUCT", "DESCRIBE") else ACCEPT_RESULTS
        return post(self.query_url, body, "application/x-www-form-urlencoded", accept, self.timeout)

    def select_strings(self, sparql: str) -> list[dict[str, str]]:
        """A SELECT's rows as plain strings read straight off the SPARQL JSON (no rdflib terms built); a
        claimgraph skolem IRI reads as the blank node label it stands for."""
        answer = self._whole_answer(sparql)
        if answer.media_type in GRAPH_TYPES:
            raise QueryError("expected a SELECT query")
        return json_result_strings(answer.payload, self.query_url)

    def select_strings_each(self, queries: Sequence[Query]) -> Iterator[list[dict[str, str]]]:
        """Each SELECT's rows as :meth:`select_strings` gives them, two requests in flight at a time (the
        server evaluates one while Python reads the other's answer)."""
        with ThreadPoolExecutor(2, thread_name_prefix="claimgraph-remote") as pool:
            yield from pool.map(lambda query: self.select_strings(query_text(query)), queries)

    def _whole_answer(self, sparql: str) -> Answer:
        """The server's answer, refused when the server says it cut it."""
        answer = self._request(sparql)
        if answer.max_rows is not None:
            raise RemoteError(f"SPARQL server {self.query_url} cut its answer at {answer.max_rows} rows "
                              f"({MAX_ROWS_HEADER}); add a LIMIT or raise the server's result limit")
        return answer

    def _execute(self, sparql: str) -> QueryResult:
        answer = self._whole_answer(sparql)
        if answer.media_type in GRAPH_TYPES:
            graph = _parse_graph(answer.payload, GRAPH_TYPES[answer.media_type], self.query_url)
            return QueryResult(kind="graph", graph=graph)
        if query_form(sparql) in ("CONSTRUCT", "DESCRIBE"):
            raise RemoteError(f"SPARQL server {self.query_url} answered a graph query with {answer.media_type}, "
                              "not Turtle or N-Triples")
        return parse_json_results(answer.payload, self.query_url)

    def to_rdflib(self) -> rdflib.Graph:
        """The whole (default) graph: one CONSTRUCT, paged with LIMIT/OFFSET when the server caps its answer."""
        expected = len(self)
        first = self._request(ALL_TRIPLES)
        if first.media_type not in GRAPH_TYPES:
            raise RemoteError(f"SPARQL server {self.query_url} answered a CONSTRUCT query with {first.media_type}, "
                              "not Turtle or N-Triples")
        graph = _parse_graph(first.payload, GRAPH_TYPES[first.media_type], self.query_url)
        if len(graph) < expected or first.max_rows is not None:
            graph = self._paged_graph(first.max_rows or len(graph), expected)
        if len(graph) != expected:
            raise RemoteError(f"SPARQL server {self.query_url} returned {len(graph)} of its {expected} triples; "
                              "raise the server's result limit")
        return graph

    def _paged_graph(self, page_size: int, expected: int) -> rdflib.Graph:
        """Every triple in pages of ``page_size`` (ordered, so pages neither overlap nor miss), parsed at once
        as one N-Triples document so blank nodes shared across pages stay one node."""
        if page_size < 1:
            raise RemoteError(f"SPARQL server {self.query_url} answered no triple of its {expected}")
        pages: list[str] = []
        for offset in range(0, expected, page_size):
            limit = min(page_size, expected - offset)  # OFFSET + LIMIT never past the end (Virtuoso's sorted TOP cap)
            query = ("CONSTRUCT { ?s ?p ?o } WHERE { { SELECT ?s ?p ?o WHERE { ?s ?p ?o } "
                     f"ORDER BY ?s ?p ?o LIMIT {limit} OFFSET {offset} }} }}")
            answer = self._request(query)
            if GRAPH_TYPES.get(answer.media_type) != "nt":
                raise RemoteError(f"SPARQL server {self.query_url} pages a CONSTRUCT only as N-Triples, "
                                  f"and answered {answer.media_type}")
            pages.append(answer.payload.decode("utf-8"))
        return _parse_graph("\n".join(pages).encode("utf-8"), "nt", self.query_url)

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


def query_form(sparql: str) -> str:
    """The query's form, upper case (SELECT, ASK, CONSTRUCT, DESCRIBE), read after its prologue and comments."""
    position = 0
    while (item := _PROLOGUE_ITEM.match(sparql, position)) and item.end() > position:
        position = item.end()
    word = _FIRST_WORD.match(sparql, position)
    return word.group(1).upper() if word else ""


def _parse_graph(payload: bytes, fmt: str, url: str) -> rdflib.Graph:
    graph = bind_prefixes(rdflib.Graph())
    try:
        graph.parse(data=payload.decode("utf-8"), format=fmt)
    except Exception as error:
        detail = " ".join(str(error).split())[:200]
        raise RemoteError(f"SPARQL server {url} answered an unreadable graph: {detail}") from None
    return deskolemize(graph)


def _term(encoded: Any) -> Term:
    kind, value = encoded["type"], encoded["value"]
    if kind == "uri":
        return deskolemize_term(URIRef(value))  # type: ignore[return-value]
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in encoded:
            return Literal(value, lang=encoded["xml:lang"])
        datatype = encoded.get("datatype")
        return Literal(value) if datatype in (None, XSD_STRING) else Literal(value, datatype=URIRef(datatype))
    raise ValueError(f"unknown term type {kind!r}")


def _json_document(payload: bytes, url: str) -> Any:
    try:
        return json.loads(payload.decode("utf-8"))
    except ValueError as error:
        raise _not_json(payload, url, error) from None


def _not_json(payload: bytes, url: str, error: Exception) -> RemoteError:
    snippet = " ".join(payload[:80].decode("utf-8", "replace").split())
    return RemoteError(f"SPARQL server {url} did not answer SPARQL JSON results ({error}): {snippet!r}")


def json_result_strings(payload: bytes, url: str = "server") -> list[dict[str, str]]:
    """W3C SPARQL 1.1 JSON results as rows of plain strings, bound variables only (skolem IRIs as labels)."""
    document = _json_document(payload, url)
    if isinstance(document, dict) and "boolean" in document:
        raise QueryError("expected a SELECT query")
    try:
        return [{name: _plain(encoded) for name, encoded in binding.items()}
                for binding in document["results"]["bindings"]]
    except (KeyError, TypeError, AttributeError) as error:
        raise _not_json(payload, url, error) from None


def _plain(encoded: Any) -> str:
    value = str(encoded["value"])
    return value[len(GENID):] if encoded["type"] == "uri" and value.startswith(GENID) else value


def parse_json_results(payload: bytes, url: str = "server") -> QueryResult:
    """W3C SPARQL 1.1 JSON results as a :class:`QueryResult` of rdflib terms."""
    document = _json_document(payload, url)
    try:
        if "boolean" in document:
            return QueryResult(kind="ask", boolean=bool(document["boolean"]))
        variables = [str(name) for name in document["head"]["vars"]]
        rows = [
            tuple(_term(binding[name]) if name in binding else None for name in variables)
            for binding in document["results"]["bindings"]
        ]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise _not_json(payload, url, error) from None
    return QueryResult(kind="select", variables=variables, rows=rows)
