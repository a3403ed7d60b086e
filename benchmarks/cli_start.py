"""Benchmark how fast the CLI starts: `claimgraph --help` against a bare interpreter, in one sitting.

    .venv/bin/python benchmarks/cli_start.py              # 20 runs of each, interleaved
    .venv/bin/python benchmarks/cli_start.py --runs 50

Each run is a fresh process. The baseline is ``python -c pass`` (the interpreter's own start);
the script also times ``python -c "import rdflib"``, what every command paid before the stage
packages exported lazily. Runs are interleaved so that load on this shared machine falls on all
three alike; the script prints each one's median wall time and its ratio to the baseline.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def seconds(command: list[str]) -> float:
    """Wall seconds of one run of ``command`` (its output discarded; it must exit 0)."""
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20, help="runs of each command")
    args = parser.parse_args(argv)
    claimgraph = shutil.which("claimgraph", path=str(Path(sys.executable).parent)) or "claimgraph"
    commands = {
        "python -c pass (baseline)": [sys.executable, "-c", "pass"],
        'python -c "import rdflib"': [sys.executable, "-c", "import rdflib"],
        "claimgraph --help": [claimgraph, "--help"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(seconds(command))
    base = statistics.median(times["python -c pass (baseline)"])
    print("| command | median wall | ratio to bare interpreter |")
    print("|---|---|---|")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"| {name} | {median * 1000:.0f} ms | {median / base:.2f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
