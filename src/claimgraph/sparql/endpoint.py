"""A read-only SPARQL 1.1 Protocol endpoint over a loaded store, on the standard library's HTTP server.

Each query runs in a forked worker process that inherits the loaded store and is killed at
the deadline, so the time limit holds even for a query stuck inside rdflib or Oxigraph
(Python cannot stop a thread). Updates are refused (403); SERVICE, FROM and FROM NAMED are
refused (400) so the endpoint makes no outbound requests; results above a size limit are
refused rather than streamed. ``/`` serves an offline HTML page to type a query.
"""

from __future__ import annotations

import os
import select
import signal
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from claimgraph.errors import InputError, QueryError
from claimgraph.sparql.results import negotiate
from claimgraph.sparql.user import UpdateRefused, inspect_query
from claimgraph.store import Store

SPARQL_PATHS = ("/sparql", "/query")
MAX_REQUEST_BYTES = 1_000_000
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
KIND_CACHE_SIZE = 1024


@dataclass(frozen=True)
class EndpointLimits:
    """Per-query time limit (seconds), largest result (rows or triples), concurrent workers, and
    how long a request may wait for a free worker before it is answered 503."""

    timeout: float = 10.0
    max_results: int = 10_000
    workers: int = 4
    queue_wait: float = 60.0


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, media type and body."""

    status: int
    content_type: str
    body: bytes
    kind: str | None = None
    """The query's kind (select, ask, graph) once a worker has inspected it and let it through."""

    @classmethod
    def text(cls, status: int, message: str) -> Answer:
        """A plain-text answer, used for every error."""
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


def answer_query(store: Store, query: str, accept: str | None, max_results: int, kind: str | None = None) -> Answer:
    """Inspect, run and write one query (inside the worker process).

    rdflib's SPARQL parser is not thread-safe, so parsing happens here, in a fresh fork
    per query, never in the server's threads. ``kind`` is the verdict of an earlier
    inspection of the same text, which saves parsing it again.
    """
    try:
        kind = kind or inspect_query(query)
    except UpdateRefused as error:
        return Answer.text(403, f"this endpoint is read-only: {error}")
    except QueryError as error:
        return Answer.text(400, str(error))
    fmt = negotiate(accept, kind)
    if fmt is None:
        return Answer.text(406, f"cannot answer this query as {accept!r}")
    try:
        result = store.query(query)
    except QueryError as error:
        return Answer.text(400, str(error))
    size = len(result.graph) if result.graph is not None else len(result.rows)
    if size > max_results:
        unit = "triples" if result.graph is not None else "rows"
        return Answer.text(500, f"result too large: {size} {unit} exceed the limit of {max_results}; add a LIMIT")
    return Answer(200, f"{fmt.media_type}; charset=utf-8", fmt.write(result).encode("utf-8"), kind)


def _frame(answer: Answer) -> bytes:
    return f"{answer.status} {answer.kind or '-'} {answer.content_type}\n".encode() + answer.body


def _unframe(data: bytes) -> Answer:
    head, _, body = data.partition(b"\n")
    status, kind, content_type = head.decode("utf-8").split(" ", 2)
    return Answer(int(status), content_type, body, None if kind == "-" else kind)


def run_in_worker(task: Callable[[], Answer], timeout: float) -> Answer:
    """Run ``task`` in a forked child that is killed (SIGKILL) when ``timeout`` seconds pass."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: answer, write, and leave without running any parent cleanup
        status = 0
        try:
            os.close(read_fd)
            try:
                answer = task()
            except Exception as error:
                answer = Answer.text(500, f"query failed: {' '.join(str(error).split())}")
            data = memoryview(_frame(answer))
            while data:
                data = data[os.write(write_fd, data):]
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(write_fd)
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                os.kill(pid, signal.SIGKILL)
                return Answer.text(503, f"query exceeded the {timeout:g} s limit and was stopped")
            ready, _, _ = select.select([read_fd], [], [], remaining)
            if ready:
                chunk = os.read(read_fd, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        os.close(read_fd)
        os.waitpid(pid, 0)
    if not chunks:
        return Answer.text(500, "query worker died without answering")
    return _unframe(b"".join(chunks))


class SparqlEndpoint:
    """Answers SPARQL Protocol requests over one loaded store, within limits."""

    def __init__(self, store: Store, limits: EndpointLimits | None = None) -> None:
        self.store = store
        self.limits = limits or EndpointLimits()
        self._slots = threading.BoundedSemaphore(self.limits.workers)
        self._kinds: dict[str, str] = {}
        inspect_query("ASK {}")  # builds rdflib's parser once here, so each worker inherits it ready

    def answer(self, query: str, accept: str | None) -> Answer:
        """The HTTP answer to one query with the client's ``Accept`` header."""
        if not self._slots.acquire(timeout=self.limits.queue_wait):
            return Answer.text(503, f"server busy: no query worker free within {self.limits.queue_wait:g} s; try again")
        limits, known = self.limits, self._kinds.get(query)
        try:
            answer = run_in_worker(
                lambda: answer_query(self.store, query, accept, limits.max_results, known), limits.timeout
            )
        finally:
            self._slots.release()
        if answer.kind is not None and known is None:
            if len(self._kinds) >= KIND_CACHE_SIZE:
                self._kinds.clear()
            self._kinds[query] = answer.kind
        return answer


def query_page() -> bytes:
    """The offline HTML query page, rendered with autoescaping."""
    from claimgraph.namespaces import PREFIXES
    from claimgraph.sparql.named import named_queries
    from claimgraph.templates import render

    queries = [{"name": q.name, "description": q.description, "text": q.text} for q in named_queries().values()]
    return render("sparql.html.j2", queries=queries, prefixes=PREFIXES, sparql_path=SPARQL_PATHS[0]).encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    server: EndpointServer
    server_version = "claimgraph"

    def log_message(self, format: str, *args: object) -> None:
        if self.server.log is not None:
            self.server.log(f"{self.address_string()} {format % args}")

    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def _protocol(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._send(Answer.text(403, "this endpoint is read-only: updates are refused"))
        elif "default-graph-uri" in params or "named-graph-uri" in params:
            self._send(Answer.text(400, "default-graph-uri and named-graph-uri are refused: one graph, offline"))
        elif len(params.get("query", [])) != 1:
            self._send(Answer.text(400, "give exactly one 'query' parameter (SPARQL 1.1 Protocol)"))
        else:
            self._send(self.server.endpoint.answer(params["query"][0], self.headers.get("Accept")))

    def _host_refused(self) -> bool:
        """Refuse requests whose Host is not loopback when serving on loopback (DNS rebinding)."""
        if str(self.server.server_address[0]) not in LOOPBACK_HOSTS:
            return False
        host = urllib.parse.urlsplit(f"//{self.headers.get('Host', '')}").hostname or ""
        if host in LOOPBACK_HOSTS or host == "localhost":
            return False
        self._send(Answer.text(403, "requests must address this endpoint as 127.0.0.1 or localhost"))
        return True

    def do_GET(self) -> None:
        if self._host_refused():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/":
            self._send(Answer(200, "text/html; charset=utf-8", self.server.page))
        elif url.path in SPARQL_PATHS:
            self._protocol(urllib.parse.parse_qs(url.query, keep_blank_values=True))
        else:
            self._send(Answer.text(404, f"not found; the SPARQL endpoint is {SPARQL_PATHS[0]}"))

    def do_HEAD(self) -> None:
        if self._host_refused():
            return
        if urllib.parse.urlsplit(self.path).path == "/":
            self._send(Answer(200, "text/html; charset=utf-8", self.server.page))
        else:
            self._send(Answer.text(405, "HEAD runs no query; use GET or POST"))

    def do_POST(self) -> None:
        if self._host_refused():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path not in SPARQL_PATHS:
            self._send(Answer.text(404, f"not found; the SPARQL endpoint is {SPARQL_PATHS[0]}"))
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_REQUEST_BYTES:
            self._send(Answer.text(413, f"request body must be 0 to {MAX_REQUEST_BYTES} bytes"))
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        media_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if media_type == "application/x-www-form-urlencoded":
            for name, values in urllib.parse.parse_qs(body, keep_blank_values=True).items():
                params.setdefault(name, []).extend(values)
        elif media_type == "application/sparql-query":
            params.setdefault("query", []).append(body)
        elif media_type == "application/sparql-update":
            params.setdefault("update", []).append(body)
        else:
            self._send(Answer.text(415, "send application/sparql-query or an HTML form (query=…)"))
            return
        self._protocol(params)

    def _refuse_method(self) -> None:
        self._send(Answer.text(405, "this endpoint is read-only: use GET or POST with a query"))

    do_PUT = do_DELETE = do_PATCH = _refuse_method


class EndpointServer(ThreadingHTTPServer):
    """The HTTP server: one thread per connection, queries in forked workers."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(
        self,
        address: tuple[str, int],
        endpoint: SparqlEndpoint,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.endpoint = endpoint
        self.page = query_page()
        self.log = log
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        """The endpoint URL, with the port actually bound (``--port 0`` picks a free one)."""
        host, port = str(self.server_address[0]), int(self.server_address[1])
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}{SPARQL_PATHS[0]}"


def make_server(
    store: Store,
    host: str = "127.0.0.1",
    port: int = 7878,
    limits: EndpointLimits | None = None,
    log: Callable[[str], None] | None = None,
) -> EndpointServer:
    """An endpoint server bound to ``host:port`` (call ``serve_forever`` to run it)."""
    if store.remote:
        raise QueryError("serve needs a local store (memory or oxigraph:PATH); a sparql: store is a server already")
    try:
        return EndpointServer((host, port), SparqlEndpoint(store, limits), log)
    except OSError as error:
        raise InputError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
