"""Reference-list entries, DOIs, PMIDs and trial registrations: the precise citation forms (confidence 1.0).

DOIs are found bare, after ``doi:`` or in a ``doi.org/`` link (with or without ``https://``, ``%2F`` decoded); PMIDs
after ``PMID`` or in a PubMed link; registrations as ``NCT01234567``, ``ISRCTN…``, ``ChiCTR…``, ``ACTRN…``. A
reference entry is found where a line starts with an author list ("Penza P et al.", "1. Dimitrova A, Murchison C,
Oken B.", "[2] Hui K.K.-S.", "Smith, J., & Lee, K. (2010).") and runs to its year-volume-pages tail, a blank line or
the next entry (:func:`claimgraph.ingest.citations.reflist.with_labelled_fields` then has the trained reference
parser read its title and journal). PDF text wraps entries and interleaves a second column: fields are parsed from
what is there and never invented.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import unquote

from claimgraph.ingest.model import Citation
from claimgraph.ingest.names import repair_text

UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-ÿ"
PARTICLE = r"(?:(?:van|von|der|den|de|da|di|del|le|la|du)\s+){0,3}"
MOJIBAKE_BYTE = r"(?<=Ã)(?![^\W\d_])[\x80-\xbf]"
"""The second character of a UTF-8 letter read as Latin-1 ("¶" in "Ã¶" for "ö"), when it is no letter itself."""
LETTER = rf"(?:[^\W\d_]|{MOJIBAKE_BYTE})"
NOT_LOWER_LETTER = rf"(?:[^\W\d_{LOWER}]|{MOJIBAKE_BYTE})"
SURNAME = rf"(?<!\w)(?<!Ã[\x80-\xbf]){PARTICLE}[{UPPER}]{NOT_LOWER_LETTER}*[{LOWER}]{LETTER}*(?:[-’']{LETTER}+)*"
"""A capitalised family name, with particles (van der …) and hyphenated or apostrophe parts (Cidral-Filho).

A text matches it in one way only (capitals up to the first lower-case letter, then the rest), and only from the
start of a word: an author list cannot make the matcher try each split of each name (which grew fivefold with
each author), nor a long word be tried from each of its letters."""
MOST_AUTHORS = 100
"""The longest author list an entry may start with (Vancouver style names six, APA twenty): a bound, so that a line
of thousands of names is given up after a hundred."""
INITIALS = r"(?:(?:[A-Z]\.){1,3}(?:-[A-Z]\.)?|[A-Z]{1,3}(?:-[A-Z])?(?!\w))"
VANCOUVER_AUTHOR = rf"{SURNAME}[ \t]+{INITIALS}"
VANCOUVER_START = re.compile(
    rf"(?m)^[ \t]*(?:(?P<marker>\[?(?P<number>\d{{1,3}})[.)\]])[ \t]*)?(?P<authors>{VANCOUVER_AUTHOR}(?:[ \t]*,[ \t]*"
    rf"{VANCOUVER_AUTHOR}){{0,{MOST_AUTHORS - 1}}})(?P<etal>(?:[ \t]*+,)?[ \t]++et[ \t]+al\b)?"
    r"(?:[ \t]*+\.)?\s++(?=[A-Z\d\[])")
APA_INITIAL = r"[A-Z]\.(?:-[A-Z]\.)?"
APA_AUTHOR = rf"{SURNAME},[ \t]+{APA_INITIAL}(?:[ \t]*{APA_INITIAL})*"
"""A family name and initials ("Smith, J. K."); the spaces after the last initial belong to what follows."""
APA_START = re.compile(
    rf"(?m)^[ \t]*(?:(?P<marker>\[?(?P<number>\d{{1,3}})[.)\]])[ \t]*)?(?P<authors>{APA_AUTHOR}(?:,?[ \t]*(?:&[ \t]*)?"
    rf"{APA_AUTHOR}){{0,{MOST_AUTHORS - 1}}})[ \t]*(?:et[ \t]+al\.[ \t]*)?\((?P<year>(?:19|20)\d{{2}})[a-z]?\)\.\s*")
YEAR_TAIL = re.compile(
    r"(?P<year>(?:19|20)\d{2})(?:[ \t]+[A-Z][a-z]{2}(?:[ \t]+\d{1,2})?)?(?!\d)"
    r"(?:\s*[;.:,]\s*(?P<volume>\d+)(?:\s*\((?P<issue>[^)\n]{1,10})\))?(?:\s*:\s*(?P<pages>[A-Za-z]?\d+"
    r"(?:\s*[-–]\s*\d+)?))?)?")
APA_TAIL = re.compile(r",\s*(?P<volume>\d+)(?:\s*\((?P<issue>[^)\n]{1,10})\))?(?:\s*,\s*(?P<pages>[A-Za-z]?\d+"
                      r"(?:\s*[-–]\s*\d+)?))?")
BLANK_LINE = re.compile(r"\n[ \t]*\n")
SEGMENT_BREAK = re.compile(r"(?<=[^\s.][.?!])\s*(?=[A-Z\d\[])")
NOTE = re.compile(r"\[[^\]]{0,40}\]")
DOI_CORE = re.compile(r"10\.\d{4,9}(?:/|%2F)", re.IGNORECASE)
DOI_PREFIX = re.compile(r"(?:(?:https?://)?(?:dx\.|www\.)?doi\.org/|\bdoi:?[ \t]*)$", re.IGNORECASE)
"""What may stand before a DOI: a doi.org link (with or without scheme) or ``doi:``."""
DOI_SPACED = re.compile(r"\bdoi[=:][ \t]?+(?P<core>10\.[ \t]?+\d{4,9}[ \t]?+/[ \t]?+)(?=\S)", re.IGNORECASE)
"""A DOI after ``doi=`` or ``doi:`` with single spaces inside its prefix, as pages print a link's query string
(``aspx?doi= 10. 2147/ JPR-2019-0042``)."""
DOI_CHUNK = re.compile(r"\S+")
DOI_BREAK = re.compile(r"[ \t]*+\n?[ \t]*+(?=[\w.])")
PMID = re.compile(r"\bPMID:?\s*(\d{1,9})\b|(?:https?://)?(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|"
                  r"ncbi\.nlm\.nih\.gov/pubmed)/(\d{1,9})\b/?")
REGISTRATION = re.compile(r"\b(?:NCT\d{8}|ISRCTN\d{8}|ChiCTR-?[A-Z]{0,3}-?\d{6,12}|ACTRN\d{14})\b", re.IGNORECASE)
"""Trial registry numbers: ClinicalTrials.gov, ISRCTN, the Chinese and the Australian New Zealand registries."""
ENTRY_LIMIT = 900
ORPHAN_TAIL = re.compile(
    r"(?<![A-Za-z])(?P<journal>[A-Z][A-Za-z]*\.?(?:[ \t]+[A-Z][A-Za-z]*\.?){0,5})\s+(?P<year>(?:19|20)\d{2})"
    r"(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;\s*(?P<volume>\d+)(?:\((?P<issue>[^)\n]{1,10})\))?\s*:\s*"
    r"(?P<pages>\d+\s*[-–]\s*\d+)")
"""A journal-year-volume-pages tail standing apart from its entry, where a second column cut the entry in two."""
ORPHAN_REACH = 1500


def normalize_doi(raw: str) -> str:
    """A DOI without URL or ``doi:`` prefix, whitespace or trailing punctuation, lowercased (DOIs ignore case)."""
    doi = re.sub(r"\s+", "", raw)
    doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", doi, flags=re.IGNORECASE)
    doi = unquote(doi).rstrip(".,;:]>\"'’”")
    unmatched = doi.count(")") - doi.count("(")
    closing = len(doi) - len(doi.rstrip(")"))
    return doi[:len(doi) - max(0, min(unmatched, closing))].lower()


def _doi_end(text: str, start: int, limit: int) -> int:
    """Where a DOI starting at ``start`` ends (at ``limit`` at the latest): chunks joined across a break after ``-``
    or ``/``."""
    end = start
    position = start
    while chunk := DOI_CHUNK.match(text, position, limit):
        end = chunk.end()
        gap = DOI_BREAK.match(text, end, limit)
        if not chunk.group().endswith(("-", "/")) or gap is None or gap.end() == end:
            break
        position = gap.end()
    while end > start and text[end - 1] in ".,;:]>\"'’”":
        end -= 1
    return end


def find_dois(text: str, start: int = 0, end: int | None = None) -> Iterator[Citation]:
    """Every DOI in ``text[start:end]`` (as if the text ended at ``end``), also broken by spaces or a line break after
    a hyphen (``10.1111/j.1526-\\n4637…``), or by single spaces in its prefix after ``doi=`` (:data:`DOI_SPACED`)."""
    limit = len(text) if end is None else end
    found: list[tuple[int, int, str]] = []
    for match in DOI_SPACED.finditer(text, start, limit):
        doi_end = _doi_end(text, match.end("core"), limit)
        found.append((match.start(), doi_end, normalize_doi(text[match.start("core"):doi_end])))
    for match in DOI_CORE.finditer(text, start, limit):
        core = match.start()
        prefix = DOI_PREFIX.search(text, max(0, core - 30), core)
        doi_end = _doi_end(text, core, limit)
        found.append((prefix.start() if prefix else core, doi_end, normalize_doi(text[core:doi_end])))
    last_end = -1
    for begin, doi_end, doi in sorted(found):
        if begin < last_end or "/" not in doi or len(doi) <= 8:
            continue
        last_end = doi_end
        yield Citation("doi", begin, doi_end, text[begin:doi_end], doi=doi, confidence=1.0)


def find_pmids(text: str) -> Iterator[Citation]:
    """Every PMID: ``PMID: 12345678``, ``PMID 12345678`` or a PubMed URL."""
    for match in PMID.finditer(text):
        pmid = match.group(1) or match.group(2)
        yield Citation("pmid", match.start(), match.end(), match.group(), pmid=pmid, confidence=1.0)


def find_registrations(text: str) -> Iterator[Citation]:
    """Every trial registry number (``NCT01234567``, ``ISRCTN12345678``): as precise as a PMID."""
    for match in REGISTRATION.finditer(text):
        registration = match.group().upper()
        yield Citation("registration", match.start(), match.end(), match.group(), registration=registration,
                       confidence=1.0)


def _clean(fragment: str) -> str:
    return re.sub(r"\s+", " ", fragment).strip(" .,;:")


def _surname(author: str) -> str:
    found = re.match(SURNAME, author)
    return found.group() if found else author


def _segments(body: str) -> list[str]:
    parts = [_clean(part) for part in SEGMENT_BREAK.split(NOTE.sub(" ", body))]
    return [part for part in parts if part]


def _title_and_journal(body: str) -> tuple[str | None, str | None]:
    """Title (first segment) and journal (last segment, with single-word abbreviations before it joined)."""
    parts = _segments(body)
    if not parts:
        return None, None
    if len(parts) == 1:
        return parts[0], None
    journal = [parts.pop()]
    while len(parts) > 1 and re.fullmatch(r"[A-Z][A-Za-z]{0,11}", parts[-1]):
        journal.insert(0, parts.pop())
    return parts[0], " ".join(journal)


def _window_end(text: str, start: int, next_start: int) -> int:
    blank = BLANK_LINE.search(text, start, min(len(text), start + ENTRY_LIMIT))
    limit = blank.start() if blank else min(len(text), start + ENTRY_LIMIT)
    return min(limit, next_start)


def _authors(raw: str, pattern: str) -> tuple[str, ...]:
    return tuple(repair_text(_clean(found.group())) for found in re.finditer(pattern, raw))


def _vancouver(text: str, match: re.Match[str], end_limit: int) -> Citation:
    body_start = match.end()
    tail = None
    for candidate in YEAR_TAIL.finditer(text, body_start, end_limit):
        if _segments(text[body_start:candidate.start()]):
            tail = candidate
            break
    body_end = tail.start() if tail else end_limit
    title, journal = _title_and_journal(text[body_start:body_end])
    end = tail.end() if tail else body_end
    dois = [doi for doi in find_dois(text, max(body_start, end - 40), end_limit)
            if doi.start >= end - 40 and doi.start >= body_start]
    doi = dois[0] if dois else None
    end = max(end, doi.end if doi else end)
    while end > match.start() and text[end - 1] in " \t\n,;":
        end -= 1
    if end < len(text) and text[end] == ".":
        end += 1
    authors = _authors(match.group("authors"), VANCOUVER_AUTHOR)
    return Citation(
        "reference", match.start("marker") if match.group("marker") else match.start("authors"), end,
        text[match.start("authors"):end], authors=authors, first_author=_surname(authors[0]),
        year=int(tail.group("year")) if tail else None, title=title, journal=journal,
        volume=tail.group("volume") if tail else None, issue=tail.group("issue") if tail else None,
        pages=re.sub(r"\s+", "", tail.group("pages")) if tail and tail.group("pages") else None,
        doi=doi.doi if doi else None, confidence=1.0 if tail else 0.8)


def _apa(text: str, match: re.Match[str], end_limit: int) -> Citation:
    body = text[match.end():end_limit]
    parts = _segments(body)
    title = parts[0] if parts else None
    journal = volume = issue = pages = None
    end = match.end() + (body.find(parts[0]) + len(parts[0]) if parts else 0)
    if len(parts) > 1:
        tail = APA_TAIL.search(parts[1])
        journal = _clean(parts[1][:tail.start()]) if tail else parts[1]
        if tail:
            volume, issue, pages = tail.group("volume"), tail.group("issue"), tail.group("pages")
        end = match.end() + body.find(parts[1]) + len(parts[1])
    dois = [doi for doi in find_dois(text, match.end(), end_limit) if doi.start >= match.end()]
    doi = dois[0] if dois else None
    end = max(end, doi.end if doi else end)
    authors = _authors(match.group("authors"), APA_AUTHOR)
    return Citation(
        "reference", match.start(), end, text[match.start("authors"):end], authors=authors,
        first_author=_surname(authors[0]), year=int(match.group("year")), title=title, journal=journal,
        volume=volume, issue=issue, pages=pages, doi=doi.doi if doi else None, confidence=1.0)


def find_reference_entries(text: str) -> list[Citation]:
    """Every reference-list entry (numbered, Vancouver or APA style), parsed into its fields; a line that only
    starts like an unnumbered entry ("James D. Reynolds, a professor …", "The MR Study was …") is one only with a
    year or a DOI."""
    starts = sorted([(match, _vancouver) for match in VANCOUVER_START.finditer(text)]
                    + [(match, _apa) for match in APA_START.finditer(text)], key=lambda pair: pair[0].start())
    entries: list[Citation] = []
    for index, (match, parse) in enumerate(starts):
        if entries and match.start() < entries[-1].end:
            continue
        following = starts[index + 1][0].start() if index + 1 < len(starts) else len(text)
        entry = parse(text, match, _window_end(text, match.start(), following))
        if entry.year is None:
            entry = _with_orphan_tail(text, entry, following)
        if entry.year or entry.doi or match.group("marker"):
            entries.append(entry)
    return entries


def _with_orphan_tail(text: str, entry: Citation, following: int) -> Citation:
    """An entry cut short by a second column, completed from the one full tail before the next entry."""
    tails = list(ORPHAN_TAIL.finditer(text, entry.end, min(following, entry.end + ORPHAN_REACH)))
    if len(tails) != 1:
        return entry
    tail = tails[0]
    return replace(entry, year=int(tail.group("year")), journal=_clean(tail.group("journal")),
                   volume=tail.group("volume"), issue=tail.group("issue"),
                   pages=re.sub(r"\s+", "", tail.group("pages")), confidence=0.8)
