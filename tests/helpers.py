"""What the tests share: paths, the tiny fixture's records, store specs, graph comparison, a served endpoint."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import networkx as nx
import pytest
import rdflib
from click.testing import Result
from rdflib.compare import graph_diff, to_isomorphic

from claimgraph.namespaces import ASSERTION, CLAIM, SOURCE, STUDY

T = TypeVar("T")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
GRAPHS = REPO / "graphs"
FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny.ttl"
TINY_SOURCES = FIXTURES / "sources"
"""The archived copies the tiny fixture's sources name (cg:localCopy), for builds that check quotes."""
STORE_KINDS = ("memory", "rdflib", "oxigraph", "oxigraph-direct")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
"""Debian's Chromium, headless, with nothing started that would reach the network."""
"""The contract suite's stores: Oxigraph in memory (the default), rdflib, Oxigraph on disk (queries on its in-memory
copy), Oxigraph on disk with queries on the directory."""

BLOG = SOURCE["blog"]
SHEET = SOURCE["sheet"]
CLAIM_HIV_PAIN = CLAIM["relieves-hiv-pain"]
CLAIM_OPIOIDS = CLAIM["releases-opioids"]
CLAIM_SAFE = CLAIM["is-safe"]
ASSERTION_BLOG_HIV = ASSERTION["blog-hiv"]
STUDY_NULL_RCT = STUDY["trial1998"]
STUDY_RAT = STUDY["rat2011"]
STUDY_VAGUE = STUDY["vague-pain-study"]

TINY_COUNTS = {
    "sources": 2,
    "claims": 3,
    "assertions": 4,
    "studies": 3,
    "identifiable_studies": 2,
    "study_reports": 2,
    "evidence_lines": 3,
    "mechanisms": 1,
}


def store_spec(kind: str, tmp_path: Path) -> str:
    """A --store spec for ``kind`` that keeps on-disk data under ``tmp_path``."""
    if kind == "oxigraph-direct":  # on disk, queries on the directory rather than on the in-memory copy
        return f"oxigraph:{tmp_path / 'oxigraph'},memory-copy=off"
    return f"oxigraph:{tmp_path / 'oxigraph'}" if kind == "oxigraph" else kind


def assert_isomorphic(actual: rdflib.Graph, expected: rdflib.Graph, limit: int = 20) -> None:
    """Fail unless the graphs are isomorphic, listing the triples only one of them holds."""
    if to_isomorphic(actual) == to_isomorphic(expected):
        return
    _, only_actual, only_expected = graph_diff(actual, expected)
    lines = [f"graphs differ: {len(only_actual)} triples only in actual, {len(only_expected)} only in expected"]
    for name, part in (("only in actual", only_actual), ("only in expected", only_expected)):
        triples = sorted(part.serialize(format="nt").splitlines())
        lines += [f"  {name}: {triple}" for triple in triples[:limit]]
    pytest.fail("\n".join(lines))


def start_serve(*args: str, graphs: Path = TINY, new_session: bool = False) -> tuple[subprocess.Popen[str], str]:
    """Start `claimgraph serve --port 0` (in its own session and process group with ``new_session``)
    and return the process and the URL it prints."""
    script = Path(sys.executable).parent / "claimgraph"
    process = subprocess.Popen([str(script), "serve", "-g", str(graphs), "--port", "0", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=new_session)
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"(http://\S+/sparql)", line)
    if not match:
        process.kill()
        pytest.fail(f"claimgraph serve did not start: {line}{process.stderr.read() if process.stderr else ''}")
    return process, match.group(1)


def stop(process: subprocess.Popen[str]) -> None:
    """Stop a server process, killing it if it does not stop within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 120
"""
"""A Virtuoso 7 of its own: files in one directory, both ports on 127.0.0.1, the bulk loader confined to it."""


@dataclass
class Virtuoso:
    """A running ``virtuoso-t``: its process, SPARQL endpoint, SQL (isql) port and directory."""

    process: subprocess.Popen[bytes]
    sparql_url: str
    sql_port: int
    directory: Path
    max_rows: int


def start_virtuoso(binary: str, directory: Path, max_rows: int = 10000, seconds: float = 60) -> Virtuoso:
    """Start ``virtuoso-t -f -c INI`` with its own ini in ``directory`` and wait until ``/sparql`` answers."""
    sql_port, http_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port, max_rows=max_rows))
    log = (directory / "stdout.log").open("wb")
    process = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=directory, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    server = Virtuoso(process, f"http://127.0.0.1:{http_port}/sparql", sql_port, directory, max_rows)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log_tail = (directory / "virtuoso.log").read_text(errors="replace")[-800:]
            pytest.fail(f"virtuoso-t exited with {process.returncode}: {log_tail}")
        try:
            with urllib.request.urlopen(f"{server.sparql_url}?query=ASK%7B%7D", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    stop_group(process)
    pytest.fail(f"virtuoso-t did not answer at {server.sparql_url} within {seconds} s")


def virtuoso_load(server: Virtuoso, graph: rdflib.Graph, graph_iri: str) -> None:
    """README's Virtuoso recipe: the graph as Turtle in a DirsAllowed directory, then ``ld_dir`` and
    ``rdf_loader_run()`` through ``isql-vt`` on the SQL port, replacing the named graph ``graph_iri``."""
    import shutil

    isql = shutil.which("isql-vt") or shutil.which("isql")
    assert isql, "virtuoso-opensource installs isql-vt"
    (server.directory / "graph.ttl").write_text(graph.serialize(format="turtle"), encoding="utf-8")
    script = (f"SPARQL CLEAR GRAPH <{graph_iri}>; DELETE FROM DB.DBA.load_list WHERE ll_graph = '{graph_iri}'; "
              f"ld_dir('{server.directory}', 'graph.ttl', '{graph_iri}'); rdf_loader_run(); checkpoint; "
              f"SELECT ll_state, ll_error FROM DB.DBA.load_list WHERE ll_graph = '{graph_iri}';")
    done = subprocess.run([isql, f"127.0.0.1:{server.sql_port}", "dba", "dba", f"exec={script}"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "*** Error" not in done.stdout + done.stderr, done.stdout + done.stderr
    assert re.search(r"^2\s+NULL\s*$", done.stdout, re.MULTILINE), f"the bulk loader failed: {done.stdout}"


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop a server started in its own session, and its children (SIGTERM to the group, SIGKILL after 20 s)."""
    import os
    import signal

    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


DATA_BLOCK = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.DOTALL)


def page_data(html: str) -> dict:
    """The JSON an HTML graph view hands to vis-network."""
    match = DATA_BLOCK.search(html)
    assert match, "the page embeds its data in a JSON script block"
    return json.loads(match.group(1))


def synthetic_graph(size: int) -> nx.MultiDiGraph:
    """A network of ``size`` nodes cycling through the node kinds, each linked to the one before."""
    kinds = ("source", "claim", "study", "mechanism", "condition")
    graph = nx.MultiDiGraph()
    for index in range(size):
        graph.add_node(f"urn:n{index}", kind=kinds[index % len(kinds)], label=f"node {index}")
        if index:
            graph.add_edge(f"urn:n{index - 1}", f"urn:n{index}", relation="about")
    return graph


def one_error_line(result: Result, *needles: str) -> str:
    """The single stderr line of a refused input, after checking exit code 2 and that nothing else was said."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("claimgraph: error: "), lines
    for needle in needles:
        assert needle.lower() in lines[0].lower(), lines[0]
    return str(lines[0])


def assert_citations_found(text: str, expected: list[dict[str, object]]) -> None:
    """``find_citations(text)`` finds one citation per expected mention, each spanning its text, with those fields."""
    from claimgraph.ingest.citations import find_citations

    found = find_citations(text)
    assert len(found) == len(expected), found
    for citation, fields in zip(found, expected, strict=True):
        assert text[citation.start:citation.end] == citation.text
        for name, value in fields.items():
            assert getattr(citation, name) == value, (name, citation)


def required_in_ci(found: T | None, missing: str, remedy: str) -> T:
    """``found``, or a failure when CI is set (CI must provide it) and a skip with the remedy elsewhere."""
    import os

    import pytest

    if found is not None:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {missing}: {remedy}")
    pytest.skip(f"{missing} ({remedy})")
