"""The evidence-gap map of the front page: conditions × claim types, each cell its claims, verdict mix and
number of studies (as in EPPI-Mapper and 3ie maps), with the sources, studies and graph views beside it."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from claimgraph.audit.verdict import VERDICT_CLASSES
from claimgraph.network.pages import VERDICT_STYLES
from claimgraph.templates import render

if TYPE_CHECKING:
    from claimgraph.audit import AuditReport
    from claimgraph.audit.report import ClaimAudit
    from claimgraph.report.facts import SiteFacts
    from claimgraph.report.site import Links

NO_CONDITION = "no condition named"
NO_TYPE = "untyped"
VERDICT_COLOURS = {verdict: VERDICT_STYLES[verdict]["color"] for verdict in reversed(VERDICT_CLASSES)}
"""Each verdict class's colour, best first, as the graph views draw it."""
BUBBLE_MAX_PX = 46


@dataclass
class Cell:
    """The claims about one condition of one claim type."""

    condition: str
    claim_type: str
    claims: list[ClaimAudit] = field(default_factory=list)
    studies: set[str] = field(default_factory=set)

    def verdicts(self) -> dict[str, int]:
        """How many of the cell's claims have each verdict class (best first)."""
        return {verdict: sum(c.verdict_class == verdict for c in self.claims) for verdict in VERDICT_COLOURS}


@dataclass
class EvidenceMap:
    """Rows (conditions, most claims first), columns (claim types) and the non-empty cells."""

    conditions: list[str]
    claim_types: list[str]
    cells: dict[tuple[str, str], Cell]


def evidence_map(report: AuditReport) -> EvidenceMap:
    """Place every audited claim in the cell of each of its conditions and its type (a claim about two
    conditions counts in both rows; one about none in the last row)."""
    cells: dict[tuple[str, str], Cell] = {}
    for claim in report.claims:
        claim_type = claim.type or NO_TYPE
        studies = {str(line["study"]) for line in claim.evidence if line.get("identifiable")}
        for condition in claim.conditions or [NO_CONDITION]:
            cell = cells.setdefault((condition, claim_type), Cell(condition, claim_type))
            cell.claims.append(claim)
            cell.studies |= studies

    def total(axis: int, name: str) -> int:
        return sum(len(cell.claims) for key, cell in cells.items() if key[axis] == name)
    conditions = sorted({key[0] for key in cells}, key=lambda c: (c == NO_CONDITION, -total(0, c), c.lower()))
    types = sorted({key[1] for key in cells}, key=lambda t: (t == NO_TYPE, -total(1, t), t))
    return EvidenceMap(conditions, types, cells)


def verdict_gradient(cell: Cell) -> str:
    """A CSS background showing the cell's verdict mix as bands, in proportion (supported, weak, unsupported)."""
    counts = cell.verdicts()
    total = sum(counts.values()) or 1
    stops, start = [], 0.0
    for verdict, count in counts.items():
        if count:
            end = start + 100 * count / total
            stops.append(f"{VERDICT_COLOURS[verdict]} {start:.1f}% {end:.1f}%")
            start = end
    return f"linear-gradient(to right, {', '.join(stops)})"


def _cell_view(index: int, cell: Cell, most_studies: int, links: Links) -> dict[str, Any]:
    size = 14 + (BUBBLE_MAX_PX - 14) * math.sqrt(len(cell.studies) / most_studies) if most_studies else 14
    return {
        "id": f"cell-{index}",
        "condition": cell.condition,
        "claim_type": cell.claim_type,
        "count": len(cell.claims),
        "studies": len(cell.studies),
        "verdicts": cell.verdicts(),
        "background": verdict_gradient(cell),
        "size": round(size),
        "claims": [(claim, links.claims[claim.claim]) for claim in cell.claims],
    }


def index_page(report: AuditReport, facts: SiteFacts, links: Links, views: list[Any]) -> str:
    """The front page: the evidence map, then the sources with their report cards, the studies and the views."""
    from claimgraph.report.cards import CARD_PROBLEMS, source_cards

    gap_map = evidence_map(report)
    most_studies = max((len(cell.studies) for cell in gap_map.cells.values()), default=0)
    views_by_cell = {key: _cell_view(index, cell, most_studies, links)
                     for index, (key, cell) in enumerate(sorted(gap_map.cells.items()), start=1)}
    rows = [(condition, [views_by_cell.get((condition, claim_type)) for claim_type in gap_map.claim_types])
            for condition in gap_map.conditions]
    cards = source_cards(report)
    sources = [{"page": path, "title": facts.sources.get(iri, {}).get("title") or iri,
                "kind": facts.sources.get(iri, {}).get("kind", ""),
                "claims": len(cards[iri].claims) if iri in cards else 0,
                "problems": cards[iri].problems if iri in cards else {}}
               for iri, path in links.sources.items()]
    studies = sorted(({"page": path, "label": facts.studies[iri]["label"] or iri,
                       "design": facts.studies[iri].get("design", ""), "level": facts.studies[iri].get("level", "")}
                      for iri, path in links.studies.items()), key=lambda s: s["label"].lower())
    return render("index.html.j2", title="claimgraph evidence map", root="", claim_types=gap_map.claim_types,
                  rows=rows, cells=list(views_by_cell.values()), verdict_colours=VERDICT_COLOURS,
                  summary=report.summary, sources=sources, problems=CARD_PROBLEMS, studies=studies, views=views)
