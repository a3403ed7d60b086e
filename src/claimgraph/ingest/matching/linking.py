"""Link a drafted assertion to the existing claims it restates: agreement of concepts first, wording second.

A link is never a guess. A claim is considered only when the sentence (or its context: the last sentences and
headings, the title) names its intervention or a kind of it, and its condition (or, for a mechanism claim, its
mechanism); a claim about no intervention only when the sentence names its condition, words it closely and makes
the same type of claim. Among those, the sentence is linked only when it words the claim nearly as its label does
(:data:`LINK_WORDING`) and names its mechanism or whole outcome (:data:`LINK_DETAIL`); otherwise the best claim
is offered to the reviewer as a candidate (``ClaimLink.candidate``) and the assertion gets a new draft claim.

The score of a claim for a sentence (0..1) is ``0.25 × conditions + 0.1 × interventions + 0.25 × detail +
0.1 × type + 0.3 × wording`` (``WEIGHTS``):

* conditions: 1 when the sentence names one of the claim's conditions; 0.9 when it names only a broader one
  (neuropathy) and its context (the section heading, the sentences before it) names the claim's narrower one;
  0.8 when it names none and the context names the claim's; 0.6 when it names others but the context names
  the claim's; 0.5 when it names only a broader one without such context, or when the claim is about no
  condition; 0.4 when neither sentence nor context names any; 0.25 when only the context names others; 0.3
  when the sentence names only others. An efficacy claim is refused outright for a sentence that names only
  other conditions, its context none of the claim's ("relieves diabetic neuropathy pain" is not "relieves CIPN
  pain").
* interventions: 1 when the sentence names one of the claim's interventions, 0.6 when it names a broader one
  or none, 0.2 when it names only others.
* detail: for a mechanism claim, 1 when the sentence names one of its mechanisms, 0.3 when it names none,
  0 when it names only others; for any other claim, the share of the claim's outcome words (stems, with
  synonyms folded: death ~ mortality ~ survival) that the sentence's outcome words cover.
* wording: rapidfuzz's token-set similarity of the sentence's content-word stems to the claim label's.

Claim words and stems are computed once, when the index is built. :meth:`ClaimIndex.ranked` gives every claim
that reaches ``LINK_THRESHOLD`` best first, so a sentence that asserts several claims (one per mechanism or
outcome it names) can be drafted once for each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimgraph.ingest.matching import QUERIES
from claimgraph.ingest.model import ClaimLink, ClaimTypeCode, ConceptMention, PolarityCode

if TYPE_CHECKING:
    from claimgraph.store.base import Store

LINK_THRESHOLD = 0.55
"""The least score at which a sentence is linked to an existing claim (tuned on the development sources)."""
LINK_WORDING = 0.85
"""The least wording similarity at which a sentence is linked: below it the claim is only offered as a candidate.
On the three development seeds, sibling claims (one condition, another outcome) score alike, so the combined
score alone linked the curated claim in 42% of its links (87 of 205); at this wording and :data:`LINK_DETAIL`, in
8 of 9 (``benchmarks/ingest.py``)."""
LINK_DETAIL = 1.0
"""The agreement of mechanism or outcome (the detail term) a link needs: the sentence names the claim's mechanism,
or every word of its outcome ("daily function" is not "nerve function")."""

_STOP_WORDS = frozenset(
    [
        "a", "an", "the", "of", "and", "or", "in", "on", "for", "to", "with", "by", "from", "as", "at", "is",
        "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "acupuncture", "can",
        "may", "might", "which", "who", "than", "into", "also", "such", "their", "there", "people", "patients",
        "e", "g"
    ]
)
_SYNONYM_STEMS = {"death": "morta", "survi": "morta", "painki": "analg", "medic": "analg", "drug": "analg",
                  "adver": "side", "effec": "effect"}
_ABSENT = 0.4
_GENERAL_OUTCOME_STEMS = frozenset(["sympt", "neuro", "treat", "respo", "effect", "benef", "impro"])
GENERAL_OUTCOME = 0.6
WEIGHTS = (0.25, 0.1, 0.25, 0.1, 0.3)
"""The weights of conditions, interventions, detail (mechanism or outcome), claim type and wording."""
MIN_WORDING_WITHOUT_INTERVENTION = 0.5
"""A claim about no intervention (how common a condition is, what causes it) shares no intervention to check, so
its wording must agree at least this much, and its claim type must be the sentence's."""
MAX_CLAIMS_PER_SENTENCE = 4
"""The most claims one sentence is linked to (one draft assertion each)."""


def _stem(word: str) -> str:
    """A crude stem: the word's first five letters, with outcome synonyms folded together."""
    stem = word[:5] if len(word) > 5 else word
    return _SYNONYM_STEMS.get(stem, _SYNONYM_STEMS.get(word, stem))


def stems(text: str) -> tuple[str, ...]:
    """Stems of the lower-cased content words of ``text``, in order."""
    return tuple(_stem(word) for word in re.findall(r"[a-z0-9]+", text.lower()) if word not in _STOP_WORDS)


@dataclass(frozen=True)
class IndexedClaim:
    """One existing claim as the linker sees it (its stems are computed once)."""

    iri: str
    label: str
    claim_type: str
    conditions: frozenset[str]
    interventions: frozenset[str]
    mechanisms: frozenset[str]
    outcome: str
    polarity: str = "effect"
    label_stems: str = field(init=False, repr=False, compare=False)
    outcome_stems: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "label_stems", " ".join(sorted(set(stems(self.label)))))
        object.__setattr__(self, "outcome_stems", frozenset(stems(self.outcome)))


@dataclass(frozen=True)
class _Sentence:
    """What the linker reads off one sentence and its context."""

    stems: str
    conditions: frozenset[str]
    context: frozenset[str]
    interventions: frozenset[str]
    context_interventions: frozenset[str]
    mechanisms: frozenset[str]
    outcome_stems: frozenset[str]
    claim_type: str
    polarity: str = "effect"


def _iris(mentions: Iterable[ConceptMention], kind: str) -> frozenset[str]:
    """IRIs of the known concepts of one kind among ``mentions``."""
    return frozenset(m.iri for m in mentions if m.kind == kind and m.iri)


@dataclass(frozen=True)
class ClaimIndex:
    """Every asserted claim, for linking new assertions to them, and which concepts are broader than which."""

    claims: tuple[IndexedClaim, ...]
    broader: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def from_store(cls, store: Store) -> ClaimIndex:
        """The claims some assertion in ``store`` restates (``claims.rq``), and the broader pairs (``broader.rq``)."""
        claims = []
        for row in store.select_strings(QUERIES.text("claims")):
            claims.append(IndexedClaim(
                row["claim"], row.get("label", ""), row.get("type", ""),
                frozenset(row.get("conditions", "").split()), frozenset(row.get("interventions", "").split()),
                frozenset(row.get("mechanisms", "").split()), row.get("outcome", ""),
                row.get("polarity") or "effect",
            ))
        pairs = store.select_strings(QUERIES.text("broader"))
        return cls(tuple(claims), frozenset((row["narrower"], row["broader"]) for row in pairs))

    def link(self, text: str, concepts: Sequence[ConceptMention], claim_type: ClaimTypeCode,
             context: Sequence[ConceptMention] = (), polarity: PolarityCode = "effect") -> ClaimLink:
        """The claim ``text`` restates (score ≥ LINK_THRESHOLD), else ``iri=None`` with the best score found.

        ``context`` holds the concepts of the sentence's section heading and of the sentences before it.
        """
        return self.links(text, concepts, claim_type, context, polarity)[0][0]

    def links(self, text: str, concepts: Sequence[ConceptMention], claim_type: ClaimTypeCode,
              context: Sequence[ConceptMention] = (), polarity: PolarityCode = "effect",
              ) -> list[tuple[ClaimLink, tuple[ConceptMention, ...]]]:
        """The claims ``text`` asserts, each with the mentions it rests on: the best claim, then one per concept
        (mechanism, condition or outcome) named in the sentence that no claim chosen before is about, at most
        ``MAX_CLAIMS_PER_SENTENCE``. With no claim reaching the threshold, one unlinked ``ClaimLink``. Only a
        claim of the sentence's ``polarity`` is ever linked or offered ("no better than placebo" is never linked to
        a claim of benefit)."""
        ranked = self.ranked(text, concepts, claim_type, context, minimum=0.0, polarity=polarity)
        if not ranked:
            return [(ClaimLink(None, 0.0), tuple(concepts))]
        sentence = _sentence(text, concepts, claim_type, context, polarity)
        firm = [(score, claim) for score, claim in ranked if score >= LINK_THRESHOLD and _firm(sentence, claim)]
        if not firm:
            best_score, best = ranked[0]
            return [(ClaimLink(None, best_score, best.label, best.iri), tuple(concepts))]
        best_score, best = firm[0]
        chosen = [(ClaimLink(best.iri, best_score, best.label), tuple(concepts))]
        covered = {_anchor_key(m) for m in concepts if _rests_on(m, best)}
        for score, claim in firm[1:]:
            if len(chosen) == MAX_CLAIMS_PER_SENTENCE:
                break
            anchors = tuple(m for m in concepts if _rests_on(m, claim) and _anchor_key(m) not in covered)
            if anchors:
                chosen.append((ClaimLink(claim.iri, score, claim.label), anchors))
                covered.update(_anchor_key(m) for m in anchors)
        return chosen

    def ranked(self, text: str, concepts: Sequence[ConceptMention], claim_type: ClaimTypeCode,
               context: Sequence[ConceptMention] = (), minimum: float = LINK_THRESHOLD,
               polarity: PolarityCode = "effect") -> list[tuple[float, IndexedClaim]]:
        """Every claim of ``polarity`` scoring at least ``minimum`` for ``text``, best first, with its score (3
        decimals)."""
        from rapidfuzz import fuzz

        sentence = _sentence(text, concepts, claim_type, context, polarity)
        scored = []
        for claim in self.claims:
            if claim.polarity != sentence.polarity:
                continue
            conditions = self._condition_term(sentence, claim)
            interventions = self._intervention_term(sentence, claim)
            if conditions is None or interventions is None:
                continue
            wording = fuzz.token_set_ratio(sentence.stems, claim.label_stems) / 100.0
            if not claim.interventions and (wording < MIN_WORDING_WITHOUT_INTERVENTION
                                            or claim.claim_type != claim_type):
                continue
            terms = (conditions, interventions, _detail_term(sentence, claim),
                     float(claim.claim_type == claim_type), wording)
            score = sum(weight * term for weight, term in zip(WEIGHTS, terms, strict=True))
            if score >= minimum:
                scored.append((round(score, 3), claim))
        scored.sort(key=lambda pair: (-pair[0], pair[1].iri))
        return scored

    def _covers(self, named: frozenset[str], wanted: frozenset[str]) -> bool:
        """True when every concept in ``named`` is one of ``wanted`` or broader than one of them."""
        return all(any(one == want or (want, one) in self.broader for want in wanted) for one in named)

    def _condition_term(self, sentence: _Sentence, claim: IndexedClaim) -> float | None:
        """How the sentence's (or its context's) conditions agree with the claim's; None to refuse the claim: a claim
        about a condition is linked only when the sentence or its context names it (or the sentence one of the
        claim's mechanisms), a claim about no intervention (how common a condition is) only when the sentence
        itself names its condition."""
        named, context, wanted = sentence.conditions, sentence.context, claim.conditions
        if not wanted:
            return 0.5
        if named & wanted:
            return 1.0
        if named and self._covers(named, wanted):
            return 0.9 if context & wanted else 0.5
        if not claim.interventions:
            return None
        if context & wanted:
            return 0.8 if not named else 0.6
        if sentence.mechanisms & claim.mechanisms:
            return _ABSENT
        return None

    def _intervention_term(self, sentence: _Sentence, claim: IndexedClaim) -> float | None:
        """How the sentence's interventions (else its context's) agree with the claim's; None to refuse the claim:
        a claim about an intervention is linked only to a sentence about it (or a kind of it)."""
        named, wanted = sentence.interventions or sentence.context_interventions, claim.interventions
        if not wanted:
            return 0.6
        if named & wanted:
            return 1.0 if sentence.interventions else 0.8
        return 0.6 if self._related(named, wanted) else None

    def _related(self, named: frozenset[str], wanted: frozenset[str]) -> bool:
        """True when some concept in ``named`` is one in ``wanted``, broader or narrower than one."""
        return any(one == want or (one, want) in self.broader or (want, one) in self.broader
                   for one in named for want in wanted)


def _sentence(text: str, concepts: Sequence[ConceptMention], claim_type: ClaimTypeCode,
              context: Sequence[ConceptMention], polarity: PolarityCode = "effect") -> _Sentence:
    """What the linker reads off a sentence, its concepts and its context."""
    return _Sentence(
        " ".join(sorted(set(stems(text)))), _iris(concepts, "condition"), _iris(context, "condition"),
        _iris(concepts, "intervention"), _iris(context, "intervention"), _iris(concepts, "mechanism"),
        frozenset(stems(" ".join(m.label for m in concepts if m.kind == "outcome"))), claim_type, polarity,
    )


def _firm(sentence: _Sentence, claim: IndexedClaim) -> bool:
    """True when the sentence words the claim nearly as its label does and names its mechanism or outcome: only
    then is it linked (a claim that merely scores best is offered as a candidate)."""
    from rapidfuzz import fuzz

    wording = fuzz.token_set_ratio(sentence.stems, claim.label_stems) / 100.0
    return wording >= LINK_WORDING and _detail_term(sentence, claim) >= LINK_DETAIL


def _detail_term(sentence: _Sentence, claim: IndexedClaim) -> float:
    """Mechanism agreement for a mechanism claim, else the share of the claim's outcome stems the sentence names."""
    if claim.mechanisms:
        if sentence.mechanisms & claim.mechanisms:
            return 1.0
        return 0.3 if not sentence.mechanisms else 0.0
    if not claim.outcome_stems:
        return _ABSENT
    if not sentence.outcome_stems:
        return GENERAL_OUTCOME if claim.outcome_stems <= _GENERAL_OUTCOME_STEMS else 0.3
    return len(claim.outcome_stems & sentence.outcome_stems) / len(claim.outcome_stems)


def _rests_on(mention: ConceptMention, claim: IndexedClaim) -> bool:
    """True when ``mention`` names one of the claim's mechanisms or conditions, or one of its outcome's words."""
    if mention.kind == "mechanism":
        return mention.iri in claim.mechanisms
    if mention.kind == "condition":
        return mention.iri in claim.conditions
    if mention.kind == "outcome":
        return bool(set(stems(mention.label)) & claim.outcome_stems)
    return False


def _anchor_key(mention: ConceptMention) -> tuple[str, str]:
    """What makes two mentions the same anchor: their kind and concept (or outcome stems)."""
    return mention.kind, mention.iri or " ".join(stems(mention.label))

