"""A paper's reference list, cut into entries where each starts and read by the trained reference parser.

After a heading line "References" (or "Bibliography", "Literature cited", "Works cited"), every line that starts
like an entry starts one: a number ("12.", "[12]", "(12)", or "12" before a capital), a surname and initials
("Baumeister, R. F.,", "Quist A,"), or a body and its year ("Alzheimer’s Disease International. (2009)."); the lines
after it, up to the next such line, continue it, as a PDF wraps an entry over several lines. A piece the parser
finds no author in continues the entry before it; one with authors but neither year nor DOI (an author list wrapped
before a name that starts a line: "… Kemper, H. C. G. and Van" then "Mechelen, W. (1999)") is continued by the next.
The list ends at the text's end or at a heading that follows references in papers (an appendix, tables, figures). A
DOI broken at a line end ("doi:10.1037//⏎1089-2680.5.4.323") is joined whole. Each entry is one :class:`Citation` of
kind ``reference``, its fields read by :func:`claimgraph.ingest.refparser.model.parse_reference`, so a DOI printed
in an entry is that entry's, never a study of its own. One pass over the lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from claimgraph.ingest.citations.mentions import YEAR
from claimgraph.ingest.citations.references import SURNAME, find_dois, normalize_doi
from claimgraph.ingest.model import Citation
from claimgraph.ingest.names import repair_text
from claimgraph.ingest.refparser.fields import ParsedReference
from claimgraph.ingest.refparser.model import parse_reference

HEADING = re.compile(r"(?im)^[ \t]*(?:references(?:[ \t]+cited)?|bibliography|literature[ \t]+cited|"
                     r"works[ \t]+cited|reference[ \t]+list)[ \t]*:?[ \t]*$")
NUMBER_MARK = r"(?:\[\d{1,3}\]|\d{1,3}[.)])[ \t]+|(?:\(\d{1,3}\)|\d{1,3})[ \t]+(?=[A-Z])"
"""An entry's number: "12.", "[12]", "12)", or "(12)" and a bare "12" before a capital."""
ENTRY_START = re.compile(
    rf"[ \t]*(?:{NUMBER_MARK}|{SURNAME},[ \t]*(?:[A-Z]\.?[ \t-]*){{1,4}}(?:[,(&]|et\b|and\b)"
    rf"|{SURNAME}[ \t]+[A-Z]{{1,3}}[,.]|[A-Z][\w&’'. -]{{2,80}}?\.?[ \t]*\((?:19|20)\d\d[a-z]?\))")
"""How an entry's first line starts: a number, "Surname, I.", "Surname AB," or a body's name and "(2009)"."""
NUMBER = re.compile(rf"[ \t]*{NUMBER_MARK}")
"""A numbered entry's start: an entry of its own whatever the parser finds in it."""
END_HEADING = re.compile(r"(?i)^[ \t]*(?:appendix|supplementary|supporting information|tables?|figures?|"
                         r"acknowledg(?:e)?ments?)\b[^\n]{0,40}$")
DOI_BROKEN = re.compile(r"\b10\.\d{4,9}/\S*$")
MOST_ENTRY_LINES = 12
"""An entry runs to at most this many lines: a longer run without an entry start is no reference list."""


def reference_list(text: str) -> tuple[int, int] | None:
    """Where the reference list under the last "References" heading runs (start and end offsets), or None."""
    headings = list(HEADING.finditer(text))
    if not headings:
        return None
    start = headings[-1].end()
    end = len(text)
    position = start
    for line in text[start:].split("\n"):
        if END_HEADING.match(line):
            end = position
            break
        position += len(line) + 1
    return start, end


FRONT_HEADING = re.compile(r"(?im)^[ \t]*(?:abstract|summary|background|introduction|objectives?|aims?)\b")
FRONT_MOST = 3000
"""How far into a paper its front matter (journal line, DOI, title, authors, affiliations) may run."""


def front_matter_end(text: str) -> int:
    """Where a paper's front matter ends: its first "Abstract", "Background" or "Introduction" heading within
    :data:`FRONT_MOST` characters, else 0 (no front matter told apart). The journal line and DOI printed there are
    the paper's own, not citations."""
    heading = FRONT_HEADING.search(text, 0, FRONT_MOST)
    return heading.start() if heading else 0


_FRONT_YEAR = re.compile(rf"(?<!\d){YEAR}(?!\d)")


def paper_itself(text: str, title: str | None) -> Citation | None:
    """The paper a text is, as a study of its own: the first DOI of its front matter, with its title and the first
    year its front matter prints (its journal line's); None when the text is no paper (no reference list, no
    abstract or introduction heading) or prints no DOI there."""
    front = front_matter_end(text)
    if not front or reference_list(text) is None:
        return None
    own = next(find_dois(text, 0, front), None)
    year = _FRONT_YEAR.search(text, 0, front)
    return replace(own, title=title, year=int(year.group()) if year else None) if own is not None else None


def find_list_entries(text: str) -> list[Citation]:
    """Each entry of the text's reference list, parsed into its fields (a piece in which the parser finds no author
    continues the entry before it; one with authors but neither year nor DOI, an author list wrapped before a name
    that starts a line, "… and Van" then "Mechelen, W. (1999)", is continued by the next)."""
    region = reference_list(text)
    if region is None:
        return []
    entries: list[list[tuple[int, str]]] = []
    position = region[0]
    for line in text[region[0]:region[1]].split("\n"):
        if line.strip():
            if ENTRY_START.match(line) or (entries and len(entries[-1]) >= MOST_ENTRY_LINES):
                entries.append([(position, line)])
            elif entries:
                entries[-1].append((position, line))
        position += len(line) + 1
    merged: list[tuple[list[tuple[int, str]], ParsedReference]] = []
    waiting: list[tuple[int, str]] = []
    for piece in entries:
        numbered = NUMBER.match(piece[0][1]) is not None
        lines = piece if numbered else waiting + piece
        parsed = parse_reference(_joined(line for _, line in lines))
        if not parsed.citation.authors and merged and not numbered and len(merged[-1][0]) < MOST_ENTRY_LINES:
            lines = merged[-1][0] + lines
            merged[-1] = (lines, parse_reference(_joined(line for _, line in lines)))
            waiting = []
        elif (parsed.citation.year is None and parsed.citation.doi is None and len(lines) < MOST_ENTRY_LINES
              and not numbered):
            waiting = lines
        else:
            merged.append((lines, parsed))
            waiting = []
    citations = []
    for lines, parsed in merged:
        start, end = lines[0][0], lines[-1][0] + len(lines[-1][1].rstrip())
        entry = parsed.citation
        if not entry.authors or not (entry.year or entry.doi):
            continue
        authors = tuple(repair_text(name) for name in entry.authors)
        citations.append(replace(entry, start=start, end=end, text=text[start:end], authors=authors,
                                 first_author=authors[0], doi=normalize_doi(entry.doi) if entry.doi else None,
                                 confidence=1.0 if entry.year else 0.8))
    return citations


def with_labelled_fields(entry: Citation) -> Citation:
    """The entry with the title and journal the trained reference parser reads in it (it tells a title from a
    journal better than a split at full stops), and the volume, issue, pages, year and DOI it reads where the
    entry's own year-volume-pages tail gave none."""
    parsed = parse_reference(entry.text).citation
    return replace(entry, title=parsed.title or entry.title, journal=parsed.journal or entry.journal,
                   year=entry.year or parsed.year, volume=entry.volume or parsed.volume,
                   issue=entry.issue or parsed.issue, pages=entry.pages or parsed.pages, doi=entry.doi or parsed.doi)


def _joined(lines: Iterable[str]) -> str:
    """An entry's lines on one line: a DOI broken at a line end ("10.1037//", "10.1016/j.bandc." before "2007.…")
    is joined without a space."""
    text = ""
    for line in (part.strip() for part in lines):
        broken = bool(text) and DOI_BROKEN.search(text) is not None and (
            not text.endswith(".") or line[:1].isdigit() or line[:1].islower())
        text = text + line if broken else f"{text} {line}"
    return text.strip()
