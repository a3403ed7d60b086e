from __future__ import annotations

import pytest

from claimgraph.ingest.assertions.sentences import split_sentences
from claimgraph.ingest.assertions.structure import (
    STUDY_DESCRIPTION_FACTOR,
    Placement,
    is_heading,
    is_title,
    place_sentences,
    release_end,
)
from claimgraph.ingest.citations.references import find_reference_entries
from claimgraph.ingest.model import Sentence

FACTSHEET = (
    "What the trials say\n\n"
    "Needling seems to help people with foot pain.\n\n"
    "Moreau P, Lind K. Needling for painful feet in older adults. J Foot Res 2012; 4: 11-19.\n"
    "A small randomised trial that enrolled 30 adults with painful feet. Pain fell in the needling group.\n"
)


def placed(text: str) -> dict[str, Placement]:
    sentences = split_sentences(text)
    entries = sorted((entry.start, entry.end) for entry in find_reference_entries(text))
    return {sentence.text: placement for sentence, placement in zip(sentences, place_sentences(sentences, entries),
                                                                     strict=True)}


def test_a_reference_entry_bears_no_claim() -> None:
    placements = placed(FACTSHEET)
    inside = [text for text, placement in placements.items() if placement.reference]
    assert inside and all("Moreau" in text or "Needling for painful feet" in text or "2012" in text
                          for text in inside)
    assert all(placement.factor == 0.0 for placement in placements.values() if placement.reference)


def test_the_sentence_after_an_entry_describes_the_study_and_the_next_does_not() -> None:
    placements = placed(FACTSHEET)
    description = placements["A small randomised trial that enrolled 30 adults with painful feet."]
    assert description.study_description
    assert description.factor == STUDY_DESCRIPTION_FACTOR
    finding = placements["Pain fell in the needling group."]
    assert not finding.study_description and not finding.reference and finding.factor == 1.0


def test_sentences_of_a_text_without_references_keep_their_confidence() -> None:
    placements = placed("Needling seems to help people with foot pain. It is said to calm the nerves.")
    assert {placement.factor for placement in placements.values()} == {1.0}


@pytest.mark.parametrize(("text", "expected"), [
    ("What the trials say", True),
    ("3.Needling is proven to ease foot pain", True),
    ("• Eases foot pain", False),
    ("Needling eases foot pain.", False),
    ("Needling eases foot pain in older adults and in younger adults too, say the trials", False),
])
def test_headings(text: str, expected: bool) -> None:
    assert is_heading(Sentence(0, len(text), text)) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Needling for Painful Feet: A Practical Guide", True),
    ("NEEDLING AND FOOT PAIN", True),
    ("How needling can help", True),
    ("Needling is proven to ease foot pain", False),
    ("Possible ways needling works", False),
])
def test_titles_name_a_topic(text: str, expected: bool) -> None:
    assert is_title(text) is expected


def test_a_title_heading_is_placed_as_a_title() -> None:
    placements = placed("Needling for Painful Feet\n\nNeedling seems to help people with foot pain.")
    assert placements["Needling for Painful Feet"].title
    assert not placements["Needling seems to help people with foot pain."].title


def test_sentences_below_an_entry_report_the_study_up_to_the_next_heading() -> None:
    text = FACTSHEET + "\nWhat the reviews say\n\nReviews agree that needling is safe.\n"
    placements = placed(text)
    assert placements["Pain fell in the needling group."].reports_study
    assert not placements["Reviews agree that needling is safe."].reports_study
    assert not placements["Needling seems to help people with foot pain."].reports_study


def test_after_a_release_end_mark_everything_is_boilerplate() -> None:
    text = ("Needling eases pain, trial finds.\n\nThe trial enrolled 90 adults.\n\n###\n\nAbout Lakeside Institute\n\n"
            "Lakeside Institute is a leading centre for pain research.\n")
    sentences = split_sentences(text)
    placements = place_sentences(sentences, (), release_end(text))
    boilerplate = [s.text for s, p in zip(sentences, placements, strict=True) if p.boilerplate]
    assert boilerplate and all(text.index(s) >= text.index("###") for s in boilerplate)
    assert not placements[0].boilerplate
    assert all(p.factor == 0.0 for p in placements if p.boilerplate)


@pytest.mark.parametrize(("text", "end"), [("Body.\n###\nAbout us", 6), ("Body.\n - ### -\nx", 6),
                                           ("Body.\n# # #\nx", 6), ("Use #hashtags ### here", None)])
def test_a_release_end_mark_is_a_line_of_its_own(text: str, end: int | None) -> None:
    assert release_end(text) == end


PAPER_TEXT = """ABSTRACT
Background: Cold feet trouble older adults and their causes are unclear.
Methods: We followed 240 adults for two years and measured skin temperature.
Results: Needling warmed the feet of most adults. Warm feet were linked to better sleep.
Conclusions: Needling may warm cold feet.
Key words: cold feet, needling
Introduction
Cold feet are common in older age.
Methods
Adults were randomly allocated to needling or to usual care.
Discussion
In this trial, needling warmed cold feet.
It also eased pain.
Its effect lasted a year.
Earlier trials were small.
"""


def test_a_papers_sections_say_where_its_findings_are() -> None:
    from claimgraph.ingest.assertions.sentences import split_sentences

    sentences = split_sentences(PAPER_TEXT)
    placed = {sentence.text.split("\n")[0][:28]: placement.section
              for sentence, placement in zip(sentences, place_sentences(sentences), strict=True)}
    assert placed["Results: Needling warmed the"] == "findings"
    assert placed["Warm feet were linked to bet"] == "findings"
    assert placed["Conclusions: Needling may wa"] == "findings"
    assert placed["Methods: We followed 240 adu"] == "methods"
    assert placed["Key words: cold feet, needli"] == "other"
    assert placed["Introduction"] == "background"
    assert placed["Adults were randomly allocat"] == "methods"
    assert placed["In this trial, needling warm"] == "findings"      # the discussion's opening states a finding
    assert placed["Earlier trials were small."] == "discussion"


def test_a_finding_about_things_the_graph_does_not_know_is_drafted_and_a_method_keeps_less() -> None:
    from claimgraph.ingest.assertions.structure import METHODS_FACTOR, Placement

    assert Placement(section="methods").factor == METHODS_FACTOR < 1.0
    assert Placement(section="findings").findings and Placement(section="findings").factor == 1.0
