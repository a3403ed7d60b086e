"""The audit's wall time on every engine the tests start, on the curated graph and a synthetic 10^6-triple graph.

    .venv/bin/python benchmarks/engines.py                        # curated and 1e6 (several minutes)
    .venv/bin/python benchmarks/engines.py --sizes curated 1e5    # a quick run
    .venv/bin/python benchmarks/engines.py --skip virtuoso jena   # only what pyoxigraph and rdflib need

Engines, each started by this script on 127.0.0.1 and stopped at the end (also on Ctrl-C or an error),
each loaded the way README documents:

* ``memory``: embedded Oxigraph in memory, the default store (``load`` + ``run_audit``), the reference;
* ``oxigraph:DIR``: embedded Oxigraph on disk (``load`` + ``run_audit``);
* ``rdflib``: ``--store rdflib`` (``load`` + ``run_audit``), skipped above ``--rdflib-max`` triples;
* ``oxigraph serve``: ``oxigraph load --location DIR --file F``, then ``oxigraph serve-read-only``;
  ``run_audit`` through ``sparql:http://127.0.0.1:PORT/query``;
* Virtuoso 7: ``virtuoso-t -f -c INI`` with its own ini in a temporary directory, bulk-loaded with isql
  (``ld_dir`` + ``rdf_loader_run``) into a named graph; ``run_audit`` through ``sparql:URL,graph=IRI``;
* Jena ARQ (no claimgraph store): ``tdb2.tdbloader`` once, then every query the audit runs (the rules and the
  facts queries) with ``tdb2.tdbquery --results json``, one JVM per query; the audit time is their sum.

The servers and Jena get the exact triples the in-memory store audited (its N-Triples dump, ontology
included). For each engine and size the table gives the load time, the audit time, the audit as a ratio to
the in-memory audit of the same run, and whether the result is the in-memory one: the same
``audit --format json`` report for claimgraph stores, the same number of rows per query for Jena.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audit import timed, write_graph
from claimgraph.audit import rules, run_audit
from claimgraph.audit.ruleset import FACTS
from claimgraph.audit.run import FACT_QUERIES
from claimgraph.errors import ClaimgraphError
from claimgraph.store import load
from jena_tools import jena_classpath, jena_installed, jena_version, run_jena, tdb2_load, tdb2_select_json
from servers import (
    Virtuoso,
    oxigraph_binary,
    oxigraph_load,
    start_oxigraph_read_only,
    start_virtuoso,
    stop_group,
    virtuoso_load,
)

REPO = Path(__file__).resolve().parents[1]
GRAPHS = REPO / "graphs"
ENGINES = ("memory", "disk", "rdflib", "oxigraph-serve", "virtuoso", "jena")
ENGINE_NAMES = {"memory": "Oxigraph in memory (default)", "disk": "Oxigraph on disk (oxigraph:DIR)",
                "rdflib": "rdflib (--store rdflib)", "oxigraph-serve": "oxigraph serve-read-only",
                "virtuoso": "Virtuoso 7 (sparql:URL,graph=IRI)", "jena": "Jena ARQ (TDB2, JVM per query)"}


@dataclass
class Measured:
    """One engine on one graph: load and audit seconds (None when skipped), agreement with memory, a note."""

    load: float | None = None
    audit: float | None = None
    agrees: str = ""
    note: str = ""


@dataclass
class Graph:
    """A graph to audit: its label, triple count, the files ``load`` reads and its N-Triples dump."""

    label: str
    triples: int
    inputs: list[Path]
    dump: Path
    reference: dict[str, Any] = field(default_factory=dict)
    row_counts: list[int] = field(default_factory=list)


def audit_queries() -> list[str]:
    """Every query ``run_audit`` asks, in its order: each rule, then the facts queries."""
    texts = FACTS.texts()
    return [rule.sparql for rule in rules().values()] + [texts[name] for name in FACT_QUERIES]


def report_agreement(reference: dict[str, Any], report: dict[str, Any]) -> str:
    """"same JSON", or how many claims' entries differ from the in-memory report."""
    if report == reference:
        return "same JSON"
    ours = {claim["claim"]: claim for claim in reference["claims"]}
    theirs = {claim["claim"]: claim for claim in report["claims"]}
    differing = sorted(iri for iri in ours.keys() | theirs.keys() if ours.get(iri) != theirs.get(iri))
    if not differing:
        return "same claims, another order"
    first = differing[0]
    fields = sorted(key for key in ours.get(first, {}).keys() | theirs.get(first, {}).keys()
                    if ours.get(first, {}).get(key) != theirs.get(first, {}).get(key))
    for key in fields:
        print(f"    {first} {key}:\n      in memory {json.dumps(ours.get(first, {}).get(key))[:2000]}\n"
              f"      here      {json.dumps(theirs.get(first, {}).get(key))[:2000]}", flush=True)
    return f"differs: {len(differing)} of {len(ours)} claims (first {first.rsplit('/', 1)[-1]}: {', '.join(fields)})"


def audit_store(spec: str, graph: Graph) -> Measured:
    """``load`` into the store ``spec`` (a remote one is opened as it is) and ``run_audit``, both timed."""
    store, load_seconds = timed(lambda: load(graph.inputs if not spec.startswith("sparql:") else [], spec))
    try:
        report, audit_seconds = timed(lambda: run_audit(store))
    finally:
        store.close()
    agrees = report_agreement(graph.reference, report.to_json())
    return Measured(None if spec.startswith("sparql:") else load_seconds, audit_seconds, agrees)


def prepare(label: str, folder: Path) -> tuple[Graph, Measured]:
    """The graph for ``label`` (``curated`` or a triple count) and the reference: the in-memory audit."""
    import pyoxigraph

    inputs = [GRAPHS] if label == "curated" else [write_graph(folder, int(float(label)))[0]]
    store, load_seconds = timed(lambda: load(inputs))
    report, audit_seconds = timed(lambda: run_audit(store))
    graph = Graph(label, len(store), inputs, folder / f"graph-{label}.nt", report.to_json())
    graph.row_counts = [len(rows) for rows in store.select_strings_each(audit_queries())]
    store.store.dump(graph.dump, pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
    store.close()
    return graph, Measured(load_seconds, audit_seconds, "reference")


def oxigraph_serve(graph: Graph, folder: Path) -> Measured:
    """``oxigraph load`` into a directory, ``serve-read-only`` on it, the audit through ``sparql:URL``."""
    location = folder / f"oxigraph-serve-{graph.label}"
    _, load_seconds = timed(lambda: oxigraph_load([graph.dump], location))
    process, url = start_oxigraph_read_only(location)
    try:
        measured = audit_store(f"sparql:{url}", graph)
    finally:
        stop_group(process)
    measured.load = load_seconds
    return measured


def virtuoso(server: Virtuoso, graph: Graph) -> Measured:
    """Bulk-load the dump into a named graph of ``server``; the audit through ``sparql:URL,graph=IRI``."""
    graph_iri = f"urn:claimgraph:bench:{graph.label}"
    data_file = server.directory / f"graph-{graph.label}.ttl"
    shutil.copyfile(graph.dump, data_file)
    _, load_seconds = timed(lambda: virtuoso_load(server, data_file, graph_iri))
    measured = audit_store(f"sparql:{server.sparql_url},graph={graph_iri}", graph)
    measured.load = load_seconds
    return measured


def jena(classpath: str, graph: Graph, folder: Path) -> Measured:
    """``tdb2.tdbloader`` once, then each of the audit's queries in its own ``tdb2.tdbquery`` JVM."""
    location = folder / f"tdb2-{graph.label}"
    _, load_seconds = timed(lambda: tdb2_load(classpath, location, graph.dump))
    files = []
    for index, text in enumerate(audit_queries()):
        files.append(folder / f"query-{index:02d}.rq")
        files[-1].write_text(text, encoding="utf-8")
    counts: list[int] = []
    started = time.perf_counter()
    for query_file in files:
        answer = json.loads(tdb2_select_json(classpath, location, query_file))
        counts.append(len(answer["results"]["bindings"]))
    audit_seconds = time.perf_counter() - started
    differing = sum(1 for ours, theirs in zip(graph.row_counts, counts, strict=True) if ours != theirs)
    agrees = f"{differing} of {len(files)} row counts differ" if differing else f"same rows per query ({len(files)})"
    (folder / "ask.rq").write_text("ASK {}", encoding="utf-8")
    _, jvm_seconds = timed(lambda: run_jena(classpath, "tdb2.tdbquery", "--loc", str(location),
                                            "--query", str(folder / "ask.rq")))
    return Measured(load_seconds, audit_seconds, agrees, f"{len(files)} JVMs; ASK {{}} alone takes {jvm_seconds:.2f} s")


def command_output(*command: str) -> str:
    """The first line a command prints about its version ("" when it is missing)."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except OSError:
        return ""
    lines = [line for line in (done.stdout + done.stderr).splitlines() if "Version" in line or "oxigraph" in line]
    return lines[0].strip() if lines else ""


def machine() -> str:
    """CPU model, cores, memory and Python of this machine."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GB, Python {platform.python_version()}"


def versions(virtuoso_binary: str | None) -> str:
    """The versions of every engine measured."""
    import pyoxigraph
    import rdflib

    found = [f"pyoxigraph {pyoxigraph.__version__}", f"rdflib {rdflib.__version__}",
             command_output(oxigraph_binary(), "--version")]
    if virtuoso_binary:
        found.append("virtuoso-t " + command_output(virtuoso_binary, "+version").removeprefix("Version "))
    if jena_installed():
        found.append(f"Jena ARQ/TDB2 {jena_version()}")
    return "; ".join(line for line in found if line)


def table(results: dict[str, dict[str, Measured]], graphs: list[Graph]) -> list[str]:
    """The Markdown table: per engine, per graph, load, audit, audit ÷ in-memory audit, agreement."""
    header = ["engine"] + [f"{part} ({graph.label}, {graph.triples:,} triples)" if part == "load" else part
                           for graph in graphs for part in ("load", "audit", "× memory", "result")]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for engine, by_graph in results.items():
        cells = [ENGINE_NAMES[engine]]
        for graph in graphs:
            measured = by_graph.get(graph.label, Measured(note="not run"))
            reference = results["memory"][graph.label].audit or 1.0
            if measured.audit is None:
                cells += ["", "", "", f"skipped: {measured.note}"]
                continue
            cells += [f"{measured.load:.2f} s" if measured.load is not None else "", f"{measured.audit:.2f} s",
                      f"{measured.audit / reference:.2f}x",
                      measured.agrees + (f" ({measured.note})" if measured.note else "")]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


class Runner:
    """Runs the engines on one graph after another; starts Virtuoso on first use and has ``stack`` stop it."""

    def __init__(self, args: argparse.Namespace, folder: Path, stack: ExitStack) -> None:
        self.args, self.folder, self.stack = args, folder, stack
        self.virtuoso_binary = shutil.which("virtuoso-t")
        self.server: Virtuoso | None = None
        self.classpath = jena_classpath(folder) if jena_installed() and shutil.which("java") else None

    def virtuoso_server(self, binary: str) -> Virtuoso:
        """The Virtuoso of this run, started with its own ini the first time."""
        if self.server is None:
            directory = self.folder / "virtuoso"
            directory.mkdir()
            self.server = start_virtuoso(binary, directory, max_rows=self.args.virtuoso_max_rows,
                                         buffers=self.args.virtuoso_buffers, max_seconds=3600)
            self.stack.callback(stop_group, self.server.process)
        return self.server

    def measure(self, engine: str, graph: Graph) -> Measured:
        """One engine on one graph: a failure is reported in the table, not raised."""
        try:
            return self._measure(engine, graph)
        except (ClaimgraphError, RuntimeError, OSError, subprocess.SubprocessError) as error:
            return Measured(note=f"failed: {(str(error).strip().splitlines() or [''])[0][:200]}")

    def _measure(self, engine: str, graph: Graph) -> Measured:
        if engine == "disk":
            return audit_store(f"oxigraph:{self.folder / f'disk-{graph.label}'}", graph)
        if engine == "rdflib":
            if graph.triples > self.args.rdflib_max:
                return Measured(note=f"above --rdflib-max {self.args.rdflib_max:.0e} triples (~30x slower)")
            return audit_store("rdflib", graph)
        if engine == "oxigraph-serve":
            return oxigraph_serve(graph, self.folder)
        if engine == "virtuoso":
            if not self.virtuoso_binary:
                return Measured(note="virtuoso-t is missing (apt-get install virtuoso-opensource)")
            return virtuoso(self.virtuoso_server(self.virtuoso_binary), graph)
        if self.classpath is None:
            return Measured(note="Jena or Java is missing (apt-get install libapache-jena-java)")
        return jena(self.classpath, graph, self.folder)


def measure_all(args: argparse.Namespace, folder: Path, stack: ExitStack) -> tuple[dict[str, dict[str, Measured]],
                                                                                     list[Graph]]:
    """Run every engine not skipped on every graph; servers are stopped by ``stack``."""
    engines = [engine for engine in ENGINES if engine not in args.skip]
    results: dict[str, dict[str, Measured]] = {engine: {} for engine in engines}
    runner = Runner(args, folder, stack)
    graphs: list[Graph] = []
    for label in args.sizes:
        graph, results["memory"][label] = prepare(label, folder)
        graphs.append(graph)
        print(f"{label}: {graph.triples:,} triples; in memory load {results['memory'][label].load:.2f} s,"
              f" audit {results['memory'][label].audit:.2f} s", flush=True)
        for engine in engines[1:]:
            measured = results[engine][label] = runner.measure(engine, graph)
            audit = f"{measured.audit:.2f} s" if measured.audit is not None else measured.note
            print(f"  {ENGINE_NAMES[engine]:<36} load {measured.load or 0:7.2f} s  audit {audit}  {measured.agrees}",
                  flush=True)
    return results, graphs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["curated", "1e6"],
                        help="graphs: 'curated' and/or synthetic triple counts such as 1e5 or 1e6")
    parser.add_argument("--rdflib-max", type=float, default=1e5, help="skip the rdflib store above this many triples")
    parser.add_argument("--skip", nargs="*", default=[], choices=ENGINES[1:], help="engines not to run")
    parser.add_argument("--virtuoso-buffers", type=int, default=65000,
                        help="Virtuoso's NumberOfBuffers (8 kB pages; 65,000 is about 0.5 GB)")
    parser.add_argument("--virtuoso-max-rows", type=int, default=10_000_000, help="Virtuoso's ResultSetMaxRows")
    args = parser.parse_args(argv)
    for label in args.sizes:
        if label != "curated":
            try:
                float(label)
            except ValueError:
                parser.error(f"--sizes takes 'curated' or triple counts such as 1e6, not {label!r}")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    load_at_start = os.getloadavg()
    print(f"machine: {machine()}; load average at start {load_at_start[0]:.2f}", flush=True)
    print(f"versions: {versions(shutil.which('virtuoso-t'))}", flush=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="claimgraph-engines-") as tmp, ExitStack() as stack:
        results, graphs = measure_all(args, Path(tmp), stack)
    print(f"\nload average at start {load_at_start[0]:.2f}, at end {os.getloadavg()[0]:.2f} (1 min);"
          f" {time.perf_counter() - started:.0f} s in all\n")
    print("\n".join(table(results, graphs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
