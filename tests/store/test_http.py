"""The remote store's HTTP against hostile servers on 127.0.0.1: answers bounded in bytes and in wall-clock time,
redirects only to the same origin, malformed HTTP a one-line error (exit 2), never a crash or a hang."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

import pytest

from claimgraph.cli import main
from claimgraph.store.http import DEFAULT_MAX_BYTES, Limits, RemoteError, post
from claimgraph.store.remote import SparqlStore
from helpers import RawRequest, http_answer, one_error_line, raw_server

JSON = "application/sparql-results+json"
ASK_TRUE = http_answer("200 OK", JSON, b'{"head": {}, "boolean": true}')
ROW = b'{"x": {"type": "literal", "value": "' + b"a" * 200 + b'"}},'


def endless_rows(sent: list[int], total: int = 20_000_000) -> Callable[[socket.socket, RawRequest], None]:
    """An answer that opens a bindings array and streams rows (up to ``total`` bytes, so a test never hangs)."""
    def respond(connection: socket.socket, _request: RawRequest) -> None:
        connection.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: {JSON}\r\nConnection: close\r\n\r\n".encode())
        connection.sendall(b'{"head": {"vars": ["x"]}, "results": {"bindings": [')
        block = ROW * 300
        while sent[0] < total:
            connection.sendall(block)
            sent[0] += len(block)
    return respond


def test_an_endless_answer_stops_at_the_byte_limit(runner):
    sent = [0]
    with raw_server(endless_rows(sent)) as url:
        result = runner.invoke(main, ["query", "-e", "SELECT ?x WHERE { ?x ?p ?o }",
                                      "--store", f"sparql:{url}/sparql,max-bytes=64KiB"])
    one_error_line(result, f"{url}/sparql", "more than the limit of 65,536 bytes", "max-bytes=")
    assert sent[0] < 10_000_000, f"the server got to send {sent[0]:,} bytes"


def test_an_announced_length_past_the_limit_is_refused_before_reading():
    def respond(connection: socket.socket, _request: RawRequest) -> None:
        connection.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: {JSON}\r\nContent-Length: 10000000000\r\n\r\n".encode())
        time.sleep(3)  # and then sends nothing: a reader waiting for the body would wait out this pause

    with raw_server(respond) as url:
        started = time.monotonic()
        with pytest.raises(RemoteError, match="more than the limit of 1,000 bytes"):
            SparqlStore(url, limits=Limits(timeout=10, max_bytes=1000)).query("ASK {}")
        assert time.monotonic() - started < 2


def test_the_default_byte_limit_is_a_quarter_gibibyte():
    assert Limits().max_bytes == DEFAULT_MAX_BYTES == 256 * 1024 * 1024


@pytest.mark.parametrize("where", ["head", "body"])
def test_a_slow_drip_cannot_extend_the_deadline(where):
    """A byte every 0.05 s keeps a per-read timeout of 1 s from ever firing; the 1 s deadline holds."""
    head, _, body = ASK_TRUE.partition(b"\r\n\r\n")
    quick, slow = (b"", ASK_TRUE) if where == "head" else (head + b"\r\n\r\n", body)

    def respond(connection: socket.socket, _request: RawRequest) -> None:
        connection.sendall(quick)
        for byte in slow:  # 100 or 30 bytes: 5 or 1.5 s
            connection.sendall(bytes([byte]))
            time.sleep(0.05)

    with raw_server(respond) as url:
        started = time.monotonic()
        with pytest.raises(RemoteError, match="did not answer within 1 s"):
            SparqlStore(url, limits=Limits(timeout=1)).query("ASK {}")
        assert time.monotonic() - started < 1.4


def redirecting(location: str, status: str = "307 Temporary Redirect",
                requests: list[bytes] | None = None) -> Callable[[socket.socket, RawRequest], None]:
    """A server that redirects every request but those to /final, which it answers ``true``."""
    def respond(connection: socket.socket, request: RawRequest) -> None:
        if requests is not None:
            requests.append(request[0])
        if request[0].startswith(b"POST /final "):
            connection.sendall(ASK_TRUE)
        else:
            connection.sendall(http_answer(status, "text/plain", b"moved", f"Location: {location}"))
    return respond


@pytest.mark.parametrize("status", ["301 Moved Permanently", "302 Found", "307 Temporary Redirect",
                                    "308 Permanent Redirect"])
def test_a_query_follows_a_redirect_on_the_same_origin_with_its_body(status):
    requests: list[bytes] = []
    with raw_server(redirecting("/final", status, requests)) as url:
        assert SparqlStore(f"{url}/sparql").query("ASK {}").boolean is True
    assert [request.split(b" ")[:2] for request in requests] == [[b"POST", b"/sparql"], [b"POST", b"/final"]]


@pytest.mark.parametrize("elsewhere", ["http://localhost:{port}/final", "https://127.0.0.1:{port}/final",
                                       "http://127.0.0.1:{other}/final", "ftp://127.0.0.1/final", "file:///etc/passwd"])
def test_a_redirect_to_another_origin_is_refused_and_not_followed(elsewhere):
    requests: list[bytes] = []
    location = [""]

    def respond(connection: socket.socket, request: RawRequest) -> None:
        requests.append(request[0])
        connection.sendall(http_answer("307 Temporary Redirect", "text/plain", b"", f"Location: {location[0]}"))

    with raw_server(respond) as url:
        port = int(url.rsplit(":", 1)[1])
        location[0] = elsewhere.format(port=port, other=port + 1)
        with pytest.raises(RemoteError, match="only to the same scheme, host and port") as caught:
            SparqlStore(f"{url}/sparql").query("ASK {}")
    assert len(requests) == 1
    assert location[0] in str(caught.value)


def test_an_audit_redirected_to_another_host_is_an_error_not_an_empty_report(runner):
    empty = http_answer("200 OK", JSON, b'{"head": {"vars": ["n"]}, "results": {"bindings": []}}')
    with raw_server(lambda connection, _request: connection.sendall(empty), host="127.0.0.2") as elsewhere, \
            raw_server(redirecting(f"{elsewhere}/final")) as url:
        result = runner.invoke(main, ["audit", "--store", f"sparql:{url}/sparql"])
    one_error_line(result, f"redirected to {elsewhere}/final", "same scheme, host and port")


def test_a_redirect_that_would_change_the_method_is_refused():
    with raw_server(redirecting("/final", "303 See Other")) as url, \
            pytest.raises(RemoteError, match="HTTP 303 to /final, a redirect claimgraph does not follow"):
        SparqlStore(f"{url}/sparql").query("ASK {}")


def test_a_request_that_changes_data_is_never_redirected():
    with raw_server(redirecting("/final")) as url, pytest.raises(RemoteError, match="not followed, so not done"):
        post(f"{url}/update", b"update=CLEAR+ALL", "application/x-www-form-urlencoded", "*/*", Limits(),
             redirects=False)


@pytest.mark.parametrize(("answer", "message"), [
    (http_answer("200 OK", JSON, b"{}", *(f"X-Padding-{n}: {n}" for n in range(120))), "got more than 100 headers"),
    (b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n", "LineTooLong"),
    (b"SPARQL? never heard of it\r\n\r\n", "BadStatusLine"),
    (b"", "closed the connection without answering"),
])
def test_malformed_http_is_a_one_line_error_not_a_crash(runner, answer, message):
    with raw_server(lambda connection, _request: connection.sendall(answer)) as url:
        result = runner.invoke(main, ["stats", "--store", f"sparql:{url}/sparql"])
    one_error_line(result, f"{url}/sparql", message)


def test_a_lost_answer_is_flagged_lost_and_a_refused_connection_is_not():
    with raw_server(lambda connection, _request: None) as url, pytest.raises(RemoteError) as lost:
        post(url, b"x", "text/plain", "*/*", Limits(timeout=2))
    assert lost.value.lost
    with pytest.raises(RemoteError, match="cannot reach SPARQL server") as refused:
        post(url, b"x", "text/plain", "*/*", Limits(timeout=2))
    assert not refused.value.lost
