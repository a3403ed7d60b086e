"""find_citations on one small invented sentence per citation form, field by field; fold_name."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.ingest.citations.find import find_citations, fold_name
from claimgraph.ingest.model import Citation
from helpers import assert_citations_found

FORMS: list[tuple[str, str, list[dict[str, Any]]]] = [
    ("author, no year", "Okafor et al. showed that needling eased tingling.",
     [{"kind": "author", "first_author": "Okafor", "year": None, "text": "Okafor et al."}]),
    ("author-year in brackets", "Needling helped in a later trial, Okafor et al. (2012) wrote.",
     [{"kind": "author-year", "first_author": "Okafor", "year": 2012}]),
    ("author-year after comma", "As Okafor et al., 2012 reported, the feet burned less.",
     [{"kind": "author-year", "first_author": "Okafor", "year": 2012}]),
    ("year before author", "In 2015, Varga et al. enrolled forty people with numb toes.",
     [{"kind": "author-year", "first_author": "Varga", "year": 2015, "text": "Varga et al."}]),
    ("colleagues and year", "A study by Lindqvist and her colleagues in 2003 tested sham needles.",
     [{"kind": "author-year", "first_author": "Lindqvist", "year": 2003}]),
    ("parenthetical", "Needles relaxed the calf muscles (Moreau 2013).",
     [{"kind": "author-year", "first_author": "Moreau", "year": 2013, "text": "Moreau 2013"}]),
    ("two parenthetical", "The feet warmed (Ibsen 1999; Tanaka 2008).",
     [{"first_author": "Ibsen", "year": 1999}, {"first_author": "Tanaka", "year": 2008}]),
    ("same author twice", "Brain maps shifted (Quist 2010; Quist 2009).",
     [{"first_author": "Quist", "year": 2010}, {"first_author": "Quist", "year": 2009}]),
    ("two authors", "Nobody knows how common it is (Ferreira and Holm 2011).",
     [{"first_author": "Ferreira", "authors": ("Ferreira", "Holm"), "year": 2011}]),
    ("organisation", "The pain is hard to treat (WHO 2012).", [{"first_author": "WHO", "year": 2012}]),
    ("organisation on two lines", "It is defined so (EFIC\n2009).", [{"first_author": "EFIC", "year": 2009}]),
    ("table row with comma", "Marsh et al. , 2001 30 patients with weekly needling",
     [{"kind": "author-year", "first_author": "Marsh", "year": 2001}]),
    ("table row", "Oduya et al. 2005 Nine patients over six weeks",
     [{"kind": "author-year", "first_author": "Oduya", "year": 2005}]),
    ("journal and year", "A study published in BMJ 2003 found no benefit.",
     [{"kind": "journal-year", "journal": "BMJ", "year": 2003}]),
    ("journal with a cue word", "A trial published in Sleep Research 2018 followed nurses.",
     [{"kind": "journal-year", "journal": "Sleep Research", "year": 2018}]),
    ("journal and year without a cue", "That Regional Anesthesia Research 2013 paper was small.",
     [{"kind": "journal-year", "journal": "Regional Anesthesia Research", "year": 2013}]),
    ("journal after colleagues", "It was published by Kowal and his colleagues The Journal of Sores, 2006.",
     [{"kind": "author-year", "first_author": "Kowal", "journal": "The Journal of Sores", "year": 2006}]),
    ("journal with comma", "A poll published in Journal of Holistic Nursing Practice, 2019 counted clinics.",
     [{"kind": "journal-year", "journal": "Journal of Holistic Nursing Practice", "year": 2019}]),
    ("journal without year", "A small trial published in Pain Medicine saw no change.",
     [{"kind": "journal-year", "journal": "Pain Medicine", "year": None}]),
    ("news attribution", 'Needles helped, said lead author Dr. Ana Ruiz of the University of Somewhere. '
     "The study appears in the journal Pain.",
     [{"kind": "news", "first_author": "Ruiz", "journal": "Pain"}]),
    ("numbered reference", "3. Quist A, Berg C, Holm D. Needling for cold feet: a review. Journal of made up "
     "medicine (Oslo). 2018;12(4):101-109.",
     [{"kind": "reference", "authors": ("Quist A", "Berg C", "Holm D"), "first_author": "Quist",
       "title": "Needling for cold feet: a review", "journal": "Journal of made up medicine (Oslo)", "year": 2018,
       "volume": "12", "issue": "4", "pages": "101-109"}]),
    ("vancouver reference with broken DOI", "Marsh P et al. Needles Do Not Warm Feet.Foot Med. 2012 Mar 3. doi: "
     "10.1234/j.5678-\n9012.2012.00001.x.",
     [{"kind": "reference", "first_author": "Marsh", "journal": "Foot Med", "year": 2012,
       "doi": "10.1234/j.5678-9012.2012.00001.x"}]),
    ("vancouver volume and pages", "Ibsen KL et al. Needles and nerves in the elderly. BMJ 1999; 318: 1200-4.",
     [{"kind": "reference", "first_author": "Ibsen", "journal": "BMJ", "year": 1999, "volume": "318",
       "pages": "1200-4"}]),
    ("vancouver without pages", "Tanaka H et al. Warm needles in mice. Nat Physiol 2008; May 12.",
     [{"kind": "reference", "first_author": "Tanaka", "journal": "Nat Physiol", "year": 2008, "pages": None}]),
    ("DOI broken by a space", "See doi: 10.1111/j.9999- 1234.2010.00002.x for details.",
     [{"kind": "doi", "doi": "10.1111/j.9999-1234.2010.00002.x"}]),
    ("DOI URL", "Read it at https://doi.org/10.1000/ABC123. It is short.", [{"kind": "doi", "doi": "10.1000/abc123"}]),
    ("PMID", "The trial (PMID: 12345678) was small.", [{"kind": "pmid", "pmid": "12345678"}]),
    ("PMID without colon", "Listed as PMID 7654321 in the register.", [{"kind": "pmid", "pmid": "7654321"}]),
    ("PubMed URL", "See pubmed.ncbi.nlm.nih.gov/33445566 for it.", [{"kind": "pmid", "pmid": "33445566"}]),
    ("research shows", "Research shows that needles calm nerves.", [{"kind": "vague", "first_author": None}]),
    ("studies have found", "Studies have found fewer cramps.", [{"kind": "vague"}]),
    ("a recent study", "A recent study in our town was encouraging.", [{"kind": "vague"}]),
    ("research suggests", "Newer research suggests a role for warmth.", [{"kind": "vague"}]),
    ("clinical trials", "Clinical trials have shown better sleep.", [{"kind": "vague"}]),
    ("systematic review", "A systematic review reported mild bruising only.", [{"kind": "vague"}]),
    ("experts say", "Experts say the needles are thin.", [{"kind": "vague"}]),
]


@pytest.mark.parametrize(("text", "expected"), [(text, expected) for _, text, expected in FORMS],
                         ids=[name for name, _, _ in FORMS])
def test_each_form_is_found_and_parsed(text: str, expected: list[dict[str, Any]]) -> None:
    """Each citation form is found once per mention, with the fields it states."""
    assert_citations_found(text, expected)


def test_reference_entry_with_doi_is_one_citation() -> None:
    """A reference entry holding a DOI is one reference carrying the DOI, not two citations."""
    text = "Lund B, Ek C. Needles at dusk. Night Med 2015; 3: 1-9. doi: 10.4444/nm.2015.3\n"
    found = find_citations(text)
    assert [c.kind for c in found] == ["reference"]
    assert found[0].doi == "10.4444/nm.2015.3"
    assert found[0].confidence == 1.0


def test_journal_after_author_in_one_sentence_joins_it() -> None:
    """A journal named later in the sentence of an author-year mention becomes that mention's journal."""
    found = find_citations("In 2009, Abara et al. pooled two cohorts and published them in Explore (NY).")
    assert [(c.first_author, c.year, c.journal) for c in found] == [("Abara", 2009, "Explore (NY)")]


def test_years_differing_keep_mentions_apart() -> None:
    """A journal-year naming another year stays its own citation beside the author-year one."""
    found = find_citations("In 2010, Abara et al. re-read the data of the BMJ 1997 trial.")
    assert [(c.kind, c.year) for c in found] == [("author-year", 2010), ("journal-year", 1997)]


def test_vague_appeal_beside_a_precise_citation_is_dropped() -> None:
    """A vague appeal in the same sentence as a named study is not a second citation."""
    found = find_citations("Research shows, as Okafor et al. (2012) found, that feet warm.")
    assert [c.kind for c in found] == ["author-year"]


def test_sorted_by_start_with_offsets_into_text() -> None:
    """Citations come sorted by start and their offsets index the text."""
    text = "Experts say so (Moreau 2013). Later, Okafor et al. (2012) agreed. PMID: 1234567."
    found = find_citations(text)
    assert [c.start for c in found] == sorted(c.start for c in found)
    assert all(text[c.start:c.end] == c.text for c in found)


def test_mojibake_fixed_when_ftfy_can() -> None:
    """A name mis-encoded as UTF-8 read as Latin-1 is shown repaired."""
    found = find_citations("Needling helped (SchrÃ¶der 2007).")
    assert found[0].first_author == "Schröder"


@pytest.mark.parametrize(("name", "folded"), [
    ("Schröder", "schroeder"), ("Müller", "mueller"), ("Bräuer", "braeuer"), ("Strauß", "strauss"),
    ("Cidral-Filho", "cidral-filho"), ("García Márquez", "garcia-marquez"), ("SchrÃ¶der", "schroeder"),
    ("O’Neill", "oneill"),
])
def test_fold_name(name: str, folded: str) -> None:
    """Names fold to lowercase ASCII with German umlauts spelled out."""
    assert fold_name(name) == folded


def test_fold_lost_byte_mojibake_is_close_to_the_umlaut() -> None:
    """"SchrÃder" (the umlaut's second byte lost) folds close to both spellings of Schröder."""
    from rapidfuzz import fuzz

    folded = fold_name("SchrÃder")
    assert "Ã" not in folded and folded.isascii()
    assert fuzz.ratio(folded, "schroeder") >= 85
    assert fuzz.ratio(folded, "schroder") >= 90


def test_no_citation_in_plain_prose() -> None:
    """Capitalised prose, headings and dates are not citations."""
    text = "ACUPUNCTURE AND FEET\nNeedles are thin. In November 2014 the clinic moved. Peter Smith runs it."
    assert find_citations(text) == []


def test_citation_is_frozen_record() -> None:
    """Citations are the shared immutable record of the model."""
    assert all(isinstance(c, Citation) for c in find_citations("(Moreau 2013)"))
