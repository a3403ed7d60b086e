"""Benchmark `claimgraph build` step by step on the curated graph and on synthetic graphs, per store.

    .venv/bin/python benchmarks/build.py                          # curated graph and 1e6 triples
    .venv/bin/python benchmarks/build.py --sizes 1e5 --stores oxigraph: rdflib

For each graph and each store (in the same run, so the ratios compare like with like on this
shared, noisy machine) it runs ``claimgraph.build.build`` into a temporary directory and prints
the wall time of every step (load, rdflib copy, SHACL, stats, audit, each output, the write),
the CPU time of the whole build, and each store's total as a ratio to the first store's.
Synthetic graphs come from ``benchmarks/audit.py`` (the curated graph's shape).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from claimgraph.build import build

sys.path.insert(0, str(Path(__file__).parent))
from audit import write_graph

REPO = Path(__file__).resolve().parents[1]


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(graph: Path, store: str, out: Path) -> tuple[dict[str, float], float, float, tuple[int, int]]:
    """One build: each step's wall seconds, the total wall seconds, the CPU seconds, (files written, bytes)."""
    cpu, wall = _cpu_seconds(), time.perf_counter()
    result = build([graph], out, store)
    elapsed, used = time.perf_counter() - wall, _cpu_seconds() - cpu
    return result.seconds, elapsed, used, (len(result.outputs), sum(path.stat().st_size for path in result.outputs))


def report(name: str, graph: Path, stores: list[str], folder: Path) -> None:
    """Print one table: steps as rows, stores as columns, and the totals' ratios to the first store."""
    runs = {store: run(graph, store, folder / f"out-{index}") for index, store in enumerate(stores)}
    steps = list(next(iter(runs.values()))[0])
    print(f"\n## {name}")
    print("| step | " + " | ".join(stores) + " |")
    print("|---|" + "---|" * len(stores))
    for step in steps:
        print(f"| {step} | " + " | ".join(f"{runs[s][0].get(step, 0.0):.3f} s" for s in stores) + " |")
    base_wall, base_cpu = runs[stores[0]][1], runs[stores[0]][2]
    print("| **total wall** | " + " | ".join(
        f"{runs[s][1]:.2f} s ({runs[s][1] / base_wall:.2f}x)" for s in stores) + " |")
    print("| **CPU** | " + " | ".join(f"{runs[s][2]:.2f} s ({runs[s][2] / base_cpu:.2f}x)" for s in stores) + " |")
    print("| files written | " + " | ".join(f"{runs[s][3][0]:,} ({runs[s][3][1] / 1e6:.1f} MB)" for s in stores) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="*", default=["1e6"], help="synthetic graph sizes in triples")
    parser.add_argument("--stores", nargs="+", default=["memory", "rdflib"], help="store specs, first = baseline")
    parser.add_argument("--no-curated", action="store_true", help="skip the curated graph")
    args = parser.parse_args(argv)
    print(f"claimgraph build, stores {', '.join(args.stores)}; ratios are against {args.stores[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if not args.no_curated:
            report("curated graph (graphs/)", REPO / "graphs", args.stores, folder / "curated")
        for size in args.sizes:
            (folder / f"graph-{size}").mkdir()
            path, count = write_graph(folder / f"graph-{size}", int(float(size)))
            report(f"synthetic graph, {count:,} triples", path, args.stores, folder / f"synthetic-{size}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
