"""References printed without authors, as news items and clinic pages give them (confidence 1.0, or 0.8 when
the journal had to be told from the title by its words alone).

Two forms, both ending in the NLM tail ``Year [Mon [Day]];volume(issue):pages`` (pages may be an e-locator):
``Title. Journal. 2022 Mar;12(1):64-72.`` (title, journal and tail parted by full stops) and, in brackets at
the end of a paragraph, ``(Title Journal. 2020 Mar 2;3(3):e200681)`` (no stop between title and journal: the
journal is the trailing run of abbreviation-like words, cut after the title's last design word or long word).
An entry starts at its line (after a list number "1." or "[1]", which the citation keeps so numbered
call-outs find it), at the bracket that opens it, or, inline after prose, at the sentence before the journal.
A DOI or PMID printed just after the tail joins the entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimgraph.ingest.citations.references import find_dois, find_pmids
from claimgraph.ingest.journals import CONNECTORS, JOURNAL_WORDS
from claimgraph.ingest.model import Citation
from claimgraph.ingest.names import repair_text

MONTH = r"[A-Z][a-z]{2}(?:[-–/][A-Z][a-z]{2})?"
TAIL = re.compile(
    rf"(?<=[\w.)])(?:[ \t]*+[.,])?[ \t]++(?P<year>(?:19|20)\d{{2}})(?:[ \t]+{MONTH}(?:[ \t]+\d{{1,2}})?)?"
    r"[ \t]*;[ \t]*(?P<volume>\d+)(?:[ \t]*\((?P<issue>[^()\n]{1,12})\))?"
    r"(?:[ \t]*:[ \t]*(?P<pages>[A-Za-z]?\d+(?:[ \t]*[-–][ \t]*[A-Za-z]?\d+)?))?")
SEGMENT_BREAK = re.compile(r"(?<=[^\s.][.?!])\s+(?=[A-Z\d\[(“\"])")
LIST_NUMBER = re.compile(r"[ \t]*\[?\d{1,3}[.)\]][ \t]*")
ABBREVIATION = re.compile(r"[A-Z][A-Za-z]{0,6}\.?|[A-Z]{2,8}\.?|&")
TITLE_ENDS = frozenset({
    "trial", "trials", "study", "studies", "review", "analysis", "meta-analysis", "randomized", "randomised",
    "controlled", "pilot", "protocol", "report", "series", "evidence", "patients", "survivors", "cohort",
})
"""Words that end a title, never start a journal name (the journal runs after them)."""
REACH = 600
ID_REACH = 40


def _opening_bracket(text: str, line_start: int, position: int) -> int | None:
    """The unmatched ``(`` on the line before ``position``, if any."""
    depth = 0
    for index in range(position - 1, line_start - 1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            if depth == 0:
                return index
            depth -= 1
    return None


def _journal_word(token: str) -> bool:
    bare = token.strip(".")
    if re.fullmatch(r"[A-Z]{2,8}", bare):
        return True
    word = bare.lower()
    return word in JOURNAL_WORDS or (len(word) >= 3 and any(known.startswith(word) for known in JOURNAL_WORDS))


def _run_word(token: str) -> bool:
    """A word a journal name printed after a title can hold: an abbreviation, acronym or journal word."""
    if token.strip(".").lower() in TITLE_ENDS or not token[:1].isupper():
        return False
    return ABBREVIATION.fullmatch(token) is not None or _journal_word(token)


def _journal_like(segment: str) -> bool:
    """True when a segment set off by stops reads as a journal name: one word, or capitalised words and
    connectors without a word that ends titles ("A Randomized Trial JAMA" is a title and a journal)."""
    words = segment.split()
    if len(words) == 1:
        return True
    return bool(words) and all(word in CONNECTORS or (word[:1].isupper() and word.strip(".").lower() not in TITLE_ENDS)
                               for word in words)


def split_title_journal(body: str) -> int | None:
    """Where the journal starts in ``title journal`` printed without a stop between them, or None.

    The journal is the trailing run of short capitalised words (abbreviations such as "Netw", acronyms such
    as "JAMA"), stopped by a title word such as "Trial", holding an acronym or journal word; when a lowercase or design
    word did not end the title, it starts at its first acronym or journal word ("Feet Pain Med" → "Pain Med")."""
    tokens = list(re.finditer(r"\S+", body))
    index = len(tokens)
    while index > 1 and _run_word(tokens[index - 1].group()):
        index -= 1
    run = tokens[index:]
    stopper = tokens[index - 1].group() if index < len(tokens) else ""
    title_ended = stopper[:1].islower() or stopper.strip(".").lower() in TITLE_ENDS
    while run and not _journal_word(run[0].group()) and not title_ended:
        run = run[1:]
    if not any(_journal_word(token.group()) for token in run):
        return None
    return run[0].start()


def _entry_start(text: str, tail_start: int) -> tuple[int, bool]:
    """Where the entry holding a tail starts: its bracket or list number (certain), else its line (not: prose
    may come before the title on the same line)."""
    line_start = text.rfind("\n", max(0, tail_start - REACH), tail_start) + 1
    bracket = _opening_bracket(text, line_start, tail_start)
    if bracket is not None:
        return bracket + 1, True
    number = LIST_NUMBER.match(text, line_start)
    if number:
        return number.end(), True
    return line_start, False


def _clean(fragment: str) -> str:
    return re.sub(r"\s+", " ", fragment).strip(" .,;:")


def _title_start(text: str, start: int, breaks: list[int]) -> int:
    """The start of the sentence before the journal, with the questions before it ("Does it help? A trial.")."""
    kept = len(breaks)
    while kept > 0 and text[:breaks[kept - 1]].rstrip().endswith(("?", "!")):
        kept -= 1
    if kept == 0:
        return start
    return breaks[kept - 1]


def _parse_body(text: str, start: int, end: int, certain: bool) -> tuple[int, str, str, float] | None:
    """(title start, title, journal, confidence) of the text before a tail, or None when it holds no title."""
    breaks = [match.end() for match in SEGMENT_BREAK.finditer(text, start, end) if match.end() < end]
    journal_index = len(breaks) - 1
    while journal_index > 0 and re.fullmatch(r"[A-Z][A-Za-z]{0,11}\.\s*", text[breaks[journal_index - 1]:
                                                                                 breaks[journal_index]]):
        journal_index -= 1
    segment_start = breaks[journal_index] if breaks else start
    confidence = 1.0
    if breaks and _journal_like(text[segment_start:end]):
        journal_start = segment_start
        title_start = start if certain else _title_start(text, start, breaks[:journal_index])
    else:
        cut = split_title_journal(text[segment_start:end])
        if cut is None:
            return None
        title_start = start if certain else _title_start(text, start, breaks[:journal_index + 1])
        journal_start, confidence = segment_start + cut, 0.8
    title = _clean(text[title_start:journal_start])
    if len(title.split()) < 3:
        return None
    journal = re.sub(r"\.(?=\s)", "", _clean(text[journal_start:end]))
    return title_start, title, journal, confidence


def find_authorless_references(text: str) -> Iterator[Citation]:
    """Every reference printed as title, journal and NLM tail without authors, parsed into its fields."""
    for tail in TAIL.finditer(text):
        start, certain = _entry_start(text, tail.start())
        parsed = _parse_body(text, start, tail.start(), certain)
        if parsed is None:
            continue
        title_start, title, journal, confidence = parsed
        number = LIST_NUMBER.match(text, text.rfind("\n", 0, title_start) + 1)
        if number and number.end() == title_start:
            title_start = number.start()
        end = tail.end() + (1 if text[tail.end():tail.end() + 1] == "." else 0)
        ids = [found for found in (*find_dois(text[end:end + ID_REACH * 4]), *find_pmids(text[end:end + ID_REACH * 4]))
               if found.start <= ID_REACH and "\n" not in text[end:end + found.start]]
        doi = next((found.doi for found in ids if found.doi), None)
        pmid = next((found.pmid for found in ids if found.pmid), None)
        end += max((found.end for found in ids), default=0)
        yield Citation("reference", title_start, end, text[title_start:end], title=repair_text(title),
                       journal=repair_text(journal), year=int(tail.group("year")), volume=tail.group("volume"),
                       issue=tail.group("issue"),
                       pages=re.sub(r"\s+", "", tail.group("pages")) if tail.group("pages") else None,
                       doi=doi, pmid=pmid, confidence=confidence)
