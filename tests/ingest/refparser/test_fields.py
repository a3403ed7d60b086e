"""Labelled tokens read as fields: author lists split into surnames, years, volumes and pages."""

from __future__ import annotations

import pytest

from claimgraph.ingest.refparser.fields import clean, read_fields, runs, surnames


@pytest.mark.parametrize(("authors", "expected"), [
    ("Romero, C., Paunesku, D., & Dweck, C.", ("Romero", "Paunesku", "Dweck")),
    ("Pérez-Higueras JJ, Arias A, de la Macorra JC, Peters OA.",
     ("Pérez-Higueras", "Arias", "de la Macorra", "Peters")),
    ("Antonio Astrain,", ("Astrain",)),
    ("Heidegger M.,", ("Heidegger",)),
    ("Schumann, CM. Barnes, CC. Lord, C. Courchesne, E.", ("Schumann", "Barnes", "Lord", "Courchesne")),
    ("Smith J, Jones K, et al.", ("Smith", "Jones")),
    ("J. R. R. Tolkien and C. S. Lewis", ("Tolkien", "Lewis")),
    ("van der Berg, A. and de Vries, B.", ("van der Berg", "de Vries")),
    ("Silva, A. e Souza, B.", ("Silva", "Souza")),
    ("World Health Organization.", ("World Health Organization",)),
])
def test_an_author_list_gives_its_surnames_in_order(authors: str, expected: tuple[str, ...]) -> None:
    assert surnames(authors) == expected


def test_runs_join_tokens_of_one_label() -> None:
    assert runs(["A", "B", "2010.", "T"], ["author", "author", "date", "title"]) == [
        ("author", "A B"), ("date", "2010."), ("title", "T")]


@pytest.mark.parametrize(("raw", "cleaned"), [
    ("Romero, C.,", "Romero, C."), ("(2011).", "2011"), ("Pain Med.", "Pain Med")])
def test_a_fields_separating_punctuation_is_trimmed(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


def test_a_vancouver_date_labelled_as_the_volume_gives_the_year() -> None:
    """AnyStyle's training data tags "2014;35:" as a volume; the year is read from it, the volume after it."""
    tokens = ["Lind", "B.", "Cold", "feet.", "Foot", "Care.", "2014;", "35", "(2):", "1-5."]
    labels = ["author", "author", "title", "title", "journal", "journal", "volume", "volume", "volume", "pages"]
    parsed = read_fields(" ".join(tokens), tokens, labels).citation
    assert (parsed.year, parsed.volume, parsed.issue) == (2014, "35", "2")


def test_fields_are_read_from_labels() -> None:
    tokens = ["Lind", "B.", "Cold", "feet.", "Foot", "Care.", "2019;", "3(2):", "1-5."]
    labels = ["author", "author", "title", "title", "journal", "journal", "date", "volume", "pages"]
    parsed = read_fields(" ".join(tokens), tokens, labels).citation
    assert (parsed.first_author, parsed.year, parsed.title, parsed.journal, parsed.volume, parsed.issue,
            parsed.pages) == ("Lind", 2019, "Cold feet", "Foot Care", "3", "2", "1-5")
