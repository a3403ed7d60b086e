"""Source report cards: how many of a source's claims lack a trial, are overstated, contradicted or rest on
vague citations, counted from the audit's findings.

Each problem is one audit rule's findings, so a card never defines a problem again: "lack a supporting trial"
is the no-supporting-trial rule (``audit/rules/facts/claim-support.rq`` and ``cg:needsTrials``), the claims the
named query ``claims-without-trials`` lists. A finding counts for a source when the audit says it concerns that
source (:meth:`ClaimAudit.finding_sources`, as ``claimgraph audit --source`` filters)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimgraph.audit import AuditReport
    from claimgraph.audit.report import ClaimAudit

CARD_PROBLEMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "no_trial": ("lack a supporting trial", ("no-supporting-trial",)),
    "overstated": ("are worded beyond their evidence", ("overstated",)),
    "contradicted": ("are contradicted by a trial", ("contradicted",)),
    "vague": ("rest on a citation that cannot be identified", ("vague-citation",)),
}
"""Each problem a card counts: its wording and the audit rules whose findings show it."""


@dataclass
class SourceCard:
    """One source's claims, worst first, and how many show each problem."""

    source: str
    claims: list[ClaimAudit] = field(default_factory=list)
    problems: dict[str, int] = field(default_factory=dict)
    by_verdict: dict[str, int] = field(default_factory=dict)


def source_cards(report: AuditReport) -> dict[str, SourceCard]:
    """A card for every source that asserts a claim, claims in the audit's rank order (worst first)."""
    from claimgraph.audit.verdict import VERDICT_CLASSES

    cards: dict[str, SourceCard] = {}
    for claim in report.claims:
        for source in claim.sources:
            card = cards.setdefault(source, SourceCard(source, problems=dict.fromkeys(CARD_PROBLEMS, 0),
                                                       by_verdict=dict.fromkeys(VERDICT_CLASSES, 0)))
            card.claims.append(claim)
            card.by_verdict[claim.verdict_class] = card.by_verdict.get(claim.verdict_class, 0) + 1
            for problem, (_, rules) in CARD_PROBLEMS.items():
                if any(source in claim.finding_sources(finding) for finding in claim.findings if finding.rule in rules):
                    card.problems[problem] += 1
    return dict(sorted(cards.items()))


def review_line(title: str, card: SourceCard) -> str:
    """A ClaimReview-style one-line summary: what was reviewed and the rating in words."""
    total = len(card.claims)
    supported = card.by_verdict.get("supported", 0)
    parts = ", ".join(f"{count} {verdict}" for verdict, count in card.by_verdict.items() if count)
    return (f"Claim review of “{title}”: {total} claim{'s' if total != 1 else ''} checked ({parts}); "
            f"rating: {supported} of {total} supported by trials in humans.")
