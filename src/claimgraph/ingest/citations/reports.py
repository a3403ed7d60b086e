"""What a document says of a study it cites: design words, species, participants and figures near the mention.

The describing span is the mention's own sentence; for a reference printed in brackets in running text, the
paragraph it closes; for a reference-list entry in a factsheet whose second
column holds a description per entry, it is that description (the paragraphs after a run of entries, taken in
order, up to the next entry).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from claimgraph.ingest.model import Citation

DESIGN_WORDS: tuple[tuple[str, str], ...] = (
    ("meta-analysis", r"meta-?analys[ie]s"),
    ("systematic-review", r"systematic\s+review"),
    ("rct", r"(?<![-\w])randomi[sz]ed(?:[\s,-]+(?:double|single|triple)-blind)?[\s,-]+(?:placebo-|sham-)?"
            r"controlled|(?<![-\w])randomi[sz]ed\s+(?:[a-z-]+\s+){0,2}?(?:trial|study)\b"
            r"|\b(?:were|was|being|been)\s+randomi[sz]ed\b"
            r"|(?<![-\w])randomi[sz](?:ed|ing)\s+(?:[\w,-]+\s+){0,4}?(?:to|into|between)\b"
            r"|randomly\s+(?:allocated|assigned)|\bRCTs?\b"),
    ("reanalysis", r"re-?analys[ie]s|reanaly[sz]ed|reassessment|post[\s-]hoc"),
    ("retrospective", r"retrospective"),
    ("survey", r"\bsurvey"),
    ("animal", r"\bin\s+(?:rats|mice|rabbits|animals)\b|\b(?:rat|mouse|rabbit|animal)\s+(?:model|study)|"
               r"study\s+(?:using|on|in)\s+(?:rats|mice|rabbits)"),
    ("guideline", r"\bguidelines?\b|\b(?:issued|released|updated)\s+(?:[\w-]+\s+){0,2}?recommendations\b"
                  r"|\brecommendations\s+(?:from|by|of)\s+the\s+[A-Z]"),
    ("case-series", r"\bcase\s+series|\bcases\s+of\b"),
    ("case-report", r"\bcase\s+report|\ba\s+(?:successful\s+|single\s+)?case\b"),
    ("observational", r"\bobservation(?:al)?\s+study|\bcohort\b"),
    ("controlled-trial", r"\bcontrolled\s+(?:trial|study)|\bpilot\s+study|\bcompared\s+(?:with|to)\b"),
    ("narrative-review", r"\breview\s+article|\breview\b"),
)
"""Design notations of cg:StudyDesigns and the words that signal them, most specific first."""
SPECIES_WORDS = (("rat", r"\brats?\b"), ("mouse", r"\bmice\b|\bmouse\b"), ("rabbit", r"\brabbits?\b"),
                 ("human", r"\bpatients?\b|\bhealthy\s+(?:adults|volunteers)\b|\bparticipants\b|\bpeople\b"))
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
COUNT = r"(?<![\d,])\d[\d,]*+|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]+)?[a-z]+"
PEOPLE = (r"patients|participants|subjects|people|persons|individuals|adults|volunteers|women|men|children|"
          r"infants|survivors|veterans|smokers")
"""Who a study counts as its participants."""
PARTICIPANTS = re.compile(
    rf"\b(?P<count>{COUNT})\s+(?:(?:healthy|adult|elderly|HIV-infected|diabetic|consecutive|eligible|enrolled|randomi[sz]ed)\s+)?"
    rf"(?:{PEOPLE}|cases)\b"
    r"|\bn\s*=\s*(?P<n>\d+)", re.IGNORECASE)
STUDY_SENTENCE = re.compile(
    r"\b(?:the|this|a|new)\s+(?:[\w-]+\s+){0,3}?(?:study|trial|analysis|review|survey)\b|\bresearchers\s+"
    r"(?:analy[sz]ed|followed|studied|looked\s+at|tracked|enrolled|recruited|examined)\b", re.IGNORECASE)
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
STUDY_SIZE = re.compile(
    rf"\b(?P<count>(?<![\d,])(?:\d{{1,3}}(?:,\d{{3}})++|\d++)|(?:(?:{_NUMBER_WORD})[\s-]+)?(?:{_NUMBER_WORD}))(?!\s+(?:times|percent|per\s+cent|fold|out\s+of|in\s+\d)\b)\s+(?:(?!\d)[\w'’-]+\s+){{0,3}}?"
    rf"(?:{PEOPLE}|studies|trials)\b", re.IGNORECASE)
"""A study's size as a story gives it: "437 Huntington's disease patients", "over 1000 older women", "35 trials"
(the words between hold no number: in "a 2010 study of 450 children" the size is 450; a comma ends a number
unless three digits follow: "guidelines from 2004, which recommend that children" holds no size; a ratio or a share
is no count: "three times as many patients", "20 percent of patients")."""
OTHER_STUDY = re.compile(r"\b(?:previous|earlier|other|another|prior|future|planned|larger|next|ongoing)\b",
                         re.IGNORECASE)
FIGURES = re.compile(r"(?<!\d)\d+(?:\.\d+)?\s?%|\bp\s*[<>=≤]\s*0?\.\d+")
SENTENCE_END = re.compile(r"(?<!et al)(?<!\bDr)[.!?](?=\s+[A-Z“\"‘(]|\s*$)|\n[ \t]*\n")
SENTENCE_REACH = 500
"""How far (characters) either side of a mention its sentence surely reaches, at most twice as far: what is said of
a study stands near it, and a text without sentence ends is not read again whole for each of its mentions."""
PARAGRAPH = re.compile(r"\S(?:[^\n]|\n(?![ \t]*\n))*")


@dataclass(frozen=True)
class ReportFacts:
    """What the text around a mention says of the study: design notation, species, n, span and figures."""

    design: str | None
    species: str | None
    participants: int | None
    start: int
    end: int
    figures: tuple[str, ...] = ()


def _count(raw: str) -> int | None:
    raw = raw.lower().replace(",", "")
    if raw.isdigit():
        return int(raw)
    words = re.split(r"[\s-]+", raw)
    if not all(word in NUMBER_WORDS for word in words):
        return None
    return sum(NUMBER_WORDS[word] for word in words)


@lru_cache(maxsize=2)
def _sentence_ends(text: str) -> tuple[list[int], list[int]]:
    """Where each sentence end of ``text`` starts and ends (one scan, kept for the text's next mentions)."""
    found = list(SENTENCE_END.finditer(text))
    return [match.start() for match in found], [match.end() for match in found]


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``: from the last sentence end before ``start`` (a stop right before
    it counts, whatever follows) to the first one at or after ``end``, both found in the text's list of ends; cut
    where it runs more than one to two :data:`SENTENCE_REACH` from the mention, at a multiple of it (so the
    mentions of one stretch of a long run-on text share a span, whose facts are read once)."""
    before, after = _sentence_bounds(text, start, end)
    return (max(before, start // SENTENCE_REACH * SENTENCE_REACH - SENTENCE_REACH),
            min(after, end // SENTENCE_REACH * SENTENCE_REACH + 2 * SENTENCE_REACH))


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The last sentence end before ``start`` and the first at or after ``end`` (see :func:`_sentence`)."""
    starts, ends = _sentence_ends(text)
    index = bisect.bisect_right(ends, start) - 1
    before = ends[index] if index >= 0 else 0
    stop = start
    while stop > before and text[stop - 1].isspace():
        stop -= 1
    if stop > before and SENTENCE_END.match(text, stop - 1, start):
        before = stop
    index = bisect.bisect_left(starts, end)
    if index > 0 and ends[index - 1] > end:
        straddled = SENTENCE_END.search(text, end)
        return before, straddled.end() if straddled else len(text)
    return before, ends[index] if index < len(ends) else len(text)


def _clause(text: str, citation: Citation) -> tuple[int, int]:
    """For a parenthetical citation, the clause it closes: from the previous ``;`` or ``)`` to the bracket."""
    start, end = _sentence(text, citation.start, citation.end)
    opening = text.rfind("(", start, citation.start)
    closing = text.find(")", citation.end, end + SENTENCE_REACH)
    if opening < 0 or text.rfind(")", start, citation.start) > opening or closing < 0:
        return start, end
    clause_start = max(text.rfind(";", start, opening), text.rfind(")", start, opening), start - 1) + 1
    return clause_start, closing + 1


def _description(text: str, citation: Citation) -> tuple[int, int] | None:
    """The paragraph describing a reference entry in a two-column factsheet, if one follows the entries."""
    entries, runs = _entries(text)
    index = bisect.bisect_right(entries, citation.start, key=lambda entry: entry.start) - 1
    if index < 0 or citation.start >= entries[index].end:
        return None
    first, last = runs[index]
    stop = entries[last + 1].start if last + 1 < len(entries) else len(text)
    paragraphs = _paragraphs(text, entries[last].end, stop)
    position = index - first
    return paragraphs[position] if position < len(paragraphs) else None


@lru_cache(maxsize=2)
def _entries(text: str) -> tuple[list[Citation], list[tuple[int, int]]]:
    """The reference-list entries of ``text`` (in order, none overlapping) and, for each, the first and last entry
    of its run (entries with nothing but spaces and stops between them); found once for all the text's mentions."""
    from claimgraph.ingest.citations.references import find_reference_entries

    entries = find_reference_entries(text)
    firsts: list[int] = []
    for index, entry in enumerate(entries):
        joined = index > 0 and not text[entries[index - 1].end:entry.start].strip(" \t\n.,;")
        firsts.append(firsts[-1] if joined else index)
    runs = [(first, 0) for first in firsts]
    last = len(entries) - 1
    for index in range(len(entries) - 1, -1, -1):
        if index < len(entries) - 1 and firsts[index + 1] != firsts[index]:
            last = index
        runs[index] = (firsts[index], last)
    return entries, runs


@lru_cache(maxsize=16)
def _paragraphs(text: str, start: int, stop: int) -> tuple[tuple[int, int], ...]:
    """The spans of the paragraphs of more than 40 characters between ``start`` and ``stop`` (once per run of
    entries, not once per entry)."""
    return tuple(match.span() for match in PARAGRAPH.finditer(text, start, stop) if len(match.group()) > 40)


def _first(patterns: tuple[tuple[str, str], ...], span: str) -> str | None:
    return next((name for name, pattern in patterns if re.search(pattern, span, re.IGNORECASE)), None)


def closing_paragraph(text: str, citation: Citation) -> tuple[int, int] | None:
    """For a reference printed in brackets inside running text ("… improved. (Title Journal. 2020;3:e1)"), the
    paragraph it closes: its line, or the line before when the bracket stands on a line of its own."""
    if citation.kind != "reference" or not text[:citation.start].endswith("("):
        return None
    opening = citation.start - 1
    closing = text.find(")", citation.end)
    end = closing + 1 if closing >= 0 and "\n" not in text[citation.end:closing] else citation.end
    start = text.rfind("\n", 0, opening) + 1
    while start > 0 and not text[start:opening].strip():
        start = text.rfind("\n", 0, start - 1) + 1
    return start, end


def report_facts(text: str, citation: Citation) -> ReportFacts:
    """Design, species, participants and figures stated around ``citation`` (its sentence, the paragraph an
    in-text reference closes, or the description beside a reference-list entry)."""
    span = (_description(text, citation) or closing_paragraph(text, citation)) if citation.kind == "reference" \
        else None
    start, end = span or _clause(text, citation)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return _facts_of_span(text, start, end)


@lru_cache(maxsize=64)
def _facts_of_span(text: str, start: int, end: int) -> ReportFacts:
    """What ``text[start:end]`` says of a study (read once for all the mentions that share the span)."""
    described = text[start:end]
    participants = None
    for found in PARTICIPANTS.finditer(described):
        participants = int(found.group("n")) if found.group("n") else _count(found.group("count"))
        if participants:
            break
    species = _first(SPECIES_WORDS, described)
    design = _first(DESIGN_WORDS, described)
    return ReportFacts(design=design, species=species, participants=participants, start=start, end=end,
                       figures=tuple(found.group() for found in FIGURES.finditer(described)))


def _study_sentences(text: str) -> Iterator[str]:
    """The sentences of ``text`` that speak of *the* study a story reports, not of an earlier, other or planned one."""
    start = 0
    for boundary in (*SENTENCE_END.finditer(text), None):
        end = boundary.end() if boundary else len(text)
        sentence = text[start:end]
        start = end
        if STUDY_SENTENCE.search(sentence) and not OTHER_STUDY.search(sentence):
            yield sentence


def study_size(text: str) -> int | None:
    """How many took part in *the* study a story reports: the first count of participants in a sentence that
    speaks of the study ("The study included 437 patients", "researchers followed 1,000 women")."""
    for sentence in _study_sentences(text):
        for found in STUDY_SIZE.finditer(sentence):
            count = _count(found.group("count"))
            if count and count > 1:
                return count
    return None


METHODS_BLOCK = re.compile(r"(?im)^[ \t]*(?:methods?|materials and methods|patients and methods|design)\b[ \t]*:?")
NEXT_SECTION = re.compile(r"(?im)^[ \t]*(?:results?|findings|conclusions?|discussion)\b")
METHODS_REACH = 1500


def methods_design(text: str) -> str | None:
    """The design a paper's methods name: its abstract's "Methods:" part or its Methods section, the first of them,
    up to the next section (at most :data:`METHODS_REACH` characters); None when they name none."""
    found = METHODS_BLOCK.search(text)
    if found is None:
        return None
    end = NEXT_SECTION.search(text, found.end(), found.end() + METHODS_REACH)
    return _first(DESIGN_WORDS, text[found.end():end.start() if end else found.end() + METHODS_REACH])


def study_design(text: str) -> str | None:
    """The design of *the* study a story reports, from the first sentence about it that names one ("The
    randomized trial enrolled 212 adults")."""
    for sentence in _study_sentences(text):
        design = _first(DESIGN_WORDS, sentence)
        if design:
            return design
    return None
