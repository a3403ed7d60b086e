"""A labelled reference as fields: runs of tokens with one label joined, then read as authors, year, DOI, pages.

The labeller says which field each token belongs to; this module turns the runs into the facts a study record
needs: the authors' surnames (in order: "Romero, C., Paunesku, D., & Dweck, C.", "Pérez-Higueras JJ, Arias A, de la
Macorra JC", "Antonio Astrain" all give their surnames), the year of the first date, the journal (a journal or, for
a chapter or a paper in proceedings, the container title), volume, issue, pages, DOI and URL. Each step is one
pass over the words, so a 40-author list costs no more than forty names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from claimgraph.ingest.citations.references import find_dois
from claimgraph.ingest.model import Citation
from claimgraph.ingest.names import is_body

_EDGE = re.compile(r"^[\s,;:.(\[]+|[\s,;:(\[]+$")
_TRAILING_DOT = re.compile(r"(?<=[a-z0-9)\]])\.$")
_YEAR = re.compile(r"(?<!\d)((?:1[5-9]|20)\d\d)(?!\d)")
_VANCOUVER_YEAR = re.compile(r"\s*(?:1[5-9]|20)\d\d(?:\s+[A-Za-z]{3,9}\.?(?:\s+\d{1,2})?)?\s*;\s*")
"""A Vancouver tail's date at the start of what the labeller (as AnyStyle's training data does) calls the volume:
"2014;35:", "2012 Jul;40(2):"."""
_SQUEEZED_COMMA = re.compile(r",(?=[^\s,])")
_SQUEEZED_AND = re.compile(r"\.and(?=[A-Z])")
"""A PDF's text layer may drop the spaces of an author list: "Lupien,S.J.,Maheu,F,Tu,M.andSchramek,T.E."."""
_VOLUME_ISSUE = re.compile(r"(?P<volume>\d+[A-Za-z]?)\s*(?:\((?P<issue>[^)]{1,12})\)|[.,:]?\s*(?:no\.?|nr\.?|issue)\s*"
                           r"(?P<issue2>\d+))?", re.IGNORECASE)
_PAGES = re.compile(r"[A-Za-z]?\d+(?:\s*[-–—]+\s*[A-Za-z]?\d+)?")
_INITIALS = re.compile(r"^(?:[A-Z]\.?(?:-?[A-Z]\.?)*|[A-Z]{1,3})[.,;]*$")
_PARTICLES = frozenset({"de", "la", "van", "von", "der", "den", "du", "da", "di", "del", "le", "dos", "das", "ter",
                        "ten", "st", "st.", "mac", "bin", "al", "el"})
_JOINERS = frozenset({"and", "&", "und", "et", "y", "e"})
_NOT_NAMES = frozenset({"al", "al.", "eds", "eds.", "ed", "ed.", "(eds.)", "(ed.)", "(eds)", "(ed)", "hrsg", "hrsg.",
                        "in", "by", "editors", "editor"})


@dataclass(frozen=True)
class ParsedReference:
    """One reference string as the labeller and this module read it: each label's text, and the reference as a
    citation (kind ``reference``; its offsets span the string)."""

    fields: dict[str, str]
    """Each label's text (the first run of it; "author" and "editor" runs joined), edges' punctuation trimmed."""
    citation: Citation


def clean(value: str) -> str:
    """A field's text without the punctuation that separates it from the next ("Romero, C.," -> "Romero, C")."""
    value = _EDGE.sub("", value.strip())
    value = _TRAILING_DOT.sub("", value)
    return value.strip().rstrip(")").strip() if value.count(")") > value.count("(") else value.strip()


def runs(tokens: Sequence[str], labels: Sequence[str]) -> list[tuple[str, str]]:
    """Consecutive tokens with the same label, joined: (label, text) in order."""
    found: list[tuple[str, str]] = []
    for token, label in zip(tokens, labels, strict=True):
        if found and found[-1][0] == label:
            found[-1] = (label, f"{found[-1][1]} {token}")
        else:
            found.append((label, token))
    return found


def surnames(authors: str) -> tuple[str, ...]:
    """The surnames in an author list: "Surname, I." / "Surname I" (Vancouver) / "Given Surname" forms, with
    particles kept ("de la Macorra"); "et al." and "and" are no names."""
    authors = _SQUEEZED_AND.sub(". and ", _SQUEEZED_COMMA.sub(", ", authors))
    words = [word for word in authors.replace(";", ",").split() if word.lower().strip(".,") not in _NOT_NAMES
             or word.lower().strip(",") in {"al", "el"}]
    names: list[list[str]] = [[]]
    for word in words:
        bare = word.strip(",.")
        if word.lower().rstrip(",") in _JOINERS or word.lower() == "al.":
            if names[-1]:
                names.append([])
            continue
        if not _INITIALS.match(bare) and _complete(names[-1]):
            names.append([])
        names[-1].append(word)
        ends_initials = word.endswith((",", ";")) and _INITIALS.match(bare + ".")
        ends_name = word.endswith(",") and len(names[-1]) > 1 and not _INITIALS.match(bare)
        if ends_initials or ends_name:
            names.append([])
    found: list[str] = []
    pending: list[str] = []
    for name in (part for part in names if part):
        surname = _surname(pending + name)
        if surname is None:
            pending += name
            continue
        pending = []
        found.append(surname)
    return tuple(found)


def _complete(words: list[str]) -> bool:
    """True when an author's words already hold a surname followed by initials ("Schumann, CM." before "Barnes")."""
    bare = [word.strip(",.;") for word in words]
    return bool(bare) and any(word and not _INITIALS.match(word) for word in bare) and bool(_INITIALS.match(bare[-1]))


def _surname(words: list[str]) -> str | None:
    """The surname in one author's words, or None when they hold only a surname still waiting for its initials
    ("Romero," before "C.,")."""
    bare = [word.strip(",.;") for word in words]
    named = [word for word in bare if word and not _INITIALS.match(word)]
    if not named:
        return None
    if len(bare) == 1 and words[0].endswith(","):
        return None
    if _INITIALS.match(bare[-1]) or words[0].endswith(","):
        index = next(i for i, word in enumerate(bare) if word and not _INITIALS.match(word))
        end = index + 1
        while end < len(bare) and bare[end] and not _INITIALS.match(bare[end]) and not words[end - 1].endswith(","):
            end += 1
        return " ".join(bare[index:end])
    if is_body(" ".join(bare)):
        return " ".join(bare)
    start = len(bare) - 1
    while start > 0 and bare[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(bare[start:])


def read_fields(text: str, tokens: Sequence[str], labels: Sequence[str]) -> ParsedReference:
    """The fields of a reference from its tokens and their labels."""
    fields: dict[str, str] = {}
    for label, value in runs(tokens, labels):
        if label in ("author", "editor") and label in fields:
            fields[label] = f"{fields[label]} {value}"
        else:
            fields.setdefault(label, value)
    cleaned = {label: clean(value) for label, value in fields.items()}
    year = _YEAR.search(fields.get("date", ""))
    vancouver = _VANCOUVER_YEAR.match(fields.get("volume", ""))
    if vancouver:
        year = year or _YEAR.search(vancouver.group())
        fields["volume"] = fields["volume"][vancouver.end():]
    doi = next(find_dois(fields.get("doi", "").replace(" ", "") or fields.get("url", "") or text), None)
    volume = issue = None
    if "volume" in fields and (found := _VOLUME_ISSUE.search(fields["volume"])):
        volume, issue = found.group("volume"), found.group("issue") or found.group("issue2")
    if "issue" in fields:
        issue = re.sub(r"[^\w-]", "", fields["issue"]) or issue
    pages = _PAGES.search(fields.get("pages", ""))
    journal = cleaned.get("journal") or cleaned.get("container-title")
    authors = surnames(fields.get("author", ""))
    return ParsedReference(cleaned, Citation(
        "reference", 0, len(text), text, authors=authors, first_author=authors[0] if authors else None,
        year=int(year.group(1)) if year else None, title=cleaned.get("title"), journal=journal, volume=volume,
        issue=issue, pages=re.sub(r"\s+", "", pages.group()) if pages else None,
        doi=doi.doi if doi else None))
