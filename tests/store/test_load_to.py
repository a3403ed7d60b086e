"""`claimgraph load --to`: replacing by default, appending on request, and a second load changes nothing.

Against a real `oxigraph serve` on 127.0.0.1 (Graph Store Protocol and SPARQL Update, default graph
and a named graph), and against a recording stand-in server for what is sent when a server fails
or refuses.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from claimgraph.cli import main
from claimgraph.store import load
from claimgraph.store.push import STAGING_PREFIX
from claimgraph.store.remote import SparqlStore
from helpers import TINY, assert_isomorphic, one_error_line, send_body, stop
from servers import start_oxigraph

pytestmark = pytest.mark.server

OTHER = TINY.parent / "sparql-extra.ttl"
TARGETS = [None, "urn:claimgraph:test:pushed"]
AUDIT = ["audit", "-f", "json", "--fail-on", "never"]


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory) -> Iterator[str]:
    """A real `oxigraph serve` on a free 127.0.0.1 port; returns its base URL."""
    process, url = start_oxigraph(tmp_path_factory.mktemp("oxigraph-load-to"))
    try:
        yield url
    finally:
        stop(process)  # type: ignore[arg-type]


def load_args(url: str, via: str, graph_iri: str | None, *more: str) -> list[str]:
    endpoint = f"{url}/store" if via == "gsp" else f"{url}/update"
    return ["load", "--to", endpoint, "--via", via, *(["--graph", graph_iri] if graph_iri else []), *more]


def query_spec(url: str, graph_iri: str | None) -> str:
    return f"sparql:{url}/query" + (f",graph={graph_iri}" if graph_iri else "")


def pushed(runner, args: list[str]) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output


def assert_server_holds(runner, url: str, graph_iri: str | None, paths) -> None:
    """The server's graph is the local one: the same stats, the same audit, isomorphic triples."""
    spec = query_spec(url, graph_iri)
    local_args = [arg for path in paths for arg in ("-g", str(path))]
    for command in (["stats", "-f", "json"], AUDIT):
        local = runner.invoke(main, [*command, *local_args])
        remote = runner.invoke(main, [*command, "--store", spec])
        assert remote.exit_code == local.exit_code == 0, remote.output
        assert json.loads(remote.output) == json.loads(local.output), command
    assert_isomorphic(load([], spec).to_rdflib(), load(paths).to_rdflib())


def staging_graphs_left(url: str) -> bool:
    ask = f'ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{STAGING_PREFIX}")) }}'
    return bool(SparqlStore(f"{url}/query").query(ask).boolean)


@pytest.mark.parametrize("graph_iri", TARGETS, ids=["default-graph", "named-graph"])
@pytest.mark.parametrize("via", ["gsp", "update"])
def test_load_to_twice_changes_nothing(runner, oxigraph, via, graph_iri):
    pushed(runner, [*load_args(oxigraph, via, graph_iri, "--append"), "-g", str(OTHER)])  # stale data to replace
    for _ in range(2):
        pushed(runner, [*load_args(oxigraph, via, graph_iri), "-g", str(TINY)])
    assert_server_holds(runner, oxigraph, graph_iri, [TINY])


@pytest.mark.parametrize("graph_iri", TARGETS, ids=["default-graph", "named-graph"])
@pytest.mark.parametrize("via", ["gsp", "update"])
def test_appending_the_same_data_twice_changes_nothing(runner, oxigraph, via, graph_iri):
    pushed(runner, [*load_args(oxigraph, via, graph_iri), "-g", str(TINY)])
    for _ in range(2):
        pushed(runner, [*load_args(oxigraph, via, graph_iri, "--append"), "-g", str(TINY)])
    assert_server_holds(runner, oxigraph, graph_iri, [TINY])


@pytest.mark.parametrize("mode", ["--replace", "--append"])
def test_batched_updates_land_whole_and_leave_no_staging_graph(runner, oxigraph, mode):
    graph_iri = f"urn:claimgraph:test:batched{mode}"
    pushed(runner, [*load_args(oxigraph, "update", graph_iri), "-g", str(OTHER)])
    for _ in range(2):
        pushed(runner, [*load_args(oxigraph, "update", graph_iri, mode, "--batch", "40"), "-g", str(TINY)])
    expected = [TINY] if mode == "--replace" else [TINY, OTHER]
    assert_isomorphic(load([], query_spec(oxigraph, graph_iri)).to_rdflib(), load(expected).to_rdflib())
    assert not staging_graphs_left(oxigraph)


class _Recorder(BaseHTTPRequestHandler):
    """Records each update; answers ``status`` (with ``reason`` as the body) to request number ``fail_at``."""

    updates: list[str]
    fail_at: int
    status: int
    reason: str

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        fields = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
        self.updates.append(fields["update"][0])
        failing = len(self.updates) == self.fail_at
        send_body(self, self.status if failing else 200, "text/plain", self.reason.encode() if failing else b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder() -> Iterator[tuple[str, type[_Recorder]]]:
    """A stand-in update endpoint on 127.0.0.1 recording what it is sent; returns its URL and handler class."""
    handler = type("Recording", (_Recorder,), {"updates": [], "fail_at": 0, "status": 200, "reason": ""})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/update", handler
    finally:
        server.shutdown()
        server.server_close()


def test_a_failing_batch_drops_the_staging_graph_and_never_touches_the_target(runner, recorder):
    url, handler = recorder
    handler.fail_at, handler.status, handler.reason = 3, 500, "Virtuoso 37000 Error SP030: memory exhausted"
    result = runner.invoke(main, ["load", "--to", url, "--via", "update", "--graph", "urn:g", "--batch", "40",
                                  "-g", str(TINY)])
    assert "HTTP 500" in one_error_line(result, url)
    check, first, second, cleanup = handler.updates
    staging = first.split("GRAPH <", 1)[1].split(">", 1)[0]
    assert staging.startswith(STAGING_PREFIX)
    assert "urn:g" not in first + second
    assert check == cleanup == f"DROP SILENT GRAPH <{staging}>"


@pytest.mark.parametrize(("status", "reason"), [
    (401, "Unauthorized"),
    (403, "Forbidden"),
    (500, "Virtuoso 42000 Error SR186:SECURITY: No permission to execute procedure DB.DBA.SPARQL_INSERT_DICT_CONTENT"),
])
def test_a_refusing_server_is_one_line_saying_what_to_do(runner, recorder, status, reason):
    url, handler = recorder
    handler.fail_at, handler.status, handler.reason = 1, status, reason
    result = runner.invoke(main, ["load", "--to", url, "--via", "update", "--graph", "urn:g", "-g", str(TINY)])
    line = one_error_line(result, url, "refused", "GRANT SPARQL_UPDATE")
    assert f"HTTP {status}" in line
    assert len(handler.updates) == 1


@pytest.mark.parametrize("bad", ["not an iri", "relative/name", "<urn:g>"])
def test_a_graph_that_is_not_an_absolute_iri_sends_nothing(runner, recorder, bad):
    url, handler = recorder
    result = runner.invoke(main, ["load", "--to", url, "--via", "update", "--graph", bad, "-g", str(TINY)])
    one_error_line(result, "not an absolute IRI for --graph")
    assert handler.updates == []
