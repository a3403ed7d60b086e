"""Turn what ingest found in one document into RDF records, and those records into the draft's Turtle."""

from __future__ import annotations

from decimal import Decimal

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from claimgraph.ingest.draft.records import (
    NEW_CLAIM_LABEL,
    QUOTE_CONTEXT,
    DraftInput,
    StudyDraft,
    claim_iri,
    comment_line,
    concept_iri,
    local_name,
    speaker_iri,
    speaker_records,
    squash,
)
from claimgraph.ingest.model import Citation, DraftAssertion, Speaker
from claimgraph.namespaces import (
    ASSERTION,
    BIBO,
    CG,
    CITO,
    CLAIM_TYPE,
    DESIGN,
    DIRECTION,
    DIRECTNESS,
    EVIDENCE,
    FABIO,
    MENTION,
    OA,
    POLARITY,
    PREFIXES,
    PRISM,
    REPORT,
    SOURCE,
    SOURCE_KIND,
    SPDX,
    SPEAKER_ROLE,
    STRENGTH,
)
from claimgraph.store.base import bind_prefixes

_DATE = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}
LABEL_WORDS = 8
"""How many words of a title or of a vague mention a new study's label keeps."""


class DraftGraph:
    """Builds the draft graph of one document; each ``_add_*`` method writes one kind of record."""

    def __init__(self, draft: DraftInput):
        self.draft = draft
        self.graph = bind_prefixes(rdflib.Graph())
        self.source = SOURCE[draft.source_id]

    def build(self) -> rdflib.Graph:
        """All records of the draft."""
        self._add_source()
        for concept in self.draft.new_concepts:
            self._add_concept(concept.kind, concept.label, concept_iri(concept))
        for number, assertion in enumerate(self.draft.assertions, start=1):
            self._add_assertion(number, assertion)
        for iri, speaker in speaker_records(self.draft.source_id, self.draft.assertions).items():
            self._add_speaker(URIRef(iri), speaker)
        for study in self.draft.studies:
            self._add_study(study)
        return self.graph

    def _review(self, node: URIRef, confidence: float | None, note: str | None) -> None:
        mark_for_review(self.graph, node, confidence, note)

    def _add_source(self) -> None:
        draft, add, node = self.draft, self.graph.add, self.source
        document = draft.document
        add((node, RDF.type, CG.Source))
        add((node, DCTERMS.title, Literal(squash(document.title or draft.source_id))))
        add((node, CG.sourceKind, SOURCE_KIND[draft.kind]))
        add((node, CG.localCopy, Literal(draft.archive.name)))
        checksum = BNode()
        add((node, SPDX.checksum, checksum))
        add((checksum, RDF.type, SPDX.Checksum))
        add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        add((checksum, SPDX.checksumValue, Literal(draft.archive.sha256, datatype=XSD.hexBinary)))
        if document.author:
            add((node, DCTERMS.creator, Literal(squash(document.author))))
        if document.publisher:
            add((node, DCTERMS.publisher, Literal(squash(document.publisher))))
        if document.date and len(document.date) in _DATE:
            add((node, DCTERMS.issued, Literal(document.date, datatype=_DATE[len(document.date)])))
        self._review(node, None, f"Drafted from {document.origin} ({document.media_type}); check title and kind.")

    def _add_concept(self, kind: str, label: str, iri: str) -> None:
        node = URIRef(iri)
        self.graph.add((node, RDF.type, CG[kind.capitalize()]))
        self.graph.add((node, SKOS.prefLabel, Literal(label, lang="en")))
        self._review(node, None, f"A {kind} the vocabularies do not know yet: keep it, or use a known one.")

    def _add_assertion(self, number: int, assertion: DraftAssertion) -> None:
        draft, add = self.draft, self.graph.add
        node = ASSERTION[f"{draft.source_id}-{number:02d}"]
        claim = URIRef(claim_iri(draft.source_id, number, assertion))
        text = draft.text
        start, end = assertion.quote_start, assertion.quote_end
        add((node, RDF.type, CG.Assertion))
        add((node, OA.hasBody, claim))
        target, selector = BNode(), BNode()
        add((node, OA.hasTarget, target))
        add((target, RDF.type, OA.SpecificResource))
        add((target, OA.hasSource, self.source))
        add((target, OA.hasSelector, selector))
        add((selector, RDF.type, OA.TextQuoteSelector))
        add((selector, OA.exact, Literal(text[start:end])))
        add((selector, OA.prefix, Literal(text[max(0, start - QUOTE_CONTEXT):start])))
        add((selector, OA.suffix, Literal(text[end:end + QUOTE_CONTEXT])))
        add((node, CG.strength, STRENGTH[assertion.strength.code]))
        cited = [self.draft.studies[index].match.iri for index in assertion.citations]
        for study in dict.fromkeys(cited):
            add((node, CITO.citesAsEvidence, URIRef(study)))
        cue = f"cue '{assertion.strength.cue}'" if assertion.strength.cue else "no cue (a flat statement)"
        link = (f"restates {local_name(assertion.claim.iri)} (score {assertion.claim.score:.2f})"
                if assertion.claim.iri else _unlinked_note(assertion))
        if assertion.claim.score > 0:
            add((node, CG.linkScore, Literal(Decimal(f"{min(assertion.claim.score, 1.0):.2f}"))))
        said = ""
        if assertion.speaker is not None:
            add((node, PROV.wasAttributedTo, URIRef(speaker_iri(draft.source_id, assertion.speaker))))
            said = f" | said by {assertion.speaker.name}, not the source itself: check who says it"
        self._review(node, assertion.confidence,
                     f"Sentence: {assertion.sentence.text} | strength {assertion.strength.code} by {cue} | {link}"
                     f"{said}")
        if not assertion.claim.iri:
            self._add_new_claim(claim, assertion)
        for study in dict.fromkeys(cited):
            self._add_evidence_line(URIRef(study), claim)

    def _add_speaker(self, node: URIRef, speaker: Speaker) -> None:
        add = self.graph.add
        add((node, RDF.type, CG.Speaker))
        if not speaker.group:
            add((node, RDF.type, PROV.Person))
        add((node, RDFS.label, Literal(squash(speaker.name))))
        if speaker.role:
            add((node, CG.speakerRole, SPEAKER_ROLE[speaker.role]))

    def _add_new_claim(self, claim: URIRef, assertion: DraftAssertion) -> None:
        add = self.graph.add
        quote = self.draft.text[assertion.quote_start:assertion.quote_end]
        add((claim, RDF.type, CG.Claim))
        add((claim, RDFS.label, Literal(NEW_CLAIM_LABEL + squash(quote))))
        add((claim, CG.claimType, CLAIM_TYPE[assertion.claim_type]))
        add((claim, CG.polarity, POLARITY[assertion.polarity]))
        property_of = {"condition": CG.aboutCondition, "intervention": CG.aboutIntervention,
                       "mechanism": CG.aboutMechanism}
        outcomes = []
        for concept in assertion.concepts:
            if concept.kind == "outcome":
                outcomes.append(concept.label.lower())
            else:
                add((claim, property_of[concept.kind], URIRef(concept_iri(concept))))
        if outcomes:
            add((claim, CG.outcome, Literal("; ".join(dict.fromkeys(outcomes)))))
        self._review(claim, assertion.confidence, "A new claim: write its label as a paraphrase in your own words.")

    def _add_evidence_line(self, study: URIRef, claim: URIRef) -> None:
        """The source's own line from ``study`` to ``claim``, named for the source (two drafts citing one study
        for one claim draw two lines, so either can be accepted first); none where the graph already has the
        curated line ``evidence:<study>--<claim>``."""
        pair = f"{local_name(study)}--{local_name(claim)}"
        if str(EVIDENCE[pair]) in self.draft.existing_evidence:
            return
        node = EVIDENCE[f"{pair}--{self.draft.source_id}"]
        add = self.graph.add
        add((node, RDF.type, CG.EvidenceLine))
        add((node, CG.fromStudy, study))
        add((node, CG.bearsOn, claim))
        add((node, CG.direction, DIRECTION.supports))
        add((node, CG.directness, DIRECTNESS.direct))
        add((node, CG.drawnBy, self.source))
        self._review(node, None, "The source cites this study for this claim: check direction and directness.")

    def _add_study(self, study: StudyDraft) -> None:
        match, add = study.match, self.graph.add
        node = URIRef(match.iri)
        for citation in study.citations:
            self._add_mention(node, citation)
        report = REPORT[f"{self.draft.source_id}-{local_name(match.iri)}"]
        add((report, RDF.type, CG.StudyReport))
        add((report, CG.reportOf, node))
        add((report, CG.reportedIn, self.source))
        years = [citation.year for citation in study.citations if citation.year]
        if years:
            add((report, CG.reportedYear, Literal(str(years[0]), datatype=XSD.gYear)))
        if study.design:
            add((report, CG.reportedDesign, DESIGN[study.design]))
        if study.participants:
            add((report, CG.reportedParticipants, Literal(study.participants)))
        described = self.draft.text[slice(*study.finding_span)] if study.finding_span else study.citations[0].text
        figures = f" | figures as printed: {', '.join(study.figures)}" if study.figures else ""
        self._review(report, match.score, f"Write cg:reportedFinding from: {described}{figures}")
        if match.status in ("new", "vague"):
            add_new_study(self.graph, study)

    def _add_mention(self, study: URIRef, citation: Citation) -> None:
        add = self.graph.add
        node = MENTION[f"{self.draft.source_id}-{citation.start}-{citation.end}"]
        target, selector = BNode(), BNode()
        add((node, RDF.type, OA.Annotation))
        add((node, OA.motivatedBy, OA.identifying))
        add((node, OA.hasBody, study))
        add((node, OA.hasTarget, target))
        add((target, RDF.type, OA.SpecificResource))
        add((target, OA.hasSource, self.source))
        add((target, OA.hasSelector, selector))
        add((selector, RDF.type, OA.TextPositionSelector))
        add((selector, OA.start, Literal(citation.start, datatype=XSD.nonNegativeInteger)))
        add((selector, OA.end, Literal(citation.end, datatype=XSD.nonNegativeInteger)))
        add((node, CG.draftConfidence, Literal(Decimal(f"{citation.confidence:.2f}"))))


def mark_for_review(graph: rdflib.Graph, node: URIRef, confidence: float | None, note: str | None) -> None:
    """Mark a drafted record: cg:needsReview true, the detector's confidence, what it was drafted from."""
    graph.add((node, CG.needsReview, Literal(True)))
    if confidence is not None:
        graph.add((node, CG.draftConfidence, Literal(Decimal(f"{min(max(confidence, 0.0), 1.0):.2f}"))))
    if note:
        graph.add((node, SKOS.editorialNote, Literal(squash(note))))


def add_new_study(graph: rdflib.Graph, study: StudyDraft) -> None:
    """A new study's record, from the fullest of its mentions (bibliographic facts only, as printed)."""
    add = graph.add
    node = URIRef(study.match.iri)
    best = max((*study.citations, *([study.facts] if study.facts else [])), key=_completeness)
    add((node, RDF.type, CG.Study))
    identifiable = best.identifiable
    label = study_label(best)
    add((node, RDFS.label, Literal(label)))
    add((node, CG.identifiable, Literal(identifiable and bool(best.year))))  # the shapes: identifiable has a year
    add((node, CG.design, DESIGN[study.design or "unknown"]))
    if best.first_author:
        add((node, CG.firstAuthor, Literal(best.first_author)))
    if best.authors or best.organisation:
        add((node, DCTERMS.creator, Literal(", ".join(best.authors) or squash(best.organisation or ""))))
    if best.year:
        add((node, DCTERMS.issued, Literal(str(best.year), datatype=XSD.gYear)))
    for predicate, value in ((DCTERMS.title, best.title), (PRISM.publicationName, best.journal),
                             (BIBO.volume, best.volume), (BIBO.issue, best.issue), (BIBO.pages, best.pages),
                             (BIBO.doi, best.doi), (FABIO.hasPubMedId, best.pmid),
                             (DCTERMS.identifier, best.registration)):
        if value:
            add((node, predicate, Literal(squash(value))))
    if best.kind == "reference" and best.text:
        add((node, DCTERMS.bibliographicCitation, Literal(squash(best.text))))
    if not identifiable or not best.first_author or best.kind != "reference":
        add((node, CG.citedAs, Literal(squash(best.text or label))))
    note = study.match.reason
    if identifiable and not best.year:
        note += (" | Named precisely but no year printed: add dcterms:issued and set cg:identifiable true (an"
                 " identifiable study needs a year).")
    if best.year_inferred:
        note += (f" | The year {best.year} is inferred from the document's date (a story reports a study just"
                 " published): check it against the journal.")
    mark_for_review(graph, node, study.match.score, note)


def _shortened(text: str, words: int = LABEL_WORDS) -> str:
    parts = squash(text).split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def study_label(citation: Citation) -> str:
    """A new study's label, told apart from others by how the document names it: "Okafor 2012", "Trial
    NCT01234567", "JAMA Netw Open 2020: Effect of needling on …", or "Study cited as “a recent study” …"."""
    year = f" {citation.year}" if citation.year else ""
    if citation.first_author:
        return f"{citation.first_author}{year}" if year else f"{citation.first_author} (unidentified)"
    if citation.registration:
        return f"Trial {citation.registration}{year}"
    if citation.journal and citation.title:
        return f"{citation.journal}{year}: {_shortened(citation.title)}"
    if citation.journal and year:
        return f"{citation.journal}{year}"
    if citation.organisation:
        return f"{citation.organisation}{year}: “{_shortened(citation.text)}”"
    return f"Study cited as “{_shortened(citation.text)}” (unidentified)"


def _completeness(citation: Citation) -> int:
    """How many bibliographic fields a mention fills (the fullest mention describes a new study)."""
    fields = (citation.first_author, citation.year, citation.title, citation.journal, citation.volume,
              citation.pages, citation.doi, citation.pmid, citation.registration, citation.organisation)
    return sum(1 for value in fields if value) + (2 if citation.kind == "reference" else 0)


def _unlinked_note(assertion: DraftAssertion) -> str:
    """What the reviewer reads of a sentence no existing claim firmly matches: the closest one, to assert instead
    of the new claim when the sentence says the same."""
    link = assertion.claim
    if link.candidate is None:
        return "no existing claim about the same intervention and condition"
    return (f"no existing claim matched firmly; closest {local_name(link.candidate)} \"{link.label}\" "
            f"(score {link.score:.2f}): if the sentence says the same, make oa:hasBody that claim and drop the new one")


def build_draft(draft: DraftInput) -> rdflib.Graph:
    """The draft as an rdflib graph: source, assertions, new claims and concepts, studies, reports, evidence."""
    return DraftGraph(draft).build()


def draft_turtle(draft: DraftInput) -> str:
    """The draft as Turtle, with a header that tells the reviewer what to do."""
    header = [
        f"Draft of source:{draft.source_id}, drafted by `claimgraph ingest` from {draft.document.origin}",
        f"Archived text: {draft.archive.name} (sha256 {draft.archive.sha256})",
        "Review every record marked cg:needsReview true: check its quote, strength, claim and studies;",
        f"paraphrase each new claim's label (it starts with '{NEW_CLAIM_LABEL.strip()}') and write each report's",
        "cg:reportedFinding in your own words; then set its cg:needsReview to false. `claimgraph review` shows",
        "the draft beside the text; `claimgraph accept` checks it and writes it to graphs/.",
    ]
    return "".join(map(comment_line, header)) + turtle_with_every_prefix(build_draft(draft))


def turtle_with_every_prefix(graph: rdflib.Graph) -> str:
    """``graph`` as Turtle declaring every prefix of :data:`PREFIXES`, used or not, so a hand edit may use any."""
    lines = graph.serialize(format="turtle").splitlines(keepends=True)
    declared = 0
    while declared < len(lines) and lines[declared].startswith("@prefix "):
        declared += 1
    others = [line for line in lines[:declared] if line.split()[1].rstrip(":") not in PREFIXES]
    block = [f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items()]
    return "".join(block + others + lines[declared:])
