"""The network, views and analysis on the curated graph in graphs/ (loaded into Oxigraph for speed)."""

from __future__ import annotations

import re

import pytest

from claimgraph.network import build_network, nodes_of_kind, select_view
from claimgraph.network.analysis import analyse
from claimgraph.network.graph import EVIDENCE_RELATIONS
from claimgraph.network.pages import html_views, render_view
from claimgraph.report import site_outputs
from claimgraph.store import load
from helpers import REPO, page_data

GRAPHS = REPO / "graphs"


@pytest.fixture(scope="module")
def curated_store(tmp_path_factory: pytest.TempPathFactory):
    store = load([GRAPHS], f"oxigraph:{tmp_path_factory.mktemp('curated')}")
    yield store
    store.close()


@pytest.fixture(scope="module")
def curated_graph(curated_store):
    return build_network(curated_store)


def test_every_claim_is_asserted_by_a_source_in_the_network(curated_graph) -> None:
    unasserted = [claim for claim in nodes_of_kind(curated_graph, "claim")
                  if not any(r == "asserts" for _, _, r in curated_graph.in_edges(claim, data="relation"))]
    assert unasserted == [], "every claim needs an assertion (see docs/curation-guide.md)"


def test_build_views_cover_every_condition_with_claims_or_studies(curated_store, curated_graph) -> None:
    from claimgraph.audit import run_audit

    report = run_audit(curated_store)
    outputs, listed = html_views(curated_store, report)
    linked = set(re.findall(r'<a href="(graph-[^"]+)">', site_outputs(curated_store, report, listed)["index.html"]))
    assert linked == set(outputs)
    about = [c for c in nodes_of_kind(curated_graph, "condition") if curated_graph.degree(c)]
    assert len([name for name in outputs if name.startswith("graph-condition-")]) == len(about)
    full = page_data(outputs["graph-full.html"])
    assert len(full["nodes"]) == curated_graph.number_of_nodes()
    assert len(full["edges"]) == curated_graph.number_of_edges()


def test_analysis_ranks_every_claim_and_study(curated_graph) -> None:
    result = analyse(curated_graph)
    assert len(result.evidence_paths) == len(nodes_of_kind(curated_graph, "claim"))
    assert len(result.most_cited) == len(nodes_of_kind(curated_graph, "study"))
    assert sum(component.size for component in result.components) == curated_graph.number_of_nodes()


def _kind(graph, node: str) -> str:
    return str(graph.nodes[node]["kind"])


def test_cipn_view_holds_only_claims_about_cipn_and_their_neighbourhood(curated_graph) -> None:
    cipn = "https://w3id.org/claimgraph/id/condition/cipn"
    view = select_view(curated_graph, "condition:cipn").graph
    about = set(curated_graph.predecessors(cipn))
    claims = set(nodes_of_kind(view, "claim"))
    assert claims == {node for node in about if _kind(curated_graph, node) == "claim"}
    assert len(claims) >= 10
    expected = {cipn} | claims | {node for node in about if _kind(curated_graph, node) == "study"}
    for claim in claims:
        neighbours = {*curated_graph.successors(claim), *curated_graph.predecessors(claim)}
        expected |= {n for n in neighbours if _kind(curated_graph, n) in ("source", "study", "mechanism")}
    studies = [node for node in expected if _kind(curated_graph, node) == "study"]
    expected |= {mechanism for study in studies for mechanism in curated_graph.successors(study)
                 if _kind(curated_graph, mechanism) == "mechanism"}
    assert set(view) == expected
    assert nodes_of_kind(view, "condition") == [cipn]


def test_study_view_of_a_study_two_sources_report(curated_graph) -> None:
    study = "https://w3id.org/claimgraph/id/study/shlay-1998"
    view = select_view(curated_graph, "study:shlay-1998")
    assert view.focus == study
    reporters = {u for u, _, r in curated_graph.in_edges(study, data="relation") if r == "reports"}
    assert len(reporters) >= 2
    assert reporters <= set(view.graph)
    claims = {v for _, v, r in curated_graph.out_edges(study, data="relation") if r in EVIDENCE_RELATIONS}
    assert claims <= set(view.graph)
    page = page_data(render_view(view))
    assert page["focus"] == study
    assert {node["id"] for node in page["nodes"]} == set(view.graph)
