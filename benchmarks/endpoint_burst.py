"""Cheap queries beside runaway ones: does `claimgraph serve` keep answering the cheap ones fast?

Starts the endpoint (tiny fixture by default; --graphs for another) with a short --timeout, then
runs the same burst twice in one run: CLIENTS threads × QUERIES cheap queries (ASK, small SELECT
with LIMIT), each client from its own loopback address (127.0.1.N), first alone, then with
RUNAWAYS clients (127.0.2.N) sending cross-product queries back to back (each is stopped at the
time limit). Prints, for each burst, the cheap queries' p50/p99 latency and error count, and the
ratio between the two. Usage:
    .venv/bin/python benchmarks/endpoint_burst.py [--clients 20] [--queries 50] [--runaways 2] [--timeout 3]
"""

from __future__ import annotations

import argparse
import http.client
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHEAP = [
    "ASK { ?c a cg:Claim }",
    "SELECT ?c WHERE { ?c a cg:Claim } LIMIT 5",
    "SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 10",
    "ASK { ?s a cg:Study ; cg:identifiable false }",
]
RUNAWAY = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?c ?f ?i",
]


def start_server(graphs: str, timeout: float, workers: int) -> tuple[subprocess.Popen[str], str]:
    script = Path(sys.executable).parent / "claimgraph"
    process = subprocess.Popen([str(script), "serve", "-g", graphs, "--port", "0", "--timeout", str(timeout),
                                "--workers", str(workers)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"(http://\S+/sparql)", line)
    if not match:
        process.kill()
        raise SystemExit(f"claimgraph serve did not start: {line!r}")
    return process, match.group(1)


def post(url: str, query: str, source: str) -> int:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=120,
                                            source_address=(source, 0))
    try:
        connection.request("POST", parts.path, urllib.parse.urlencode({"query": query}),
                           {"Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        response.read()
        return int(response.status)
    except OSError:
        return 0
    finally:
        connection.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def burst(url: str, clients: int, queries: int, runaways: int) -> tuple[list[float], list[str], list[int], float]:
    """Cheap latencies, cheap errors, runaway statuses and wall time of one burst."""
    latencies: list[float] = []
    errors: list[str] = []
    runaway_statuses: list[int] = []
    done = threading.Event()

    def cheap(index: int) -> None:
        for number in range(queries):
            query = CHEAP[(index + number) % len(CHEAP)]
            started = time.monotonic()
            status = post(url, query, f"127.0.1.{index + 1}")
            latencies.append(time.monotonic() - started)
            if status != 200:
                errors.append(f"HTTP {status}: {query}")

    def runaway(index: int) -> None:
        while not done.is_set():
            runaway_statuses.append(post(url, RUNAWAY[index % len(RUNAWAY)], f"127.0.2.{index + 1}"))

    hogs = [threading.Thread(target=runaway, args=(i,), daemon=True) for i in range(runaways)]
    for thread in hogs:
        thread.start()
    if runaways:
        time.sleep(0.5)
    started = time.monotonic()
    threads = [threading.Thread(target=cheap, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    done.set()
    for thread in hogs:
        thread.join()
    return latencies, errors, runaway_statuses, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--queries", type=int, default=50, help="cheap queries per client")
    parser.add_argument("--runaways", type=int, default=2, help="clients sending runaway queries")
    parser.add_argument("--timeout", type=float, default=3.0, help="the server's --timeout")
    parser.add_argument("--workers", type=int, default=4, help="the server's --workers")
    parser.add_argument("--graphs", default=str(REPO / "tests" / "fixtures" / "tiny.ttl"))
    options = parser.parse_args()

    process, url = start_server(options.graphs, options.timeout, options.workers)
    try:
        print(f"{url}: --timeout {options.timeout:g} --workers {options.workers}; "
              f"{options.clients} clients × {options.queries} cheap queries")
        figures = {}
        for runaways in (0, options.runaways):
            latencies, errors, statuses, wall = burst(url, options.clients, options.queries, runaways)
            p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
            figures[runaways] = (p50, p99)
            hogs = f"{runaways} runaway clients ({len(statuses)} runaway queries, statuses {sorted(set(statuses))})" \
                if runaways else "no runaway queries"
            print(f"{hogs}: p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
                  f"errors {len(errors)} / {len(latencies)}, {len(latencies) / wall:.1f} queries/s"
                  + (f" (first error: {errors[0]})" if errors else ""))
        (base50, base99), (mixed50, mixed99) = figures[0], figures[options.runaways]
        print(f"ratio with/without runaways: p50 ×{mixed50 / base50:.2f}, p99 ×{mixed99 / base99:.2f}")
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    main()
