"""Fault injection against a real `claimgraph serve`: stopping it mid-query, runaway queries,
floods, oversized results, idle and surplus connections. Real processes, real sockets on loopback.
"""

from __future__ import annotations

import http.client
import os
import resource
import signal
import socket
import statistics
import threading
import time
import urllib.parse
from collections.abc import Iterator

import pytest

from claimgraph.serve.worker import Answer, WorkerLimits, Workers
from helpers import start_serve, stop

pytestmark = pytest.mark.server

RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?c ?f ?i"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CHEAP = [
    "ASK { ?c a cg:Claim }",
    "SELECT ?c WHERE { ?c a cg:Claim } LIMIT 5",
    "SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 10",
    "ASK { ?s a cg:Study ; cg:identifiable false }",
]


def post(url: str, query: str, source: str | None = None, timeout: float = 60) -> tuple[int, bytes, float]:
    """POST one query as a form from ``source`` (a loopback address); status, body and seconds taken."""
    parts = urllib.parse.urlsplit(url)
    started = time.monotonic()
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=timeout,
                                            source_address=(source, 0) if source else None)
    try:
        connection.request("POST", parts.path, urllib.parse.urlencode({"query": query}),
                           {"Content-Type": "application/x-www-form-urlencoded",
                            "Accept": "application/sparql-results+json"})
        response = connection.getresponse()
        return response.status, response.read(), time.monotonic() - started
    finally:
        connection.close()


def port_of(url: str) -> int:
    return int(urllib.parse.urlsplit(url).port or 0)


def children(pid: int) -> list[int]:
    """Live processes whose parent is ``pid``."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = read_stat(int(entry))
            if stat and stat[1] == str(pid) and stat[0] != "Z":
                found.append(int(entry))
    return found


def read_stat(pid: int) -> list[str] | None:
    """state, ppid, pgrp, … of a process, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def alive(pid: int) -> bool:
    """Whether ``pid`` is a process that still runs (a zombie has stopped running)."""
    stat = read_stat(pid)
    return stat is not None and stat[0] != "Z"


def group_members(pgid: int) -> list[int]:
    """Running processes in process group ``pgid``."""
    return [int(e) for e in os.listdir("/proc") if e.isdigit() and (s := read_stat(int(e))) and s[2] == str(pgid)
            and s[0] != "Z"]


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_stopping_the_server_leaves_no_worker_and_frees_the_port(signum):
    process, url = start_serve("--timeout", "30", new_session=True)
    try:
        threading.Thread(target=answers, args=(url, RUNAWAY), daemon=True).start()
        assert wait_for(lambda: children(process.pid), 15), "no worker started"
        workers = children(process.pid)
        time.sleep(0.3)  # let the runaway get going
        os.kill(process.pid, signum)
        process.wait(timeout=10)
    finally:
        stop(process)
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 5), f"workers {workers} outlived the server"
    assert wait_for(lambda: not group_members(process.pid), 5), "a process of the server's group is left"
    with socket.socket() as again:  # a restarted server (SO_REUSEADDR, as the stdlib's) can bind at once
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port_of(url)))
        again.listen()


def test_worker_runs_within_cpu_and_memory_limits_and_without_the_listening_socket():
    listener = socket.create_server(("127.0.0.1", 0))
    workers = Workers()
    workers.close_in_child.append(listener.fileno())

    def report() -> Answer:
        try:
            os.fstat(listener.fileno())
            held = "open"
        except OSError:
            held = "closed"
        cpu = resource.getrlimit(resource.RLIMIT_CPU)
        memory = resource.getrlimit(resource.RLIMIT_AS)[0]
        return Answer(200, "text/plain", f"{held} {cpu[0]} {cpu[1]} {memory}".encode())

    try:
        answer = workers.run(report, WorkerLimits(timeout=3, max_memory_mb=100))
    finally:
        listener.close()
    held, soft_cpu, hard_cpu, memory = answer.body.decode().split()
    assert held == "closed"
    assert (int(soft_cpu), int(hard_cpu)) == (5, 6)
    assert 100 * 2**20 < int(memory) < 100 * 2**20 + 8 * 2**30  # the server's address space plus 100 MB


def test_a_worker_that_outgrows_its_memory_is_stopped_with_a_clear_answer():
    def hog() -> Answer:
        blocks = [bytearray(2**20) for _ in range(4096)]  # 4 GB, far above the 64 MB allowed
        return Answer(200, "text/plain", str(len(blocks)).encode())

    started = time.monotonic()
    answer = Workers().run(hog, WorkerLimits(timeout=30, max_memory_mb=64))
    assert answer.status == 500
    assert b"memory limit of 64 MB" in answer.body
    assert time.monotonic() - started < 10


def test_the_server_stops_reading_a_worker_past_the_byte_limit():
    answer = Workers().run(lambda: Answer(200, "text/plain", b"x" * 5_000_000), WorkerLimits(5, max_bytes=100_000))
    assert answer.status == 500
    assert b"limit of 100000 bytes" in answer.body


def test_a_slow_worker_forked_meanwhile_does_not_hold_back_a_fast_answer(monkeypatch):
    """A worker forked while another's pipe is open must not inherit that pipe's write end: the fast
    answer's end-of-file would then wait for the slow worker to exit (a cheap query timed out so)."""
    from claimgraph.serve import worker

    real_pipe, first = os.pipe, threading.Event()

    def slow_first_pipe() -> tuple[int, int]:
        fds = real_pipe()
        if not first.is_set():
            first.set()
            time.sleep(0.5)  # widen the window between the fast worker's pipe and its fork
        return fds

    monkeypatch.setattr(worker.os, "pipe", slow_first_pipe)
    workers = Workers()
    fast: list[float] = []

    def run_fast() -> None:
        started = time.monotonic()
        workers.run(lambda: Answer(200, "text/plain", b"fast"), WorkerLimits(10))
        fast.append(time.monotonic() - started)

    thread = threading.Thread(target=run_fast)
    thread.start()
    first.wait()
    slow = workers.run(lambda: (time.sleep(4), Answer(200, "text/plain", b"slow"))[1], WorkerLimits(10))
    thread.join()
    assert slow.body == b"slow"
    assert fast[0] < 2.5, f"the fast answer took {fast[0]:.1f} s, held back by the slow worker"


@pytest.fixture(scope="module")
def limited() -> Iterator[tuple[str, int]]:
    process, url = start_serve("--timeout", "5", "--workers", "2", "--idle-timeout", "1",
                               "--max-connections", "12", "--max-bytes", "200000")
    yield url, process.pid
    stop(process)


def test_result_bytes_are_limited_not_just_rows(limited):
    url, _ = limited
    doublings = "".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1}) " for i in range(10))
    query = f"SELECT ?v10 WHERE {{ {{ SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT 20 }} BIND(STR(?s) AS ?v0) {doublings}}}"
    status, body, _ = post(url, query)
    assert status == 500
    assert body.decode().strip().startswith("result too large:")
    assert "limit of 200000 bytes" in body.decode()
    assert len(body) < 200


def test_a_flooding_client_does_not_starve_another():
    process, url = start_serve("--timeout", "4", "--workers", "2")
    try:
        flood = [threading.Thread(target=answers, args=(url, SLOW, "127.0.0.2"), daemon=True) for _ in range(6)]
        for thread in flood:
            thread.start()
        time.sleep(1.0)  # the flood holds what it may of the 2 workers and queues the rest
        status, body, seconds = post(url, "ASK { ?c a cg:Claim }", source="127.0.0.3")
    finally:
        stop(process)  # also stops the flood's workers
    assert status == 200, body
    assert seconds < 2.5, f"a cheap query waited {seconds:.1f} s behind another client's flood"


def test_idle_connections_are_closed(limited):
    url, _ = limited
    idle = [socket.create_connection(("127.0.0.1", port_of(url))) for _ in range(5)]
    try:
        for sock in idle:
            sock.settimeout(5)
        started = time.monotonic()
        assert [sock.recv(1024) for sock in idle] == [b""] * 5  # closed by the server
        assert time.monotonic() - started < 4
    finally:
        for sock in idle:
            sock.close()


def answers(url: str, query: str, source: str | None = None) -> int:
    """The status of one query, 0 when the connection is refused or dropped."""
    try:
        return post(url, query, source, timeout=30)[0]
    except (OSError, http.client.HTTPException):  # e.g. cut off mid-answer when the server stops
        return 0


def threads_of(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("Threads:"))


def test_connections_are_capped(limited):
    url, pid = limited
    idle = [socket.create_connection(("127.0.0.1", port_of(url))) for _ in range(40)]
    try:
        time.sleep(0.3)
        assert threads_of(pid) <= 12 + 4, "one thread per idle connection, uncapped"
        surplus = socket.create_connection(("127.0.0.1", port_of(url)))
        surplus.settimeout(5)
        assert surplus.recv(1024).startswith(b"HTTP/1.0 503")
        surplus.close()
    finally:
        for sock in idle:
            sock.close()
    assert wait_for(lambda: answers(url, "ASK { ?c a cg:Claim }") == 200, 5)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def test_cheap_queries_stay_fast_beside_runaway_queries():
    timeout = 8.0
    process, url = start_serve("--timeout", str(timeout), "--workers", "4")
    latencies: list[float] = []
    errors: list[str] = []
    runaway_answers: list[tuple[int, bytes]] = []
    done = threading.Event()

    def cheap_client(index: int) -> None:
        for number in range(50):
            query = CHEAP[(index + number) % len(CHEAP)]
            try:
                status, body, seconds = post(url, query, source=f"127.0.1.{index + 1}")
            except OSError as error:
                errors.append(f"{query[:30]}: {error}")
                continue
            latencies.append(seconds)
            if status != 200:
                errors.append(f"{query[:30]}: HTTP {status} {body[:80]!r}")

    def runaway_client(index: int) -> None:
        while not done.is_set():
            status, body, _ = post(url, RUNAWAY if index else SLOW, source=f"127.0.2.{index + 1}")
            runaway_answers.append((status, body))

    try:
        runaways = [threading.Thread(target=runaway_client, args=(i,), daemon=True) for i in range(2)]
        for thread in runaways:
            thread.start()
        time.sleep(0.5)
        started = time.monotonic()
        clients = [threading.Thread(target=cheap_client, args=(i,)) for i in range(20)]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join()
        wall = time.monotonic() - started
        done.set()
        for thread in runaways:
            thread.join(timeout=30)
    finally:
        stop(process)
    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
    print(f"\ncheap queries beside runaways: {len(latencies)} in {wall:.1f} s, p50 {p50 * 1000:.0f} ms, "
          f"p99 {p99 * 1000:.0f} ms, mean {statistics.fmean(latencies) * 1000:.0f} ms, errors {len(errors)}; "
          f"runaway answers {sorted({status for status, _ in runaway_answers})} ×{len(runaway_answers)}")
    assert not errors, errors[:5]
    assert len(latencies) == 1000
    assert runaway_answers
    for status, body in runaway_answers:  # each stopped by a limit: time or CPU (503) or memory (500)
        assert (status, b"limit" in body) in ((503, True), (500, True)), (status, body[:120])
    assert p99 < timeout
