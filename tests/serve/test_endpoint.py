"""The endpoint's HTTP layer against a real `claimgraph serve`: every answer's Content-Length is its body's length,
whatever the status, and clients that trickle their request are cut at the read timeout so they cannot hold
every connection slot."""

from __future__ import annotations

import re
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator

import pytest

from claimgraph.serve.limits import DEFAULT_LIMITS
from helpers import REPO, start_serve, stop

pytestmark = pytest.mark.server

RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?c ?f ?i"
MAX_CONNECTIONS = 4


@pytest.fixture(scope="module")
def served() -> Iterator[int]:
    process, url = start_serve("--timeout", "1", "--max-results", "3", "--max-connections", str(MAX_CONNECTIONS),
                               "--read-timeout", "5")
    yield int(urllib.parse.urlsplit(url).port or 0)
    stop(process)


def exchange(port: int, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes, read until the server closes; the status, the headers (lower-case names) and the body."""
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
    return int(status_line.split()[1]), headers, body


def get(target: str, *headers: str, method: str = "GET") -> bytes:
    return "\r\n".join([f"{method} {target} HTTP/1.1", "Host: 127.0.0.1", *headers, "Connection: close", "", ""]
                       ).encode()


def form(query: str, *headers: str) -> bytes:
    body = urllib.parse.urlencode({"query": query}).encode()
    return get("/sparql", "Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}",
               *headers, method="POST") + body


ANSWERS = {
    "the query page": (get("/"), 200),
    "an ASK": (form("ASK { ?c a cg:Claim }"), 200),
    "an empty query": (get("/sparql?query="), 400),
    "a malformed query": (form("SELECT WHERE {"), 400),
    "absolute-form target": (get("http://127.0.0.1/sparql"), 400),
    "bad request syntax (stdlib)": (b"GARBAGE\r\n\r\n", 400),
    "an update": (form("CLEAR ALL"), 403),
    "a foreign Host": (get("/", "Host: example.org").replace(b"Host: 127.0.0.1\r\n", b""), 403),
    "an unknown path": (get("/nowhere"), 404),
    "DELETE": (get("/sparql", method="DELETE"), 405),
    "HEAD of the endpoint": (get("/sparql", method="HEAD"), 405),
    "an unacceptable Accept": (form("ASK {}", "Accept: image/png"), 406),
    "a body too large": (get("/sparql", "Content-Type: application/sparql-query", "Content-Length: 2000000",
                             method="POST"), 413),
    "an unknown body type": (get("/sparql", "Content-Type: text/plain", "Content-Length: 0", method="POST"), 415),
    "too many headers (stdlib)": (get("/", *(f"X-{n}: {n}" for n in range(120))), 431),
    "a result past --max-results": (form("SELECT * WHERE { ?s ?p ?o }"), 500),
    "a query past --timeout": (form(RUNAWAY), 503),
    "HTTP/2.0 (stdlib)": (b"GET / HTTP/2.0\r\n\r\n", 505),
    "HTTP/0.9": (b"GET /\r\n\r\n", 400),
}


@pytest.mark.parametrize("case", list(ANSWERS))
def test_every_answer_has_its_exact_content_length(served, case):
    request, status = ANSWERS[case]
    answered, headers, body = exchange(served, request)
    assert answered == status, body
    if request.startswith(b"HEAD"):
        assert body == b""
    else:
        assert int(headers["content-length"]) == len(body), body


def test_head_announces_the_length_get_sends(served):
    _, headers, _ = exchange(served, get("/", method="HEAD"))
    _, _, body = exchange(served, get("/"))
    assert int(headers["content-length"]) == len(body)


def test_the_busy_answer_has_its_exact_content_length(served):
    held = [socket.create_connection(("127.0.0.1", served)) for _ in range(MAX_CONNECTIONS)]
    try:
        time.sleep(0.3)
        status, headers, body = exchange(served, get("/"))
    finally:
        for sock in held:
            sock.close()
    assert (status, body) == (503, b"server busy: too many connections\n")
    assert int(headers["content-length"]) == len(body)


def drip(port: int, stopped: threading.Event, cut: list[float]) -> None:
    """Send a request's first bytes one every 0.2 s (inside any idle timeout) until the server hangs up."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(0.2)
        for byte in form("ASK {}") * 10:
            if stopped.is_set():
                return
            try:
                sock.sendall(bytes([byte]))
                if sock.recv(1) == b"":
                    break
            except TimeoutError:
                continue
            except OSError:
                break
    cut.append(time.monotonic() - started)


def test_clients_that_trickle_their_request_are_cut_at_the_read_timeout():
    """As many slow clients as connection slots, each sending a byte every 0.2 s (an idle timeout of 5 s never
    fires): after the 1 s read timeout they are cut, and a normal client is answered instead of 503."""
    process, url = start_serve("--max-connections", "4", "--read-timeout", "1", "--idle-timeout", "5")
    port = int(urllib.parse.urlsplit(url).port or 0)
    stopped, cut = threading.Event(), []
    slow = [threading.Thread(target=drip, args=(port, stopped, cut), daemon=True) for _ in range(4)]
    try:
        for thread in slow:
            thread.start()
        time.sleep(0.5)
        assert exchange(port, get("/"))[0] == 503, "the slow clients hold every slot"
        time.sleep(1.5)
        status, _, _ = exchange(port, form("ASK { ?c a cg:Claim }"))
    finally:
        stopped.set()
        for thread in slow:
            thread.join(5)
        stop(process)
    assert status == 200
    assert len(cut) == 4 and max(cut) < 2.5, f"slow clients cut after {cut} s"


OPTION_FIELDS = {"--timeout": "timeout", "--max-results": "max_results", "--max-bytes": "max_bytes",
                 "--max-memory": "max_memory_mb", "--workers": "workers", "--max-connections": "max_connections",
                 "--idle-timeout": "idle_timeout", "--read-timeout": "read_timeout"}


def test_the_limits_table_in_the_docs_gives_the_defaults_of_the_code():
    rows = [line.split("|") for line in (REPO / "docs" / "endpoint.md").read_text().splitlines()
            if line.startswith("| ") and "`--" in line]
    documented = {cells[2].strip(" `"): cells[3].strip() for cells in rows}
    assert set(OPTION_FIELDS) <= set(documented)
    for option, name in OPTION_FIELDS.items():
        number = re.match(r"[0-9.]+", documented[option])
        assert number and float(number[0]) == getattr(DEFAULT_LIMITS, name), option


def test_a_newcomer_displaces_the_slowest_sender_when_every_slot_is_taken():
    """Slow clients that reconnect at once would hold every slot despite the read timeout (30 s here): once every
    slot is taken, a newcomer displaces the connection that has been sending its request longest (over 1 s)."""
    process, url = start_serve("--max-connections", "4", "--read-timeout", "30")
    port = int(urllib.parse.urlsplit(url).port or 0)
    stopped, cut = threading.Event(), []
    slow = [threading.Thread(target=drip, args=(port, stopped, cut), daemon=True) for _ in range(4)]
    try:
        for thread in slow:
            thread.start()
        time.sleep(0.3)
        assert exchange(port, get("/"))[0] == 503, "a burst younger than a second is not displaced"
        time.sleep(1.2)
        statuses = [exchange(port, form("ASK { ?c a cg:Claim }"))[0] for _ in range(3)]
        time.sleep(0.5)
    finally:
        stopped.set()
        for thread in slow:
            thread.join(5)
        stop(process)
    assert statuses == [200, 200, 200]
    assert 1 <= len(cut) < len(slow), "slow clients displaced as newcomers need a slot (a busy machine may free a "\
                                      "slot late, so a second one goes), never all of them at once"


def test_a_connection_whose_query_runs_is_never_displaced():
    process, url = start_serve("--max-connections", "2", "--read-timeout", "30", "--timeout", "3")
    port = int(urllib.parse.urlsplit(url).port or 0)
    stopped, cut, running = threading.Event(), [], []
    query = threading.Thread(target=lambda: running.append(exchange(port, form(RUNAWAY))[0]), daemon=True)
    slow = threading.Thread(target=drip, args=(port, stopped, cut), daemon=True)
    try:
        query.start()
        slow.start()
        time.sleep(1.5)
        status = exchange(port, form("ASK { ?c a cg:Claim }"))[0]
        query.join(10)
    finally:
        stopped.set()
        slow.join(5)
        stop(process)
    assert status == 200
    assert running == [503], "the running query kept its connection and got its answer (the time limit)"
    assert len(cut) == 1
