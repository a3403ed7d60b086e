"""A read-only SPARQL 1.1 Protocol endpoint over a loaded store, on the standard library's HTTP server.

Each query runs in a forked worker process (:mod:`claimgraph.serve.worker`) that inherits the
loaded store and is killed at the deadline, so the time limit holds even for a query stuck
inside rdflib or Oxigraph (Python cannot stop a thread); workers are capped in CPU and memory
and never outlive the server. Queries are admitted to the workers fairly between client
addresses (:mod:`claimgraph.serve.scheduler`: a per-client limit plus a reserved slot for a
client's first query). Updates are refused (403); SERVICE, FROM and FROM NAMED are refused (400)
so the endpoint makes no outbound requests; results above a row or byte limit are refused
rather than streamed. Requests are parsed strictly: one Host, an origin-form path, a same-origin
(or absent) Origin, GET/HEAD/POST only. Connections are capped in number, time out when idle, and must
send each request whole within a read deadline, so clients that trickle bytes cannot hold every slot.
``/`` serves an offline HTML page to type a query.
"""

from __future__ import annotations

import gc
import io
import socket
import sys
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from claimgraph.deadline import DeadlineReader, deadline_after
from claimgraph.errors import InputError, QueryError
from claimgraph.serve.connections import ConnectionSlots
from claimgraph.serve.limits import EndpointLimits
from claimgraph.serve.scheduler import SparqlEndpoint, answer_query
from claimgraph.serve.worker import Answer, run_in_worker
from claimgraph.store import Store

__all__ = [
    "LOOPBACK_HOSTS",
    "Answer",
    "EndpointLimits",
    "EndpointServer",
    "SparqlEndpoint",
    "answer_query",
    "make_server",
    "query_page",
    "run_in_worker",
]

SPARQL_PATHS = ("/sparql", "/query")
MAX_REQUEST_BYTES = 1_000_000
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
ALLOWED_METHODS = "GET, HEAD, POST"
BUSY_MESSAGE = b"server busy: too many connections\n"
BUSY = (b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Length: %d\r\nConnection: close\r\n\r\n%s") % (len(BUSY_MESSAGE), BUSY_MESSAGE)
"""The whole answer to a connection past --max-connections, sent without a thread."""


class _BadBody(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def query_page() -> bytes:
    """The offline HTML query page, rendered with autoescaping."""
    from claimgraph.namespaces import PREFIXES
    from claimgraph.query.named import named_queries
    from claimgraph.templates import render

    queries = [{"name": q.name, "description": q.description, "text": q.text} for q in named_queries().values()]
    return render("sparql.html.j2", queries=queries, prefixes=PREFIXES, sparql_path=SPARQL_PATHS[0]).encode("utf-8")


def _host_and_port(value: str) -> tuple[str, int | None]:
    try:
        parts = urllib.parse.urlsplit(f"//{value}")
        return (parts.hostname or "", parts.port)
    except ValueError:
        return ("", None)


class _Handler(BaseHTTPRequestHandler):
    server: EndpointServer
    server_version = "claimgraph"

    def setup(self) -> None:
        super().setup()
        limits = self.server.endpoint.limits
        self.connection.settimeout(limits.idle_timeout)  # idle connections close
        self.rfile.close()
        self._reader = DeadlineReader(self.connection, deadline_after(limits.read_timeout), limits.idle_timeout)
        self.rfile = io.BufferedReader(self._reader)

    def handle_one_request(self) -> None:
        """Read and answer one request, which must arrive whole within the read timeout (slow clients are cut)."""
        self._reader.deadline = deadline_after(self.server.endpoint.limits.read_timeout)
        self.server.slots.reading(self.connection, True)
        try:
            super().handle_one_request()
        finally:
            self.server.slots.reading(self.connection, False)

    def log_message(self, format: str, *args: object) -> None:
        if self.server.log is not None:
            self.server.log(f"{self.address_string()} {format % args}")

    def _send(self, answer: Answer, headers: dict[str, str] | None = None) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def parse_request(self) -> bool:
        """Parse as the stdlib does, then refuse HTTP/0.9 and answer 405 with Allow (not its 501 page) to other
        methods."""
        if not super().parse_request():
            return False
        if self.request_version == "HTTP/0.9":
            self.send_error(400, "HTTP/0.9 is not supported: send HTTP/1.0 or 1.1")
            return False
        if self.command in ("GET", "HEAD", "POST"):
            if self.command != "POST":  # the whole request is read: no longer one a newcomer may displace
                self.server.slots.reading(self.connection, False)
            return True
        self._refuse_method()
        self.close_connection = True
        return False

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The stdlib's error page, always with a status line and headers (Content-Length among them): a
        request line it reads as HTTP/0.9 would otherwise get the bare page."""
        if self.request_version == "HTTP/0.9":
            self.request_version = "HTTP/1.0"
        super().send_error(code, message, explain)

    def _refuse_method(self) -> None:
        self._send(Answer.text(405, f"method {self.command} not allowed: this endpoint answers {ALLOWED_METHODS}"),
                   {"Allow": ALLOWED_METHODS})

    @property
    def _loopback(self) -> bool:
        return str(self.server.server_address[0]) in LOOPBACK_HOSTS

    def _refused(self) -> bool:
        """Answer and return True when the request line or headers are not acceptable."""
        if not self.path.startswith("/") or self.path.startswith("//"):
            self._send(Answer.text(400, "the request target must be a path starting with / (origin form)"))
        elif len(self.headers.get_all("Host") or []) > 1:
            self._send(Answer.text(400, "more than one Host header"))
        elif self._loopback and _host_and_port(self.headers.get("Host", ""))[0] not in LOOPBACK_HOSTS:
            # DNS rebinding: a loopback server answers only requests addressed to loopback
            self._send(Answer.text(403, "requests must address this endpoint as 127.0.0.1 or localhost"))
        else:
            return False
        self.close_connection = True
        return True

    def _foreign_origin(self) -> bool:
        """Whether the request comes from a page of another origin (cross-site requests run no query)."""
        origins = self.headers.get_all("Origin") or []
        if not origins:
            return False
        if len(origins) > 1:
            return True
        parts = urllib.parse.urlsplit(origins[0].strip())
        try:
            port = parts.port or 80
        except ValueError:
            return True
        host = parts.hostname or ""
        own_host = _host_and_port(self.headers.get("Host", ""))[0]
        host_ok = host in LOOPBACK_HOSTS if self._loopback else host == own_host
        return not (parts.scheme == "http" and host_ok and port == int(self.server.server_address[1])
                    and not parts.path and not parts.query)

    def _protocol(self, params: dict[str, list[str]]) -> None:
        if self._foreign_origin():
            self._send(Answer.text(403, "cross-origin requests are refused: the Origin must be this server's own"))
        elif "update" in params:
            self._send(Answer.text(403, "this endpoint is read-only: updates are refused"))
        elif "default-graph-uri" in params or "named-graph-uri" in params:
            self._send(Answer.text(400, "default-graph-uri and named-graph-uri are refused: one graph, offline"))
        elif len(params.get("query", [])) != 1:
            self._send(Answer.text(400, "give exactly one 'query' parameter (SPARQL 1.1 Protocol)"))
        elif not params["query"][0].strip():
            self._send(Answer.text(400, "empty query"))
        else:
            client = str(self.client_address[0])
            self._send(self.server.endpoint.answer(params["query"][0], self.headers.get("Accept"), client))

    def do_GET(self) -> None:
        if self._refused():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/":
            self._send(Answer(200, "text/html; charset=utf-8", self.server.page))
        elif url.path in SPARQL_PATHS:
            self._protocol(urllib.parse.parse_qs(url.query, keep_blank_values=True))
        else:
            self._send(Answer.text(404, f"not found; the SPARQL endpoint is {SPARQL_PATHS[0]}"))

    def do_HEAD(self) -> None:
        if self._refused():
            return
        if urllib.parse.urlsplit(self.path).path == "/":
            self._send(Answer(200, "text/html; charset=utf-8", self.server.page))
        else:
            self._send(Answer.text(405, "HEAD runs no query; use GET or POST"), {"Allow": "GET, POST"})

    def _read_chunked(self) -> bytes:
        body = bytearray()
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";")[0].strip(), 16)
            except ValueError:
                raise _BadBody(400, "malformed chunked body") from None
            if size < 0 or len(body) + size > MAX_REQUEST_BYTES:
                raise _BadBody(413, f"request body must be 0 to {MAX_REQUEST_BYTES} bytes")
            if size == 0:
                break
            body += self.rfile.read(size)
            if self.rfile.readline(3).strip():
                raise _BadBody(400, "malformed chunked body")
        while self.rfile.readline(1024).strip():  # trailer fields, ignored
            pass
        return bytes(body)

    def _read_body(self) -> bytes:
        encoding = self.headers.get("Transfer-Encoding")
        if encoding is not None:
            if encoding.strip().lower() != "chunked" or self.headers.get("Content-Length") is not None:
                raise _BadBody(400, "only 'Transfer-Encoding: chunked' without Content-Length is supported")
            return self._read_chunked()
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_REQUEST_BYTES:
            raise _BadBody(413, f"request body must be 0 to {MAX_REQUEST_BYTES} bytes")
        return self.rfile.read(length)

    def do_POST(self) -> None:
        if self._refused():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path not in SPARQL_PATHS:
            self._send(Answer.text(404, f"not found; the SPARQL endpoint is {SPARQL_PATHS[0]}"))
            self.close_connection = True
            return
        try:
            body = self._read_body().decode("utf-8", "replace")
            self.server.slots.reading(self.connection, False)
        except _BadBody as error:
            self._send(Answer.text(error.status, str(error)))
            self.close_connection = True
            return
        except (TimeoutError, ConnectionError):  # a client that stops sending its body: drop it
            self.close_connection = True
            return
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


class EndpointServer(ThreadingHTTPServer):
    """The HTTP server: one thread per connection (capped), queries in forked workers."""

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
        self.slots = ConnectionSlots(endpoint.limits.max_connections, endpoint.limits.displace_after)
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)
        endpoint.workers.close_in_child.append(self.fileno())

    def process_request(self, request: Any, client_address: Any) -> None:
        """Hand the connection to a thread; when too many are open and none can be displaced
        (:class:`ConnectionSlots`), answer 503 and close it."""
        admitted = self.slots.admit()
        if not admitted:
            try:
                request.setblocking(False)
                request.send(BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """Serve one connection in its thread, then count it closed."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away or stalled is routine: no traceback; anything else is reported."""
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)

    @property
    def connections(self) -> int:
        """Connections open now."""
        return self.slots.open

    def stop_workers(self) -> None:
        """Kill every running query worker and start no more (the server is stopping)."""
        self.endpoint.stop()

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
        raise QueryError("serve needs a local store (memory, rdflib or oxigraph:PATH); "
                         "a sparql: store is a server already")
    try:
        server = EndpointServer((host, port), SparqlEndpoint(store, limits), log)
    except OSError as error:
        raise InputError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    gc.freeze()  # the loaded store is permanent: a worker's collections then never touch (and copy) its pages
    return server
