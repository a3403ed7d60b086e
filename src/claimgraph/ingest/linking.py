"""Link a drafted assertion to the existing claim it restates: wording similarity plus agreement of concepts.

The score of a claim for a sentence (0..1) is ``0.45 × wording + 0.25 × conditions + 0.15 × mechanisms or
outcome + 0.15 × type``, where wording is rapidfuzz's token-set similarity of the sentence to the claim's label
(both lower-cased, stop words dropped) and the agreement terms are 1 when the sentence names one of the claim's
conditions (mechanisms), 0.4 when it names none, 0 when it names only others. An efficacy claim about a
condition is refused outright for a sentence that names only other conditions ("relieves diabetic neuropathy
pain" is not "relieves CIPN pain"). A broader condition of the sentence (peripheral neuropathy) does not count
as naming a narrower one. The best claim is linked when its score reaches ``LINK_THRESHOLD``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimgraph.ingest.model import ClaimLink, ClaimTypeCode, ConceptMention
from claimgraph.resources import read_text

if TYPE_CHECKING:
    from claimgraph.store.base import Store

LINK_THRESHOLD = 0.55
"""The least score at which a sentence is linked to an existing claim (tuned on the development sources)."""

_STOP_WORDS = frozenset(
    [
        "a", "an", "the", "of", "and", "or", "in", "on", "for", "to", "with", "by", "from", "as", "at", "is",
        "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "acupuncture", "can",
        "may", "might", "which", "who", "than", "into", "also", "such", "their", "there"
    ]
)
_ABSENT = 0.4


@dataclass(frozen=True)
class IndexedClaim:
    """One existing claim as the linker sees it."""

    iri: str
    label: str
    claim_type: str
    conditions: frozenset[str]
    interventions: frozenset[str]
    mechanisms: frozenset[str]
    outcome: str


def _words(text: str) -> str:
    """Lower-cased content words of ``text``, joined by spaces."""
    return " ".join(word for word in re.findall(r"[a-z0-9]+", text.lower()) if word not in _STOP_WORDS)


def _agreement(named: frozenset[str], wanted: frozenset[str]) -> float:
    """1 when the sentence names one of the wanted concepts, ``_ABSENT`` when it names none, else 0."""
    if not wanted:
        return _ABSENT if not named else 0.7
    if named & wanted:
        return 1.0
    return _ABSENT if not named else 0.0


@dataclass(frozen=True)
class ClaimIndex:
    """Every asserted claim, for linking new assertions to them."""

    claims: tuple[IndexedClaim, ...]

    @classmethod
    def from_store(cls, store: Store) -> ClaimIndex:
        """The claims in ``store`` that some assertion restates (query ``ingest/queries/claims.rq``)."""
        claims = []
        for row in store.select_strings(read_text("ingest/queries", "claims.rq")):
            claims.append(IndexedClaim(
                row["claim"], row.get("label", ""), row.get("type", ""),
                frozenset(row.get("conditions", "").split()), frozenset(row.get("interventions", "").split()),
                frozenset(row.get("mechanisms", "").split()), row.get("outcome", ""),
            ))
        return cls(tuple(claims))

    def link(self, text: str, concepts: Sequence[ConceptMention], claim_type: ClaimTypeCode) -> ClaimLink:
        """The claim ``text`` restates (score ≥ LINK_THRESHOLD), else ``iri=None`` with the best score found."""
        from rapidfuzz import fuzz

        sentence = _words(text)
        conditions = frozenset(m.iri for m in concepts if m.kind == "condition" and m.iri)
        mechanisms = frozenset(m.iri for m in concepts if m.kind == "mechanism" and m.iri)
        outcomes = _words(" ".join(m.label for m in concepts if m.kind == "outcome"))
        best_score, best_claim = 0.0, None
        for claim in self.claims:
            condition_term = _agreement(conditions, claim.conditions)
            if claim.claim_type == "efficacy" and claim.conditions and conditions and condition_term == 0.0:
                continue
            wording = fuzz.token_set_ratio(sentence, _words(claim.label)) / 100.0
            if claim.mechanisms:
                detail = _agreement(mechanisms, claim.mechanisms)
            else:
                detail = fuzz.token_set_ratio(outcomes, _words(claim.outcome)) / 100.0 if outcomes else _ABSENT
            same_type = 1.0 if claim.claim_type == claim_type else 0.0
            score = 0.45 * wording + 0.25 * condition_term + 0.15 * detail + 0.15 * same_type
            if score > best_score:
                best_score, best_claim = score, claim
        if best_claim is None:
            return ClaimLink(None, 0.0)
        if best_score < LINK_THRESHOLD:
            return ClaimLink(None, round(best_score, 3), best_claim.label)
        return ClaimLink(best_claim.iri, round(best_score, 3), best_claim.label)
