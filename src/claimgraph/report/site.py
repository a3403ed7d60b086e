"""One page per claim, per source and per study, linked to each other (``claim-NAME.html`` …).

Everything comes from the audit report the build already computed and from the three page queries
(:mod:`claimgraph.report.facts`); each page is rendered through the one Jinja environment.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimgraph.report.cards import CARD_PROBLEMS, SourceCard, review_line, source_cards
from claimgraph.report.facts import SiteFacts, sorted_findings
from claimgraph.report.names import page_path
from claimgraph.templates import render

if TYPE_CHECKING:
    from claimgraph.audit import AuditReport
    from claimgraph.audit.report import ClaimAudit

VERDICT_WORDS = {
    "unsupported": "Unsupported: no identifiable study supports this claim.",
    "contested": "Contested: it says the evidence is lacking, but trials in humans directly support an effect it"
                 " covers.",
    "weak": "Weak: some support, but short of uncontested trials in humans that bear on it directly.",
    "consistent": "Consistent: a statement about the evidence that the graph bears out; no trial in humans directly"
                  " supports an effect it covers.",
    "supported": "Supported: trials in humans support it directly and none contradicts it.",
}
"""Each verdict class in plain words, as the pages say it."""


@dataclass
class Links:
    """Page paths of every claim, source and study that has a page, relative to the build folder."""

    claims: dict[str, str]
    sources: dict[str, str]
    studies: dict[str, str]

    def of(self, kind: str, iri: str | None) -> str | None:
        """The page of ``iri`` (``None`` when it has none)."""
        table = {"claim": self.claims, "source": self.sources, "study": self.studies}[kind]
        return table.get(iri or "")


def page_links(report: AuditReport, facts: SiteFacts) -> Links:
    """Which IRIs get a page, and where: every audited claim, every source, every study."""
    sources = set(facts.sources) | {str(a["source"]) for c in report.claims for a in c.assertions if a["source"]}
    return Links(
        claims={claim.claim: page_path("claim", claim.claim) for claim in report.claims},
        sources={source: page_path("source", source) for source in sorted(sources)},
        studies={study: page_path("study", study) for study in sorted(facts.studies)},
    )


def claim_pages(report: AuditReport, links: Links) -> dict[str, str]:
    """A page per claim: what it says, the verdict and why, who asserts it how, and the evidence lines."""
    return {
        links.claims[claim.claim]: render(
            "claim.html.j2", root="", title=claim.label, claim=claim,
            verdict_words=VERDICT_WORDS[claim.verdict_class],
            source_page=lambda iri: _relative(links.of("source", iri)),
            study_page=lambda iri: _relative(links.of("study", iri)),
        )
        for claim in report.claims
    }


def source_pages(report: AuditReport, facts: SiteFacts, links: Links) -> dict[str, str]:
    """A report card per source: what it is, its problem counts, its claims worst first, a review line."""
    cards = source_cards(report)
    pages = {}
    for source, path in links.sources.items():
        card = cards.get(source) or SourceCard(source, problems=dict.fromkeys(CARD_PROBLEMS, 0))
        info = facts.sources.get(source, {})
        title = info.get("title") or source
        pages[path] = render(
            "source.html.j2", root="", source=source, info=info, title=title, card=card,
            problems=[(CARD_PROBLEMS[name][0], count) for name, count in card.problems.items()],
            review=review_line(title, card), claim_page=lambda iri: _relative(links.of("claim", iri)),
        )
    return pages


def study_pages(report: AuditReport, facts: SiteFacts, links: Links) -> dict[str, str]:
    """A page per study: bibliographic facts and links, what each source says of it, the claims it bears on."""
    used_for: dict[str, list[tuple[ClaimAudit, dict[str, Any]]]] = defaultdict(list)
    for claim in report.claims:
        for line in claim.evidence:
            used_for[line["study"]].append((claim, line))
    pages = {}
    for study, path in links.studies.items():
        info = facts.studies[study]
        pages[path] = render(
            "study.html.j2", root="", study=study, info=info, title=info["label"] or study,
            findings=sorted_findings(info.get("findings")), reports=facts.reports.get(study, []),
            external=external_links(info), used_for=used_for.get(study, []),
            claim_page=lambda iri: _relative(links.of("claim", iri)),
            source_page=lambda iri: _relative(links.of("source", iri)),
        )
    return pages


def external_links(info: dict[str, str]) -> list[tuple[str, str]]:
    """(caption, address) of a study's DOI and PubMed record, where known (plain links; nothing is fetched)."""
    found = []
    if info.get("doi"):
        doi = info["doi"].strip().removeprefix("https://doi.org/").removeprefix("doi:")
        found.append((f"DOI {doi}", f"https://doi.org/{doi}"))
    if info.get("pmid") and info["pmid"].strip().isdigit():
        found.append((f"PubMed {info['pmid'].strip()}", f"https://pubmed.ncbi.nlm.nih.gov/{info['pmid'].strip()}/"))
    return found


def _relative(path: str | None) -> str | None:
    """A page path as linked from another page (all pages sit in the build folder itself)."""
    return path
