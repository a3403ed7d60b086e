"""Scale-out: a real Oxigraph server as the store (`--store sparql:URL`), loaded with `claimgraph load --to`.

The named queries, stats, validation and the audit must answer through the server exactly as
they do on the in-memory store; a server that is down or answers garbage is a one-line error.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from rdflib.term import BNode

from claimgraph.cli import main
from claimgraph.errors import ClaimgraphError, QueryError
from claimgraph.query.named import named_queries, run_named
from claimgraph.store import load
from claimgraph.store.remote import SparqlStore, with_prefixes
from helpers import TINY, assert_isomorphic, send_body
from servers import free_port, start_oxigraph

pytestmark = pytest.mark.server

FIXTURES = [TINY, TINY.parent / "sparql-extra.ttl"]
GRAPH_ARGS = [arg for path in FIXTURES for arg in ("-g", str(path))]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory) -> Iterator[str]:
    """A real Oxigraph server on a free port, loaded with the fixtures by `claimgraph load --to`."""
    from click.testing import CliRunner

    process, url = start_oxigraph(tmp_path_factory.mktemp("oxigraph-server"))
    try:
        pushed = CliRunner().invoke(main, ["load", "--to", f"{url}/store", *GRAPH_ARGS])
        assert pushed.exit_code == 0, pushed.output
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def memory_store():
    return load(FIXTURES, "rdflib")


def multiset(result) -> Counter:
    return Counter(tuple("_:b" if isinstance(t, BNode) else t for t in row) for row in result.rows)


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries_answer_alike_through_the_server(oxigraph_server, memory_store, name):
    remote = load(["ignored-for-remote-stores"], f"sparql:{oxigraph_server}/query")
    assert multiset(run_named(remote, name)) == multiset(run_named(memory_store, name))


def test_remote_graph_is_the_local_graph(oxigraph_server, memory_store):
    remote = SparqlStore(f"{oxigraph_server}/query")
    assert len(remote) == len(memory_store)
    assert_isomorphic(remote.to_rdflib(), memory_store.to_rdflib())


def test_cli_commands_run_against_the_server(runner, oxigraph_server):
    store = ["--store", f"sparql:{oxigraph_server}/query"]
    for command in (["stats", "-f", "json"], ["audit", "-f", "json", "--fail-on", "never"],
                    ["query", "claims", "-f", "json"]):
        local = runner.invoke(main, [*command, *GRAPH_ARGS])
        remote = runner.invoke(main, [*command, *store])
        assert remote.exit_code == local.exit_code == 0, remote.output
        assert json.loads(remote.output) == json.loads(local.output), command
    assert runner.invoke(main, ["validate", *store]).exit_code == 0


def test_ad_hoc_query_uses_predeclared_prefixes_remotely(runner, oxigraph_server):
    result = runner.invoke(main, ["query", "-e", "SELECT ?c WHERE { ?c a cg:Claim }", "-f", "csv",
                                  "--store", f"sparql:{oxigraph_server}/query"])
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) == 1 + 4


def test_load_via_update_with_replace(runner, tmp_path):
    process, url = start_oxigraph(tmp_path / "db")
    try:
        for _ in range(2):  # replacing twice leaves one copy, blank nodes included
            pushed = runner.invoke(main, ["load", "--to", f"{url}/update", "--via", "update", "--replace",
                                          "-g", str(TINY)])
            assert pushed.exit_code == 0, pushed.output
        assert_isomorphic(SparqlStore(f"{url}/query").to_rdflib(), load([TINY]).to_rdflib())
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_server_that_is_down_is_a_one_line_error(runner):
    url = f"http://127.0.0.1:{free_port()}"
    for args in (["stats", "--store", f"sparql:{url}/query"], ["load", "--to", f"{url}/store", "-g", str(TINY)]):
        result = runner.invoke(main, args)
        assert result.exit_code == 2
        assert "cannot reach SPARQL server" in result.output
        assert result.output.count("\n") == 1


class _Garbage(BaseHTTPRequestHandler):
    def do_POST(self):
        send_body(self, 200, "text/html", b"<html>not SPARQL</html>")

    def log_message(self, *args):
        pass


def test_server_answering_garbage_is_a_one_line_error(runner):
    server = HTTPServer(("127.0.0.1", 0), _Garbage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        for command in (["stats"], ["query", "claims"], ["validate"]):
            result = runner.invoke(main, [*command, "--store", f"sparql:{url}"])
            assert result.exit_code == 2, result.output
            assert "did not answer SPARQL" in result.output or "unreadable graph" in result.output
            assert result.output.count("\n") == 1
    finally:
        server.shutdown()


def test_bad_store_specs():
    for spec in ("sparql:", "sparql:ftp://example.org/x"):
        with pytest.raises(ClaimgraphError):
            load([], spec)


def test_prefixes_stay_on_the_first_line():
    text = "# a comment\nPREFIX cg: <urn:mine#>\nSELECT * WHERE { ?s ?p ?o }"
    rewritten = with_prefixes(text)
    assert rewritten.count("\n") == text.count("\n")
    assert "PREFIX cg: <https" not in rewritten
    assert "PREFIX claim:" in rewritten


def test_build_runs_against_the_server(runner, oxigraph_server, tmp_path):
    local = runner.invoke(main, ["build", *GRAPH_ARGS, "--out", str(tmp_path / "local")])
    remote = runner.invoke(main, ["build", "--store", f"sparql:{oxigraph_server}/query",
                                  "--out", str(tmp_path / "remote")])
    assert remote.exit_code == local.exit_code, remote.output
    local_files = sorted(path.name for path in (tmp_path / "local").iterdir())
    assert sorted(path.name for path in (tmp_path / "remote").iterdir()) == local_files
    import rdflib

    graphs = [rdflib.Graph().parse(tmp_path / side / "graph.ttl") for side in ("local", "remote")]
    assert_isomorphic(*graphs)


def test_plain_string_rows_are_the_term_rows_as_strings(oxigraph_server):
    """select_strings reads SPARQL JSON straight to strings; it must say what str() of query()'s terms says,
    a pushed blank node (a skolem IRI on the server) included, for every query the audit runs."""
    from claimgraph.audit import rules
    from claimgraph.audit.ruleset import FACTS

    remote = load([], f"sparql:{oxigraph_server}/query")
    queries = [rule.sparql for rule in rules().values()] + list(FACTS.texts().values())
    queries.append("SELECT ?target WHERE { ?assertion <http://www.w3.org/ns/oa#hasTarget> ?target }")
    for sparql, strings in zip(queries, remote.select_strings_each(queries), strict=True):
        result = remote.query(sparql)
        as_terms = [{name: str(term) for name, term in zip(result.variables, row, strict=True) if term is not None}
                    for row in result.rows]
        assert Counter(map(json.dumps, strings)) == Counter(map(json.dumps, as_terms)), sparql[:80]
    targets = remote.select_strings(queries[-1])
    assert targets and not any(row["target"].startswith("http") for row in targets), "skolem IRIs read as labels"


def test_plain_string_rows_refuse_an_ask(oxigraph_server):
    with pytest.raises(QueryError, match="expected a SELECT"):
        load([], f"sparql:{oxigraph_server}/query").select_strings("ASK { ?s ?p ?o }")
