"""References printed without authors: each form field by field, where an entry starts, what is not one."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.ingest.citations.authorless import find_authorless_references, split_title_journal
from claimgraph.ingest.citations.find import find_citations
from helpers import assert_citations_found

FORMS: list[tuple[str, str, dict[str, Any]]] = [
    ("title, journal, year month",
     "Needling for cold toes in winter: a randomized pilot study. Foot Ther Res. 2021 Feb;8(2):40-47.",
     {"title": "Needling for cold toes in winter: a randomized pilot study", "journal": "Foot Ther Res",
      "year": 2021, "volume": "8", "issue": "2", "pages": "40-47", "first_author": None, "confidence": 1.0}),
    ("in brackets with an e-locator, no stop before the journal",
     "Toes warmed in most people.\n(Warm Needles vs Sham for Cold Toes: A Randomized Clinical Trial JAMA Foot. "
     "2019 Apr 3;2(4):e190042)",
     {"title": "Warm Needles vs Sham for Cold Toes: A Randomized Clinical Trial", "journal": "JAMA Foot",
      "year": 2019, "volume": "2", "issue": "4", "pages": "e190042", "confidence": 0.8}),
    ("in brackets, journal after a design word",
     "Feet ached less (Needles Against Aching Feet: A Controlled Trial Pain Med. 2016;17(3):501-9).",
     {"title": "Needles Against Aching Feet: A Controlled Trial", "journal": "Pain Med", "year": 2016,
      "pages": "501-9"}),
    ("journal abbreviated with stops", "Sleep after needling in nurses. J. Sleep Res. 2018;27:e12.",
     {"title": "Sleep after needling in nurses", "journal": "J Sleep Res", "year": 2018, "volume": "27",
      "issue": None, "pages": "e12"}),
    ("numbered entry keeps its number", "References\n1. Heat and needles in the elderly. Geriatr Med. 2015;4(1):9-15.",
     {"text": "1. Heat and needles in the elderly. Geriatr Med. 2015;4(1):9-15.", "year": 2015,
      "journal": "Geriatr Med"}),
    ("bracket-numbered entry", "Sources\n[4] Heat and needles in the elderly. Geriatr Med. 2015;4(1):9-15.",
     {"text": "[4] Heat and needles in the elderly. Geriatr Med. 2015;4(1):9-15.", "title":
      "Heat and needles in the elderly"}),
    ("after prose on the same line", "The clinic reopened in May. Needles for feet in the snow. Foot Med. "
     "2017;4:1-5.", {"title": "Needles for feet in the snow", "journal": "Foot Med", "year": 2017}),
    ("title asking a question", "Does needling warm the feet? A sham-controlled trial. Foot Med. 2017;4:6-9.",
     {"title": "Does needling warm the feet? A sham-controlled trial", "journal": "Foot Med"}),
    ("one-word journal that is also a title word", "Needle counts in forty small trials. Trials. 2019;20:101.",
     {"title": "Needle counts in forty small trials", "journal": "Trials", "volume": "20", "pages": "101"}),
    ("journal spelt out", "Needles for aching shins. Journal of Shin Research. 2019;12:1-5.",
     {"title": "Needles for aching shins", "journal": "Journal of Shin Research", "year": 2019}),
    ("with a DOI after the tail", "Warm needles at night. Night Med. 2014;3(1):5-9. doi:10.4444/nm.2014.3\n",
     {"title": "Warm needles at night", "doi": "10.4444/nm.2014.3", "year": 2014}),
]


@pytest.mark.parametrize(("text", "expected"), [(text, expected) for _, text, expected in FORMS],
                         ids=[name for name, _, _ in FORMS])
def test_each_form_is_one_reference_with_its_fields(text: str, expected: dict[str, Any]) -> None:
    """find_citations finds one reference per form, with each field as printed and its text as its span."""
    assert_citations_found(text, [{"kind": "reference", **expected}])


def test_a_reference_without_authors_is_identifiable() -> None:
    """Title, journal and year name one paper: identifiable, though no first author."""
    citation = find_citations("Heat and needles in the elderly. Geriatr Med. 2015;4(1):9-15.")[0]
    assert citation.first_author is None and citation.identifiable


def test_an_entry_with_authors_stays_one_reference_with_its_authors() -> None:
    """An author-list entry is not also read as a reference without authors."""
    found = find_citations("2. Berg C, Holm D. Heat and needles in the elderly. Geriatr Med. 2015;4(1):9-15.")
    assert [(c.kind, c.first_author) for c in found] == [("reference", "Berg")]


@pytest.mark.parametrize("text", [
    "The clinic opened in 2019;3 rooms were ready.",
    "Fees rose. Prices were set in March 2020;12 sessions cost less.",
    "Okay. Go. 2012;4:1-2.",
])
def test_prose_with_a_year_and_semicolon_is_not_a_reference(text: str) -> None:
    """A year followed by ";number" in prose, or a tail without a title of three words, is no reference."""
    assert list(find_authorless_references(text)) == []


@pytest.mark.parametrize(("body", "journal"), [
    ("Needles for Feet: A Randomized Clinical Trial JAMA Netw Open", "JAMA Netw Open"),
    ("Needles for Feet: A Pilot Study Clin J Pain", "Clin J Pain"),
    ("needles for feet in cancer survivors Support Care Cancer", "Support Care Cancer"),
    ("Needles for feet: a review BMJ", "BMJ"),
])
def test_split_title_journal(body: str, journal: str) -> None:
    """The journal is the trailing run of abbreviation-like words after the title's last long or design word."""
    cut = split_title_journal(body)
    assert cut is not None and body[cut:] == journal


def test_split_title_journal_without_a_journal() -> None:
    """A run of title words with no acronym or journal word gives no cut."""
    assert split_title_journal("Needles for the tired feet of runners") is None
