"""SPARQL servers started on 127.0.0.1 for the tests and the benchmarks: Virtuoso 7 and ``oxigraph serve``.

One definition of how each is started, loaded and stopped: ``tests/helpers.py`` and ``tests/conftest.py``
use it for the engine tests, ``benchmarks/engines.py`` and ``benchmarks/endpoint.py`` for the timings.
Every server runs in its own session (process group), so :func:`stop_group` stops it with its children.

    server = start_virtuoso(shutil.which("virtuoso-t"), directory)
    try:
        virtuoso_load(server, Path("graph.nt"), "urn:example:graph")
        ...  # query f"sparql:{server.sparql_url},graph=urn:example:graph"
    finally:
        stop_group(server.process)
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

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
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty_buffers}
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = {max_seconds}
"""
"""A Virtuoso 7 of its own: files in one directory, both ports on 127.0.0.1, the bulk loader confined to it."""


class ServerError(RuntimeError):
    """A server did not start, or refused to load the data."""


@dataclass
class Virtuoso:
    """A running ``virtuoso-t``: its process, SPARQL endpoint, SQL (isql) port and directory."""

    process: subprocess.Popen[bytes]
    sparql_url: str
    sql_port: int
    directory: Path
    max_rows: int


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answers(url: str) -> bool:
    """Whether the SPARQL endpoint at ``url`` answers ``ASK {}`` now."""
    try:
        with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2) as response:
            return int(response.status) == 200
    except OSError:
        return False


def wait_until_answering(process: subprocess.Popen[bytes], url: str, seconds: float, log: Path | None) -> None:
    """Return once ``url`` answers; stop the process and raise :class:`ServerError` if it exits or times out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-800:] if log and log.is_file() else ""
            raise ServerError(f"{process.args[0]} exited with {process.returncode}: {tail}")
        if answers(url):
            return
        time.sleep(0.2)
    stop_group(process)
    raise ServerError(f"{process.args[0]} did not answer at {url} within {seconds} s")


def start_virtuoso(binary: str, directory: Path, max_rows: int = 10000, seconds: float = 60,
                   buffers: int = 10000, max_seconds: int = 120) -> Virtuoso:
    """Start ``virtuoso-t -f -c INI`` with its own ini in ``directory`` and wait until ``/sparql`` answers.

    ``buffers`` are 8 kB pages of memory (Virtuoso's guide: 170,000 per 2 GB); ``max_rows`` caps every answer."""
    sql_port, http_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port, max_rows=max_rows,
                                       buffers=buffers, dirty_buffers=buffers * 3 // 4, max_seconds=max_seconds))
    with (directory / "stdout.log").open("wb") as log:
        process = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=directory, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    server = Virtuoso(process, f"http://127.0.0.1:{http_port}/sparql", sql_port, directory, max_rows)
    wait_until_answering(process, server.sparql_url, seconds, directory / "virtuoso.log")
    return server


def virtuoso_load(server: Virtuoso, data_file: Path, graph_iri: str) -> None:
    """README's Virtuoso recipe: the Turtle (or N-Triples) file copied into a DirsAllowed directory, then
    ``ld_dir`` and ``rdf_loader_run()`` through ``isql-vt`` on the SQL port, replacing the named graph."""
    isql = shutil.which("isql-vt") or shutil.which("isql")
    if not isql:
        raise ServerError("isql-vt is missing: apt-get install virtuoso-opensource")
    if data_file.parent != server.directory:
        shutil.copyfile(data_file, server.directory / "graph.ttl")
        data_file = server.directory / "graph.ttl"
    script = (f"SPARQL CLEAR GRAPH <{graph_iri}>; DELETE FROM DB.DBA.load_list WHERE ll_graph = '{graph_iri}'; "
              f"ld_dir('{server.directory}', '{data_file.name}', '{graph_iri}'); rdf_loader_run(); checkpoint; "
              f"SELECT ll_state, ll_error FROM DB.DBA.load_list WHERE ll_graph = '{graph_iri}';")
    done = subprocess.run([isql, f"127.0.0.1:{server.sql_port}", "dba", "dba", f"exec={script}"],
                          capture_output=True, text=True, timeout=3600, check=False)
    said = done.stdout + done.stderr
    if done.returncode != 0 or "*** Error" in said:
        raise ServerError(f"isql failed: {said}")
    if not re.search(r"^2\s+NULL\s*$", done.stdout, re.MULTILINE):
        raise ServerError(f"the bulk loader failed: {done.stdout}")


def oxigraph_binary() -> str:
    """The ``oxigraph`` server of the PyPI ``oxigraph`` package (beside this Python first)."""
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if not binary:
        raise ServerError("the oxigraph server is missing: pip install oxigraph (it is in the test extras)")
    return binary


def oxigraph_load(files: list[Path], location: Path) -> None:
    """``oxigraph load --location DIR --file F`` for each file, into one on-disk store."""
    for path in files:
        done = subprocess.run([oxigraph_binary(), "load", "--location", str(location), "--file", str(path)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise ServerError(f"oxigraph load {path.name} failed: {done.stderr.strip()}")


def start_oxigraph_read_only(location: Path, seconds: float = 30) -> tuple[subprocess.Popen[bytes], str]:
    """``oxigraph serve-read-only`` on the store at ``location``; the process and its query URL."""
    address = f"127.0.0.1:{free_port()}"
    process = subprocess.Popen([oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", address],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://{address}/query"
    wait_until_answering(process, url, seconds, None)
    return process, url


def start_oxigraph(location: Path, seconds: float = 30) -> tuple[subprocess.Popen[bytes], str]:
    """``oxigraph serve`` (writable: /query, /update, /store) on a free 127.0.0.1 port with its data in
    ``location``; the process and its base URL."""
    address = f"127.0.0.1:{free_port()}"
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location), "--bind", address],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    wait_until_answering(process, f"http://{address}/query", seconds, None)
    return process, f"http://{address}"


def virtuoso_update_rights(server: Virtuoso, allowed: bool) -> None:
    """README's Virtuoso grant: let (or stop letting) its ``/sparql`` endpoint's ``SPARQL`` user run updates."""
    isql = shutil.which("isql-vt") or shutil.which("isql")
    if not isql:
        raise ServerError("isql-vt is missing: apt-get install virtuoso-opensource")
    statement = 'GRANT SPARQL_UPDATE TO "SPARQL";' if allowed else 'REVOKE SPARQL_UPDATE FROM "SPARQL";'
    done = subprocess.run([isql, f"127.0.0.1:{server.sql_port}", "dba", "dba", f"exec={statement}"],
                          capture_output=True, text=True, timeout=60, check=False)
    said = done.stdout + done.stderr
    already = "U0013" in said or "U0014" in said  # granted twice / revoked twice: already as asked
    if not already and (done.returncode != 0 or "*** Error" in said):
        raise ServerError(f"{statement} failed: {said.strip()}")


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop a server started in its own session, and its children (SIGTERM to the group, SIGKILL after 20 s)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
