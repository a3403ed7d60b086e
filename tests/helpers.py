"""What the tests share: paths, the tiny fixture's records, store specs, graph comparison, a served endpoint."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx
import pytest
import rdflib
from click.testing import Result
from rdflib.compare import graph_diff, to_isomorphic

from claimgraph.namespaces import ASSERTION, CLAIM, SOURCE, STUDY
from servers import Virtuoso, virtuoso_load

T = TypeVar("T")

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("CLAIMGRAPH_TEST_SEEDS") or REPO.parent / "shared" / "seeds")
"""The archived source documents beside the repository, which the ``seeds_dir`` fixture hands to the tests that need
them; ``CLAIMGRAPH_TEST_SEEDS`` names another folder (tests/test_seeds.py names a missing one)."""
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


def ontology_and_tiny() -> rdflib.Graph:
    """What a store holds after loading TINY: the shipped ontology, vocabularies and shapes, then the fixture."""
    from claimgraph.resources import ontology_texts

    graph = rdflib.Graph()
    for _name, text in ontology_texts():
        graph.parse(data=text, format="turtle")
    graph.parse(TINY, format="turtle")
    return graph


def send_body(handler: Any, status: int, content_type: str, body: bytes) -> None:
    """A stand-in HTTP server's whole answer from an ``http.server`` request handler."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def stop(process: subprocess.Popen[str]) -> None:
    """Stop a server process, killing it if it does not stop within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def virtuoso_load_graph(server: Virtuoso, graph: rdflib.Graph, graph_iri: str) -> None:
    """README's Virtuoso recipe (``servers.virtuoso_load``) for an rdflib graph, written as Turtle beside the server."""
    data_file = server.directory / "graph.ttl"
    data_file.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    virtuoso_load(server, data_file, graph_iri)


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
    from claimgraph.ingest.citations.find import find_citations

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


RawRequest = tuple[bytes, bytes]
"""A request a :func:`raw_server` received: its head (request line and headers) and its body."""


@contextmanager
def raw_server(respond: Callable[[socket.socket, RawRequest], None], host: str = "127.0.0.1") -> Iterator[str]:
    """A hostile HTTP server on ``host`` for a test: ``respond`` writes whatever bytes it likes on the raw socket
    for each request (one per connection, which is then closed); yields ``http://HOST:PORT``."""
    listener = socket.create_server((host, 0))
    listener.settimeout(0.2)
    stopping = threading.Event()

    def serve_one(connection: socket.socket) -> None:
        with connection:
            connection.settimeout(10)
            received = b""
            while b"\r\n\r\n" not in received and (chunk := connection.recv(65536)):
                received += chunk
            head, _, body = received.partition(b"\r\n\r\n")
            length = re.search(rb"(?im)^content-length:\s*([0-9]+)", head)
            while length and len(body) < int(length[1]) and (chunk := connection.recv(65536)):
                body += chunk
            with suppress(OSError):  # the client may hang up first: that is what some tests check
                respond(connection, (head, body))

    def accept() -> None:
        while not stopping.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=serve_one, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{listener.getsockname()[1]}"
    finally:
        stopping.set()
        thread.join()
        listener.close()


def http_answer(status: str, content_type: str, body: bytes, *headers: str) -> bytes:
    """A whole HTTP/1.1 answer as bytes: ``status`` such as ``200 OK``, a Content-Length, the extra header lines."""
    lines = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}", f"Content-Length: {len(body)}", *headers,
             "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body
