"""What stable skolem IRIs cost `claimgraph load --to`, as ratios to work measured in the same run.

For the curated graph and synthetic graphs (``benchmarks/audit.py``'s generator), medians of ``--runs``:
``skolemize`` (claimgraph's digest of each blank node's description) next to parsing the same graph
into rdflib (what ``load --to`` does anyway before sending) and, for the curated graph only, rdflib's
own canonical labelling (``rdflib.compare.to_canonical_graph``), the other way to get stable labels.

    .venv/bin/python benchmarks/load_to.py --sizes 1e5 --runs 3   # 1e5 nodes: about 10^6 triples
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import rdflib
from rdflib.term import BNode

from claimgraph.store import load
from claimgraph.store.skolem import skolemize

sys.path.insert(0, str(Path(__file__).parent))
from export import synthetic_turtle


def median_seconds(action: Callable[[], object], runs: int) -> float:
    """The median wall time of ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def row(name: str, graph: rdflib.Graph, parse: Callable[[], object], runs: int, canonical: bool) -> str:
    """One table row: triples, blank nodes, parse time, skolemize time and their ratio (and rdflib's, if asked)."""
    blanks = len({term for triple in graph for term in triple if isinstance(term, BNode)})
    parse_s = median_seconds(parse, runs)
    skolem_s = median_seconds(lambda: skolemize(graph), runs)
    line = (f"{name:<12}{len(graph):>10}{blanks:>9}{parse_s:>10.3f}{skolem_s:>12.3f}"
            f"{skolem_s / parse_s:>9.2f}x")
    if canonical:
        from rdflib.compare import to_canonical_graph

        canonical_s = median_seconds(lambda: to_canonical_graph(graph), 1)
        line += f"   rdflib canonical labelling {canonical_s:.2f} s = {canonical_s / skolem_s:.0f}x skolemize"
    return line


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["1e5"], help="synthetic graph sizes in nodes (x10 triples)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}; medians of {args.runs} runs")
    print(f"{'graph':<12}{'triples':>10}{'blanks':>9}{'parse s':>10}{'skolemize s':>12}{'ratio':>10}")
    curated = load(["graphs"]).to_rdflib()
    text = curated.serialize(format="nt")
    print(row("curated", curated, lambda: rdflib.Graph().parse(data=text, format="nt"), args.runs, True))
    for size in args.sizes:
        turtle = synthetic_turtle(int(float(size)))
        graph = rdflib.Graph().parse(data=turtle, format="turtle")
        print(row(f"synthetic {size}", graph, lambda t=turtle: rdflib.Graph().parse(data=t, format="turtle"),
                  args.runs, False))


if __name__ == "__main__":
    main()
