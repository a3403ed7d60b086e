"""Virtuoso 7 (Debian's virtuoso-opensource), started by the tests on 127.0.0.1, as a claimgraph store.

The curated graph is bulk-loaded into a named graph (README's isql recipe) and queried with
``sparql:URL,graph=IRI``: stats, validation and the audit per claim answer as the in-memory store does,
and every shipped query gives the in-memory rows under the contract of ``tests/engine_rows.py``. The
fixture's server caps answers at 5,000 rows, below the curated graph's size, so fetching the whole
graph has to page.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest
from rdflib.term import BNode, URIRef

from claimgraph.cli import main
from claimgraph.errors import ClaimgraphError
from claimgraph.store import load
from claimgraph.store.remote import SparqlStore
from claimgraph.store.skolem import GENID, skolemize
from engine_rows import IDS, QUERIES, assert_same_rows, in_columns, list_columns
from helpers import GRAPHS, TINY, assert_isomorphic, one_error_line, virtuoso_load_graph
from servers import virtuoso_update_rights

pytestmark = pytest.mark.server

GRAPH_IRI = "urn:claimgraph:test:curated"


@pytest.fixture(scope="module")
def memory_store():
    return load([GRAPHS])


@pytest.fixture(scope="module")
def curated_virtuoso(virtuoso, memory_store) -> str:
    """The Virtuoso endpoint holding the curated graph in GRAPH_IRI; returns the --store spec."""
    virtuoso_load_graph(virtuoso, memory_store.to_rdflib(), GRAPH_IRI)
    return f"sparql:{virtuoso.sparql_url},graph={GRAPH_IRI}"


def test_virtuoso_answers_on_loopback_only(virtuoso):
    assert urllib.parse.urlparse(virtuoso.sparql_url).hostname == "127.0.0.1"
    with urllib.request.urlopen(f"{virtuoso.sparql_url}?query=ASK%7B%7D", timeout=10) as response:
        assert response.status == 200
    ini = (virtuoso.directory / "virtuoso.ini").read_text()
    assert f"DirsAllowed = {virtuoso.directory}\n" in ini


def test_named_graph_setting_hides_the_system_graphs(virtuoso, curated_virtuoso, memory_store):
    assert len(load([], curated_virtuoso)) == len(memory_store)
    assert len(SparqlStore(virtuoso.sparql_url)) > len(memory_store)


def test_whole_graph_is_paged_past_the_servers_cap(virtuoso, curated_virtuoso, memory_store):
    assert len(memory_store) > virtuoso.max_rows
    assert_isomorphic(load([], curated_virtuoso).to_rdflib(), memory_store.to_rdflib())


def test_a_capped_select_fails_loudly(curated_virtuoso):
    with pytest.raises(ClaimgraphError, match="cut its answer at"):
        load([], curated_virtuoso).query("SELECT * WHERE { ?s ?p ?o }")


def test_loading_twice_replaces(virtuoso, curated_virtuoso, memory_store):
    virtuoso_load_graph(virtuoso, memory_store.to_rdflib(), GRAPH_IRI)
    assert len(load([], curated_virtuoso)) == len(memory_store)


PUSHED_IRI = "urn:claimgraph:test:pushed"
PUSH_ROUTES = {"update": "/sparql", "gsp": "/sparql-graph-crud"}
"""README's routes into Virtuoso through claimgraph: SPARQL Update at /sparql, the Graph Store Protocol at
/sparql-graph-crud; both need the SPARQL user granted SPARQL_UPDATE."""


def push_args(virtuoso, via: str, graph_iri: str, *more: str) -> list[str]:
    url = virtuoso.sparql_url.removesuffix("/sparql") + PUSH_ROUTES[via]
    return ["load", "--to", url, "--via", via, "--graph", graph_iri, *more]


def assert_holds_the_curated_graph(runner, virtuoso, graph_iri: str, memory_store, isomorphic: bool = True) -> None:
    """Stats and the audit JSON as the in-memory store gives them, and the whole graph (paged past the server's
    cap) the local one: isomorphic (rdflib's canonical form, ~10 s a side here), or else with each blank node
    labelled as its pushed skolem IRI, the very triples claimgraph sent."""
    spec = f"sparql:{virtuoso.sparql_url},graph={graph_iri}"
    for command in (["stats", "-f", "json"], ["audit", "-f", "json", "--fail-on", "never"]):
        local = runner.invoke(main, [*command, "-g", str(GRAPHS)])
        remote = runner.invoke(main, [*command, "--store", spec])
        assert remote.exit_code == local.exit_code == 0, remote.output
        assert json.loads(remote.output) == json.loads(local.output), f"{command[0]} differs after loading"
    fetched = load([], spec).to_rdflib()
    if isomorphic:
        assert_isomorphic(fetched, memory_store.to_rdflib())
        return
    relabelled = {tuple(URIRef(GENID + term) if isinstance(term, BNode) else term for term in triple)
                  for triple in fetched}
    sent = set(skolemize(memory_store.to_rdflib()))
    assert relabelled == sent, (len(relabelled - sent), len(sent - relabelled))


@pytest.mark.parametrize("via", ["update", "gsp"])
def test_load_to_twice_changes_nothing(runner, virtuoso, memory_store, via):
    virtuoso_update_rights(virtuoso, allowed=True)
    graph_iri = f"{PUSHED_IRI}:{via}"
    stale = runner.invoke(main, [*push_args(virtuoso, via, graph_iri, "--append"), "-g", str(TINY)])
    assert stale.exit_code == 0, stale.output
    for _ in range(2):
        pushed = runner.invoke(main, [*push_args(virtuoso, via, graph_iri), "-g", str(GRAPHS)])
        assert pushed.exit_code == 0, pushed.output
    assert_holds_the_curated_graph(runner, virtuoso, graph_iri, memory_store)


def test_appending_the_same_data_twice_changes_nothing(runner, virtuoso, memory_store):
    virtuoso_update_rights(virtuoso, allowed=True)
    graph_iri = f"{PUSHED_IRI}:append"
    for mode in ("--replace", "--append", "--append"):
        pushed = runner.invoke(main, [*push_args(virtuoso, "update", graph_iri, mode), "-g", str(GRAPHS)])
        assert pushed.exit_code == 0, pushed.output
    assert_holds_the_curated_graph(runner, virtuoso, graph_iri, memory_store, isomorphic=False)


@pytest.mark.parametrize("via", ["update", "gsp"])
def test_load_to_without_update_rights_is_one_line_and_changes_nothing(runner, virtuoso, via):
    virtuoso_update_rights(virtuoso, allowed=False)
    graph_iri = f"{PUSHED_IRI}:refused"
    result = runner.invoke(main, [*push_args(virtuoso, via, graph_iri), "-g", str(GRAPHS)])
    one_error_line(result, virtuoso.sparql_url.removesuffix("/sparql"), "refused", "GRANT SPARQL_UPDATE")
    assert len(SparqlStore(virtuoso.sparql_url, graph=graph_iri)) == 0


def test_stats_and_validate_agree(runner, curated_virtuoso):
    for command in (["stats", "-f", "json"], ["validate"]):
        local = runner.invoke(main, [*command, "-g", str(GRAPHS)])
        remote = runner.invoke(main, [*command, "--store", curated_virtuoso])
        assert remote.exit_code == local.exit_code, remote.output
        if command[0] == "stats":
            assert json.loads(remote.output) == json.loads(local.output)


def test_audit_agrees_per_claim(runner, curated_virtuoso):
    command = ["audit", "-f", "json", "--fail-on", "never"]
    local = runner.invoke(main, [*command, "-g", str(GRAPHS)])
    remote = runner.invoke(main, [*command, "--store", curated_virtuoso])
    assert remote.exit_code == local.exit_code == 0, remote.output
    assert json.loads(remote.output) == json.loads(local.output)


@pytest.mark.parametrize(("folder", "name", "text"), QUERIES, ids=IDS)
def test_every_query_gives_the_in_memory_rows(curated_virtuoso, memory_store, folder, name, text):
    expected = memory_store.query(text)
    assert expected.kind == "select", "the contract covers SELECT queries"
    answer = load([], curated_virtuoso).query(text)
    assert_same_rows(f"{folder}/{name}.rq", text, expected.variables, list(expected.rows),
                     in_columns(answer, expected.variables), list_columns(folder, name, text), "Virtuoso")
