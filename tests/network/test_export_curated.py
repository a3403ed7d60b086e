"""The network, views and analysis on the curated graph in graphs/ (loaded into Oxigraph for speed)."""

from __future__ import annotations

import re

import pytest

from claimgraph.network import build_network, nodes_of_kind
from claimgraph.network.analysis import analyse
from claimgraph.network.pages import html_views
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
