"""A new study's record in the draft: a label a reviewer can tell apart, registrations, references without authors."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from claimgraph.ingest.citations.find import find_citations
from claimgraph.ingest.draft.records import StudyDraft
from claimgraph.ingest.draft.turtle import add_new_study, study_label
from claimgraph.ingest.matching.studies import match_citation
from claimgraph.ingest.model import Citation, StudyMatch
from claimgraph.namespaces import CG


@pytest.mark.parametrize(("text", "label"), [
    ("Needling helped (Moreau 2013).", "Moreau 2013"),
    ("Okafor et al. showed it.", "Okafor (unidentified)"),
    ("It was registered as NCT04455667.", "Trial NCT04455667"),
    ("Warm Needles for Cold Toes in Winter and Spring: a randomized trial. JAMA Foot. 2019 Apr;2(4):e190042.",
     "JAMA Foot 2019: Warm Needles for Cold Toes in Winter and…"),
    ("A study published in Sleep Research 2018 followed nurses.", "Sleep Research 2018"),
    ("A recent study found warmer feet.", "Study cited as “A recent study found” (unidentified)"),
])
def test_study_label_says_how_the_document_names_it(text: str, label: str) -> None:
    """Each kind of mention gives a label of its own facts or words, never a shared placeholder."""
    assert study_label(find_citations(text)[0]) == label


def test_two_vague_studies_get_different_labels() -> None:
    """Two vague appeals in one text are told apart by their wording."""
    first, second = find_citations("Research shows one thing. Later, experts say another.")
    assert study_label(first) != study_label(second)


def _record(citation: Citation) -> rdflib.Graph:
    graph = rdflib.Graph()
    match = match_citation(citation, [])
    add_new_study(graph, StudyDraft(match, (citation,)))
    return graph


def test_new_study_from_a_reference_without_authors() -> None:
    """Identifiable, with title, journal, year and cg:citedAs (it has no first author), minted from its facts."""
    text = "Heat and needles in the elderly. Geriatr Med. 2015;4(1):9-15."
    citation = find_citations(text)[0]
    graph = _record(citation)
    node = URIRef("https://w3id.org/claimgraph/id/study/geriatr-med-2015-heat-needles-elderly")
    assert graph.value(node, CG.identifiable) == Literal(True)
    assert str(graph.value(node, DCTERMS.title)) == "Heat and needles in the elderly"
    assert str(graph.value(node, DCTERMS.issued)) == "2015"
    assert str(graph.value(node, CG.citedAs)) == text
    assert graph.value(node, CG.firstAuthor) is None


def test_new_study_from_a_registration() -> None:
    """A registry number is recorded as dcterms:identifier on an identifiable study cited as the number."""
    graph = _record(find_citations("Registered as NCT04455667.")[0])
    node = URIRef("https://w3id.org/claimgraph/id/study/nct04455667")
    assert (str(graph.value(node, DCTERMS.identifier)), graph.value(node, CG.identifiable)) == (
        "NCT04455667", Literal(True))
    assert str(graph.value(node, RDFS.label)) == "Trial NCT04455667"
    assert "add dcterms:issued" in str(graph.value(node, SKOS.editorialNote))


def test_vague_study_label_is_not_the_placeholder() -> None:
    """A vague appeal's study is labelled by its words."""
    citation = find_citations("Studies have found fewer cramps.")[0]
    graph = rdflib.Graph()
    add_new_study(graph, StudyDraft(StudyMatch("vague", "https://w3id.org/claimgraph/id/study/x", 0.0, "r"),
                                    (citation,)))
    label = str(graph.value(URIRef("https://w3id.org/claimgraph/id/study/x"), RDFS.label))
    assert "Studies have found" in label and "Unnamed" not in label
