"""Network analysis of the claim graph with networkx: what the graph leans on and where it is thin.

* **most-cited studies**: studies by the number of sources that cite or report them;
* **evidence paths**: for each claim, its evidence level (the audit's, from SPARQL:
  ``audit/rules/facts/levels.rq``) and its best path to an identifiable supporting study (an
  evidence line, or else through a mechanism the study shows), weakest and longest first;
* **mechanism-only reach**: claims a source reaches through the studies it cites only by
  way of a mechanism, never by a direct evidence line;
* **connected components**: islands of the graph that nothing links to the rest.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from claimgraph.audit.ruleset import FACTS
from claimgraph.network.graph import nodes_of_kind

if TYPE_CHECKING:
    from collections.abc import Mapping

    import networkx as nx

    from claimgraph.store import Store

NO_LEVEL = 99
"""Sorts after every evidence level (1 systematic review … 7 unknown design)."""


@dataclass(frozen=True)
class CitedStudy:
    """A study and how many sources and claims lean on it."""

    study: str
    label: str
    sources: int
    citing_sources: int
    reporting_sources: int
    claims: int


@dataclass(frozen=True)
class EvidencePath:
    """A claim's evidence level and its best path to an identifiable supporting study.

    ``evidence_level`` is the audit's (None without an identifiable supporting evidence
    line); ``hops`` is None when no path reaches an identifiable supporting study.
    """

    claim: str
    label: str
    hops: int | None
    evidence_level: int | None
    direct: bool
    path: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MechanismOnlyReach:
    """A claim a source reaches through its cited studies only by way of mechanisms."""

    source: str
    source_label: str
    claim: str
    claim_label: str
    mechanisms: list[str]
    asserted: bool


@dataclass(frozen=True)
class Component:
    """A weakly connected component: its size and, for the small ones, its nodes' labels."""

    size: int
    kinds: dict[str, int]
    labels: list[str]


@dataclass(frozen=True)
class Analysis:
    """Everything ``claimgraph analyse`` reports."""

    most_cited: list[CitedStudy]
    evidence_paths: list[EvidencePath]
    mechanism_only: list[MechanismOnlyReach]
    components: list[Component]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


def analyse(graph: nx.MultiDiGraph, store: Store | None = None) -> Analysis:
    """Run every analysis on a network built by :func:`claimgraph.network.build_network`.

    Claims' evidence levels come from ``store`` (see :func:`evidence_levels`), the store the
    network was built from; without it they are unknown (None).
    """
    return Analysis(
        most_cited=most_cited_studies(graph),
        evidence_paths=evidence_paths(graph, evidence_levels(store) if store is not None else {}),
        mechanism_only=mechanism_only_reach(graph),
        components=components(graph),
    )


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    return str(graph.nodes[node].get("label", node))


def _edges(graph: nx.MultiDiGraph, relations: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(u, v) for u, v, relation in graph.edges(data="relation") if relation in relations]


def most_cited_studies(graph: nx.MultiDiGraph) -> list[CitedStudy]:
    """Studies by how many distinct sources cite or report them, then by the claims they bear on."""
    citing: dict[str, set[str]] = {}
    reporting: dict[str, set[str]] = {}
    claims: dict[str, set[str]] = {}
    for u, v, relation in graph.edges(data="relation"):
        if relation == "cites":
            citing.setdefault(v, set()).add(u)
        elif relation == "reports":
            reporting.setdefault(v, set()).add(u)
        elif relation in ("supports", "disputes", "inconclusive"):
            claims.setdefault(u, set()).add(v)
    ranked = [
        CitedStudy(
            study=study,
            label=_label(graph, study),
            sources=len(citing.get(study, set()) | reporting.get(study, set())),
            citing_sources=len(citing.get(study, set())),
            reporting_sources=len(reporting.get(study, set())),
            claims=len(claims.get(study, set())),
        )
        for study in nodes_of_kind(graph, "study")
    ]
    return sorted(ranked, key=lambda s: (-s.sources, -s.claims, s.label))


def evidence_levels(store: Store) -> dict[str, int]:
    """Each claim's evidence level as the audit computes it, by claim IRI: ``audit/rules/facts/levels.rq``
    (the lowest cg:evidenceLevel among supporting lines from identifiable studies). Claims
    without one are absent."""
    rows = store.query(FACTS.text("levels")).dicts()
    return {str(row["claim"]): int(str(row["level"])) for row in rows if "claim" in row and "level" in row}


def support_graph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """Claim → study for each supporting evidence line; claim → mechanism → study for mechanisms.

    Studies that cannot be identified (``identifiable`` false) are left out, as the audit
    leaves them out. Edges carry ``direct``: False for an indirect evidence line and for any
    step through a mechanism.
    """
    import networkx as nx

    def identifiable(node: str) -> bool:
        return graph.nodes[node].get("identifiable") is not False

    support = nx.DiGraph()
    for u, v, data in graph.edges(data=True):
        relation = data.get("relation")
        if relation == "supports" and identifiable(u):
            support.add_edge(v, u, direct=data.get("directness") != "indirect")
        elif relation == "mechanism":
            kind = graph.nodes[u].get("kind")
            if kind == "claim":
                support.add_edge(u, v, direct=False)
            elif kind == "study" and identifiable(u):
                support.add_edge(v, u, direct=False)
    return support


def evidence_paths(graph: nx.MultiDiGraph, levels: Mapping[str, int]) -> list[EvidencePath]:
    """Each claim's evidence level (from ``levels``, see :func:`evidence_levels`) and best path
    to an identifiable supporting study, weakest claims first.

    The best path is an evidence line when there is one (to a study at the claim's
    evidence level, a direct line before an indirect one), else a route through a mechanism.
    Claims with no path come first, then claims with no evidence level, then by level.
    """
    import networkx as nx

    support = support_graph(graph)
    found = []
    for claim in nodes_of_kind(graph, "claim"):
        level = levels.get(claim)
        best: tuple[int, int, bool, list[str]] | None = None
        if claim in support:
            for target, path in nx.single_source_shortest_path(support, claim).items():
                if graph.nodes[target].get("kind") != "study":
                    continue
                study_level = graph.nodes[target].get("evidence_level")
                direct = all(support.edges[a, b]["direct"] for a, b in itertools.pairwise(path))
                candidate = (len(path) - 1, study_level if isinstance(study_level, int) else NO_LEVEL,
                             not direct, path)
                if best is None or candidate[:3] < best[:3]:
                    best = candidate
        if best is None:
            found.append(EvidencePath(claim, _label(graph, claim), None, level, False))
        else:
            hops, _, indirect, path = best
            found.append(EvidencePath(claim, _label(graph, claim), hops, level, not indirect,
                                      [_label(graph, node) for node in path]))
    found.sort(key=lambda path: path.label.lower())
    return sorted(found, key=_weakness, reverse=True)


def _weakness(path: EvidencePath) -> tuple[int, int, int, int]:
    level = NO_LEVEL if path.evidence_level is None else path.evidence_level
    return (int(path.hops is None), level, int(not path.direct), path.hops or 0)


def mechanism_only_reach(graph: nx.MultiDiGraph) -> list[MechanismOnlyReach]:
    """Claims each source reaches via cited studies only through a mechanism, not a direct evidence line."""
    import networkx as nx

    direct = nx.DiGraph(_edges(graph, ("cites", "supports")))
    through_mechanisms = direct.copy()
    for u, v in _edges(graph, ("mechanism",)):
        kind = graph.nodes[u].get("kind")
        through_mechanisms.add_edge(*((u, v) if kind == "study" else (v, u)))
    found = []
    for source in nodes_of_kind(graph, "source"):
        if source not in direct:
            continue
        reached_directly = nx.descendants(direct, source)
        reached = nx.descendants(through_mechanisms, source)
        asserted = {v for _, v, relation in graph.out_edges(source, data="relation") if relation == "asserts"}
        for claim in sorted(reached - reached_directly):
            if graph.nodes[claim].get("kind") != "claim":
                continue
            mechanisms = sorted(
                _label(graph, m) for m in through_mechanisms.predecessors(claim)
                if m in reached and graph.nodes[m].get("kind") == "mechanism"
            )
            found.append(MechanismOnlyReach(source, _label(graph, source), claim, _label(graph, claim),
                                            mechanisms, claim in asserted))
    return sorted(found, key=lambda r: (not r.asserted, r.source_label, r.claim_label))


def components(graph: nx.MultiDiGraph, list_up_to: int = 10) -> list[Component]:
    """Weakly connected components, largest first; nodes are listed for components of ≤ ``list_up_to``."""
    import networkx as nx

    found = []
    for members in nx.weakly_connected_components(graph):
        kinds: dict[str, int] = {}
        for node in members:
            kind = str(graph.nodes[node].get("kind"))
            kinds[kind] = kinds.get(kind, 0) + 1
        labels = sorted(_label(graph, node) for node in members) if len(members) <= list_up_to else []
        found.append(Component(len(members), dict(sorted(kinds.items())), labels))
    return sorted(found, key=lambda c: (-c.size, c.labels))


def format_text(analysis: Analysis, top: int = 10) -> str:
    """The analysis as plain text for the terminal."""
    lines = ["Most-cited studies (sources citing or reporting; claims it bears on)"]
    for study in analysis.most_cited[:top]:
        lines.append(f"  {study.sources:>3} sources {study.claims:>3} claims  {study.label}")
    lines.append("")
    lines.append("Weakest and longest evidence paths (claim: best path to a supporting study)")
    for path in analysis.evidence_paths[:top]:
        if path.hops is None:
            lines.append(f"  no supporting study           {path.label}")
        else:
            how = "direct" if path.direct else "indirect"
            level = f"level {path.evidence_level}" if path.evidence_level is not None else "no level"
            lines.append(f"  {level:<8} {how:<8} {path.hops} hop(s)  {' -> '.join(path.path)}")
    lines.append("")
    lines.append("Claims reachable from a source only through mechanisms")
    if not analysis.mechanism_only:
        lines.append("  none")
    for reach in analysis.mechanism_only:
        asserted = "asserts it" if reach.asserted else "does not assert it"
        lines.append(f"  {reach.source_label} -> {reach.claim_label} via {', '.join(reach.mechanisms)} ({asserted})")
    lines.append("")
    sizes = ", ".join(str(c.size) for c in analysis.components)
    lines.append(f"Connected components: {len(analysis.components)} (sizes {sizes})")
    for component in analysis.components[1:]:
        lines.append(f"  island of {component.size}: {'; '.join(component.labels) or '(large)'}")
    return "\n".join(lines) + "\n"
