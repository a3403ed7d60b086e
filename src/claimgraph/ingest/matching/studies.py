"""Match a citation to the studies the graph knows (accepted records only), or mint the IRI of a new one.

Decisions, in order (a wrong merge is worse than a new draft, so every rule errs towards ``new``):
equal DOI, PMID or trial registration → matched (1.0); folded first-author surname similar (rapidfuzz ratio
≥ 0.85, exact for names of up to four letters) and the same year → matched; the same year, journal
(abbreviation-tolerant, when both state one) and a folded title alike (ratio ≥ 90, ≥ 97 without journals) in
exactly one study → matched (a reference printed without authors); journal and year the same and the mention's
context sharing a topic word with exactly one such study (for a reference without authors: one with no title
to compare) → matched with a lower score; a mention that names no study precisely (none of the above
identifiers) matches only a known unidentifiable
study whose journal and year agree, or whose ``cg:citedAs`` wording agrees with a mention naming an author — else it
is ``vague`` (a bare "a new study suggests" never matches another document's study). Two studies whose
years are both known and differ are never matched. A match to a draft still needing review is ``pending``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimgraph.ingest.journals import journal_key, same_journal
from claimgraph.ingest.model import Citation, StudyMatch
from claimgraph.ingest.names import fold_name, plain_variant

if TYPE_CHECKING:
    from claimgraph.store.base import Store

STUDY_NS = "https://w3id.org/claimgraph/id/study/"
SURNAME_THRESHOLD = 0.85
CITED_AS_THRESHOLD = 90.0
TITLE_THRESHOLD = 90.0
"""rapidfuzz ratio of folded titles above which a title names the same study (same year and journal)."""
TITLE_ALONE_THRESHOLD = 97.0
"""The same, when one side states no journal."""
TITLE_SLUG_WORDS = 3
TITLE_STOP_WORDS = frozenset({"a", "an", "the", "of", "for", "in", "on", "and", "to", "with", "vs", "versus", "by",
                              "at", "from", "is", "does", "do", "can"})
"""Words left out of the title words an IRI is minted from."""
GENERIC_WORDS = frozenset({
    "acupuncture", "study", "studies", "trial", "trials", "with", "from", "that", "this", "their", "patients",
    "effect", "effects", "treatment", "therapy", "published", "recent", "journal", "research", "review",
    "found", "showed", "shown", "reported", "results", "between", "after", "versus", "also", "were", "which",
    "have", "been", "more", "than", "other", "unidentified", "cited", "people", "when",
})
"""Words too common in this domain to tie a mention to a study by topic."""


@dataclass(frozen=True)
class KnownStudy:
    """A study in the graph, with the facts citations are matched on (``first_author`` folded)."""

    iri: str
    first_author: str | None
    year: int | None
    journal: str | None
    title: str | None
    doi: str | None
    pmid: str | None
    label: str | None
    identifiable: bool
    pending: bool
    topic: frozenset[str] = frozenset()
    cited_as: str | None = None
    registration: str | None = None


def topic_words(text: str) -> frozenset[str]:
    """Content words of a text as six-letter stems (neuropathy ~ neuropathic), generic words left out."""
    words = re.findall(r"[a-z][a-z-]{3,}", text.lower())
    return frozenset(word[:6] for word in words if word not in GENERIC_WORDS)


def _year(value: str) -> int | None:
    found = re.match(r"-?(\d{4})", value)
    return int(found.group(1)) if found else None


def _author_from_cited_as(cited_as: str) -> str | None:
    found = re.match(r"([A-Z][\w-]+)(?:\s+et al\.?)?,?\s+(?:19|20)\d{2}\b|([A-Z][\w-]+)\s+et\s+al\b", cited_as)
    return (found.group(1) or found.group(2)) if found else None


def known_studies(store: Store) -> list[KnownStudy]:
    """Every ``cg:Study`` in the store with its matching facts (query ``known-studies.rq``)."""
    from claimgraph.ingest.matching import QUERIES

    studies = []
    for row in store.select_strings(QUERIES.text("known-studies")):
        author = row.get("first_author") or _author_from_cited_as(row.get("cited_as", "")) or ""
        year = _year(row.get("issued", ""))
        doi, pmid = row.get("doi") or None, row.get("pmid") or None
        identifiable = row.get("identifiable", "") == "true" if row.get("identifiable") else bool(
            doi or pmid or (author and year))
        topic_text = " ".join((row.get("label", ""), row.get("title", ""), row.get("conditions", "")))
        studies.append(KnownStudy(
            iri=row["study"], first_author=fold_name(author) or None, year=year, journal=row.get("journal") or None,
            title=row.get("title") or None, doi=doi.lower() if doi else None, pmid=pmid, label=row.get("label") or None,
            identifiable=identifiable, pending=row.get("needs_review", "") in ("true", "1"),
            topic=topic_words(topic_text), cited_as=row.get("cited_as") or None,
            registration=(row.get("registration") or "").upper() or None))
    return studies


def surname_similarity(first: str, second: str) -> float:
    """How alike two folded surnames are (0–1): rapidfuzz ratio, the best of the oe/o spellings; names of up to
    four letters count only when equal."""
    from rapidfuzz import fuzz

    pairs = [(a, b) for a in {first, plain_variant(first)} for b in {second, plain_variant(second)}]
    if min(len(first), len(second)) <= 4:
        return 1.0 if any(a == b for a, b in pairs) else 0.0
    return max(fuzz.ratio(a, b) for a, b in pairs) / 100


def _years_differ(citation: Citation, study: KnownStudy) -> bool:
    return bool(citation.year and study.year and citation.year != study.year)


def _decided(study: KnownStudy, score: float, reason: str) -> StudyMatch:
    return StudyMatch("pending" if study.pending else "matched", study.iri, round(score, 2), reason)


def _by_identifier(citation: Citation, known: Sequence[KnownStudy]) -> StudyMatch | None:
    for study in known:
        if _years_differ(citation, study):
            continue
        if citation.doi and study.doi == citation.doi.lower():
            return _decided(study, 1.0, "same DOI")
        if citation.pmid and study.pmid == citation.pmid:
            return _decided(study, 1.0, "same PMID")
        if citation.registration and (study.registration == citation.registration
                                      or study.iri == mint_study_iri(citation)):
            return _decided(study, 1.0, f"same trial registration {citation.registration}")
        if citation.organisation and citation.year and study.iri == mint_study_iri(citation):
            return _decided(study, 0.9, f"same issuing body and year: {citation.organisation} {citation.year}")
    return None


def _by_title(citation: Citation, known: Sequence[KnownStudy]) -> StudyMatch | None:
    """The one study of the same year, journal (when both state one) and a title alike enough."""
    from rapidfuzz import fuzz

    if not (citation.title and citation.year):
        return None
    title = fold_name(citation.title)
    scored = []
    for study in known:
        if study.year != citation.year or not study.title:
            continue
        if citation.journal and study.journal and not same_journal(citation.journal, study.journal):
            continue
        threshold = TITLE_THRESHOLD if citation.journal and study.journal else TITLE_ALONE_THRESHOLD
        similarity = fuzz.ratio(title, fold_name(study.title))
        if similarity >= threshold:
            scored.append((similarity, study))
    if len(scored) != 1:
        return None
    similarity, study = scored[0]
    return _decided(study, min(0.95, similarity / 100), f"year {citation.year}, journal and title alike "
                                                        f"({similarity:.0f})")


def _by_author_year(citation: Citation, known: Sequence[KnownStudy]) -> StudyMatch | None:
    if not (citation.first_author and citation.year):
        return None
    folded = fold_name(citation.first_author)
    scored = sorted(((surname_similarity(folded, study.first_author), study) for study in known
                     if study.first_author and study.year == citation.year), key=lambda pair: -pair[0])
    scored = [(score, study) for score, study in scored if score >= SURNAME_THRESHOLD]
    if not scored:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        title_hits = [study for _, study in scored[:2] if citation.title and study.title
                      and fold_name(citation.title) == fold_name(study.title)]
        if len(title_hits) != 1:
            return None
        return _decided(title_hits[0], scored[0][0], f"surname, year {citation.year} and title")
    score, study = scored[0]
    return _decided(study, score, f"surname {citation.first_author}≈{study.first_author} ({score:.2f}) "
                                  f"and year {citation.year}")


def _by_journal_topic(citation: Citation, known: Sequence[KnownStudy], context: str) -> StudyMatch | None:
    if not (citation.journal and citation.year):
        return None
    words = topic_words(context) - topic_words(citation.journal)  # the journal's name is no topic
    titled = bool(citation.title and not citation.first_author)
    candidates = [(len(words & (study.topic - topic_words(study.journal or ""))), study) for study in known
                  if study.year == citation.year and same_journal(citation.journal, study.journal)
                  and not (titled and study.title)]
    candidates = [(overlap, study) for overlap, study in candidates if overlap]
    if len(candidates) != 1:
        return None
    overlap, study = candidates[0]
    return _decided(study, min(0.8, 0.6 + 0.05 * overlap),
                    f"journal {citation.journal}≈{study.journal}, year {citation.year}, {overlap} topic words shared")


def _unidentifiable(citation: Citation, known: Sequence[KnownStudy], context: str) -> StudyMatch | None:
    from rapidfuzz import fuzz

    words = topic_words(context)
    for study in known:
        if study.identifiable or _years_differ(citation, study):
            continue
        topic = study.topic - topic_words(study.journal or "")  # the journal's name is no topic
        if citation.year and study.year and same_journal(citation.journal, study.journal) and (
                words & topic or not context):
            return _decided(study, 0.7, f"unidentified study with journal {study.journal} and year {study.year}, "
                                        f"{len(words & topic)} topic words shared")
        if citation.first_author and study.cited_as and len(study.cited_as.split()) >= 2 and (
                words & study.topic or not context):
            similarity = fuzz.token_set_ratio(citation.text.lower(), study.cited_as.lower())
            if similarity >= CITED_AS_THRESHOLD:
                return _decided(study, 0.6, f"cited as '{study.cited_as}' ({similarity:.0f})")
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def mint_study_iri(citation: Citation) -> str:
    """The IRI of a new study, from its facts alone: ``study/<first-author>-<year>[-<journal key>]`` (an
    in-text "A and B 2010" gives ``a-b-2010``; the journal, when named, keeps apart two papers of one surname
    and year and joins two documents' mentions of one paper: :func:`journal_key`), else ``study/doi-…``,
    ``study/pmid-…``, ``study/nct01234567`` (a trial registration), ``study/<journal>-<year>-<three title
    words>`` (a reference without authors), ``study/<first-author>-<journal key>`` (author and journal, no year printed
    or known), ``study/<journal key>-<year>[-n<participants>]`` (a news story's study named by journal and year,
    with its size when the story gives it), ``study/<body key>-<year>-<guideline|report>`` (a body's guideline or
    report: ``uspstf-2009-guideline``), or ``study/unidentified-…`` (an author alone; a vague
    appeal gets a short hash of its wording and place, so two appeals are never one study)."""
    if citation.first_author and citation.year:
        names = [citation.first_author]
        if citation.kind == "author-year" and len(citation.authors) == 2:
            names = list(citation.authors)
        key = journal_key(citation.journal) if citation.journal else ""
        return f"{STUDY_NS}{'-'.join(fold_name(name) for name in names)}-{citation.year}{'-' + key if key else ''}"
    if citation.doi:
        return f"{STUDY_NS}doi-{_slug(citation.doi)}"
    if citation.pmid:
        return f"{STUDY_NS}pmid-{citation.pmid}"
    if citation.registration:
        return f"{STUDY_NS}{_slug(citation.registration)}"
    if citation.title and citation.journal and citation.year:
        words = [word for word in _slug(citation.title).split("-") if word not in TITLE_STOP_WORDS]
        return f"{STUDY_NS}{_slug(citation.journal)}-{citation.year}-{'-'.join(words[:TITLE_SLUG_WORDS])}"
    if citation.first_author and citation.journal:
        return f"{STUDY_NS}{fold_name(citation.first_author)}-{journal_key(citation.journal)}"
    if citation.journal and citation.year:
        size = f"-n{citation.participants}" if citation.participants else ""
        return f"{STUDY_NS}{journal_key(citation.journal)}-{citation.year}{size}"
    if citation.organisation and citation.year:
        return f"{STUDY_NS}{journal_key(citation.organisation)}-{citation.year}-{_document_kind(citation.text)}"
    facts = [fold_name(citation.first_author or ""), _slug(citation.journal or citation.organisation or ""),
             str(citation.year or "")]
    described = "-".join(part for part in facts if part)
    if described:
        return f"{STUDY_NS}unidentified-{described}"
    digest = hashlib.sha1(f"{citation.text.lower()}@{citation.start}".encode()).hexdigest()[:8]
    return f"{STUDY_NS}unidentified-{_slug(citation.text)[:40]}-{digest}"


def _document_kind(text: str) -> str:
    """What a body issued, by the words that name it: a guideline (guidelines, recommendations, a statement) or a
    report."""
    return "report" if re.search(r"\breport\b", text, re.IGNORECASE) else "guideline"


def _fresh_iri(citation: Citation, known: Sequence[KnownStudy]) -> str:
    iri = mint_study_iri(citation)
    if any(study.iri == iri for study in known):
        iri += "-" + hashlib.sha1(f"{citation.text}@{citation.start}".encode()).hexdigest()[:6]
    return iri


def match_citation(citation: Citation, known: Sequence[KnownStudy], context: str = "") -> StudyMatch:
    """The study ``citation`` names: a known one (matched), a pending draft, a new draft, or a vague appeal.

    ``context`` is the text around the mention (its sentence or paragraph), used for topic overlap."""
    decided = (_by_identifier(citation, known) or _by_author_year(citation, known) or _by_title(citation, known)
               or _by_journal_topic(citation, known, context or citation.text))
    if decided:
        return decided
    if not citation.identifiable:
        found = _unidentifiable(citation, known, context)
        if found:
            return found
        return StudyMatch("vague", _fresh_iri(citation, known), 0.0,
                          "names no study precisely and no unidentified study agrees")
    return StudyMatch("new", _fresh_iri(citation, known), 0.0, "no known study with the same DOI, PMID, "
                      "or first author and year")
