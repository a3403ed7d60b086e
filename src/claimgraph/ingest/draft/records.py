"""The draft a reviewer edits: one Turtle file per document, in the ontology's terms.

Every drafted record carries ``cg:needsReview true``, the detector's ``cg:draftConfidence`` and, as a
``skos:editorialNote``, what it was drafted from (the sentence, the cue, the match reason). Records the graph
already holds (a matched study, a linked claim, a known concept) are referenced, never restated. Each
citation mention is a Web Annotation (motivation ``oa:identifying``) whose body is the study it names and
whose target is the mention's position in the archived text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimgraph.ingest.model import Citation, ConceptMention, Document, DraftAssertion, Speaker, StudyMatch
from claimgraph.ingest.names import ascii_fold

if TYPE_CHECKING:
    from claimgraph.ingest.read.archive import ArchivedCopy

QUOTE_CONTEXT = 32
"""Characters of text kept on each side of a quote as ``oa:prefix`` / ``oa:suffix``, so it re-anchors."""

NEW_CLAIM_LABEL = "TO PARAPHRASE: "
"""Start of a drafted claim's label: the reviewer replaces it with a paraphrase in their own words."""


@dataclass(frozen=True)
class StudyDraft:
    """One study the document mentions: its mentions, how they resolved, and what the document says of it."""

    match: StudyMatch
    citations: tuple[Citation, ...]
    design: str | None = None
    participants: int | None = None
    finding_span: tuple[int, int] | None = None
    figures: tuple[str, ...] = ()
    facts: Citation | None = None
    """The facts the document's mentions give together (its study frame), when they say more than any one."""


@dataclass
class DraftInput:
    """Everything ingest found in one document, ready to be written as a draft."""

    source_id: str
    document: Document
    archive: ArchivedCopy
    kind: str
    assertions: Sequence[DraftAssertion]
    studies: Sequence[StudyDraft]
    new_concepts: Sequence[ConceptMention] = field(default_factory=list)
    existing_evidence: frozenset[str] = frozenset()

    @property
    def text(self) -> str:
        """The archived text every offset indexes."""
        return self.document.text


def slug(text: str, words: int = 6) -> str:
    """Lowercase ASCII words joined by hyphens (at most ``words`` of them)."""
    return "-".join(re.findall(r"[a-z0-9]+", ascii_fold(text))[:words]) or "x"


def squash(text: str) -> str:
    """``text`` with every run of whitespace made one space."""
    return " ".join(text.split())


def comment_line(text: str) -> str:
    """``text`` as one Turtle comment line: every line break (``\\n``, ``\\r``, U+2028, …) made a space, so a file
    name or title can never end the comment and start triples."""
    return "# " + squash(text) + "\n"


def concept_iri(mention: ConceptMention) -> str:
    """A known concept's IRI, or the IRI a new one is drafted under (its kind's namespace, a slug of its label)."""
    from claimgraph.namespaces import CONDITION, INTERVENTION, MECHANISM

    if mention.iri:
        return mention.iri
    namespace = {"condition": CONDITION, "intervention": INTERVENTION, "mechanism": MECHANISM}[mention.kind]
    return str(namespace[slug(mention.label)])


def claim_iri(source_id: str, number: int, assertion: DraftAssertion) -> str:
    """The linked claim's IRI, or a new claim's IRI minted from the source and the assertion's number."""
    from claimgraph.namespaces import CLAIM

    return assertion.claim.iri or str(CLAIM[f"{source_id}-{number:02d}"])


def speaker_iri(source_id: str, speaker: Speaker) -> str:
    """The IRI a speaker is drafted under: the source and the speaker's last word ("Dr. Ada Okafor" and "Okafor"
    are one speaker of the source; "the researchers" another). Speakers are never shared across sources."""
    from claimgraph.namespaces import SPEAKER

    return str(SPEAKER[f"{source_id}--{slug(speaker.name.split()[-1])}"])


def speaker_records(source_id: str, assertions: Sequence[DraftAssertion]) -> dict[str, Speaker]:
    """Each speaker of the draft by IRI, named by the longest form the text uses, with the first role it states."""
    found: dict[str, Speaker] = {}
    for assertion in assertions:
        speaker = assertion.speaker
        if speaker is None:
            continue
        iri = speaker_iri(source_id, speaker)
        known = found.get(iri)
        if known is None:
            found[iri] = speaker
            continue
        name = max(known.name, speaker.name, key=len)
        found[iri] = Speaker(name, known.role or speaker.role, known.start, known.end)
    return found


def local_name(iri: str) -> str:
    """The last path segment of an IRI."""
    return iri.rstrip("/").rsplit("/", 1)[-1]
