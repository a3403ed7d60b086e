from __future__ import annotations

import pytest

from claimgraph.ingest.assertions.concepts import ConceptIndex, unknown_terms
from claimgraph.store import load
from helpers import GRAPHS

CONDITION = "https://w3id.org/claimgraph/id/condition/"




def found(concepts: ConceptIndex, text: str) -> list[tuple[str, str, str | None]]:
    return [(m.kind, m.label, m.iri) for m in concepts.find(text)]


def test_alt_labels_and_pref_labels_are_recognised(concepts: ConceptIndex) -> None:
    assert found(concepts, "After chemo-induced neuropathy, endorphins rose.") == [
        ("condition", "chemo-induced neuropathy", CONDITION + "cipn"),
        ("mechanism", "endorphins", "https://w3id.org/claimgraph/id/mechanism/endogenous-opioids"),
    ]


def test_acronyms_are_case_sensitive(concepts: ConceptIndex) -> None:
    assert found(concepts, "People with DPN tried EA.") == [
        ("condition", "DPN", CONDITION + "diabetic-neuropathy"),
        ("intervention", "EA", "https://w3id.org/claimgraph/id/intervention/electroacupuncture"),
    ]
    assert found(concepts, "The idea of a Dpn came from the sea.") == []


def test_the_longest_label_wins_and_spaces_match_hyphens_and_breaks(concepts: ConceptIndex) -> None:
    assert found(concepts, "Diabetic\nneuropathy and electro acupuncture.") == [
        ("condition", "Diabetic\nneuropathy", CONDITION + "diabetic-neuropathy"),
        ("intervention", "electro acupuncture", "https://w3id.org/claimgraph/id/intervention/electroacupuncture"),
    ]


def test_offsets_are_shifted_into_the_archived_text(concepts: ConceptIndex) -> None:
    text = "Intro. Needling for DPN."
    start = text.index("Needling")
    (mention,) = [m for m in concepts.find(text[start:], offset=start) if m.kind == "condition"]
    assert text[mention.start : mention.end] == "DPN"


def test_outcomes_are_literals_without_iri(concepts: ConceptIndex) -> None:
    mentions = concepts.find("It improved sleep and quality of life but not numbness.")
    assert [(m.kind, m.label, m.iri) for m in mentions] == [
        ("outcome", "sleep", None), ("outcome", "quality of life", None), ("outcome", "numbness", None)
    ]


@pytest.mark.parametrize(("text", "kind", "label"), [
    ("Needling was tried in tendinitis of the elbow.", "condition", "tendinitis"),
    ("Adults with fibromyalgia joined.", "condition", "fibromyalgia"),
    ("It was tested in Raynaud syndrome too.", "condition", "Raynaud syndrome"),
    ("Patients with low back pain came weekly.", "condition", "low back pain"),
    ("A small group had restless legs disorder.", "condition", "restless legs disorder"),
    ("The team compared heat therapy with rest.", "intervention", "heat therapy"),
    ("Some took vitamin B supplementation daily.", "intervention", "vitamin B supplementation"),
    ("It was compared with duloxetine and pregabalin.", "intervention", "duloxetine"),
])
def test_unknown_terms_are_drafted_without_iri(concepts: ConceptIndex, text: str, kind: str, label: str) -> None:
    assert (kind, label, None) in found(concepts, text)


def test_unknown_term_patterns_stay_narrow() -> None:
    text = "The traditional therapy was an add-on therapy; the spine and the medicine were fine."
    assert unknown_terms(text) == []


def test_a_known_label_is_not_also_an_unknown_term(concepts: ConceptIndex) -> None:
    assert found(concepts, "Patients had peripheral neuropathy.") == [
        ("condition", "peripheral neuropathy", CONDITION + "peripheral-neuropathy")
    ]


def test_the_curated_vocabularies_know_the_issue_s_synonyms() -> None:
    with load([GRAPHS / "conditions.ttl", GRAPHS / "mechanisms.ttl"]) as store:
        curated = ConceptIndex.from_store(store)
    labels = {m.label: m.iri for m in curated.find("DPN, CIPN, chemo-induced neuropathy, endorphins, PHN, NGF, Bcl-2")}
    assert labels["DPN"] == CONDITION + "diabetic-neuropathy"
    assert labels["CIPN"] == CONDITION + "cipn"
    assert labels["chemo-induced neuropathy"] == CONDITION + "cipn"
    assert labels["endorphins"] == "https://w3id.org/claimgraph/id/mechanism/endogenous-opioids"
    assert labels["PHN"] == CONDITION + "postherpetic-neuralgia"
    assert labels["NGF"] == "https://w3id.org/claimgraph/id/mechanism/neurotrophic-factors"
    assert labels["Bcl-2"] == "https://w3id.org/claimgraph/id/mechanism/anti-apoptosis"


def test_a_vocabulary_label_beats_an_overlapping_outcome_word(concepts: ConceptIndex) -> None:
    kinds = [(m.kind, m.label) for m in concepts.find("Less diabetic neuropathy pain relief needed.")]
    assert ("condition", "diabetic neuropathy") in kinds
