"""Find every mention of a study in a text: ``find_citations``, and ``fold_name`` for matching names.

The forms, from most to least specific (the ``kind`` of a :class:`~claimgraph.ingest.model.Citation`):
reference-list entries, DOIs, PMIDs and trial registrations (:mod:`claimgraph.ingest.citations.references`, confidence
1.0), references printed without authors (:mod:`claimgraph.ingest.citations.authorless`); author-year and
author mentions, news attributions, journal + year and vague appeals (:mod:`claimgraph.ingest.citations.mentions`, whose
docstring gives each form's confidence). A reference without authors inside an author-list entry is
that entry's. Overlapping detections become one citation: the most specific one,
its missing fields filled from the others (a reference entry holding a DOI is one ``reference`` with the DOI).
Within a sentence, a journal named after an author mention ("… et al. reanalysed … and published them in
Explore (NY)") and a journal + year agreeing with it join that mention, and a vague appeal beside a precise
citation is dropped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import fields, replace

from claimgraph.ingest.citations.authorless import find_authorless_references
from claimgraph.ingest.citations.bodies import find_body_documents
from claimgraph.ingest.citations.mentions import (
    find_author_mentions,
    find_journal_mentions,
    find_news_attributions,
    find_parenthetical,
    find_vague_appeals,
)
from claimgraph.ingest.citations.references import find_dois, find_pmids, find_reference_entries, find_registrations
from claimgraph.ingest.citations.reflist import (
    find_list_entries,
    front_matter_end,
    reference_list,
    with_labelled_fields,
)
from claimgraph.ingest.model import Citation
from claimgraph.ingest.names import fold_name

__all__ = ["KIND_RANK", "find_citations", "fold_name"]

KIND_RANK = {"reference": 7, "author-year": 6, "news": 5, "journal-year": 4, "author": 3, "doi": 2, "pmid": 2,
             "registration": 2, "body": 4, "vague": 1}
"""How specific each kind of mention is: the most specific of overlapping detections wins."""
SENTENCE_BREAK = re.compile(r"(?<!et al)(?<!\bDr)(?<!\bvs)[.!?](?=\s+[A-Z“\"‘(\d])|\n[ \t]*\n")
HOST_KINDS = ("author", "author-year", "news")
"""The mentions a journal named later in their sentence joins ("… et al. … published them in Explore (NY)")."""
FIELDS = [field.name for field in fields(Citation) if field.name not in ("kind", "start", "end", "text",
                                                                         "confidence")]


def _rank(citation: Citation) -> tuple[int, float, int]:
    return KIND_RANK[citation.kind], citation.confidence, citation.end - citation.start


def _compatible(primary: Citation, other: Citation) -> bool:
    return not (primary.year and other.year and primary.year != other.year)


def _combine(group: list[Citation], text: str) -> Citation:
    """The most specific citation of a group, spanning all of them, missing fields filled from the others."""
    primary = max(group, key=_rank)
    start, end = min(c.start for c in group), max(c.end for c in group)
    filled: dict[str, object] = {}
    for other in sorted(group, key=_rank, reverse=True):
        if other is primary or not _compatible(primary, other):
            continue
        for name in FIELDS:
            if getattr(primary, name) in (None, ()) and name not in filled and getattr(other, name) not in (None, ()):
                filled[name] = getattr(other, name)
    kind = primary.kind
    if kind == "author" and (filled.get("year") or primary.year):
        kind = "author-year"
    return replace(primary, kind=kind, start=start, end=end, text=text[start:end], **filled)  # type: ignore[arg-type]


def _merge_overlaps(found: list[Citation], text: str) -> list[Citation]:
    merged: list[Citation] = []
    group: list[Citation] = []
    group_end = -1
    for citation in sorted(found, key=lambda c: (c.start, -c.end)):
        if group and citation.start < group_end:
            group.append(citation)
            group_end = max(group_end, citation.end)
            continue
        if group:
            merged.append(_combine(group, text))
        group, group_end = [citation], citation.end
    if group:
        merged.append(_combine(group, text))
    return merged


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for boundary in SENTENCE_BREAK.finditer(text):
        spans.append((start, boundary.end()))
        start = boundary.end()
    spans.append((start, len(text)))
    return spans


def _joins(author: Citation, journal: Citation) -> bool:
    if author.kind not in HOST_KINDS or author.journal or author.start > journal.start:
        return False
    return journal.year is None or journal.year == author.year


def _last_host(hosts: dict[int | None, list[int]], kept: list[Citation], journal: Citation) -> int | None:
    """The index in ``kept`` of the last author mention a journal mention joins (:func:`_joins`), or None.

    ``hosts`` lists the author mentions without a journal under None and under their year; those that took a
    journal since are dropped from the end as they are met, so each is looked at once."""
    stack = hosts.get(journal.year, [])
    while stack and not _joins(kept[stack[-1]], journal):
        stack.pop()
    return stack[-1] if stack else None


def _attach_in_sentences(citations: list[Citation], text: str) -> list[Citation]:
    result: list[Citation] = []
    ordered = sorted(citations, key=lambda c: c.start)
    starts = [c.start for c in ordered]
    for start, end in _sentence_spans(text):
        inside = ordered[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
        kept: list[Citation] = []
        hosts: dict[int | None, list[int]] = {}
        for citation in inside:
            host = _last_host(hosts, kept, citation) if citation.kind == "journal-year" else None
            if host is not None:
                kept[host] = replace(kept[host], journal=citation.journal, year=kept[host].year or citation.year)
                continue
            kept.append(citation)
            if citation.kind in HOST_KINDS and not citation.journal:
                for year in {None, citation.year}:
                    hosts.setdefault(year, []).append(len(kept) - 1)
        if any(c.kind != "vague" for c in kept):
            kept = [c for c in kept if c.kind != "vague"]
        result.extend(kept)
    return result


def _overlaps_entry(citation: Citation, entries: list[Citation]) -> bool:
    """True when ``citation`` shares a character with one of ``entries`` (in text order, none overlapping)."""
    index = bisect.bisect_left(entries, citation.end, key=lambda entry: entry.start) - 1
    return index >= 0 and entries[index].end > citation.start and entries[index].start < citation.end


def _with_list_entries(text: str, entries: list[Citation]) -> list[Citation]:
    """The reference entries, those inside the reference list (:mod:`claimgraph.ingest.citations.reflist`) as its
    segmentation and the trained parser read them, the others as :func:`find_reference_entries` found them, their
    title and journal read by the parser."""
    entries = [with_labelled_fields(entry) for entry in entries]
    region = reference_list(text)
    listed = find_list_entries(text) if region else []
    if not listed or region is None:
        return entries
    outside = [entry for entry in entries if entry.end <= region[0] or entry.start >= region[1]]
    return sorted([*outside, *listed], key=lambda entry: entry.start)


def find_citations(text: str) -> list[Citation]:
    """Every mention of a study in ``text``, parsed into fields, sorted by start, overlaps merged."""
    entries = _with_list_entries(text, find_reference_entries(text))
    authorless = [citation for citation in find_authorless_references(text) if not _overlaps_entry(citation, entries)]
    found: list[Citation] = [*entries, *authorless, *find_dois(text), *find_pmids(text), *find_registrations(text),
                             *find_parenthetical(text), *find_author_mentions(text), *find_news_attributions(text),
                             *find_journal_mentions(text), *find_body_documents(text), *find_vague_appeals(text)]
    if reference_list(text):
        own = front_matter_end(text)
        found = [citation for citation in found if citation.start >= own or citation.kind in ("reference", "vague")]
    return sorted(_attach_in_sentences(_merge_overlaps(found, text), text), key=lambda c: (c.start, c.end))
