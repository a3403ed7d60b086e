"""Ingest one document end to end: extract → detect → match → draft; then archive and write, all or nothing.

:func:`analyse` does the work in memory and writes nothing (the benchmark calls it); :func:`ingest` adds the
checks on the id and the two writes (the archived text, then the draft; a failed draft write removes the
archive it just wrote).
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.errors import InputError
from claimgraph.ingest.draft.records import DraftInput, StudyDraft, concept_iri
from claimgraph.ingest.model import Citation, ConceptMention, Document, DraftAssertion, StudyMatch
from claimgraph.inputfile import DEFAULT_MAX_BYTES
from claimgraph.rq.folder import QueryFolder
from claimgraph.timebudget import DEFAULT_TIME_LIMIT, check_time, time_budget

if TYPE_CHECKING:
    import rdflib

    from claimgraph.ingest.assertions.claims import ClaimIndex
    from claimgraph.ingest.assertions.concepts import ConceptIndex
    from claimgraph.ingest.assertions.lexicon import Lexicon
    from claimgraph.ingest.citations.reports import ReportFacts
    from claimgraph.ingest.matching.studies import KnownStudy
    from claimgraph.ingest.read.earlier import EarlierCopy
    from claimgraph.store import Store

QUERIES = QueryFolder("claimgraph.ingest", "queries")
"""What a run reads besides its stages' lookups: the names of source kinds, sources and evidence lines."""

DEFAULT_KIND = {"text/html": "web-page"}
"""The source kind a document gets when ``--kind`` is not given, by media type (else ``document``)."""

_CALLOUT = re.compile(r"[(\[]\s*(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\s*[)\]]")
_NUMBERED = re.compile(r"\s*[\[(]?(\d{1,3})(?:[.)\]]|(?=\s+[A-Z]))\s")
_LINE_NUMBER = re.compile(r"[ \t]*\[?(\d{1,3})[.)\]][ \t]*")


@dataclass(frozen=True)
class IngestResult:
    """What ingest wrote: the draft's records, its Turtle, the two files, and archived copies it nearly repeats."""

    draft: DraftInput
    turtle: str
    archive_path: Path
    draft_path: Path
    near_duplicates: tuple[EarlierCopy, ...] = ()


@dataclass(frozen=True)
class GraphContext:
    """What the graph already knows, read once per run: lexicon, concepts, claims, studies, kinds, lines."""

    lexicon: Lexicon
    concepts: ConceptIndex
    claims: ClaimIndex
    studies: Sequence[KnownStudy]
    source_kinds: frozenset[str]
    sources: frozenset[str]
    evidence: frozenset[str]

    @classmethod
    def from_store(cls, store: Store) -> GraphContext:
        """Read every lookup ingest needs from ``store`` (the curated graph plus drafts pending review)."""
        from claimgraph.ingest.assertions.claims import ClaimIndex
        from claimgraph.ingest.assertions.concepts import ConceptIndex
        from claimgraph.ingest.assertions.lexicon import Lexicon
        from claimgraph.ingest.matching.studies import known_studies


        rows = store.select_strings(QUERIES.text("graph-names"))
        names = {kind: frozenset(row["name"] for row in rows if row["kind"] == kind)
                 for kind in ("source-kind", "source", "evidence")}
        return cls(Lexicon.from_store(store), ConceptIndex.from_store(store), ClaimIndex.from_store(store),
                   known_studies(store), names["source-kind"], names["source"], names["evidence"])


def analyse(document: Document, context: GraphContext, source_id: str, kind: str | None = None) -> DraftInput:
    """Everything ingest drafts from ``document``, computed in memory (nothing written); a document without a date
    takes its dateline's."""
    from claimgraph.ingest.assertions.claims import draft_assertions
    from claimgraph.ingest.citations.find import find_citations
    from claimgraph.ingest.citations.frames import frame_citations, planned
    from claimgraph.ingest.citations.references import find_reference_entries
    from claimgraph.ingest.citations.reflist import front_matter_end, paper_itself, reference_list
    from claimgraph.ingest.citations.reports import closing_paragraph, methods_design, report_facts, study_size
    from claimgraph.ingest.read.archive import ArchivedCopy
    from claimgraph.ingest.read.byline import byline_author
    from claimgraph.ingest.read.dateline import dateline_date

    if not document.date:
        document = replace(document, date=dateline_date(document.text))
    if not document.author:
        document = replace(document, author=byline_author(document.text))
    kind = kind or DEFAULT_KIND.get(document.media_type, "document")
    if kind not in context.source_kinds:
        raise InputError(f"unknown source kind {kind!r}; choose one of {', '.join(sorted(context.source_kinds))}")
    text = document.text
    name = f"{source_id}.txt"
    archive = ArchivedCopy(Path(name), name, hashlib.sha256(text.encode("utf-8")).hexdigest())
    own = paper_itself(text, document.title)
    citations = [own, *find_citations(text)] if own else find_citations(text)
    facts = [report_facts(text, citation) for citation in citations]
    spans = [closing_paragraph(text, citation) if citation.kind == "reference" else (citation.start, citation.end)
             for citation in citations]
    entries = sorted((citation.start, citation.end) for citation in find_reference_entries(text))
    front_end = front_matter_end(text) if reference_list(text) else 0
    assertions = draft_assertions(text, context.lexicon, context.concepts, context.claims, entries, front_end,
                                  document.title)
    framed = frame_citations(citations, text, document.date, [fact.participants for fact in facts],
                             study_size(text))
    spans = [None if planned(citation, text) else span for citation, span in zip(citations, spans, strict=True)]
    studies, study_of_citation = _resolve_studies(text, citations, framed, facts, context)
    if own:
        studies[study_of_citation[0]] = replace(studies[study_of_citation[0]], design=methods_design(text))
    linked = _with_citations(text, assertions, citations, spans, study_of_citation,
                             study_of_citation[0] if own else None)
    return DraftInput(source_id, document, archive, kind, linked, studies, _new_concepts(linked),
                      context.evidence)


def ingest(path: Path, store: Store, sources_dir: Path, drafts_dir: Path, source_id: str | None = None,
           kind: str | None = None, title: str | None = None, archive_dirs: Sequence[Path] = (),
           date: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
           time_limit: float | None = DEFAULT_TIME_LIMIT) -> IngestResult:
    """Extract ``path``, draft its claims and citations against ``store``, archive the text and write the draft.

    A text already archived in ``sources_dir`` or ``archive_dirs`` (an accepted source or a pending draft) is
    refused; one that repeats most of an archived copy is drafted, and the copy named in the result. ``date``
    (ISO) is the document's publication date when its metadata and dateline lack it or are wrong. The file and
    its text may be at most ``max_bytes`` long; everything before the writes must end within ``time_limit``
    seconds (None: no limit), else InputError and nothing written."""
    from claimgraph.atomic import create_new
    from claimgraph.ingest.read.archive import archive_text

    with time_budget(time_limit, str(path)):
        draft, turtle, earlier, draft_path = _draft(path, store, sources_dir, drafts_dir, source_id, kind, title,
                                                    archive_dirs, date, max_bytes)
    source_id = draft.source_id
    archived = archive_text(draft.document.text, sources_dir, source_id)
    if archived.sha256 != draft.archive.sha256:
        archived.path.unlink()
        raise InputError(f"the archived copy {archived.path} differs from the text analysed")
    try:
        create_new(draft_path, turtle, f"the draft of source id {source_id!r}")
    except BaseException:
        archived.path.unlink(missing_ok=True)
        raise
    return IngestResult(draft, turtle, archived.path, draft_path, tuple(earlier))


def _draft(path: Path, store: Store, sources_dir: Path, drafts_dir: Path, source_id: str | None, kind: str | None,
           title: str | None, archive_dirs: Sequence[Path], date: str | None,
           max_bytes: int) -> tuple[DraftInput, str, list[EarlierCopy], Path]:
    """The work of :func:`ingest` before its writes: the draft, its Turtle, earlier copies and the draft's path."""
    from claimgraph.ingest.draft.turtle import build_draft, draft_turtle
    from claimgraph.ingest.read.archive import check_source_id, suggest_source_id
    from claimgraph.ingest.read.earlier import earlier_copies
    from claimgraph.ingest.read.extract import extract

    document = extract(path, max_bytes)
    check_time()
    context = GraphContext.from_store(store)
    earlier = earlier_copies(document.text, sources_dir, archive_dirs)
    if earlier and earlier[0].same:
        same = earlier[0].path
        raise InputError(f"the same text is already ingested as source:{same.stem} ({same}, "
                         f"{_standing(same, sources_dir, drafts_dir, context)}); nothing written", str(path))
    if title:
        document = replace(document, title=title)
    if date:
        document = replace(document, date=date)
    retry = "choose another --id" if source_id else "pass --id with another id"
    source_id = check_source_id(source_id or suggest_source_id(document))
    draft_path = drafts_dir / f"{source_id}.ttl"
    archive_path = sources_dir / f"{source_id}.txt"
    from claimgraph.namespaces import SOURCE

    if str(SOURCE[source_id]) in context.sources:
        raise InputError(f"source id {source_id!r} already exists in the graph (source:{source_id}); {retry}")
    if os.path.lexists(draft_path):
        raise InputError(f"source id {source_id!r} already has a draft: {draft_path}; {retry}")
    if os.path.lexists(archive_path):
        raise InputError(f"source id {source_id!r} already has an archived text but no draft: {archive_path} (an "
                         f"ingest of this id is under way, or one was interrupted or its draft deleted: "
                         f"`claimgraph discard {source_id}` frees the id); {retry}")
    check_time()
    draft = analyse(document, context, source_id, kind)
    _refuse_taken_records(build_draft(draft), store, source_id, retry)
    check_time()
    return draft, draft_turtle(draft), earlier, draft_path


def _standing(archive: Path, sources_dir: Path, drafts_dir: Path, context: GraphContext) -> str:
    """Where an archived copy's source stands: pending review, accepted, or left in ingest's folder without a draft."""
    from claimgraph.namespaces import SOURCE

    pending = drafts_dir / f"{archive.stem}.ttl"
    if pending.is_file():
        return f"pending review in {pending}"
    if str(SOURCE[archive.stem]) in context.sources or archive.parent != sources_dir:
        return "archived"
    return f"archived without a draft: `claimgraph discard {archive.stem}` frees it"


def _refuse_taken_records(draft: rdflib.Graph, store: Store, source_id: str, retry: str) -> None:
    """InputError when a record the draft would add under ``source_id`` (an assertion ``assertion:<id>-01``, a
    claim, a mention, a report) is already in the graph: the id collides with another source's names."""
    from rdflib import URIRef

    from claimgraph.ingest.review.ownership import held_records
    from claimgraph.namespaces import curie

    named = {node for node in draft.subjects() if isinstance(node, URIRef)}
    taken = sorted(str(node) for node in held_records(store, named).subjects())
    if taken:
        more = f" and {len(taken) - 1} more" if len(taken) > 1 else ""
        raise InputError(f"source id {source_id!r} collides with records already in the graph "
                         f"({curie(taken[0])}{more}); {retry}")


def _resolve_studies(text: str, citations: Sequence[Citation], framed: Sequence[Citation],
                     facts: Sequence[ReportFacts], context: GraphContext) -> tuple[list[StudyDraft], dict[int, int]]:
    """Match every mention as its frame has it (``framed``), group mentions of one study, and gather what the
    document reports of each (``facts``: one per mention)."""
    from claimgraph.ingest.citations.reports import study_design
    from claimgraph.ingest.matching.studies import match_citation

    matches: dict[str, StudyMatch] = {}
    grouped: dict[str, list[int]] = {}
    study_of_citation: dict[int, str] = {}
    for index, citation in enumerate(framed):
        context_text = text[max(0, citation.start - 300):citation.end + 300]
        match = match_citation(citation, context.studies, context_text)
        best = matches.get(match.iri)
        if best is None or match.score > best.score:
            matches[match.iri] = match
        grouped.setdefault(match.iri, []).append(index)
        study_of_citation[index] = match.iri
    order = list(grouped)
    studies = []
    for iri in order:
        mentions = tuple(citations[index] for index in grouped[iri])
        reported = [facts[index] for index in grouped[iri]]
        design = next((fact.design for fact in reported if fact.design), None)
        participants = next((fact.participants for fact in reported if fact.participants), None)
        span = next(((fact.start, fact.end) for fact in reported if fact.end > fact.start), None)
        figures = tuple(dict.fromkeys(figure for fact in reported for figure in fact.figures))
        fused = {framed[index] for index in grouped[iri]} - set(mentions)
        if design is None and fused:
            design = study_design(text)
        studies.append(StudyDraft(matches[iri], mentions, design, participants, span, figures,
                                  next(iter(fused)) if len(fused) == 1 else None))
    position = {iri: number for number, iri in enumerate(order)}
    return studies, {index: position[iri] for index, iri in study_of_citation.items()}


def _with_citations(text: str, assertions: Sequence[DraftAssertion], citations: Sequence[Citation],
                    spans: Sequence[tuple[int, int] | None], study_of_citation: dict[int, int],
                    own_study: int | None = None) -> list[DraftAssertion]:
    """``assertions`` (in text order) each citing the studies mentioned in its sentence (``spans``: the text each
    citation covers, a reference in brackets its closing paragraph), numeric call-outs "(1,2)" / "[1, 3-5]" to
    numbered entries included, and a paper's own findings its own study (``own_study``). Each citation is placed
    among the sentences by binary search, once."""
    newlines = [found.start() for found in re.finditer("\n", text)]
    starts = [assertion.sentence.start for assertion in assertions]
    ends = [assertion.sentence.end for assertion in assertions]
    cited: list[list[int]] = [[] for _ in assertions]
    numbered: dict[int, int] = {}
    for index, citation in enumerate(citations):
        number = _entry_number(text, citation, newlines)
        if number is not None:
            numbered.setdefault(number, index)
            continue
        span = spans[index]
        if span:
            for position in range(bisect.bisect_right(ends, span[0]), bisect.bisect_left(starts, span[1])):
                cited[position].append(study_of_citation[index])
    linked = []
    for assertion, studies in zip(assertions, cited, strict=True):
        for callout in _CALLOUT.finditer(assertion.sentence.text):
            studies.extend(study_of_citation[numbered[number]] for number in _callout_numbers(callout.group(1))
                           if number in numbered)
        if own_study is not None and assertion.own_finding:
            studies.insert(0, own_study)
        linked.append(replace(assertion, citations=tuple(dict.fromkeys(studies))))
    return linked


def _entry_number(text: str, citation: Citation, newlines: Sequence[int]) -> int | None:
    """The number of a numbered list entry ("3.", "[3]") a citation starts or stands alone on, else None
    (``newlines``: the offsets of the text's line breaks)."""
    if found := _NUMBERED.match(citation.text):
        return int(found.group(1)) if citation.kind == "reference" else None
    before = bisect.bisect_left(newlines, citation.start) - 1
    line_start = newlines[before] + 1 if before >= 0 else 0
    found = _LINE_NUMBER.fullmatch(text, line_start, citation.start)
    return int(found.group(1)) if found else None


def _callout_numbers(listed: str) -> list[int]:
    """The reference numbers of a call-out body such as ``1,2`` or ``3-5``."""
    numbers: list[int] = []
    for part in listed.split(","):
        bounds = [int(number) for number in re.findall(r"\d+", part)]
        if len(bounds) == 2 and 0 <= bounds[1] - bounds[0] < 20:
            numbers.extend(range(bounds[0], bounds[1] + 1))
        else:
            numbers.extend(bounds)
    return numbers


def _new_concepts(assertions: Sequence[DraftAssertion]) -> list[ConceptMention]:
    """Unknown conditions, interventions and mechanisms that new claims are about, once each."""
    found: dict[str, ConceptMention] = {}
    for assertion in assertions:
        if assertion.claim.iri:
            continue
        for concept in assertion.concepts:
            if concept.iri is None and concept.kind != "outcome":
                found.setdefault(concept_iri(concept), concept)
    return list(found.values())
