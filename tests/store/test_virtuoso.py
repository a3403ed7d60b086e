"""Virtuoso 7 (Debian's virtuoso-opensource), started by the tests on 127.0.0.1, as a claimgraph store.

The curated graph is bulk-loaded into a named graph (README's isql recipe) and queried with
``sparql:URL,graph=IRI``; stats, validation, the audit per claim and every named query must answer
as the in-memory store does (GROUP_CONCAT order aside). The fixture's server caps answers at
5,000 rows, below the curated graph's size, so fetching the whole graph has to page.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from collections import Counter

import pytest
from rdflib.term import BNode, URIRef

from claimgraph.cli import main
from claimgraph.errors import ClaimgraphError
from claimgraph.sparql.named import get_named, named_queries, run_named
from claimgraph.store import load
from claimgraph.store.remote import SparqlStore
from claimgraph.store.skolem import GENID, skolemize
from helpers import GRAPHS, TINY, assert_isomorphic, one_error_line, virtuoso_load, virtuoso_update_rights

pytestmark = pytest.mark.server

GRAPH_IRI = "urn:claimgraph:test:curated"


@pytest.fixture(scope="module")
def memory_store():
    return load([GRAPHS])


@pytest.fixture(scope="module")
def curated_virtuoso(virtuoso, memory_store) -> str:
    """The Virtuoso endpoint holding the curated graph in GRAPH_IRI; returns the --store spec."""
    virtuoso_load(virtuoso, memory_store.to_rdflib(), GRAPH_IRI)
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
    virtuoso_load(virtuoso, memory_store.to_rdflib(), GRAPH_IRI)
    assert len(load([], curated_virtuoso)) == len(memory_store)


PUSHED_IRI = "urn:claimgraph:test:pushed"
PUSH_ROUTES = {"update": "/sparql", "gsp": "/sparql-graph-crud"}
"""README's routes into Virtuoso through claimgraph: SPARQL Update at /sparql, the Graph Store Protocol at
/sparql-graph-crud; both need the SPARQL user granted SPARQL_UPDATE."""


def push_args(virtuoso, via: str, graph_iri: str, *more: str) -> list[str]:
    url = virtuoso.sparql_url.removesuffix("/sparql") + PUSH_ROUTES[via]
    return ["load", "--to", url, "--via", via, "--graph", graph_iri, *more]


def assert_holds_the_curated_graph(runner, virtuoso, graph_iri: str, memory_store, isomorphic: bool = True) -> None:
    """Stats as the in-memory store counts them, and the whole graph (paged past the server's cap) the local one:
    isomorphic (rdflib's canonical form, ~10 s a side here), or else with each blank node labelled as its pushed
    skolem IRI, the very triples claimgraph sent.

    The audit JSON is not compared here: the audit does not run on Virtuoso 7.2.5 yet (SQ156, the strict
    xfail of test_audit_agrees_per_claim)."""
    spec = f"sparql:{virtuoso.sparql_url},graph={graph_iri}"
    local = runner.invoke(main, ["stats", "-f", "json", "-g", str(GRAPHS)])
    remote = runner.invoke(main, ["stats", "-f", "json", "--store", spec])
    assert remote.exit_code == local.exit_code == 0, remote.output
    assert json.loads(remote.output) == json.loads(local.output)
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


GROUP_CONCAT_COLUMN = re.compile(r"GROUP_CONCAT.*?\bAS\s+\?(\w+)", re.IGNORECASE | re.DOTALL)
PROJECTION = re.compile(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\s+AS\s+\?(\w+)\)", re.IGNORECASE)


def concatenated_columns(text: str) -> set[str]:
    """The variables bound to a GROUP_CONCAT, or to an expression over one (CONCAT(…, ?list))."""
    columns = set(GROUP_CONCAT_COLUMN.findall(text))
    for expression, column in PROJECTION.findall(text):
        if any(re.search(rf"\?{name}\b", expression) for name in columns):
            columns.add(column)
    return columns


def concatenated_items(text: str) -> str:
    """A GROUP_CONCAT value with its items in sorted order: items joined by " | ", else by " "."""
    separator = " | " if " | " in text else " "
    return separator.join(sorted(text.split(separator)))


def rows(store, name):
    """A named query's rows as a multiset of strings, each GROUP_CONCAT column's items sorted (order only)."""
    concatenated = concatenated_columns(get_named(name).text)
    result = run_named(store, name)
    normalised = []
    for row in result.rows:
        cells = [None if term is None else concatenated_items(str(term)) if column in concatenated else str(term)
                 for column, term in zip(result.variables, row, strict=True)]
        normalised.append(tuple(cells))
    return Counter(normalised)


VIRTUOSO_DIFFERS = {
    "source-reliability": "source-reliability.rq divides integers: Virtuoso 7 keeps integer division, so every "
                          "share is 0 (needs a cast to xsd:decimal before dividing, an .rq change)",
    "conflicting-reports": "conflicting-reports.rq: rows differ on Virtuoso 7 beyond GROUP_CONCAT order in the "
                           "?evidence/?aspects lists (cause not isolated yet; an .rq change)",
}


def named_case(name: str):
    """A named query, marked strict xfail where Virtuoso needs an .rq change to agree."""
    if name in VIRTUOSO_DIFFERS:
        return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=VIRTUOSO_DIFFERS[name]))
    return name


@pytest.mark.xfail(strict=True, reason="the audit stops on Virtuoso 7.2.5: a rule is refused with SQ156 'Internal "
                   "Optimized compiler error: Bad dfe in sqlo_place_exp' (issue 14 saw SP031 on no-supporting-trial's "
                   "FILTER(?var = <IRI>) + BIND in a UNION branch); CONCAT with unbound and integer division differ "
                   "too: .rq changes")
def test_audit_agrees_per_claim(runner, curated_virtuoso):
    command = ["audit", "-f", "json", "--fail-on", "never"]
    local = runner.invoke(main, [*command, "-g", str(GRAPHS)])
    remote = runner.invoke(main, [*command, "--store", curated_virtuoso])
    assert remote.exit_code == local.exit_code == 0, remote.output
    assert json.loads(remote.output) == json.loads(local.output)


@pytest.mark.parametrize("name", [named_case(name) for name in sorted(named_queries())])
def test_named_queries_agree(curated_virtuoso, memory_store, name):
    remote = load([], curated_virtuoso)
    assert rows(remote, name) == rows(memory_store, name)
