"""Benchmark the `claimgraph audit` command a user runs, its output written, against the library call and a bare load.

    .venv/bin/python benchmarks/audit_command.py                       # 10^6 triples, 2 runs, -f json
    .venv/bin/python benchmarks/audit_command.py --sizes 2e5 --formats json sarif csv md html text
    .venv/bin/python benchmarks/audit_command.py --sizes 1e6 --repeat 2

The graph is the curated one (graphs/*.ttl) replicated enough times to reach each size, every copy's IRIs under
``id/`` and its blank nodes renamed (``claim/r7-…``), written as one N-Triples file (which is Turtle). Each run
measures, interleaved and each in a process of its own:

* **bare**: ``pyoxigraph.Store().bulk_load`` of that file (the baseline, as in ``benchmarks/audit.py``);
* **library**: ``load`` + ``run_audit`` + ``close`` in a forked child, as ``benchmarks/audit.py`` does;
* **command**: ``claimgraph audit -g DIR -f FORMAT -o FILE`` as a subprocess, from interpreter start to the
  process's end (what the console script runs, with this interpreter and its environment).

It prints each run's wall time, CPU (user + system) and peak RSS, then medians and the ratios to the bare load
(the median of each run's ratio to the bare load measured next to it), in wall time and in CPU time: on a machine
shared with other jobs the CPU ratios wander less.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from audit import Run, bare_bulk_load, in_child
from claimgraph.audit import run_audit
from claimgraph.store import load

REPO = Path(__file__).resolve().parents[1]
ID_IRI = re.compile(r"(<https://w3id\.org/claimgraph/id/[a-z-]+/)")
BLANK_NODE = re.compile(r"_:(\w+)")


def curated_ntriples() -> str:
    """The curated graph (graphs/*.ttl, without the ontology) as N-Triples."""
    import pyoxigraph

    store = pyoxigraph.Store()
    for path in sorted((REPO / "graphs").glob("*.ttl")):
        store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    return store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph()).decode()


def write_replicated(folder: Path, target_triples: int) -> tuple[Path, int, int]:
    """Write the curated graph replicated to about ``target_triples`` into ``folder``/graph.ttl; return the file,
    its triple count and the number of copies."""
    curated = curated_ntriples()
    per_copy = curated.count("\n")
    copies = max(1, round(target_triples / per_copy))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "graph.ttl"
    with path.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            handle.write(BLANK_NODE.sub(rf"_:r{copy}b\1", ID_IRI.sub(rf"\1r{copy}-", curated)))
    return path, per_copy * copies, copies


def library_call(folder: Path) -> float:
    """Seconds for ``load`` + ``run_audit`` + ``close`` of ``folder`` on the default store."""
    start = time.perf_counter()
    store = load([folder])
    run_audit(store)
    store.close()
    return time.perf_counter() - start


def claimgraph_command() -> list[str]:
    """What the ``claimgraph`` console script runs (``claimgraph.cli:run``; ``main`` before it existed), with this
    interpreter and its path."""
    import claimgraph.cli

    entry = "run" if hasattr(claimgraph.cli, "run") else "main"
    return [sys.executable, "-c", f"from claimgraph.cli import {entry}; {entry}()"]


def audit_command(folder: Path, fmt: str, output: Path) -> Run:
    """``claimgraph audit -g folder -f fmt -o output`` as a subprocess: its wall time, peak RSS and CPU."""
    errors = output.with_suffix(".stderr")
    with errors.open("wb") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen([*claimgraph_command(), "audit", "-g", str(folder), "-f", fmt, "-o", str(output)],
                                   stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"claimgraph audit -f {fmt} exited {process.returncode}: {errors.read_text()}")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e6], help="target triple counts")
    parser.add_argument("--formats", nargs="+", default=["json"], help="audit formats the command writes")
    parser.add_argument("--repeat", type=int, default=2, help="runs per size, interleaved")
    args = parser.parse_args(argv)
    rows: list[str] = []
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        for size in args.sizes:
            folder = Path(tmp) / f"graph-{int(size)}"
            path, count, copies = write_replicated(folder, int(size))
            print(f"curated graph x{copies}: {count:,} triples ({path.stat().st_size / 1e6:.1f} MB N-Triples)")
            runs: dict[str, list[Run]] = {"bare": [], "library": [], **{f"-f {f}": [] for f in args.formats}}
            for repetition in range(args.repeat):
                runs["bare"].append(in_child(lambda path=path: bare_bulk_load(path)))
                runs["library"].append(in_child(lambda folder=folder: library_call(folder)))
                for fmt in args.formats:
                    runs[f"-f {fmt}"].append(audit_command(folder, fmt, Path(tmp) / f"audit.{fmt}"))
                print(f"  run {repetition + 1} (load average {os.getloadavg()[0]:.1f}): " + "   ".join(
                    f"{name} {measured[-1].seconds:.2f} s ({measured[-1].seconds / runs['bare'][-1].seconds:.2f}x)"
                    for name, measured in runs.items()))
                sys.stdout.flush()
            rows += _rows(count, copies, runs)
    print("\n| triples | what | runs | wall (median) | × bare bulk load (median of paired ratios) | each run |"
          " CPU (median) | CPU × bare | peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


def _rows(count: int, copies: int, runs: dict[str, list[Run]]) -> list[str]:
    """The summary rows of one size: each measurement's medians and its runs' ratios to the bare load."""
    names = {"bare": "bare pyoxigraph bulk_load (memory)", "library": "load + run_audit + close (library)"}
    rows = []
    for kind, measured in runs.items():
        ratios = [run.seconds / base.seconds for run, base in zip(measured, runs["bare"], strict=True)]
        cpu_ratios = [run.cpu / base.cpu for run, base in zip(measured, runs["bare"], strict=True)]
        name = names.get(kind, f"`claimgraph audit {kind} -o FILE` (command)")
        rows.append(f"| {count:,} (curated x{copies}) | {name} | {len(measured)} |"
                    f" {statistics.median(run.seconds for run in measured):.2f} s | {statistics.median(ratios):.2f}x |"
                    f" {', '.join(f'{ratio:.2f}x' for ratio in ratios)} |"
                    f" {statistics.median(run.cpu for run in measured):.2f} s | {statistics.median(cpu_ratios):.2f}x |"
                    f" {max(run.rss for run in measured):,.0f} MB |")
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
