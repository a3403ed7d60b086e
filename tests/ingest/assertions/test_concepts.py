from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.ingest.assertions.concepts import OUTCOME_WORDS, ConceptIndex, unknown_terms
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


@pytest.mark.parametrize(("text", "expected"), [
    ("The study was published in SLEEP.", ("outcome", "SLEEP", None)),
    ("PAIN fell.", ("outcome", "PAIN", None)),
    ("It helped PERIPHERAL NEUROPATHY.", ("condition", "PERIPHERAL NEUROPATHY", CONDITION + "peripheral-neuropathy")),
])
def test_labels_and_outcome_words_in_capitals_are_found(concepts: ConceptIndex, text: str,
                                                        expected: tuple[str, str, str | None]) -> None:
    """A word in capitals is looked up by the label it matched, not by its own (acronym-like) spelling."""
    assert expected in found(concepts, text)


def test_a_text_matching_a_label_in_no_common_folding_is_found() -> None:
    """"İ" matches "i" and "S DISEASE" matches a drafted "s disease" under the matcher's case folding, though
    neither lower-cases to its label."""
    index = ConceptIndex((("chronic insomnia", CONDITION + "insomnia", "condition"),
                          ("s disease", CONDITION + "s-disease", "condition")))
    assert found(index, "CHRONIC İNSOMNIA and PARKINSON’S DISEASE.") == [
        ("condition", "CHRONIC İNSOMNIA", CONDITION + "insomnia"),
        ("condition", "S DISEASE", CONDITION + "s-disease"),
    ]


ODD_LETTERS = "ĳİıßẞſKÅÉé\u0301’'-"
"""Letters whose case mappings differ between str.lower, str.upper and the regex engine's case folding (Turkish
dotted and dotless i, sharp s, long s, the Kelvin sign), accents, a combining accent and apostrophes."""
CASE_PAIRED = "abcdeiklnorszåéœ\u0301’'-"
"""Letters and marks that upper- and lower-casing map one to one (so a text keeps its length in capitals)."""
KINDS = st.sampled_from(["condition", "intervention", "mechanism"])


def _words(alphabet: str) -> st.SearchStrategy[str]:
    """Words starting with a plain lower-case letter (so a label made of them is no acronym)."""
    return st.builds(str.__add__, st.sampled_from("abcdeiklnorsz"), st.text(alphabet=alphabet, max_size=5))


@st.composite
def index_and_text(draw: st.DrawFn, alphabet: str, recase: bool) -> tuple[ConceptIndex, str]:
    """Up to six labels of one to three words, and a text of labels, outcome words, other words and gaps; with
    ``recase``, each piece also in capitals, lower case or title case."""
    words = _words(alphabet)
    labels = draw(st.lists(st.tuples(st.lists(words, min_size=1, max_size=3).map(" ".join), KINDS),
                           min_size=1, max_size=6))
    index = ConceptIndex(tuple((label, f"{CONDITION}c{number}", kind) for number, (label, kind) in enumerate(labels)))
    pieces = st.one_of(st.sampled_from([label for label, _ in labels] + list(OUTCOME_WORDS[:6])), words,
                       st.sampled_from([" ", "  ", "\n", ", ", ". ", " (", ") ", "’s "]))
    cases = st.sampled_from([str.upper, str.lower, str.title, str] if recase else [str])
    return index, "".join(draw(cases)(piece) for piece in draw(st.lists(pieces, max_size=16)))


@settings(max_examples=100, deadline=None)
@given(index_and_text(CASE_PAIRED + ODD_LETTERS, recase=True))
def test_matching_never_raises(case: tuple[ConceptIndex, str]) -> None:
    """Any labels, any text in any case: every match is found back in the index."""
    index, text = case
    for mention in index.find(text):
        assert text[mention.start:mention.end] == mention.label


@settings(max_examples=100, deadline=None)
@given(index_and_text(CASE_PAIRED, recase=False))
def test_a_label_found_in_lower_case_is_found_in_capitals(case: tuple[ConceptIndex, str]) -> None:
    """With labels that are no acronyms, the vocabulary mentions of a text are the same in lower case and in
    capitals."""
    index, text = case

    def vocabulary(variant: str) -> set[tuple[int, int, str | None]]:
        return {(m.start, m.end, m.iri) for m in index.find(variant) if m.iri is not None}

    assert vocabulary(text.lower()) == vocabulary(text.upper())
