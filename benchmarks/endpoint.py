"""Load test of `claimgraph serve`: a bounded burst of concurrent clients on 127.0.0.1.

Starts the endpoint on the curated graph (or the tiny fixture when graphs/ is missing or
empty), fires CLIENTS threads × QUERIES queries (a mix of named queries and small ad-hoc
ones), prints throughput, p50/p99 latency and the error count, then checks the server still
answers. Usage: .venv/bin/python benchmarks/endpoint.py [--clients 20] [--queries 50] [--store oxigraph:DIR]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.sparql import named_queries  # noqa: E402

AD_HOC = [
    "SELECT ?c ?label WHERE { ?c a cg:Claim ; rdfs:label ?label } LIMIT 20",
    "ASK { ?s a cg:Study ; cg:identifiable false }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
]
NAMED = ["claims", "studies", "claims-without-trials", "source-reliability", "studies-cited-by-most-sources"]


def graphs_to_serve() -> list[str]:
    graphs = REPO / "graphs"
    if graphs.is_dir() and any(graphs.glob("*.ttl")):
        return ["-g", str(graphs)]
    return ["-g", str(REPO / "tests" / "fixtures" / "tiny.ttl")]


def start_server(graph_args: list[str], workers: int, store: str) -> tuple[subprocess.Popen, str, str]:
    script = Path(sys.executable).parent / "claimgraph"
    process = subprocess.Popen(
        [str(script), "serve", *graph_args, "--port", "0", "--workers", str(workers), "--store", store],
        stdout=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"(http://\S+/sparql)", line)
    if not match:
        process.kill()
        raise SystemExit(f"claimgraph serve did not start: {line!r}")
    return process, match.group(1), line.strip()


def ask(url: str, query: str) -> int:
    body = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=body, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except OSError:
        return 0


def client(url: str, queries: list[str], latencies: list[float], errors: list[str], lock: threading.Lock) -> None:
    for query in queries:
        started = time.perf_counter()
        status = ask(url, query)
        elapsed = time.perf_counter() - started
        with lock:
            latencies.append(elapsed)
            if status != 200:
                errors.append(f"HTTP {status}: {query[:40]!r}")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--queries", type=int, default=50, help="queries per client")
    parser.add_argument("--workers", type=int, default=4, help="the server's --workers")
    parser.add_argument("--store", default="memory", help="the server's --store, e.g. oxigraph:/tmp/cg-bench")
    options = parser.parse_args()

    texts = [named_queries()[name].text for name in NAMED] + AD_HOC
    graph_args = graphs_to_serve()
    process, url, banner = start_server(graph_args, options.workers, options.store)
    try:
        print(banner)
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        threads = [
            threading.Thread(target=client, args=(
                url, [texts[(c + q) % len(texts)] for q in range(options.queries)], latencies, errors, lock))
            for c in range(options.clients)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        total = len(latencies)
        print(f"graph: {' '.join(graph_args[1::2])}; {options.clients} clients × {options.queries} queries "
              f"= {total} requests, server --store {options.store} --workers {options.workers}")
        print(f"throughput: {total / wall:.1f} queries/s over {wall:.1f} s")
        p50, p99 = (percentile(latencies, fraction) * 1000 for fraction in (0.5, 0.99))
        print(f"latency: p50 {p50:.0f} ms, p99 {p99:.0f} ms, mean {statistics.fmean(latencies) * 1000:.0f} ms")
        print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
        alive = ask(url, "ASK { ?s ?p ?o }")
        print(f"server still answering afterwards: {'yes' if alive == 200 else f'NO (HTTP {alive})'}")
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    main()
