"""Interactive, offline HTML views of the claim graph.

The vendored vis-network (``claimgraph/vendor/``) is inlined into the page; the page itself is the project's Jinja
template (autoescaping on) with its own legend, search box and node-type filters. Nothing is loaded from the network.
Labels and tooltips travel as JSON inside a ``<script type="application/json">`` block
and are shown as text (vis-network renders string titles with ``innerText``).
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from claimgraph.network.graph import EVIDENCE_RELATIONS, View, build_network, nodes_of_kind, select_view
from claimgraph.network.verdicts import ClaimVerdict as ClaimVerdict  # re-exported: views are rendered with it
from claimgraph.network.verdicts import audit_verdicts
from claimgraph.templates import render, script_json, script_text, vendored_script

if TYPE_CHECKING:
    import networkx as nx

    from claimgraph.audit import AuditReport
    from claimgraph.store import Store

PHYSICS_MAX_NODES = 300
"""Views up to this size keep vis-network's physics; bigger ones get a precomputed layout."""

EDGE_LABELS_MAX = 1500
"""Views with more edges are drawn for speed. Edges are plain: the relation shows by colour (legend) and
tooltip only, with no arrowhead or dashes (which multiply the cost of every frame; dashes most, as a dashed
line zoomed out is hundreds of tiny dashes), and nodes do not highlight on hover."""

LABELS_AT_LOAD_MAX = 20
"""Views with more nodes (the full and audit views, most focused views) are handed to vis-network without
labels, node or edge, so labels never pile up: the page labels the selected or hovered node (and its edges,
up to :data:`EDGE_LABELS_AROUND`), then, biggest node first and skipping a label that would overlap one
already shown, its neighbours and, while at most :data:`LABELS_ON_SCREEN_MAX` nodes are on screen (zoomed
in far enough), the nodes on screen; zoomed out again, those labels go. (Measuring tens of thousands of
labels nobody can read at the initial zoom would also cost a second at load.)"""

LABELS_ON_SCREEN_MAX = 150
EDGE_LABELS_AROUND = 12

LABEL_MAX = 48

KIND_STYLES: dict[str, dict[str, str]] = {
    "source": {"shape": "square", "color": "#4e79a7", "caption": "Source", "plural": "Sources"},
    "claim": {"shape": "dot", "color": "#9c6ade", "caption": "Claim", "plural": "Claims"},
    "study": {"shape": "diamond", "color": "#17a2b8", "caption": "Study", "plural": "Studies"},
    "mechanism": {"shape": "triangle", "color": "#b5651d", "caption": "Mechanism", "plural": "Mechanisms"},
    "condition": {"shape": "star", "color": "#7f7f7f", "caption": "Condition", "plural": "Conditions"},
}

VERDICT_STYLES: dict[str, dict[str, str]] = {
    "unsupported": {"color": "#d62728", "caption": "Unsupported: no supporting trial"},
    "contested": {"color": "#9467bd", "caption": "Says evidence is lacking; trials contest it"},
    "weak": {"color": "#f0a202", "caption": "Weak or contradicted"},
    "consistent": {"color": "#1f77b4", "caption": "Says evidence is lacking; the graph bears it out"},
    "supported": {"color": "#2ca02c", "caption": "Supported by trials"},
    "unaudited": {"color": "#c7c7c7", "caption": "Not audited"},
}

RELATION_STYLES: dict[str, dict[str, Any]] = {
    "asserts": {"color": "#4e79a7", "dashes": False, "ends": "source → claim"},
    "cites": {"color": "#9ab0c8", "dashes": True, "ends": "source → study"},
    "reports": {"color": "#8c8c8c", "dashes": True, "ends": "source → study"},
    "supports": {"color": "#2ca02c", "dashes": False, "ends": "study → claim"},
    "disputes": {"color": "#d62728", "dashes": False, "ends": "study → claim"},
    "inconclusive": {"color": "#f0a202", "dashes": False, "ends": "study → claim"},
    "mechanism": {"color": "#b5651d", "dashes": False, "ends": "study or claim → mechanism"},
    "about": {"color": "#c7c7c7", "dashes": True, "ends": "claim or study → condition"},
}
"""Edge colour, dashes (small views only) and the kinds each relation runs between, which the legend shows
(so plain edges without arrowheads still tell their direction)."""


def export_html(store: Store, spec: str) -> str:
    """The HTML page of one view (``claim:ID``, ``condition:ID``, ``source:ID``, ``study:ID``, ``audit``, ``full``)."""
    from claimgraph.audit import run_audit

    view = select_view(build_network(store), spec)
    return render_view(view, audit_verdicts(run_audit(store)), colour_by_verdict=spec != "full")


def render_view(
    view: View, verdicts: dict[str, ClaimVerdict] | None = None, colour_by_verdict: bool = False
) -> str:
    """A self-contained HTML page for ``view``; tooltips show ``verdicts``, and claims take their colour."""
    colour_verdicts = verdicts if colour_by_verdict else None
    network = vis_network(view, verdicts, colour_verdicts is not None)
    kinds = [kind for kind in KIND_STYLES if nodes_of_kind(view.graph, kind)]
    present = {relation for _, _, relation in view.graph.edges(data="relation")}
    relations = [name for name in RELATION_STYLES if name in present]
    plain = view.graph.number_of_edges() > EDGE_LABELS_MAX
    lazy = view.graph.number_of_nodes() > LABELS_AT_LOAD_MAX
    data = {
        "nodes": network.nodes,
        "edges": network.edges,
        "options": network.options,
        "physics": view.graph.number_of_nodes() <= PHYSICS_MAX_NODES,
        "focus": view.focus,
        "lazyLabels": lazy,
        "labelMax": LABEL_MAX,
        "labelsOnScreen": LABELS_ON_SCREEN_MAX,
        "edgeLabelsAround": EDGE_LABELS_AROUND,
    }
    return render(
        "graph.html.j2",
        title=view.title,
        kinds=[{"name": kind, "count": len(nodes_of_kind(view.graph, kind)), **KIND_STYLES[kind]} for kind in kinds],
        verdicts=VERDICT_STYLES if colour_verdicts is not None else None,
        relations=[{"name": name, **RELATION_STYLES[name], "dashes": RELATION_STYLES[name]["dashes"] and not plain}
                   for name in relations],
        plain_edges=plain,
        lazy_labels=lazy,
        node_count=view.graph.number_of_nodes(),
        edge_count=view.graph.number_of_edges(),
        vis_js=vis_network_js(),
        data_json=script_text(script_json(data)),
    )


@dataclass
class VisNetwork:
    """What a page hands vis-network: node and edge records and the options."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)


def vis_network(
    view: View, verdicts: dict[str, ClaimVerdict] | None = None, colour_by_verdict: bool = True
) -> VisNetwork:
    """The view's nodes and edges as vis-network records, with the options."""
    from claimgraph.network.layout import layered_positions

    graph = view.graph
    network = VisNetwork()
    positions = layered_positions(graph)
    physics = graph.number_of_nodes() <= PHYSICS_MAX_NODES
    labelled = graph.number_of_nodes() <= LABELS_AT_LOAD_MAX
    plain = graph.number_of_edges() > EDGE_LABELS_MAX
    for node, data in graph.nodes(data=True):
        label = str(data.get("label", node))
        x, y = positions[node]
        entry: dict[str, Any] = {
            "id": node,
            "name": label,
            "group": data.get("kind"),
            "title": tooltip(graph, node, verdicts),
            "size": round(10 + 5 * math.sqrt(graph.degree(node)), 1),
            "x": round(x, 1),
            "y": round(y, 1),
        }
        if labelled:  # else the page adds labels as they come into readable view
            entry["label"] = label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"
        if node == view.focus:
            entry["borderWidth"] = 4
        if colour_by_verdict and verdicts is not None and data.get("kind") == "claim":
            verdict = verdicts.get(node)
            colour = VERDICT_STYLES[verdict.verdict_class if verdict else "unaudited"]["color"]
            entry["color"] = {"background": colour, "border": "#333333"}
        network.nodes.append(entry)
    for index, (source, target, data) in enumerate(graph.edges(data=True)):
        relation = str(data.get("relation", ""))
        style = RELATION_STYLES.get(relation, {})
        edge: dict[str, Any] = {"id": index, "from": source, "to": target, "relation": relation,
                                "color": style.get("color", "#999999")}
        if labelled:
            edge["label"] = relation
        if style.get("dashes") and not plain:
            edge["dashes"] = True
        title = edge_tooltip(graph, data)
        if title or not labelled:
            edge["title"] = f"{relation}\n{title}" if title else relation
        network.edges.append(edge)
    network.options = vis_options(physics, plain_edges=plain)
    return network


def vis_options(physics: bool, plain_edges: bool = False) -> dict[str, Any]:
    """vis-network options: physics and curved edges for small views, a fixed layout for big ones, and no
    arrowheads or hover highlighting (a redraw each time the pointer meets a node) with plain edges."""
    groups = {
        kind: {"shape": style["shape"], "color": {"background": style["color"], "border": "#333333"}}
        for kind, style in KIND_STYLES.items()
    }
    return {
        "groups": groups,
        "layout": {"improvedLayout": False},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -9000, "springLength": 180, "avoidOverlap": 0.4},
            "stabilization": {"enabled": physics, "iterations": 250, "fit": True},
        },
        "interaction": {"hover": not plain_edges, "tooltipDelay": 120, "hideEdgesOnDrag": not physics,
                        "hideEdgesOnZoom": not physics},
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {
            "arrows": {"to": {"enabled": not plain_edges, "scaleFactor": 0.5}},
            "smooth": {"type": "continuous"} if physics else False,
            "font": {"size": 10, "align": "middle", "color": "#555555"},
        },
    }


def tooltip(graph: nx.MultiDiGraph, node: str, verdicts: dict[str, ClaimVerdict] | None = None) -> str:
    """The facts shown when hovering or selecting a node, as plain text lines."""
    data = graph.nodes[node]
    kind = data.get("kind")
    lines = [str(data.get("label", node)), f"{KIND_STYLES.get(str(kind), {}).get('caption', kind)} · {node}"]
    if kind == "source":
        lines += _facts(data, (("source_kind", "kind"), ("author", "by"), ("date", "date"), ("local_copy", "copy")))
    elif kind == "study":
        lines += _study_lines(data)
    elif kind == "condition":
        lines += _facts(data, (("mesh_id", "MeSH"),))
    elif kind == "claim":
        lines += _claim_lines(graph, node, verdicts.get(node) if verdicts is not None else None)
    return "\n".join(lines)


def _facts(data: dict[str, Any], names: tuple[tuple[str, str], ...]) -> list[str]:
    return [f"{caption}: {data[name]}" for name, caption in names if name in data]


def _study_lines(data: dict[str, Any]) -> list[str]:
    lines = []
    if "design" in data:
        lines.append(f"design: {data['design']} (evidence level {data.get('evidence_level', '?')})")
    lines += _facts(data, (("year", "year"), ("participants", "n"), ("result", "result"), ("species", "species")))
    if data.get("identifiable") is False:
        lines.append(f"unidentifiable; cited as: {data.get('cited_as', '?')}")
    if data.get("key_findings"):
        lines.append("findings:")
        lines += [f"  - {finding}" for finding in str(data["key_findings"]).splitlines()]
    return lines


def _claim_lines(graph: nx.MultiDiGraph, claim: str, verdict: ClaimVerdict | None) -> list[str]:
    data = graph.nodes[claim]
    lines = _facts(data, (("claim_type", "type"), ("outcome", "outcome")))
    if verdict is not None:
        lines.append(f"verdict: {verdict.verdict} ({verdict.verdict_class})")
        lines.append(f"evidence level: {verdict.evidence_level if verdict.evidence_level is not None else 'none'}")
        lines += [f"  ! {finding}" for finding in verdict.findings]
    else:
        lines.append("evidence level: not audited")
    evidence = []
    quotes = []
    for source, _, edge in graph.in_edges(claim, data=True):
        relation = edge.get("relation")
        label = graph.nodes[source].get("label", source)
        if relation in EVIDENCE_RELATIONS:
            directness = f", {edge['directness']}" if "directness" in edge else ""
            evidence.append(f"  {relation}{directness}: {label}")
        elif relation == "asserts":
            quotes.append(f"  {label} ({edge.get('strength', '?')}): “{edge.get('quote', '')}”")
    if evidence:
        lines += ["evidence:", *sorted(evidence)]
    if quotes:
        lines += ["quotes:", *sorted(quotes)]
    return lines


def edge_tooltip(graph: nx.MultiDiGraph, data: dict[str, Any]) -> str:
    """Facts of an edge beyond its label: an assertion's quote, an evidence line's directness, a report."""
    relation = data.get("relation")
    if relation == "asserts" and "quote" in data:
        return f"“{data['quote']}” ({data.get('strength', '?')})"
    if relation in EVIDENCE_RELATIONS:
        drawn_by = data.get("drawn_by")
        who = graph.nodes[drawn_by].get("label", drawn_by) if drawn_by in graph else drawn_by
        parts = [f"{relation}, {data.get('directness', 'directness not stated')}"]
        if "indirect_because" in data:
            parts.append(f"because: {data['indirect_because']}")
        if who:
            parts.append(f"drawn by: {'curator' if str(who).endswith('#curator') else who}")
        return "\n".join(parts)
    if relation == "reports":
        return "\n".join(_facts(data, (("reported_design", "design"), ("reported_year", "year"),
                                      ("reported_participants", "n"), ("reported_finding", "finding"),
                                      ("discrepancy", "discrepancy"))))
    return ""


VIS_NETWORK_JS = "vis-network.min.js"
"""The vendored graph library (see ``claimgraph/vendor/README.md``)."""


@cache
def vis_network_js() -> Any:
    """The vendored vis-network script, ready to inline; read once (every graph page carries it, 0.47 MB)."""
    return vendored_script(VIS_NETWORK_JS)


@dataclass(frozen=True)
class Page:
    """One written HTML view, as the index lists it."""

    file: str
    title: str
    description: str
    nodes: int
    edges: int


def view_slugs(iris: list[str]) -> list[str]:
    """A file-name slug per IRI: its lower-cased local name, plus a short hash of the IRI where two slug alike."""
    slugs = [re.sub(r"[^a-z0-9-]+", "-", iri.rsplit("/", 1)[-1].lower()).strip("-") or "node" for iri in iris]
    shared = {slug for slug in slugs if slugs.count(slug) > 1}
    return [f"{slug}-{hashlib.sha256(iri.encode()).hexdigest()[:8]}" if slug in shared else slug
            for iri, slug in zip(iris, slugs, strict=True)]


def html_views(store: Store, report: AuditReport) -> tuple[dict[str, str], list[Page]]:
    """The graph views ``claimgraph build`` writes (one per condition, the audit and full views) and what the
    front page lists.

    Study, claim and source views are made on demand (``claimgraph export html --view study:ID``): each page
    inlines vis-network (0.47 MB), so a page per study would add half a megabyte per study to every build.
    """
    graph = build_network(store)
    verdicts = audit_verdicts(report)
    planned: list[tuple[str, str, str, bool]] = []
    conditions = sorted(c for c in nodes_of_kind(graph, "condition") if graph.degree(c))
    for condition, slug in zip(conditions, view_slugs(conditions), strict=True):
        planned.append((f"graph-condition-{slug}.html", f"condition:{condition}",
                        "the claims about this condition, with their sources, studies and mechanisms", True))
    planned += [
        ("graph-audit.html", "audit", "every claim coloured by audit verdict: red unsupported, amber weak, green "
         "supported (labels show on zoom)", True),
        ("graph-full.html", "full", "every source, claim, study, mechanism and condition (labels show on zoom)", False),
    ]
    contents: dict[str, str] = {}
    pages = []
    for file, spec, description, colour in planned:
        view = select_view(graph, spec)
        contents[file] = render_view(view, verdicts, colour_by_verdict=colour)
        pages.append(Page(file, view.title, description, view.graph.number_of_nodes(), view.graph.number_of_edges()))
    return contents, pages


def html_outputs(store: Store, report: AuditReport) -> dict[str, str]:
    """The graph views ``claimgraph build`` writes (the front page is ``claimgraph.report``'s)."""
    return html_views(store, report)[0]
