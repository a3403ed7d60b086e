"""The trained reference parser on reference strings written here (never AnyStyle's gold set)."""

from __future__ import annotations

import time

import pytest

from claimgraph.ingest.refparser.model import parse_reference


@pytest.mark.parametrize(("text", "authors", "year", "journal", "volume", "issue", "pages"), [
    ("Okafor A, Lind B, Moreau C. Needling for burning feet: a randomised trial. Pain Med. 2015;16(3):456-62.",
     ("Okafor", "Lind", "Moreau"), 2015, "Pain Med", "16", "3", "456-62"),
    ("Okafor, A., Lind, B., & Moreau, C. (2011). Needling for burning feet. Journal of Foot Care, 12(4), 101-109.",
     ("Okafor", "Lind", "Moreau"), 2011, "Journal of Foot Care", "12", "4", "101-109"),
    ("12. Tanaka K, van der Berg J. Warm feet after needling. N Engl J Med 2010; 362: 1-10.",
     ("Tanaka", "van der Berg"), 2010, "N Engl J Med", "362", None, "1-10"),
])
def test_a_journal_reference_is_read_into_its_fields(text: str, authors: tuple[str, ...], year: int, journal: str,
                                                     volume: str, issue: str | None, pages: str) -> None:
    parsed = parse_reference(text).citation
    assert (parsed.authors, parsed.year, parsed.journal, parsed.volume, parsed.issue, parsed.pages) == (
        authors, year, journal, volume, issue, pages)
    assert parsed.title is not None and "feet" in parsed.title


def test_a_doi_is_read_from_the_reference() -> None:
    parsed = parse_reference("Lind B. Cold feet. Foot Care. 2019;3:1-5. doi:10.1234/fc.2019.001").citation
    assert parsed.doi == "10.1234/fc.2019.001"


def test_a_book_reference_has_its_publisher_and_no_journal() -> None:
    parsed = parse_reference("Moreau, C. (2004). Needles and nerves. Harbourtown: Lakeside Press.")
    assert (parsed.citation.first_author, parsed.citation.year, parsed.citation.journal) == ("Moreau", 2004, None)
    assert parsed.fields.get("publisher") == "Lakeside Press"


def test_forty_authors_parse_in_milliseconds() -> None:
    """Tagging is linear in the entry's length: a 40-author entry reads every author, well under 50 ms."""
    entry = ", ".join(f"Author{index} AB" for index in range(40)) + ". Cold feet. J Foot Care. 2012;3:1-2."
    parse_reference(entry)
    started = time.perf_counter()
    parsed = parse_reference(entry).citation
    assert time.perf_counter() - started < 0.05
    assert len(parsed.authors) == 40 and parsed.year == 2012


def test_an_empty_or_blank_string_has_no_fields() -> None:
    for text in ("", "   "):
        parsed = parse_reference(text)
        assert (parsed.citation.authors, parsed.citation.year, parsed.fields) == ((), None, {})
