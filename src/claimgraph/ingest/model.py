"""The data the ingest stages pass to each other: plain, immutable records with character offsets.

Offsets (``start``, ``end``) always index the archived text (``Document.text``), so a mention can be
highlighted in the review page and a quote re-anchored with its prefix and suffix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

StrengthCode = str
"""A notation of a concept of cg:AssertionStrengths (ontology/vocabularies.ttl states which exist)."""
ClaimTypeCode = str
"""A notation of a concept of cg:ClaimTypes (ontology/vocabularies.ttl states which exist)."""
PolarityCode = str
"""A notation of a concept of cg:ClaimPolarities: effect, no-effect or evidence."""
ConceptKind = Literal["condition", "intervention", "mechanism", "outcome"]
CitationKind = Literal["reference", "author-year", "author", "journal-year", "news", "doi", "pmid", "registration",
                       "body", "vague"]
MatchStatus = Literal["matched", "pending", "new", "vague"]


@dataclass(frozen=True)
class Document:
    """Main text and metadata extracted from one input file."""

    text: str
    media_type: str
    origin: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    warnings: tuple[str, ...] = ()
    """What the reader should know of the extraction (one line each, naming the file): e.g. a fallback taken."""


@dataclass(frozen=True)
class Sentence:
    """One sentence (or list item, or heading) of the archived text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class StrengthCall:
    """How strongly a sentence words its claim, and the lexicon cue that decided it."""

    code: StrengthCode
    cue: str | None
    confidence: float


@dataclass(frozen=True)
class ConceptMention:
    """A condition, intervention, mechanism or outcome named in the text.

    ``iri`` is the known concept's IRI, or ``None`` for a term the vocabularies do not know yet (drafted as a
    new concept for review).
    """

    kind: ConceptKind
    label: str
    start: int
    end: int
    iri: str | None = None


@dataclass(frozen=True)
class Citation:
    """One mention of a study, parsed into bibliographic fields (any may be missing)."""

    kind: CitationKind
    start: int
    end: int
    text: str
    authors: tuple[str, ...] = ()
    first_author: str | None = None
    year: int | None = None
    title: str | None = None
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    confidence: float = 1.0
    registration: str | None = None
    """A trial registry number as printed, uppercase (ClinicalTrials.gov ``NCT01234567``, ``ISRCTN…``)."""
    year_inferred: bool = False
    """True when ``year`` was not printed but taken from the document's date ("published online Monday")."""
    participants: int | None = None
    """How many took part, when the document's mentions of the study say it (a specific description)."""
    organisation: str | None = None
    """The body that issued a guideline or report, its corporate author ("U.S. Preventive Services Task Force")."""

    @property
    def identifiable(self) -> bool:
        """True when the mention names a study precisely enough to find it: DOI, PMID, trial registration,
        author and year, author and journal (a story that prints no date), journal and year (a news story's study,
        which the story itself describes; a reference printed without authors), or issuing body and year (a
        guideline or report)."""
        return bool(self.doi or self.pmid or self.registration or (self.first_author and (self.year or self.journal))
                    or ((self.journal or self.organisation) and self.year))


@dataclass(frozen=True)
class StudyMatch:
    """Which study a citation names: a known one, a draft still pending review, or a new draft."""

    status: MatchStatus
    iri: str
    score: float
    reason: str


@dataclass(frozen=True)
class ClaimLink:
    """The existing claim an assertion restates (``iri``), or ``None`` with the best score found and, as
    ``candidate``, the closest claim a reviewer may choose instead (never linked by itself)."""

    iri: str | None
    score: float
    label: str | None = None
    candidate: str | None = None


@dataclass(frozen=True)
class Speaker:
    """Someone the source quotes or reports: a person or a group as the text names them, where (offsets of the
    name), and their role (a notation of cg:SpeakerRoles, or ``None`` when the text does not say)."""

    name: str
    role: str | None
    start: int
    end: int
    group: bool = False
    """True for a group ("the researchers", "experts"), not one named person."""

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class DraftAssertion:
    """A claim-bearing sentence, as drafted: quote, strength, type, concepts, linked claim, cited studies.

    ``citations`` are indices into the document's list of studies (the pipeline's ``StudyDraft`` list).
    """

    sentence: Sentence
    quote_start: int
    quote_end: int
    strength: StrengthCall
    claim_type: ClaimTypeCode
    confidence: float
    concepts: tuple[ConceptMention, ...] = ()
    claim: ClaimLink = field(default_factory=lambda: ClaimLink(None, 0.0))
    citations: tuple[int, ...] = ()
    speaker: Speaker | None = None
    """Who says it, when the source quotes or reports someone (``None``: the source itself)."""
    polarity: PolarityCode = "effect"
    """What it claims of the relation it names: an effect, no effect, or a statement about the evidence."""
    own_finding: bool = False
    """True when a paper states it as its own finding (its abstract's results or conclusions, its results): the
    paper's own study is its evidence."""
