"""The HTML views as files: self-contained, escaped, data equal to the network (no browser needed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimgraph.cli import main
from claimgraph.namespaces import CLAIM
from claimgraph.network import View, build_network, nodes_of_kind, select_view
from claimgraph.network.pages import (
    EDGE_LABELS_MAX,
    PHYSICS_MAX_NODES,
    VERDICT_STYLES,
    ClaimVerdict,
    html_views,
    render_view,
)
from claimgraph.report import site_outputs
from claimgraph.store import load
from helpers import CLAIM_HIV_PAIN, CLAIM_OPIOIDS, CLAIM_SAFE, FIXTURES, TINY, page_data, synthetic_graph

XSS = FIXTURES / "xss.ttl"
FAKE_VERDICTS = {
    str(CLAIM_HIV_PAIN): ClaimVerdict("weak", "contradicted by a null trial", 2, ("error contradicted: a null RCT",)),
    str(CLAIM_OPIOIDS): ClaimVerdict("unsupported", "animal evidence only", 6, ()),
    str(CLAIM_SAFE): ClaimVerdict("supported", "supported by trials", 1, ()),
}


@pytest.fixture(scope="module")
def tiny_graph():
    return build_network(load([TINY]))


@pytest.fixture(scope="module")
def full_page(tiny_graph) -> str:
    return render_view(select_view(tiny_graph, "full"))


def test_page_loads_nothing_from_elsewhere(full_page: str) -> None:
    assert not re.search(r"<(link|iframe|img)\b", full_page, re.IGNORECASE)
    assert not re.search(r"<script[^>]*\bsrc=", full_page, re.IGNORECASE)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", full_page, re.IGNORECASE)
    assert "default-src 'none'" in full_page, "a Content-Security-Policy forbids fetching anything"
    assert "vis.Network" in full_page and "vis-network" in full_page, "vis-network is inlined"


def test_page_data_holds_every_node_and_edge(tiny_graph, full_page: str) -> None:
    data = page_data(full_page)
    assert {node["id"] for node in data["nodes"]} == set(tiny_graph.nodes)
    assert sorted((e["from"], e["to"], e["relation"]) for e in data["edges"]) == sorted(
        (u, v, r) for u, v, r in tiny_graph.edges(data="relation"))
    assert {node["group"] for node in data["nodes"]} == {"source", "claim", "study", "mechanism", "condition"}


def test_node_size_grows_with_degree(tiny_graph, full_page: str) -> None:
    sizes = {node["id"]: node["size"] for node in page_data(full_page)["nodes"]}
    by_degree = sorted(tiny_graph.nodes, key=tiny_graph.degree)
    assert sizes[by_degree[-1]] > sizes[by_degree[0]]


def test_claim_tooltip_has_evidence_level_and_each_sources_quote(full_page: str) -> None:
    nodes = {node["id"]: node for node in page_data(full_page)["nodes"]}
    title = nodes[str(CLAIM_HIV_PAIN)]["title"]
    assert "evidence level: not audited" in title, "a view rendered without an audit claims no level"
    assert "Tiny blog (strong): “acupuncture is proven to relieve HIV neuropathy pain”" in title
    assert "Tiny factsheet (moderate): “not more effective than placebo”" in title
    assert "disputes, direct: Trial 1998" in title


def test_study_tooltip_has_design_year_n_and_result(full_page: str) -> None:
    nodes = {node["id"]: node for node in page_data(full_page)["nodes"]}
    title = nodes["https://w3id.org/claimgraph/id/study/trial1998"]["title"]
    for fact in ("design: Randomized controlled trial (evidence level 2)", "year: 1998", "n: 250", "result: Null"):
        assert fact in title


def test_small_views_keep_physics_and_big_ones_get_a_fixed_layout() -> None:
    small = page_data(render_view(View("full", "small", synthetic_graph(20))))
    big = page_data(render_view(View("full", "big", synthetic_graph(PHYSICS_MAX_NODES + 1))))
    assert small["options"]["physics"]["enabled"] is True
    assert big["options"]["physics"]["enabled"] is False
    assert big["options"]["layout"]["improvedLayout"] is False
    positions = {(node["x"], node["y"]) for node in big["nodes"]}
    assert len(positions) == PHYSICS_MAX_NODES + 1


def test_small_views_label_edges_and_big_ones_draw_plain_coloured_edges(full_page: str) -> None:
    small = page_data(full_page)
    assert all(edge["label"] == edge["relation"] for edge in small["edges"])
    assert any(edge.get("dashes") for edge in small["edges"]), "cites, reports and about are dashed"
    assert small["options"]["edges"]["arrows"]["to"]["enabled"] is True
    assert small["options"]["interaction"]["hover"] is True
    assert 'id="plain-edges-note"' not in full_page
    html = render_view(View("full", "big", synthetic_graph(EDGE_LABELS_MAX + 2)))
    big = page_data(html)
    assert len(big["edges"]) == EDGE_LABELS_MAX + 1
    assert not any("label" in edge or "dashes" in edge for edge in big["edges"])
    assert {edge["color"] for edge in big["edges"]} == {"#c7c7c7"}, "the relation shows by colour"
    assert all(edge["title"].startswith("about") for edge in big["edges"]), "and by tooltip"
    assert big["options"]["edges"]["arrows"]["to"]["enabled"] is False
    assert big["options"]["edges"]["smooth"] is False
    assert big["options"]["interaction"]["hover"] is False
    assert 'id="plain-edges-note"' in html
    assert "about <small>(claim or study → condition)</small>" in html, "the legend gives each relation's direction"
    assert "stroke-dasharray" not in html.split('id="legend-relations"')[1], "the legend draws edges as they are"


def test_audit_view_colours_claims_by_verdict(tiny_graph) -> None:
    html = render_view(select_view(tiny_graph, "audit"), FAKE_VERDICTS, colour_by_verdict=True)
    nodes = {node["id"]: node for node in page_data(html)["nodes"]}
    for claim, verdict in FAKE_VERDICTS.items():
        assert nodes[claim]["color"]["background"] == VERDICT_STYLES[verdict.verdict_class]["color"]
        assert f"verdict: {verdict.verdict}" in nodes[claim]["title"]
    assert "error contradicted: a null RCT" in nodes[str(CLAIM_HIV_PAIN)]["title"]
    assert 'id="legend-verdicts"' in html
    assert 'id="legend-verdicts"' not in render_view(select_view(tiny_graph, "full"), FAKE_VERDICTS)


def test_hostile_labels_never_reach_the_page_as_markup() -> None:
    graph = build_network(load([XSS]))
    claim = str(CLAIM["hostile"])
    html = render_view(select_view(graph, f"claim:{claim}"))
    for raw in ("<script>window.__xss", "<img src=x", "<svg onload", "<b onmouseover", "<iframe src"):
        assert raw not in html
    heading = re.search(r'<h1 id="view-title">(.*?)</h1>', html, re.DOTALL)
    assert heading
    assert heading.group(1).startswith("Claim: &lt;script&gt;window.__xss=&#39;claim&#39;&lt;/script&gt;")
    labels = {node["id"]: node["name"] for node in page_data(html)["nodes"]}
    assert labels[claim] == graph.nodes[claim]["label"], "the data keeps the text exactly"


def test_export_html_command_writes_a_view(runner, tmp_path: Path) -> None:
    out = tmp_path / "hiv.html"
    result = runner.invoke(main, ["export", "html", "-g", str(TINY), "--view", "condition:hiv-neuropathy",
                                  "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert page_data(out.read_text(encoding="utf-8"))["focus"] == "https://w3id.org/claimgraph/id/condition/hiv-neuropathy"


@pytest.mark.parametrize("view", ["nonsense", "claim:no-such-claim"])
def test_export_html_with_a_bad_view_is_a_usage_error(runner, tmp_path: Path, view: str) -> None:
    out = tmp_path / "x.html"
    result = runner.invoke(main, ["export", "html", "-g", str(TINY), "--view", view, "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.startswith("claimgraph: error:")
    assert not out.exists()


def test_exported_claim_tooltips_carry_the_audit_evidence_level() -> None:
    from claimgraph.audit import run_audit
    from claimgraph.network.pages import export_html

    store = load([TINY])
    levels = {audit.claim: audit.evidence_level for audit in run_audit(store).claims}
    nodes = {node["id"]: node for node in page_data(export_html(store, "full"))["nodes"]}
    for claim, level in levels.items():
        shown = "none" if level is None else str(level)
        assert f"evidence level: {shown}\n" in nodes[claim]["title"] + "\n", claim
    assert levels[str(CLAIM_HIV_PAIN)] is None, "its only supporting study is unidentifiable"
    assert all(nodes[claim].get("color") is None for claim in levels), "the full view is not coloured by verdict"


def test_build_outputs_link_every_view_from_the_index(tiny_graph) -> None:
    from claimgraph.audit import run_audit

    store = load([TINY])
    report = run_audit(store)
    outputs, listed = html_views(store, report)
    conditions = [c for c in nodes_of_kind(tiny_graph, "condition") if tiny_graph.degree(c)]
    views = sorted(outputs)
    assert views == sorted(["graph-full.html", "graph-audit.html"]
                           + [f"graph-condition-{c.rsplit('/', 1)[-1]}.html" for c in conditions])
    index = site_outputs(store, report, listed)["index.html"]
    links = re.findall(r'<a href="(graph-[^"]+)">', index)
    assert sorted(links) == views
    audit_nodes = {node["id"]: node for node in page_data(outputs["graph-audit.html"])["nodes"]}
    verdict_class = {audit.claim: audit.verdict_class for audit in report.claims}
    for claim in (CLAIM_OPIOIDS, CLAIM_HIV_PAIN, CLAIM_SAFE):
        assert audit_nodes[str(claim)]["color"]["background"] == VERDICT_STYLES[verdict_class[str(claim)]]["color"]


def test_conditions_whose_names_slug_alike_get_a_view_each(tmp_path) -> None:
    from claimgraph.audit import run_audit

    twins = tmp_path / "twins.ttl"
    twins.write_text("""
@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix condition: <https://w3id.org/claimgraph/id/condition/> .
condition:Foo_Pain a cg:Condition ; skos:prefLabel "Foo pain (one)" .
condition:foo-pain a cg:Condition ; skos:prefLabel "Foo pain (two)" .
<https://w3id.org/claimgraph/id/claim/relieves-hiv-pain> cg:aboutCondition condition:Foo_Pain , condition:foo-pain .
""")
    store = load([TINY, twins])
    report = run_audit(store)
    outputs, listed = html_views(store, report)
    twin_views = sorted(name for name in outputs if name.startswith("graph-condition-foo-pain"))
    assert len(twin_views) == 2
    titles = {re.search(r"<title>(.*?)</title>", outputs[name]).group(1) for name in twin_views}
    assert len(titles) == 2, titles
    links = re.findall(r'<a href="(graph-[^"]+)">', site_outputs(store, report, listed)["index.html"])
    assert len(links) == len(set(links)) == len(outputs)
