"""What a document reports of a study: British and American design words, n, the paragraph a bracket closes."""

from __future__ import annotations

import pytest

from claimgraph.ingest.citations.find import find_citations
from claimgraph.ingest.citations.reports import closing_paragraph, report_facts, study_design, study_size

REFERENCE = "(Needles for tired feet: a pilot trial. Foot Med. 2021;3(2):1-9)"


@pytest.mark.parametrize(("paragraph", "design", "participants"), [
    ("A pilot randomised trial of needling in 75 patients eased tingling.", "rct", 75),
    ("In a pilot study, 33 adult patients with numb hands were randomised to needles or sham.", "rct", 33),
    ("A randomized clinical trial followed 120 participants for a year.", "rct", 120),
    ("Forty women were randomized into two groups.", "rct", 40),
    ("A non-randomised study of 12 patients found warmer feet.", None, 12),
    ("A quasi-randomised study compared with usual care in 18 people.", "controlled-trial", 18),
    ("A pilot study in 20 volunteers found warmer feet.", "controlled-trial", 20),
    ("Needles warmed the feet of most people who tried them.", None, None),
])
def test_design_and_participants_from_the_paragraph_a_bracket_closes(paragraph: str, design: str | None,
                                                                     participants: int | None) -> None:
    """A reference in brackets after a paragraph takes its design and n from that paragraph."""
    text = f"Heading\n{paragraph} {REFERENCE}\nAn unrelated randomised trial in 999 patients."
    citation = find_citations(text)[0]
    facts = report_facts(text, citation)
    assert (facts.design, facts.participants) == (design, participants)
    assert text[facts.start:facts.end].startswith(paragraph[:20])
    assert "999" not in text[facts.start:facts.end]


def test_a_bracket_on_its_own_line_closes_the_paragraph_before() -> None:
    """A bracketed reference standing on its own line, after a blank line, closes the paragraph above."""
    text = "Intro.\nIn a pilot study, 30 patients were randomised.\n\n" + REFERENCE + "\n"
    citation = find_citations(text)[0]
    span = closing_paragraph(text, citation)
    assert span is not None and text[span[0]:span[1]].startswith("In a pilot study")
    assert text[span[0]:span[1]].endswith(")")


def test_a_reference_list_entry_closes_no_paragraph() -> None:
    """An entry at the start of a line is not in running text: no paragraph."""
    text = "Needles for tired feet: a pilot trial. Foot Med. 2021;3(2):1-9."
    assert closing_paragraph(text, find_citations(text)[0]) is None


def test_sentence_facts_with_british_spellings() -> None:
    """An author-year mention's own sentence: "randomised" and "were randomised to" give rct."""
    text = "Okafor et al. (2012) randomised 48 patients to needles or sham. Later 999 patients were seen."
    facts = report_facts(text, find_citations(text)[0])
    assert (facts.design, facts.participants) == ("rct", 48)


@pytest.mark.parametrize(("text", "size"), [
    ("A new drug helps. The study included 437 Huntington's disease patients in Spain.", 437),
    ("Researchers analyzed the bone scans of over 1000 older women.", 1000),
    ("A formal analysis of 35 trials found no effect.", 35),
    ("An earlier study of 90 patients found it. The drug is new.", None),      # another study's size
    ("Forty people tried it at home.", None),                                  # not said of the study
    ("A 2010 study of 450 children found no gain.", 450),                      # a year is no count
    ("The study pooled data on 1,287 patients.", 1287),
    ("The study reviewed guidelines from 2004, which recommend that children sleep.", None),  # a year, a comma
    ("The new study finds three times as many patients would be diagnosed.", None),         # a ratio
    ("The study found 20 percent of patients improved.", None),                              # a share
])
def test_the_size_of_the_study_a_story_reports(text: str, size: int | None) -> None:
    assert study_size(text) == size


@pytest.mark.parametrize(("text", "design"), [
    ("Needling eased pain. The randomized trial enrolled 212 adults.", "rct"),
    ("A new analysis pooled 35 trials in a meta-analysis.", "meta-analysis"),
    ("An earlier randomized trial found less. The drug is new.", None),        # another study's design
])
def test_the_design_of_the_study_a_story_reports(text: str, design: str | None) -> None:
    assert study_design(text) == design
