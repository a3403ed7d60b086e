"""Wording strength (strong / moderate / hedged) and claim type of a sentence, by the ontology's lexicon.

Strength rules (stated with the lexicon in ``claimgraph.ingest.assertions.lexicon``): cues match on word boundaries, the
longest overlapping cue wins; a cue in an aside on how the claim sounds does not count ("It may sound strange, but
…": :func:`claimgraph.ingest.assertions.clauses.after_aside`); a negated booster ("not proven") is no booster; the
weakest wording left governs
(hedged over moderate over strong); no cue at all is a flat statement of fact, **strong**, except where the
statement reports a study's result (it cites one inline, "(Penza 2011)", stands in a study's description below its
reference entry, or prints the result in figures: "82% of those treated", "seven times more likely"): that is
**moderate** (``as_reported_result``). Negation of the claim itself ("acupuncture is not effective for X") leaves
the strength alone: it is a strong claim of no effect.

Claim type: each claim-type cue votes for its type; the concepts found vote too (a mechanism concept for
mechanism, an intervention with a condition or outcome for efficacy); with no vote at all, a sentence naming an
intervention is efficacy, any other background.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimgraph.ingest.assertions.clauses import after_aside
from claimgraph.ingest.assertions.lexicon import CueMatch, Lexicon
from claimgraph.ingest.model import ClaimTypeCode, ConceptMention, StrengthCall, StrengthCode

_NEGATION_BEFORE = re.compile(r"\b(?:not|never|no|nor|unproven|without)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_INLINE_CITATION = re.compile(
    r"\(\s*[A-Z][\w'’-]+(?:\s+(?:et\s+al\.?|and\s+[A-Z][\w'’-]+))?,?\s+(?:19|20)\d\d[a-z]?\s*[;,)]"
)
_RESULT_FIGURES = re.compile(
    r"(?<![\d.,])\d++(?:[.,]\d++)*+\s?(?:%|percent\b|per\s?cent\b|-?fold\b)|\b(?:\d+|two|three|four|five|six|seven|eight|nine|"
    r"ten)\s+times\b|\btwice\s+as\b|\bp\s*[<>=≤]\s*0?\.\d|\b(?:95\s?%\s?)?CI\b|\b(?:hazard|odds)\s+ratio\b",
    re.IGNORECASE)
"""A result printed in figures: a percentage, a ratio, a p-value, a confidence interval, a hazard or odds ratio."""
_FLAT_CONFIDENCE = 0.6
_CONFLICT_CONFIDENCE = 0.7
_CLEAR_CONFIDENCE = 0.9
_CONCEPT_VOTES: dict[str, tuple[ClaimTypeCode, float]] = {"mechanism": ("mechanism", 2.5)}
_EFFICACY_CONCEPT_VOTE = 1.0


def _negated(text: str, match: CueMatch) -> bool:
    """True when a negation stands within two words before the cue."""
    return bool(_NEGATION_BEFORE.search(text[max(0, match.start - 40) : match.start]))


def classify_strength(text: str, lexicon: Lexicon) -> StrengthCall:
    """How strongly ``text`` words its claim, the cue that decided it, and how sure the call is."""
    start = after_aside(text)
    matches = [
        match for match in lexicon.strength_matches(text)
        if match.start >= start and not (lexicon.strength_ranks.get(match.code, 0) >= 3 and _negated(text, match))
    ]
    if not matches:
        return StrengthCall("strong", None, _FLAT_CONFIDENCE)
    relations = [match for match in matches if lexicon.names_relation(match.cue)]
    if relations:
        return StrengthCall(_strength_code(relations[0].code), relations[0].cue, _CLEAR_CONFIDENCE)
    weakest = min(lexicon.strength_ranks.get(match.code, 0) for match in matches)
    deciding = [match for match in matches if lexicon.strength_ranks.get(match.code, 0) == weakest]
    best = max(deciding, key=lambda match: (len(match.cue), -match.start))
    codes = {match.code for match in matches}
    confidence = _CLEAR_CONFIDENCE if len(codes) == 1 else _CONFLICT_CONFIDENCE
    return StrengthCall(_strength_code(best.code), best.cue, confidence)


def cites_inline(text: str) -> bool:
    """True when ``text`` cites a study in a parenthesis by author and year: "(Penza 2011)", "(Hui et al. 2010; …)"."""
    return bool(_INLINE_CITATION.search(text))


def reports_figures(text: str) -> bool:
    """True when ``text`` reports a result in figures: a percentage ("82%", "28 percent"), a ratio ("seven times
    more likely", "twice as"), a p-value or a confidence interval."""
    return bool(_RESULT_FIGURES.search(text))


def as_reported_result(call: StrengthCall) -> StrengthCall:
    """A flat statement (no cue) that reports a cited study's result: moderate, as the vocabulary codes it."""
    return StrengthCall("moderate", None, _FLAT_CONFIDENCE) if call.cue is None else call


def _strength_code(code: str) -> StrengthCode:
    """A lexicon code as a StrengthCode (the ontology's notations)."""
    if code == "strong":
        return "strong"
    if code == "moderate":
        return "moderate"
    return "hedged"


def classify_claim_type(
    text: str, concepts: Sequence[ConceptMention], lexicon: Lexicon
) -> tuple[ClaimTypeCode, float]:
    """The claim type of ``text`` by its cues and the concepts it names, with a confidence between 0 and 1."""
    known: dict[str, ClaimTypeCode] = {code: code for code in lexicon.claim_types()}
    votes: dict[ClaimTypeCode, float] = {}
    for match in lexicon.claim_type_matches(text):
        code = known.get(match.code)
        if code is not None:
            votes[code] = votes.get(code, 0.0) + 1.0 + 0.1 * len(match.cue.split())
    kinds = {mention.kind for mention in concepts}
    for kind, (code, weight) in _CONCEPT_VOTES.items():
        if kind in kinds:
            votes[code] = votes.get(code, 0.0) + weight
    if "intervention" in kinds and kinds & {"condition", "outcome"}:
        votes["efficacy"] = votes.get("efficacy", 0.0) + _EFFICACY_CONCEPT_VOTE
    if not votes:
        return ("efficacy", 0.4) if "intervention" in kinds else ("background", 0.3)
    ranked = sorted(votes.items(), key=lambda item: -item[1])
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    confidence = 0.5 + 0.5 * (top - second) / top
    return best, round(min(confidence, 0.95), 3)
