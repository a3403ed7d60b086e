"""Claim-bearing sentences, their quotes, and the draft assertions of a text.

A sentence bears a claim when it speaks of an intervention (by name, or as "it", "the therapy", "treatment")
or of a condition, mechanism or outcome, in a statement. These score low: questions; calls to action
("Schedule a consultation") and contact details (a URL, e-mail or phone number); the document speaking of
itself ("this factsheet focuses on", "in the following sections"); reference-list entries; a study's method
without a strength cue ("were randomly allocated", "was compared with", "had received"); bare headings and
very short fragments. The first person of a site talking about itself ("we", "our clinic") scores a little
lower; a site speaking to the reader about itself (first and second person together: "we invite you",
"helps us design your plan") is promotion and keeps half its score. Where the sentence stands counts too
(``claimgraph.ingest.assertions.structure``): inside a reference entry it bears none, right after one (the study's
description) less, and a title heading (Title Case, capitals or a question word) only with a booster. The
pipeline keeps a sentence whose score reaches ``CLAIM_THRESHOLD``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from claimgraph.ingest.assertions.concepts import ConceptIndex
from claimgraph.ingest.assertions.headline import headline_states_claim, subject_mentions, subject_terms
from claimgraph.ingest.assertions.lexicon import Lexicon
from claimgraph.ingest.assertions.sentences import split_sentences
from claimgraph.ingest.assertions.speakers import attribute, said_words
from claimgraph.ingest.assertions.strength import (
    as_reported_result,
    cites_inline,
    classify_claim_type,
    classify_strength,
)
from claimgraph.ingest.assertions.structure import place_sentences, release_end
from claimgraph.ingest.matching.linking import LINK_THRESHOLD, ClaimIndex
from claimgraph.ingest.model import ConceptMention, DraftAssertion, Sentence, StrengthCall
from claimgraph.ingest.read.dateline import dateline_length

__all__ = ["CLAIM_THRESHOLD", "LINK_THRESHOLD", "ClaimIndex", "choose_quote", "claim_bearing", "draft_assertions"]

CLAIM_THRESHOLD = 0.3
"""The least claim-bearing confidence at which the pipeline drafts an assertion (chosen on the development seeds and
news texts: docs/ingest.md gives recall and precision at 0.45, 0.35, 0.30 and 0.25)."""

TITLE_FACTOR = 0.5
"""What a title heading without a booster keeps of its claim-bearing confidence."""
PROMOTION_FACTOR = 0.35
"""What a sentence in which the site speaks to the reader about itself keeps of its confidence."""
NOT_A_CLAIM_FACTOR = 0.35
"""What a call to action, contact detail, self-reference, study description or method sentence keeps."""

HEADLINE_CONFIDENCE = 0.6
"""The claim-bearing confidence of a headline that states a claim (see ``headline_states_claim``)."""

MAX_QUOTE_WORDS = 15
MIN_QUOTE_WORDS = 3

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
    r"(?:[A-Z]\.\s?){1,3},",
    re.IGNORECASE,
)
"""What a release says about itself, not about health: funding, disclosures, author lists, contacts, a printed
reference entry ("Fielding, R.A., Guralnik, J.M., …")."""
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
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|I|you|your)\b", re.IGNORECASE)
_SELF = re.compile(r"\b(?:we|our|us|we’ll|we'll|we’re|we're)\b", re.IGNORECASE)
_READER = re.compile(r"\b(?:you|your|you’re|you're|you’ve|you've)\b", re.IGNORECASE)
_LEADING_MARK = re.compile(r"^(?:[•▪◦●·*–-]|\d{1,2}[.)])\s*")
_EDGE_PUNCTUATION = ".,;:!?…—–-•*"
_WEAK_EDGE_WORDS = frozenset(
    ["and", "or", "but", "that", "which", "who", "the", "a", "an", "of", "to", "in", "for", "with", "by", "as", "than",
     "from", "is", "are"]
)
_WEIGHTS = {"intervention": 2.0, "condition": 2.0, "mechanism": 1.5, "outcome": 1.0}


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
    sentence: Sentence, concepts: Sequence[ConceptMention], strength: StrengthCall, claim_type_confidence: float
) -> float:
    """Confidence 0..1 that ``sentence`` asserts a claim about an intervention (see the module docstring)."""
    text = sentence.text.strip()
    words = text.split()
    if (len(words) < MIN_QUOTE_WORDS or text.endswith("?") or _reads_as_reference(text)
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
    if strength.cue is not None:
        score += 0.15
    score += 0.15 * claim_type_confidence
    if (_CALL_TO_ACTION.search(text) or _CONTACT.search(text) or _SELF_REFERENCE.search(text)
            or _STUDY_DESCRIPTION.search(text) or (_STUDY_METHOD.search(text) and strength.cue is None)):
        score *= NOT_A_CLAIM_FACTOR
    if _FIRST_PERSON.search(text):
        score -= 0.1
        if _SELF.search(text) and _READER.search(text):
            score *= PROMOTION_FACTOR
    if not re.search(r"[.!;:)\"”’]$", text) and len(words) <= 12 and strength.cue is None:
        score *= 0.7
    return round(max(0.0, min(score, 1.0)), 3)


def _tokens(sentence: Sentence) -> list[tuple[int, int]]:
    """Spans of the whitespace-separated tokens of the sentence, relative to its start."""
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", sentence.text)]


def _strip_edges(text: str, tokens: list[tuple[int, int]], start: int, stop: int) -> tuple[int, int]:
    """The token range's span without list marks, edge punctuation or dangling function words."""
    def bare(index: int) -> str:
        return text[slice(*tokens[index])].strip(_EDGE_PUNCTUATION)

    while stop - start > MIN_QUOTE_WORDS and bare(stop - 1).lower() in _WEAK_EDGE_WORDS | {""}:
        stop -= 1
    while stop - start > MIN_QUOTE_WORDS and bare(start) == "":
        start += 1
    begin, end = tokens[start][0], tokens[stop - 1][1]
    while end > begin + 1 and text[end - 1] in _EDGE_PUNCTUATION:
        end -= 1
    mark = _LEADING_MARK.match(text[begin:end])
    if mark and len(text[begin + mark.end() : end].split()) >= MIN_QUOTE_WORDS:
        begin += mark.end()
    return begin, end


def choose_quote(sentence: Sentence, strength: StrengthCall, concepts: Sequence[ConceptMention]) -> tuple[int, int]:
    """Absolute offsets of a verbatim span of 3–15 words that carries the claim (the whole sentence if short)."""
    text = sentence.text
    tokens = _tokens(sentence)
    if not tokens:
        return sentence.start, sentence.end
    best_start = 0
    if len(tokens) > MAX_QUOTE_WORDS:
        cue_span = _cue_span(sentence, strength)
        best_score = -1.0
        windows = [(sentence.start + tokens[start][0], sentence.start + tokens[start + MAX_QUOTE_WORDS - 1][1])
                   for start in range(len(tokens) - MAX_QUOTE_WORDS + 1)]
        for start, ((begin, end), score) in enumerate(zip(windows, _weights_inside(windows, concepts), strict=True)):
            if cue_span is not None and begin <= cue_span[0] and cue_span[1] <= end:
                score += 3.0
            if text[slice(*tokens[start])].lower() in _WEAK_EDGE_WORDS:
                score -= 0.5
            if score > best_score:
                best_start, best_score = start, score
    begin, end = _strip_edges(text, tokens, best_start, min(len(tokens), best_start + MAX_QUOTE_WORDS))
    return sentence.start + begin, sentence.start + end


def _weights_inside(windows: Sequence[tuple[int, int]], concepts: Sequence[ConceptMention]) -> Iterator[float]:
    """For each window (both ends increasing), the summed weight of the concepts lying wholly inside it: one pass,
    a concept added when the window's end reaches its end and removed when the window's start passes its start."""
    by_end = sorted(range(len(concepts)), key=lambda index: concepts[index].end)
    by_start = sorted(range(len(concepts)), key=lambda index: concepts[index].start)
    added: set[int] = set()
    total, entering, leaving = 0.0, 0, 0
    for begin, end in windows:
        while leaving < len(by_start) and concepts[by_start[leaving]].start < begin:
            if by_start[leaving] in added:
                added.discard(by_start[leaving])
                total -= _WEIGHTS.get(concepts[by_start[leaving]].kind, 0.0)
            leaving += 1
        while entering < len(by_end) and concepts[by_end[entering]].end <= end:
            if concepts[by_end[entering]].start >= begin:
                added.add(by_end[entering])
                total += _WEIGHTS.get(concepts[by_end[entering]].kind, 0.0)
            entering += 1
        yield total


def _cue_span(sentence: Sentence, strength: StrengthCall) -> tuple[int, int] | None:
    """Absolute span of the strength cue in the sentence, if the call names one found there."""
    if strength.cue is None:
        return None
    words = [re.escape(word) for word in strength.cue.split()]
    found = re.search(r"(?<!\w)" + r"[\s\-]+".join(words) + r"(?!\w)", sentence.text, re.IGNORECASE)
    return (sentence.start + found.start(), sentence.start + found.end()) if found else None


class Topic:
    """The conditions and interventions in force for a sentence. Conditions: those of the last sentence before it in
    its section that names one, else those of its section heading, else those of the document's first line (its
    title). Interventions: all of these at once (a document about acupuncture stays about it through a list of
    mechanisms that names none, or names a drug in passing)."""

    KINDS = ("condition", "intervention")

    def __init__(self) -> None:
        self.first: dict[str, list[ConceptMention]] | None = None
        self.heading: dict[str, list[ConceptMention]] = {}
        self.recent: dict[str, list[ConceptMention]] = {}

    def context(self) -> list[ConceptMention]:
        """The mentions in force, conditions and interventions."""
        first = self.first or {}
        layers = (self.recent, self.heading, first)
        conditions = next((layer["condition"] for layer in layers if layer.get("condition")), [])
        return [*conditions, *(mention for layer in layers for mention in layer.get("intervention", []))]

    def read(self, mentions: Sequence[ConceptMention], heading: bool) -> None:
        """Take in the mentions of the sentence just read (a heading starts a section)."""
        named = {kind: [mention for mention in mentions if mention.kind == kind] for kind in self.KINDS}
        if self.first is None:
            self.first = named
        if heading:
            self.heading, self.recent = named, {}
        else:
            self.recent.update({kind: found for kind, found in named.items() if found})


def _without_dateline(sentence: Sentence) -> Sentence:
    """The sentence without the dateline it may open with ("MONDAY, Aug. 30, 2010 (HealthDay News) -- ")."""
    cut = dateline_length(sentence.text)
    return Sentence(sentence.start + cut, sentence.end, sentence.text[cut:]) if cut else sentence


def draft_assertions(text: str, lexicon: Lexicon, concepts: ConceptIndex, claims: ClaimIndex,
                     reference_entries: Sequence[tuple[int, int]] = ()) -> list[DraftAssertion]:
    """Split ``text``, keep its claim-bearing sentences and draft one assertion per claim each asserts, in order.

    Each sentence is linked with its context (:class:`Topic`). A sentence linked to several claims
    (``ClaimIndex.links``) is drafted once per claim, each quote chosen around the concepts that claim rests on.
    """
    drafted = []
    topic = Topic()
    sentences = [_without_dateline(sentence) for sentence in split_sentences(text)]
    placements = place_sentences(sentences, reference_entries, release_end(text))
    subject = subject_terms(text, lexicon)
    for sentence, placement, speaker in zip(sentences, placements, attribute(text, sentences), strict=True):
        mentions = concepts.find(sentence.text, sentence.start)
        mentions += [term for term in subject_mentions(sentence, subject)
                     if not any(term.start < known.end and known.start < term.end for known in mentions)]
        context = topic.context()
        topic.read(mentions, placement.heading)
        strength = classify_strength(sentence.text, lexicon)
        if placement.reports_study or cites_inline(sentence.text):
            strength = as_reported_result(strength)
        claim_type, type_confidence = classify_claim_type(sentence.text, mentions, lexicon)
        confidence = claim_bearing(sentence, mentions, strength, type_confidence) * placement.factor
        if placement.title and not (strength.cue and strength.code == "strong"):
            confidence *= TITLE_FACTOR
        if headline_states_claim(sentence, text, lexicon):
            confidence, speaker = max(confidence, HEADLINE_CONFIDENCE), None
        confidence = round(confidence, 3)
        if confidence < CLAIM_THRESHOLD:
            continue
        said = (said_words(sentence) if speaker is not None else None) or sentence
        for link, anchors in claims.links(sentence.text, mentions, claim_type, context):
            quote_start, quote_end = choose_quote(said, strength, anchors)
            drafted.append(DraftAssertion(
                sentence, quote_start, quote_end, strength, claim_type, confidence, tuple(mentions), link,
                speaker=speaker,
            ))
    return drafted
