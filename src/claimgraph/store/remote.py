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

import re
import urllib.parse
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import rdflib

from claimgraph.errors import InputError, QueryError
from claimgraph.namespaces import PREFIXES
from claimgraph.store.base import Query, QueryResult, Store, bind_prefixes, query_text
from claimgraph.store.http import MAX_ROWS_HEADER, Answer, Limits, RemoteError, post
from claimgraph.store.push import check_graph_iri, push_graph
from claimgraph.store.remote_spec import parse_spec
from claimgraph.store.skolem import deskolemize
from claimgraph.store.sparql_json import json_result_strings, parse_json_results
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
_COUNT = re.compile(r"[0-9]{1,18}")
ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


class SparqlStore(Store):
    """A store that is a remote SPARQL 1.1 endpoint (query URL, optional update URL), within :class:`Limits`."""

    name = "sparql"
    remote = True

    def __init__(self, query_url: str, update_url: str | None = None, graph: str | None = None,
                 limits: Limits | None = None) -> None:
        for url in (query_url, update_url):
            if url is not None and urllib.parse.urlparse(url).scheme not in ("http", "https"):
                raise InputError(f"not an http(s) URL: {url!r}")
        check_graph_iri(graph, "graph=")
        self.query_url = query_url
        self.update_url = update_url
        self.graph = graph
        self.limits = limits or Limits()

    @classmethod
    def from_spec(cls, arg: str) -> SparqlStore:
        """A store from the part of ``sparql:QUERY_URL[,UPDATE_URL][,graph=IRI][,timeout=S][,max-bytes=N]``
        after ``sparql:``."""
        spec = parse_spec(arg)
        return cls(spec.query_url, spec.update_url, spec.graph, spec.limits)

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
        push_graph(graph, self.update_url, via="update", replace=False, graph_iri=self.graph, limits=self.limits)

    def _request(self, sparql: str, max_bytes: int | None = None) -> Answer:
        fields = {"query": with_prefixes(sparql)}
        if self.graph is not None:
            fields["default-graph-uri"] = self.graph
        body = urllib.parse.urlencode(fields).encode("utf-8")
        accept = ACCEPT_GRAPH if query_form(sparql) in ("CONSTRUCT", "DESCRIBE") else ACCEPT_RESULTS
        return post(self.query_url, body, "application/x-www-form-urlencoded", accept, self.limits,
                    max_bytes=max_bytes)

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
            self._check_projected_size(expected, len(graph), len(first.payload))
            graph = self._paged_graph(first.max_rows or len(graph), expected)
        if len(graph) != expected:
            raise RemoteError(f"SPARQL server {self.query_url} returned {len(graph)} of its {expected} triples; "
                              "raise the server's result limit")
        return graph

    def _check_projected_size(self, expected: int, triples: int, size: int) -> None:
        """Refuse to page when the count the server claims, at its first answer's bytes per triple, exceeds the
        byte limit: a server claiming 10^12 triples is not paged for ever."""
        if triples and expected * size / triples > self.limits.max_bytes:
            raise RemoteError(f"SPARQL server {self.query_url} counts {expected:,} triples: at the "
                              f"{size / triples:,.0f} bytes per triple of its first answer, more than the limit "
                              f"of {self.limits.max_bytes:,} bytes (max-bytes=N in the store spec raises it)")

    def _paged_graph(self, page_size: int, expected: int) -> rdflib.Graph:
        """Every triple in pages of ``page_size`` (ordered, so pages neither overlap nor miss), parsed at once
        as one N-Triples document so blank nodes shared across pages stay one node. All pages together are
        held to the byte limit, and a page shorter than asked (the count was false) ends the paging."""
        if page_size < 1:
            raise RemoteError(f"SPARQL server {self.query_url} answered no triple of its {expected}")
        pages: list[str] = []
        budget = self.limits.max_bytes
        for offset in range(0, expected, page_size):
            limit = min(page_size, expected - offset)  # OFFSET + LIMIT never past the end (Virtuoso's sorted TOP cap)
            query = ("CONSTRUCT { ?s ?p ?o } WHERE { { SELECT ?s ?p ?o WHERE { ?s ?p ?o } "
                     f"ORDER BY ?s ?p ?o LIMIT {limit} OFFSET {offset} }} }}")
            answer = self._request(query, max_bytes=budget)
            if GRAPH_TYPES.get(answer.media_type) != "nt":
                raise RemoteError(f"SPARQL server {self.query_url} pages a CONSTRUCT only as N-Triples, "
                                  f"and answered {answer.media_type}")
            budget -= len(answer.payload)
            try:
                page = answer.payload.decode("utf-8")
            except UnicodeDecodeError as error:
                raise RemoteError(f"SPARQL server {self.query_url} answered a page not in UTF-8: {error}") from None
            lines = sum(1 for line in page.splitlines() if line.strip() and not line.lstrip().startswith("#"))
            if lines < limit:
                raise RemoteError(f"SPARQL server {self.query_url} answered {lines} of the {limit} triples asked "
                                  f"at offset {offset:,}: its count of {expected:,} triples does not match its data")
            pages.append(page)
        return _parse_graph("\n".join(pages).encode("utf-8"), "nt", self.query_url)

    def __len__(self) -> int:
        rows = self._execute("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
        count = rows[0][0] if rows and rows[0] else None
        if count is None:
            return 0
        if not _COUNT.fullmatch(str(count)):
            raise RemoteError(f"SPARQL server {self.query_url} counted its triples as {str(count)[:40]!r}, "
                              "not a whole number")
        return int(str(count))


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


