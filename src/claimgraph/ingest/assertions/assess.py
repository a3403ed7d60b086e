"""One sentence's calls, as ingest makes them: whether it bears a claim, how strongly it is worded (and the cue
that decided it), its claim type, its polarity (an effect, no effect, or a statement about the evidence) and the
concepts it names. :func:`assess_sentence` is the one place these calls
are made: ``draft_assertions`` makes them for each sentence of a document (with where the sentence stands),
``claimgraph sentences`` for sentences given one per line (each alone, as a sentence of a body paragraph), and the
strength benchmark for labelled sentences.

A sentence bears a claim when it speaks of an intervention (by name, or as "it", "the therapy", "treatment")
or of a condition, mechanism or outcome, in a statement. These score low: questions; calls to action
("Schedule a consultation") and contact details (a URL, e-mail or phone number); the document speaking of
itself ("this factsheet focuses on", "in the following sections"); reference-list entries; a study's method
without a strength cue ("were randomly allocated", "was compared with", "had received"); an impersonal
recommendation that words no relation and names no intervention or condition ("Awareness should be emphasized";
a statement about the evidence, "the findings need to be replicated", stays a claim); bare headings and
very short fragments. The first person of a site talking about itself ("we", "our clinic") scores a little
lower; a site speaking to the reader about itself (first and second person together: "we invite you",
"helps us design your plan") is promotion and keeps half its score. Where the sentence stands counts too
(``claimgraph.ingest.assertions.structure``): inside a reference entry it bears none, right after one (the study's
description) less, and a title heading (Title Case, capitals or a question word) only with a booster. The
pipeline keeps a sentence whose score reaches ``CLAIM_THRESHOLD``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from claimgraph.ingest.assertions.concepts import ConceptIndex
from claimgraph.ingest.assertions.lexicon import Lexicon
from claimgraph.ingest.assertions.polarity import EVIDENCE, PolarityCall, classify_polarity
from claimgraph.ingest.assertions.strength import (
    as_reported_result,
    cites_inline,
    classify_claim_type,
    classify_strength,
    reports_figures,
)
from claimgraph.ingest.assertions.structure import Placement
from claimgraph.ingest.model import ClaimTypeCode, ConceptMention, Sentence, StrengthCall

MIN_CLAIM_WORDS = 3
"""Fewer words than this bear no claim (a fragment)."""
CLAIM_THRESHOLD = 0.3
"""The least claim-bearing confidence at which the pipeline drafts an assertion (chosen on the development seeds and
news texts: docs/ingest.md gives recall and precision at 0.45, 0.35, 0.30 and 0.25)."""

RELATION_WITHOUT_CONCEPTS = 0.1
"""What wording a relation adds to a sentence that names no concept the vocabularies know ("Biological therapies
increased the level of apoA1"): the claim is there, about things the graph does not know yet."""
RELATION_TYPES = frozenset({"efficacy", "mechanism"})
"""Claim types whose cues are verbs of a relation (relieves, reduces, improves; releases, regulates)."""

FINDINGS_LEAST = 0.1
"""A sentence where a paper states its findings (its abstract's results, its conclusions) that words a relation,
carries a cue or names a concept is drafted, unless it scores below this (a reference, a fragment)."""
TITLE_FACTOR = 0.5
"""What a title heading without a booster keeps of its claim-bearing confidence."""
PROMOTION_FACTOR = 0.35
"""What a sentence in which the site speaks to the reader about itself keeps of its confidence."""
NOT_A_CLAIM_FACTOR = 0.35
"""What a call to action, contact detail, self-reference, study description or method sentence keeps."""


_ANAPHORA = re.compile(
    r"\b(?:it|this (?:traditional |ancient )?(?:therapy|treatment|approach|technique)|the (?:traditional )?"
    r"(?:therapy|treatment)|treatments?|needling|needles|sessions?)\b",
    re.IGNORECASE,
)
_CALL_TO_ACTION = re.compile(
    r"^\W*(?:please|schedule|book|call|contact|leave|do leave|click|subscribe|share|visit|ask|find|learn|"
    r"read|sign up|get|try|join|follow|consult|explore|discover)\b",
    re.IGNORECASE,
)
_REFERENCE_MARK = re.compile(r"\bdoi\b|\bPMID\b|\bet al\.?\s*+[A-Z]")
_NAME_AND_INITIALS = re.compile(r"\b[A-Z][a-z]+ [A-Z]{1,3}\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_NUMBER = re.compile(r"(?<!\d)\d")
_PAGES = re.compile(r"\d++\s*+[-–:]\s*+\d")
_NOT_CONTENT = re.compile(
    r"\b(?:(?:study|research|work|trial|project)\s+(?:was|is|were)\s+(?:(?:partly|partially|also|jointly)\s+)?"
    r"(?:supported|funded|sponsored)|funding\s+for\s+th|(?:grants?|funds|funding)\s+from\b|provided\s+[^.]{0,80}"
    r"\bfunds\b|conflicts?\s+of\s+interest|(?:additional\s+|other\s+|co-?)?(?:authors|investigators|"
    r"co-authors)\s+(?:on\s+(?:this|the)\s+(?:study|paper)\s+)?(?:include|are|were)\b|"
    r"authors,\s+in\s+addition\s+to\b|media\s+contact|for\s+more\s+information\b)|^[A-Z][\w’'-]+,\s+"
    r"(?:[A-Z]\.\s?){1,3},|^\W*(?:key\s?words|received\s+\d|accepted\s+\d|published\s+online\s+\d)",
    re.IGNORECASE,
)
"""What a release or a paper says about itself, not about health: funding, disclosures, author lists, contacts, a
printed reference entry ("Fielding, R.A., Guralnik, J.M., …"), a paper's key words and its received and accepted
dates."""
_STUDY_DESCRIPTION = re.compile(
    r"^\W*(?:(?:a|an|one|this|the)\s+(?:[\w-]+\s+){0,5}?(?:study|trial|review|analysis|reassessment|evaluation|"
    r"article)\s+(?:that|which|using|assessing|on|of|to|where)\b|(?:effects?|evaluation|use|assessment|"
    r"comparison)\s+of\b)",
    re.IGNORECASE,
)
_CONTACT = re.compile(r"(?:https?://|\bwww\.)\S+|(?<![\w.+-])[.+-]*+\w[\w.+-]*+@[\w-]+\.[a-z]{2,}\b"
                      r"|\+?\d[\d ()-]{8,}\d")
"""A link, an e-mail address (tried from the start of its run of name characters only) or a phone number."""
_SELF_REFERENCE = re.compile(
    r"\b(?:this|the following)\s+(?:factsheet|fact sheet|article|guide|page|post|blog|sections?|leaflet|booklet)\b",
    re.IGNORECASE,
)
_STUDY_METHOD = re.compile(
    r"\b(?:(?:were|was)\s+(?:randomi[sz]ed|randomly\s+(?:allocated|assigned)|allocated|assigned|enrolled|"
    r"recruited|included|compared\s+(?:to|with)|treated\s+with)|had\s+(?:received|taken|been\s+treated)|"
    r"involving\s+a\s+total\s+of)\b",
    re.IGNORECASE,
)
_RECOMMENDATION = re.compile(
    r"\b(?:should|must|ought\s+to|needs?\s+to|has\s+to|have\s+to)\s+(?:(?:also|further|still|now|urgently|"
    r"therefore|first)\s+)?be\s+(?:[a-z]+(?:ed|en|wn)|done|made|kept|paid|set|sought)\b|\b(?:is|are)\s+(?:(?:still|also|urgently|therefore)\s+)?(?:needed|required|"
    r"warranted)\b|\bwarrants?\b", re.IGNORECASE)
"""An impersonal recommendation or call for more work ("Awareness should be emphasized", "Further studies are
needed"): no claim unless it words a relation. A recommendation to people ("women should start screening at 50") is
one, and stays."""
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|I|you|your)\b", re.IGNORECASE)
_SELF = re.compile(r"\b(?:we|our|us|we’ll|we'll|we’re|we're)\b", re.IGNORECASE)
_READER = re.compile(r"\b(?:you|your|you’re|you're|you’ve|you've)\b", re.IGNORECASE)

def _reads_as_reference(text: str) -> bool:
    """True for a DOI, a PMID, "et al." before a capital, or a line holding a name with initials, then a year, then
    pages ("Smith AB. … 2010;12:101-9"): each found by one forward search, never by trying every split of the line."""
    if _REFERENCE_MARK.search(text):
        return True
    line_start = 0
    for line_end in [*(found.start() for found in re.finditer("\n", text)), len(text)]:
        name = _NAME_AND_INITIALS.search(text, line_start, line_end)
        year = _YEAR.search(text, name.end(), line_end) if name else None
        if year and any(_PAGES.match(text, number.start())
                        for number in _NUMBER.finditer(text, year.end(), line_end)):
            return True
        line_start = line_end + 1
    return False


def claim_bearing(
    sentence: Sentence, concepts: Sequence[ConceptMention], strength: StrengthCall, claim_type_confidence: float,
    relational: bool = False, about_evidence: bool = False,
) -> float:
    """Confidence 0..1 that ``sentence`` asserts a claim about an intervention (see the module docstring);
    ``relational`` when it words a relation (a relation cue, or an efficacy or mechanism verb), ``about_evidence``
    when it is a statement about the evidence ("the findings need to be replicated")."""
    text = sentence.text.strip()
    words = text.split()
    if (len(words) < MIN_CLAIM_WORDS or text.endswith("?") or _reads_as_reference(text)
            or _NOT_CONTENT.search(text)):
        return 0.05
    kinds = {mention.kind for mention in concepts}
    score = 0.15
    if "intervention" in kinds:
        score += 0.3
    elif _ANAPHORA.search(text):
        score += 0.2
    if kinds & {"condition", "mechanism"}:
        score += 0.2
    elif "outcome" in kinds:
        score += 0.1
    elif relational and not kinds:
        score += RELATION_WITHOUT_CONCEPTS
    if strength.cue is not None:
        score += 0.15
    score += 0.15 * claim_type_confidence
    if (_CALL_TO_ACTION.search(text) or _CONTACT.search(text) or _SELF_REFERENCE.search(text)
            or _STUDY_DESCRIPTION.search(text) or (_STUDY_METHOD.search(text) and strength.cue is None)
            or (_RECOMMENDATION.search(text) and not (relational or about_evidence)
                and not kinds & {"intervention", "condition"})):
        score *= NOT_A_CLAIM_FACTOR
    if _FIRST_PERSON.search(text):
        score -= 0.1
        if _SELF.search(text) and _READER.search(text):
            score *= PROMOTION_FACTOR
    if not re.search(r"[.!;:)\"”’]$", text) and len(words) <= 12 and strength.cue is None:
        score *= 0.7
    return round(max(0.0, min(score, 1.0)), 3)


@dataclass(frozen=True)
class SentenceCall:
    """What ingest makes of one sentence."""

    sentence: Sentence
    confidence: float
    """How sure the detector is that the sentence bears a claim (0..1); it does from ``CLAIM_THRESHOLD`` on."""
    strength: StrengthCall
    claim_type: ClaimTypeCode
    claim_type_confidence: float
    concepts: tuple[ConceptMention, ...]
    polarity: PolarityCall = field(default_factory=lambda: PolarityCall("effect"))

    @property
    def is_claim(self) -> bool:
        """True when ingest would draft the sentence as an assertion."""
        return self.confidence >= CLAIM_THRESHOLD


def assess_sentence(sentence: Sentence, mentions: Sequence[ConceptMention], lexicon: Lexicon,
                    placement: Placement | None = None) -> SentenceCall:
    """The calls on ``sentence`` naming ``mentions``, standing where ``placement`` says (a body paragraph when
    ``None``): a reported study result is moderate, a title keeps part of its claim confidence unless a booster
    words it."""
    placement = placement or Placement()
    strength = classify_strength(sentence.text, lexicon)
    if placement.reports_study or cites_inline(sentence.text) or reports_figures(sentence.text):
        strength = as_reported_result(strength)
    claim_type, type_confidence = classify_claim_type(sentence.text, mentions, lexicon)
    relational = lexicon.names_relation(strength.cue) or any(
        match.code in RELATION_TYPES for match in lexicon.claim_type_matches(sentence.text))
    polarity = classify_polarity(sentence.text, lexicon)
    confidence = claim_bearing(sentence, mentions, strength, type_confidence, relational,
                               polarity.code == EVIDENCE) * placement.factor
    if placement.findings and (relational or strength.cue or mentions) and confidence > FINDINGS_LEAST:
        confidence = max(confidence, CLAIM_THRESHOLD)
    if placement.title and not (strength.cue and strength.code == "strong"):
        confidence *= TITLE_FACTOR
    return SentenceCall(sentence, round(confidence, 3), strength, claim_type, type_confidence, tuple(mentions),
                        polarity)


def assess_lines(lines: Iterable[str], lexicon: Lexicon, concepts: ConceptIndex) -> list[tuple[int, SentenceCall]]:
    """The calls on each non-blank line (numbered from 1), each line taken as one sentence of a body paragraph."""
    calls = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if text:
            calls.append((number, assess_sentence(Sentence(0, len(text), text), concepts.find(text, 0), lexicon)))
    return calls
