"""The draft assertions of a text: each sentence that bears a claim (``claimgraph.ingest.assertions.assess``), in
its context, linked to the claims it asserts, with a quote chosen around the concepts each claim rests on."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence

from claimgraph.ingest.assertions.assess import CLAIM_THRESHOLD, assess_sentence
from claimgraph.ingest.assertions.concepts import ConceptIndex
from claimgraph.ingest.assertions.headline import headline_states_claim, subject_mentions, subject_terms
from claimgraph.ingest.assertions.lexicon import Lexicon
from claimgraph.ingest.assertions.sentences import split_sentences
from claimgraph.ingest.assertions.speakers import attribute, said_words
from claimgraph.ingest.assertions.structure import place_sentences, release_end
from claimgraph.ingest.matching.linking import LINK_THRESHOLD, ClaimIndex
from claimgraph.ingest.model import ConceptMention, DraftAssertion, Sentence, StrengthCall
from claimgraph.ingest.read.dateline import dateline_length

__all__ = ["LINK_THRESHOLD", "ClaimIndex", "choose_quote", "draft_assertions"]

HEADLINE_CONFIDENCE = 0.6
"""The claim-bearing confidence of a headline that states a claim (see ``headline_states_claim``)."""

MAX_QUOTE_WORDS = 15
MIN_QUOTE_WORDS = 3

_LEADING_MARK = re.compile(r"^(?:[•▪◦●·*–-]|\d{1,2}[.)])\s*")
_EDGE_PUNCTUATION = ".,;:!?…—–-•*"
_WEAK_EDGE_WORDS = frozenset(
    ["and", "or", "but", "that", "which", "who", "the", "a", "an", "of", "to", "in", "for", "with", "by", "as", "than",
     "from", "is", "are"]
)
_WEIGHTS = {"intervention": 2.0, "condition": 2.0, "mechanism": 1.5, "outcome": 1.0}


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


def _outside(terms: Sequence[ConceptMention], known: Sequence[ConceptMention]) -> list[ConceptMention]:
    """The ``terms`` that overlap none of the ``known`` mentions, each looked up by binary search over the known
    spans (sorted by start, with the furthest end reached so far), not against every one of them."""
    spans = sorted((mention.start, mention.end) for mention in known)
    starts = [start for start, _ in spans]
    reach = list(itertools.accumulate((end for _, end in spans), max))
    kept = []
    for term in terms:
        before = bisect.bisect_left(starts, term.end) - 1
        if before < 0 or reach[before] <= term.start:
            kept.append(term)
    return kept


def draft_assertions(text: str, lexicon: Lexicon, concepts: ConceptIndex, claims: ClaimIndex,
                     reference_entries: Sequence[tuple[int, int]] = (), front_end: int = 0,
                     title: str | None = None) -> list[DraftAssertion]:
    """Split ``text``, keep its claim-bearing sentences and draft one assertion per claim each asserts, in order
    (``front_end`` and ``title``: a paper's front matter and its title, :func:`place_sentences`).

    Each sentence is linked with its context (:class:`Topic`). A sentence linked to several claims
    (``ClaimIndex.links``) is drafted once per claim, each quote chosen around the concepts that claim rests on.
    """
    drafted = []
    topic = Topic()
    sentences = [_without_dateline(sentence) for sentence in split_sentences(text)]
    placements = place_sentences(sentences, reference_entries, release_end(text), front_end, title)
    subject = subject_terms(text, lexicon)
    for sentence, placement, speaker in zip(sentences, placements, attribute(text, sentences), strict=True):
        mentions = concepts.find(sentence.text, sentence.start)
        mentions += _outside(subject_mentions(sentence, subject), mentions)
        context = topic.context()
        topic.read(mentions, placement.heading)
        call = assess_sentence(sentence, mentions, lexicon, placement)
        confidence, strength, claim_type = call.confidence, call.strength, call.claim_type
        if headline_states_claim(sentence, text, lexicon):
            confidence, speaker = max(confidence, HEADLINE_CONFIDENCE), None
        if confidence < CLAIM_THRESHOLD:
            continue
        said = (said_words(sentence) if speaker is not None else None) or sentence
        polarity = call.polarity.code
        for link, anchors in claims.links(sentence.text, mentions, claim_type, context, polarity):
            quote_start, quote_end = choose_quote(said, strength, anchors)
            drafted.append(DraftAssertion(
                sentence, quote_start, quote_end, strength, claim_type, confidence, tuple(mentions), link,
                speaker=speaker, polarity=polarity, own_finding=placement.findings and front_end > 0,
            ))
    return drafted
