"""Study frames: the mentions in one document that refer to the same study, fused into one set of facts.

A news story or press release names its study piecemeal: "a new study suggests", "said lead author Dr. Ana Ruiz",
"published online Monday in JAMA Pediatrics", "the researchers found". Each mention alone names no study; together
they name one. :func:`frame_citations` gives each mention the facts matching should see:

* a mention by first author and year alone takes the journal the document's other mentions of that author and year
  name, when they all name the same one ("(Quist 2018)" and its reference entry in "Foot Med");
* in a document without a reference list, the mentions of *the* study (news attributions, journal mentions, an
  author without a year, a DOI, and singular appeals: "a new study", "the researchers") form one frame: the first
  author, journal, year and DOI the first of them state, each later mention joining when it does not contradict
  them (another year or journal stays a study of its own). Plural appeals ("studies show", "experts say"),
  another or an earlier study ("a previous study", "other research") and a planned or ongoing study stay apart;
* a frame takes the number of participants the first of its mentions to report one gives, else the first the
  document gives in a sentence about the study ("The study included 437 patients"), which keeps two papers of one
  journal and year apart;
* a frame with a journal or an author but no year takes the year of the document's date (a story reports a
  study just published: "published online Monday", "in this week's issue"), marked as inferred for the reviewer;
  so does a journal's or an issuing body's mention outside the frame whose own words say the paper is just out
  ("Another study … recently reported in JAMA Psychiatry", "a World Bank report published last week");
* a frame without an author takes the one author the document cites by name for the frame's year ("published in
  The Lancet" … "Shepstone et al. (2017)");
* in a paper (a reference list), an in-text citation by author, with or without its year, is the one entry of
  that first author (and year) when the list has exactly one (:func:`resolve_to_entries`).

A planned or ongoing study ("are starting a trial", "will enroll") never supports a claim: :func:`planned` says
which mentions are such.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from claimgraph.ingest.journals import journal_key, same_journal
from claimgraph.ingest.model import Citation
from claimgraph.ingest.names import fold_name

FRAMED_KINDS = frozenset({"news", "vague", "journal-year", "author", "doi"})
"""Mention kinds that may refer to a news story's study (a reference entry or "Name (2010)" names its own)."""

_GENERIC = re.compile(r"\b(?:studies|trials|reviews|meta-analyses|experts?|scientists|evidence|data|other|"
                      r"previous|earlier|prior|past|several|many|some|various|multiple|numerous|research\s+"
                      r"(?:shows?|suggests?|proves?|indicates?|has))\b", re.IGNORECASE)
_PLANNED = re.compile(r"\b(?:are|is|were|was)\s+(?:now\s+)?(?:starting|launching|planning|recruiting|enrolling|"
                      r"beginning|designing)\b|\b(?:will|plan(?:s|ned)?\s+to|hope\s+to|intend\s+to)\s+"
                      r"(?:start|launch|begin|conduct|run|enroll|recruit|test|study)\b|\b(?:upcoming|ongoing|"
                      r"planned|forthcoming)\s+(?:study|trial|research)\b", re.IGNORECASE)
_RECENT = re.compile(r"\b(?:recently|just|today|yesterday|this\s+week|last\s+week|"
                     r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b")
"""Words in a journal mention that date the paper to the story's own days ("recently reported in JAMA Psychiatry")."""
_RELATIVE_YEAR = re.compile(r"\b(?:(?:earlier|later)\s+)?this\s+year\b|(?<!the\s)\b(?P<last>last)\s+year\b",
                            re.IGNORECASE)
"""A year counted from the story's: "earlier this year", "last year" (not "over the last year", a span)."""
_SENTENCE_REACH = 200
SIDE_REACH = 300
"""How far apart (in characters) two mentions outside the story's frame may stand and still be fused as one study."""
REFERENCE_LIST = 2
"""A document with this many dated reference entries is a paper: its mentions are citations, not a story's study."""


def borrow_journals(citations: Sequence[Citation]) -> list[Citation]:
    """The mentions with a journal taken, for a mention by first author and year alone, from the document's other
    mentions of that author and year when they all name the same journal."""
    named: dict[tuple[str, int], dict[str, str]] = {}
    for citation in citations:
        if citation.first_author and citation.year and citation.journal:
            key = (fold_name(citation.first_author), citation.year)
            named.setdefault(key, {}).setdefault(journal_key(citation.journal), citation.journal)
    borrowed = []
    for citation in citations:
        journals = named.get((fold_name(citation.first_author or ""), citation.year or 0), {})
        if citation.first_author and citation.year and not citation.journal and len(journals) == 1:
            citation = replace(citation, journal=next(iter(journals.values())))
        borrowed.append(citation)
    return borrowed


def resolve_to_entries(citations: Sequence[Citation]) -> list[Citation]:
    """The mentions of a paper with each in-text citation by author ("(Persson and Skoog, 1996)", "Fountoulakis et
    al.") replaced by the one reference-list entry of that first author (and year, when the mention gives one):
    the citation and its entry are one study."""
    entries: dict[str, list[Citation]] = {}
    for citation in citations:
        if citation.kind == "reference" and citation.first_author:
            entries.setdefault(fold_name(citation.first_author), []).append(citation)
    resolved = []
    for citation in citations:
        if citation.kind in ("author-year", "author") and citation.first_author:
            candidates = [entry for entry in entries.get(fold_name(citation.first_author), [])
                          if citation.year is None or entry.year == citation.year]
            if len(candidates) == 1:
                citation = candidates[0]
        resolved.append(citation)
    return resolved


def planned(citation: Citation, text: str) -> bool:
    """True when the sentence of a mention speaks of the study as planned or ongoing."""
    return bool(_PLANNED.search(_around(citation, text)))


def frame_citations(citations: Sequence[Citation], text: str, published: str | None = None,
                    participants: Sequence[int | None] = (), size: int | None = None) -> list[Citation]:
    """The mentions as matching should see them: journals borrowed, and the mentions of a story's study given
    the facts of their frame (all the same :class:`Citation`, so they resolve to one study). ``published`` is the
    document's ISO date, if known; ``participants`` how many took part by each mention's own report (one per
    mention, ``None`` where it says not), else ``size`` (what the document says of the study's size)."""
    borrowed = borrow_journals(citations)
    if sum(citation.kind == "reference" and citation.year is not None for citation in borrowed) >= REFERENCE_LIST:
        return resolve_to_entries(borrowed)
    members = [index for index, citation in enumerate(borrowed) if _frameable(citation, text)]
    frame: Citation | None = None
    joined: set[int] = set()
    others: list[int] = []
    for index in members:
        citation = borrowed[index]
        if _earlier(citation, published) or (frame is not None and _contradicts(frame, citation)):
            others.append(index)
            continue
        frame = citation if frame is None else _fused(frame, citation)
        joined.add(index)
    borrowed = _side_frames(borrowed, others, participants)
    sides = {citation.participants for index, citation in enumerate(borrowed) if index in others}
    if frame is None:
        return [_dated(citation, text, published) for citation in borrowed]
    if (frame.journal or frame.first_author) and not frame.year and published:
        frame = replace(frame, year=int(published[:4]), year_inferred=True)
    named = _named_in_year(borrowed, frame)
    if named is not None:
        joined.add(named)
        frame = _fused(frame, borrowed[named])
    counted = [participants[index] for index in sorted(joined) if index < len(participants) and participants[index]]
    if not frame.participants and (counted or (size and size not in sides)):
        frame = replace(frame, participants=counted[0] if counted else size)
    return [frame if index in joined else _dated(citation, text, published)
            for index, citation in enumerate(borrowed)]


def _earlier(citation: Citation, published: str | None) -> bool:
    """True for "a 2010 study" (an appeal with a year) in a story of another year or of no known date: a study the
    story looks back on, not its own."""
    return citation.kind == "vague" and citation.year is not None and (
        published is None or citation.year != int(published[:4]))


def _side_frames(citations: Sequence[Citation], others: Sequence[int],
                 participants: Sequence[int | None]) -> list[Citation]:
    """The mentions with each run of the frame's outsiders that stand close together (within
    :data:`SIDE_REACH` characters of the last) and agree fused into one: "A 2010 study of 450 children …" and "As
    reported in the journal Research in Developmental Disabilities" in the next sentence name one paper, of the
    size the first of them to give one reports."""
    fused = list(citations)
    runs: list[tuple[list[int], Citation]] = []
    for index in others:
        citation = citations[index]
        if runs and citation.start - citations[runs[-1][0][-1]].end <= SIDE_REACH and not _contradicts(
                runs[-1][1], citation):
            runs[-1][0].append(index)
            runs[-1] = (runs[-1][0], _fused(runs[-1][1], citation))
        else:
            runs.append(([index], citation))
    for run, side in runs:
        if len(run) > 1:
            counted = [participants[index] for index in run if index < len(participants) and participants[index]]
            side = replace(side, participants=side.participants or (counted[0] if counted else None))
            for index in run:
                fused[index] = side
    return fused


def _dated(citation: Citation, text: str, published: str | None) -> Citation:
    """A mention outside the frame with the story's year when its own words say the paper is just out ("recently
    reported in JAMA Psychiatry"), or the year its sentence counts from the story's ("Earlier this year, Ray’s
    team published …"; "last year" is the year before)."""
    if citation.year or not published or not (citation.journal or citation.organisation or citation.first_author):
        return citation
    year = int(published[:4])
    if (citation.journal or citation.organisation) and _RECENT.search(citation.text):
        return replace(citation, year=year, year_inferred=True)
    relative = _RELATIVE_YEAR.search(_around(citation, text))
    if relative:
        return replace(citation, year=year - 1 if relative.group("last") else year, year_inferred=True)
    return citation


def _named_in_year(citations: Sequence[Citation], frame: Citation) -> int | None:
    """The index of the one author-year mention of the frame's year ("Shepstone et al. (2017)") when the frame has no
    author and the document names no other author for that year: the story's study by its author's name."""
    if frame.first_author or not frame.year:
        return None
    candidates = [index for index, citation in enumerate(citations)
                  if citation.kind == "author-year" and citation.year == frame.year and citation.first_author
                  and not _contradicts(frame, citation)]
    authors = {fold_name(citations[index].first_author or "") for index in candidates}
    return candidates[0] if len(authors) == 1 else None


def _around(citation: Citation, text: str) -> str:
    """The sentence a mention stands in (at most :data:`_SENTENCE_REACH` characters either side of it)."""
    start = max(0, citation.start - _SENTENCE_REACH)
    before = max(text.rfind(mark, start, citation.start) for mark in (". ", "! ", "? ", "\n"))
    stop = min(len(text), citation.end + _SENTENCE_REACH)
    after = [found for mark in (". ", "! ", "? ", "\n") if (found := text.find(mark, citation.end, stop)) >= 0]
    return text[before + 1 if before >= 0 else start:min(after) if after else stop]


def _frameable(citation: Citation, text: str) -> bool:
    """True for a mention that may name the story's study: a news-style kind, not generic, not planned."""
    if citation.kind not in FRAMED_KINDS or planned(citation, text):
        return False
    return citation.kind != "vague" or not _GENERIC.search(citation.text)


def _contradicts(frame: Citation, citation: Citation) -> bool:
    """True when a mention states a year, journal, first author or DOI other than the frame's."""
    if frame.year and citation.year and frame.year != citation.year:
        return True
    if frame.journal and citation.journal and not same_journal(frame.journal, citation.journal):
        return True
    if frame.doi and citation.doi and frame.doi.lower() != citation.doi.lower():
        return True
    return bool(frame.first_author and citation.first_author
                and fold_name(frame.first_author) != fold_name(citation.first_author))


def _fused(frame: Citation, citation: Citation) -> Citation:
    """The frame with the facts it lacked taken from ``citation``."""
    authors = frame.authors or citation.authors
    return replace(frame, kind="news" if frame.kind == "vague" else frame.kind,
                   first_author=frame.first_author or citation.first_author, authors=authors,
                   year=frame.year or citation.year, journal=frame.journal or citation.journal,
                   doi=frame.doi or citation.doi, pmid=frame.pmid or citation.pmid,
                   registration=frame.registration or citation.registration)
