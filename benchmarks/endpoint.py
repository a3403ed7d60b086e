"""Load test of `claimgraph serve` beside `oxigraph serve-read-only`, same graph, same queries, same run.

Starts the endpoint on the curated graph (or the tiny fixture when graphs/ is missing or
empty), fires CLIENTS threads × QUERIES queries (a mix of named queries and small ad-hoc
ones), prints throughput, p50/p99 latency and the error count, then checks the server still
answers. Then it loads the same files (ontology and graphs) into an on-disk Oxigraph with
`oxigraph load`, serves it with `oxigraph serve-read-only` (the PyPI `oxigraph` package) and
fires the same burst (the queries with the PREFIX lines claimgraph predeclares), and prints
claimgraph's throughput and p50/p99 as ratios to Oxigraph's.

    .venv/bin/python benchmarks/endpoint.py [--clients 20] [--queries 50] [--store memory] [--mix named|cheap]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.namespaces import PREFIXES  # noqa: E402
from claimgraph.query import named_queries  # noqa: E402
from claimgraph.resources import ontology_texts  # noqa: E402
from servers import oxigraph_load, start_oxigraph_read_only, stop_group  # noqa: E402

AD_HOC = [
    "SELECT ?c ?label WHERE { ?c a cg:Claim ; rdfs:label ?label } LIMIT 20",
    "ASK { ?s a cg:Study ; cg:identifiable false }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
]
NAMED = ["claims", "studies", "claims-without-trials", "source-reliability", "studies-cited-by-most-sources"]
CHEAP = [*AD_HOC, "SELECT ?s WHERE { ?s a cg:Study } LIMIT 10", "ASK { ?c a cg:Claim }"]


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


def burst(url: str, texts: list[str], clients: int, queries: int) -> dict[str, float]:
    """Fire ``clients`` threads × ``queries`` queries at ``url``; throughput, p50, p99 (ms) and errors."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    threads = [
        threading.Thread(target=client, args=(
            url, [texts[(c + q) % len(texts)] for q in range(queries)], latencies, errors, lock))
        for c in range(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    figures = {"throughput": len(latencies) / wall, "p50": percentile(latencies, 0.5) * 1000,
               "p99": percentile(latencies, 0.99) * 1000, "errors": len(errors), "wall": wall}
    print(f"  {len(latencies)} requests in {wall:.1f} s: {figures['throughput']:.1f} queries/s, "
          f"p50 {figures['p50']:.0f} ms, p99 {figures['p99']:.0f} ms, "
          f"mean {statistics.fmean(latencies) * 1000:.0f} ms, errors {len(errors)}"
          + (f" (first: {errors[0]})" if errors else ""))
    alive = ask(url, "ASK { ?s ?p ?o }")
    print(f"  server still answering afterwards: {'yes' if alive == 200 else f'NO (HTTP {alive})'}")
    return figures


def with_prefix_lines(query: str) -> str:
    """The query as a server without claimgraph's predeclared prefixes needs it."""
    declared = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items()
                       if not re.search(rf"PREFIX\s+{re.escape(name)}:", query, re.IGNORECASE))
    return declared + query


def oxigraph_read_only(graph_args: list[str], folder: Path) -> tuple[subprocess.Popen, str]:
    """`oxigraph serve-read-only` on a store loaded with the ontology and the same graph files."""
    files = []
    for index, (_, text) in enumerate(ontology_texts()):
        files.append(folder / f"ontology-{index}.ttl")
        files[-1].write_text(text, encoding="utf-8")
    for path in map(Path, graph_args[1::2]):
        files.extend(sorted(path.glob("*.ttl")) if path.is_dir() else [path])
    location = folder / "oxigraph"
    oxigraph_load(files, location)
    return start_oxigraph_read_only(location)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--queries", type=int, default=50, help="queries per client")
    parser.add_argument("--workers", type=int, default=4, help="the server's --workers")
    parser.add_argument("--store", default="memory", help="the server's --store, e.g. oxigraph:/tmp/cg-bench")
    parser.add_argument("--mix", choices=["named", "cheap"], default="named",
                        help="named: README's named queries and small ad-hoc ones; cheap: small queries only")
    options = parser.parse_args()

    texts = [named_queries()[name].text for name in NAMED] + AD_HOC if options.mix == "named" else CHEAP
    graph_args = graphs_to_serve()
    print(f"graph: {' '.join(graph_args[1::2])}; {options.clients} clients × {options.queries} queries, "
          f"mix {options.mix}")
    process, url, banner = start_server(graph_args, options.workers, options.store)
    try:
        print(f"claimgraph serve --store {options.store} --workers {options.workers}: {banner}")
        ours = burst(url, texts, options.clients, options.queries)
    finally:
        process.terminate()
        process.wait(timeout=10)
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        process, url = oxigraph_read_only(graph_args, Path(tmp))
        try:
            print(f"oxigraph serve-read-only at {url}")
            theirs = burst(url, [with_prefix_lines(text) for text in texts], options.clients, options.queries)
        finally:
            stop_group(process)
    print(f"claimgraph / oxigraph serve-read-only: throughput {ours['throughput'] / theirs['throughput']:.2f}x, "
          f"p50 {ours['p50'] / theirs['p50']:.2f}x, p99 {ours['p99'] / theirs['p99']:.2f}x "
          f"(errors {ours['errors']:.0f} vs {theirs['errors']:.0f})")


if __name__ == "__main__":
    main()
