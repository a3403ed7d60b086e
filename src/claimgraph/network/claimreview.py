"""Every claim's verdict as schema.org ``ClaimReview`` JSON-LD, the markup fact-checkers publish.

The reviews are built from the audit report (verdict, evidence, findings, assertions) and one query,
``audit/rules/facts/appearances.rq``, for the sources' bibliographic facts. The rating scale is
:data:`RATINGS`, the one mapping from the audit's verdict classes to schema.org ``Rating`` values.

    text = export_claimreview(store)                                 # audit and query, then JSON-LD
    text = claimreview_jsonld(report, source_facts(store))           # from an audit already run
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimgraph.audit.ruleset import FACTS

if TYPE_CHECKING:
    from claimgraph.audit import AuditReport, ClaimAudit
    from claimgraph.store import Store

APPEARANCES_QUERY = (FACTS, "appearances")
"""The one query the export runs besides the audit: each source's title, url, date, creator, publisher."""


@dataclass(frozen=True)
class VerdictRating:
    """Where a verdict class sits on the rating scale, and the words search results show for it."""

    value: int
    name: str
    meaning: str


WORST_RATING = 1
BEST_RATING = 5
RATINGS: dict[str, VerdictRating] = {
    "unsupported": VerdictRating(1, "Unsupported", "no identifiable study supports the claim"),
    "contested": VerdictRating(2, "Contested by trials",
                               "says the evidence is lacking, but trials in humans directly support an effect"),
    "weak": VerdictRating(3, "Weak evidence", "some support, but short of uncontested trials in humans"),
    "consistent": VerdictRating(4, "Consistent with the evidence",
                                "a statement about the evidence that the graph bears out: no trial supports an "
                                "effect it covers"),
    "supported": VerdictRating(5, "Supported by trials", "direct trial evidence in humans and no contradicting trial"),
}
"""Verdict class (``claimgraph.audit.VERDICT_CLASSES``) to its rating on a 1 (worst) to 5 (best) scale.

The scale measures the evidence behind a claim, not its truth; a statement about the evidence itself ("more
research is needed") is rated by whether the graph bears it out (4) or holds trials it overlooks (2)."""

CONTEXT: dict[str, Any] = {"@vocab": "http://schema.org/", "url": {"@type": "@id"}}
"""schema.org's vocabulary inline (``url`` values are IRIs, as in schema.org's own context): a JSON-LD
processor expands the file without fetching ``https://schema.org``."""

PUBLISHER: dict[str, Any] = {"@type": "Organization", "name": "claimgraph"}
"""Who reviews: the tool's audit, named as an organisation (ClaimReview's author and publisher)."""

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class SourceFacts:
    """What a reader needs to find a source: title, web address, date, creator, publisher ("" when unknown)."""

    source: str
    title: str = ""
    url: str = ""
    date: str = ""
    creator: str = ""
    publisher: str = ""


def source_facts(store: Store) -> dict[str, SourceFacts]:
    """Each source's bibliographic facts by IRI, from ``appearances.rq``."""
    folder, name = APPEARANCES_QUERY
    facts = {}
    for row in store.select_strings(folder.text(name)):
        if "source" in row:
            keys = ("title", "url", "date", "creator", "publisher")
            facts[row["source"]] = SourceFacts(row["source"], **{key: row.get(key, "") for key in keys})
    return facts


def rating_of(verdict_class: str) -> VerdictRating:
    """The rating of a verdict class; a class without one in :data:`RATINGS` is a programming error."""
    try:
        return RATINGS[verdict_class]
    except KeyError:
        raise ValueError(f"verdict class {verdict_class!r} has no ClaimReview rating in RATINGS") from None


def claim_review(claim: ClaimAudit, sources: Mapping[str, SourceFacts]) -> dict[str, Any]:
    """One claim's ``ClaimReview`` node: the claim, where it appears, its rating and the reasoning."""
    rating = rating_of(claim.verdict_class)
    return {
        "@type": "ClaimReview",
        "url": claim.claim,
        "claimReviewed": claim.label,
        "itemReviewed": _claim_node(claim, sources),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating.value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": rating.name,
            "ratingExplanation": claim.verdict,
        },
        "reviewBody": review_body(claim),
        "author": PUBLISHER,
        "publisher": PUBLISHER,
    }


def claimreview_document(report: AuditReport, sources: Mapping[str, SourceFacts]) -> dict[str, Any]:
    """The JSON-LD document: one ``ClaimReview`` per claim in a ``@graph``, in claim IRI order."""
    reviews = [claim_review(claim, sources) for claim in sorted(report.claims, key=lambda c: c.claim)]
    return {"@context": CONTEXT, "@graph": reviews}


def claimreview_jsonld(report: AuditReport, sources: Mapping[str, SourceFacts]) -> str:
    """The document as text, safe to paste into ``<script type="application/ld+json">``.

    ``<``, ``>``, ``&``, U+2028 and U+2029 are written as JSON escapes, so a label stays data: it parses back
    to the same string and can never close the script element. Nothing is HTML-escaped."""
    text = json.dumps(claimreview_document(report, sources), indent=1, ensure_ascii=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text + "\n"


def export_claimreview(store: Store) -> str:
    """Audit ``store`` and return every claim's ClaimReview as JSON-LD text."""
    from claimgraph.audit import run_audit

    return claimreview_jsonld(run_audit(store), source_facts(store))


def review_body(claim: ClaimAudit) -> str:
    """The reasoning in claimgraph's words: verdict, best evidence, each evidence line and each rule that fired."""
    rating = rating_of(claim.verdict_class)
    lines = [f"Verdict: {rating.name} ({rating.value} of {BEST_RATING}: {rating.meaning}). {_sentence(claim.verdict)}"]
    if claim.evidence_level is None:
        lines.append("Best evidence: no identifiable supporting study.")
    else:
        lines.append(f"Best evidence: level {claim.evidence_level} ({claim.evidence_level_code}), "
                     "on a scale where 1 is a systematic review of trials.")
    for line in claim.evidence:
        facts = [line["design"] or "unknown design", f"level {line['level']}" if line["level"] else "",
                 line["direction"] or "", line["directness"] or "",
                 "" if line["identifiable"] else "not identifiable"]
        lines.append(f"Evidence: {line['label'] or line['study']} ({', '.join(fact for fact in facts if fact)}).")
    lines += [f"Rule {finding.rule} ({finding.severity}): {_sentence(finding.message)}" for finding in claim.findings]
    if not claim.findings:
        lines.append("No audit rule fired.")
    return "\n".join(lines)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _claim_node(claim: ClaimAudit, sources: Mapping[str, SourceFacts]) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Claim", "@id": claim.claim, "name": claim.label}
    appearances = [_appearance(assertion, sources) for assertion in claim.assertions]
    if appearances:
        node["appearance"] = appearances
    first = _first_source(claim, sources)
    if first is not None:
        node["firstAppearance"] = _source_node(first)
        node["datePublished"] = first.date
    return node


def _appearance(assertion: Mapping[str, str | None], sources: Mapping[str, SourceFacts]) -> dict[str, Any]:
    """One assertion as a ``Quotation`` (its exact quote as ``text``) that ``isPartOf`` its source."""
    source = _facts_of(assertion, sources)
    node: dict[str, Any] = {"@type": "Quotation", "@id": assertion["assertion"], "text": assertion["quote"] or ""}
    if source.url:
        node["url"] = source.url
    node["isPartOf"] = _source_node(source)
    return node


def _facts_of(assertion: Mapping[str, str | None], sources: Mapping[str, SourceFacts]) -> SourceFacts:
    iri = assertion["source"] or ""
    return sources.get(iri) or SourceFacts(iri, title=assertion.get("source_title") or "")


def _source_node(source: SourceFacts) -> dict[str, Any]:
    """The source as a ``CreativeWork`` with its IRI as ``@id``; only the facts the graph holds."""
    node: dict[str, Any] = {"@type": "CreativeWork", "@id": source.source}
    if source.title:
        node["name"] = source.title
    if source.url:
        node["url"] = source.url
    if source.date:
        node["datePublished"] = source.date
    if source.creator:
        node["author"] = {"name": source.creator}
    if source.publisher:
        node["publisher"] = {"@type": "Organization", "name": source.publisher}
    return node


def _first_source(claim: ClaimAudit, sources: Mapping[str, SourceFacts]) -> SourceFacts | None:
    """The source whose date is before every other source of the claim; None unless every one is dated
    and one comes first at the precision both dates give ("2014" is not before "2014-11")."""
    facts = {source.source: source for source in (_facts_of(a, sources) for a in claim.assertions)}
    dated = {iri: _ISO_DATE.match(fact.date) for iri, fact in facts.items()}
    if not facts or not all(dated.values()):
        return None
    days = {iri: match.group(0) for iri, match in dated.items() if match}
    for iri, day in days.items():
        if all(_before(day, other) for other_iri, other in days.items() if other_iri != iri):
            return facts[iri]
    return None


def _before(day: str, other: str) -> bool:
    width = min(len(day), len(other))
    return day[:width] < other[:width]
