"""Precise identifiers in running text and bracket-numbered entries: each form field by field."""

from __future__ import annotations

import time
from typing import Any

import pytest

from claimgraph.ingest.citations.find import find_citations
from claimgraph.ingest.citations.references import (
    find_dois,
    find_reference_entries,
    find_registrations,
    normalize_doi,
)
from helpers import assert_citations_found

FORMS: list[tuple[str, str, dict[str, Any]]] = [
    ("ClinicalTrials.gov number", "The trial was registered (NCT04455667) before it began.",
     {"kind": "registration", "registration": "NCT04455667", "text": "NCT04455667", "identifiable": True}),
    ("registration in lowercase", "see clinicaltrials.gov/ct2/show/nct04455667 for the protocol",
     {"kind": "registration", "registration": "NCT04455667"}),
    ("ISRCTN number", "Registered as ISRCTN87654321.", {"kind": "registration", "registration": "ISRCTN87654321"}),
    ("doi.org link without scheme", "Read doi.org/10.2000/feet.2019.12 today.",
     {"kind": "doi", "doi": "10.2000/feet.2019.12", "text": "doi.org/10.2000/feet.2019.12"}),
    ("dx.doi.org link", "At http://dx.doi.org/10.2000/Feet.7 it says so.",
     {"kind": "doi", "doi": "10.2000/feet.7", "text": "http://dx.doi.org/10.2000/Feet.7"}),
    ("encoded slash", "Link: https://doi.org/10.2000%2Ffeet.8", {"kind": "doi", "doi": "10.2000/feet.8"}),
    ("PubMed link with scheme and slash", "Abstract: https://pubmed.ncbi.nlm.nih.gov/31234567/ (free).",
     {"kind": "pmid", "pmid": "31234567", "text": "https://pubmed.ncbi.nlm.nih.gov/31234567/"}),
    ("old PubMed link", "Abstract: https://www.ncbi.nlm.nih.gov/pubmed/21234567 here.",
     {"kind": "pmid", "pmid": "21234567"}),
    ("bracket-numbered author entry", "References\n[3] Quist A, Berg C. Needling for cold feet. Foot Med. "
     "2018;12(4):101-9.",
     {"kind": "reference", "first_author": "Quist", "year": 2018, "pages": "101-9",
      "text": "[3] Quist A, Berg C. Needling for cold feet. Foot Med. 2018;12(4):101-9."}),
]


@pytest.mark.parametrize(("text", "expected"), [(text, expected) for _, text, expected in FORMS],
                         ids=[name for name, _, _ in FORMS])
def test_each_form_is_found_and_parsed(text: str, expected: dict[str, Any]) -> None:
    """One citation per form, with the fields it states, its text its span."""
    assert_citations_found(text, [expected])


@pytest.mark.parametrize("text", ["Call 0800 NCT0123 now.", "NCT123456789 is too long.", "ISRCTN1234 short"])
def test_malformed_registrations_are_not_found(text: str) -> None:
    """A registry prefix without the right count of digits is no registration."""
    assert list(find_registrations(text)) == []


def test_normalize_doi_decodes_and_strips() -> None:
    """A DOI link loses its scheme and host, its %2F becomes a slash, case and trailing stops go."""
    assert normalize_doi("https://doi.org/10.2000%2FFeet.9).") == "10.2000/feet.9"


SURNAMES = [f"Surname{letter}" for letter in "abcdefghijklmnopqrstuvwxyzabcdefghijklmn"]
"""Forty family names."""


@pytest.mark.parametrize("authors", [
    ", ".join(f"{name} AB" for name in SURNAMES),
    ", ".join(f"{name}, A. B." for name in SURNAMES[:-1]) + f", & {SURNAMES[-1]}, A. B.",
], ids=["Vancouver", "APA"])
def test_a_forty_author_reference_parses_in_milliseconds(authors: str) -> None:
    """An author list is matched in one way only: forty authors take milliseconds (eight took seconds, each more
    five times as long), and the entry keeps its first author, its year and every author."""
    tail = " (2019). Needles for cold feet. Foot Med, 12(4), 101-9." if "&" in authors else \
        ". Needles for cold feet. Foot Med. 2019;12(4):101-9."
    started = time.process_time()
    (entry,) = find_reference_entries(f"References\n1. {authors}{tail}\n")
    assert time.process_time() - started < 0.1
    assert (entry.first_author, entry.year, len(entry.authors)) == ("Surnamea", 2019, 40)


def test_an_author_list_that_starts_no_entry_is_given_up_quickly() -> None:
    """The issue's probe: twelve "Surname I.I.," authors before the title (no entry form) used to run until killed."""
    started = time.process_time()
    find_reference_entries(", ".join(f"{name} I.I." for name in SURNAMES[:12]) + ", Title of it. J Pain. 2010;3:1-5.\n")
    assert time.process_time() - started < 0.1


@pytest.mark.parametrize(("text", "doi"), [
    ("https://example.org/article.aspx?doi= 10. 2147/ JPR-2019-0042 for readers", "10.2147/jpr-2019-0042"),
    ("Read it (doi: 10.1056/ NEJMoa1234567).", "10.1056/nejmoa1234567"),
])
def test_a_doi_in_a_link_broken_by_single_spaces(text: str, doi: str) -> None:
    assert [citation.doi for citation in find_dois(text)] == [doi]


def test_spaces_without_a_doi_cue_do_not_make_a_doi() -> None:
    assert list(find_dois("It rose from 10. 2147/ 3000 in a year.")) == []


@pytest.mark.parametrize("line", [
    "James D. Reynolds, an eye surgeon at the Harbour Hospital, wrote an editorial.",
    "The MR Study was a placebo-controlled crossover study in forty adults.",
])
def test_a_line_that_only_starts_like_a_reference_is_none(line: str) -> None:
    """An unnumbered "entry" with neither a year nor a DOI is a sentence of a story, not a reference."""
    assert find_reference_entries("Intro text.\n\n" + line + "\n") == []


def test_a_numbered_entry_without_a_year_is_still_an_entry() -> None:
    assert [entry.first_author for entry in find_reference_entries("1. Okafor B, Lund E. Needling at sea.\n")] \
        == ["Okafor"]


def test_a_title_with_a_full_stop_inside_is_read_whole_by_the_trained_parser() -> None:
    """A split at full stops would keep "Needling for burning feet" only; the labeller reads the whole title."""
    text = ("References\n1. Okafor A, Lind B. Needling for burning feet. A randomised trial in 40 adults. Pain Med. "
            "2015;16(3):456-62.\n")
    [entry] = [citation for citation in find_citations(text) if citation.kind == "reference"]
    assert (entry.first_author, entry.year, entry.journal, entry.volume, entry.issue, entry.pages) == (
        "Okafor", 2015, "Pain Med", "16", "3", "456-62")
    assert entry.title == "Needling for burning feet. A randomised trial in 40 adults"
