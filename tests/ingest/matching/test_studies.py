"""Matching citations to known studies (fixture store of invented studies), minting IRIs, report facts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from claimgraph.ingest.citations.find import find_citations
from claimgraph.ingest.citations.reports import report_facts
from claimgraph.ingest.journals import journal_key
from claimgraph.ingest.matching.studies import (
    KnownStudy,
    known_studies,
    match_citation,
    mint_study_iri,
)
from claimgraph.ingest.model import Citation
from claimgraph.store import load
from helpers import FIXTURES

KNOWN = FIXTURES / "ingest" / "known-studies.ttl"
STUDY = "https://w3id.org/claimgraph/id/study/"


@pytest.fixture(scope="module")
def known() -> Iterator[list[KnownStudy]]:
    """The fixture's studies as read by known_studies from an Oxigraph store."""
    with load([KNOWN]) as store:
        yield known_studies(store)


def _only(text: str) -> Citation:
    found = find_citations(text)
    assert len(found) == 1, found
    return found[0]


def test_known_studies_reads_the_facts(known: list[KnownStudy]) -> None:
    """One record per study, with folded first author, year, journal, ids, pending and topic words."""
    by_iri = {study.iri: study for study in known}
    assert len(by_iri) == 5
    okafor = by_iri[STUDY + "okafor-2012"]
    assert (okafor.first_author, okafor.year, okafor.journal, okafor.doi, okafor.pmid) == (
        "okafor", 2012, "Pain Med", "10.5555/pm.2012.0042", "23456789")
    assert "diabet" in okafor.topic
    assert by_iri[STUDY + "schroeder-2007"].first_author == "schroeder"
    assert by_iri[STUDY + "varga-2019"].pending
    assert not by_iri[STUDY + "unidentified-herbal-journal-2016"].identifiable


def test_same_doi_matches(known: list[KnownStudy]) -> None:
    """An equal DOI decides, with score 1."""
    match = match_citation(_only("See doi: 10.5555/PM.2012.0042 for the trial."), known)
    assert (match.status, match.iri, match.score, match.reason) == ("matched", STUDY + "okafor-2012", 1.0,
                                                                     "same DOI")


def test_same_pmid_matches(known: list[KnownStudy]) -> None:
    """An equal PMID decides."""
    match = match_citation(_only("Registered as PMID: 23456789."), known)
    assert (match.status, match.iri) == ("matched", STUDY + "okafor-2012")


def test_mojibake_surname_and_year_match(known: list[KnownStudy]) -> None:
    """"SchrÃder S et al. … 2007" (a lost byte) matches Schröder 2007 by folded surname and year."""
    citation = _only("SchrÃder S et al. Needles and nerve speed. Eur J Neurol 2007; 14: 1-9.")
    match = match_citation(citation, known)
    assert (match.status, match.iri) == ("matched", STUDY + "schroeder-2007")
    assert "2007" in match.reason and 0.85 <= match.score < 1


def test_misspelt_surname_and_year_match(known: list[KnownStudy]) -> None:
    """A spelling with a different vowel ("Schrader") still matches on surname and year."""
    match = match_citation(_only("Conduction improved (Schrader 2007)."), known)
    assert match.iri == STUDY + "schroeder-2007"


def test_years_differ_never_merged(known: list[KnownStudy]) -> None:
    """Same surname, other year: a new study, never Okafor 2012 or 2014."""
    citation = _only("Later work agreed (Okafor 2013).")
    match = match_citation(citation, known)
    assert (match.status, match.iri) == ("new", STUDY + "okafor-2013")


def test_journal_year_and_topic_match(known: list[KnownStudy]) -> None:
    """Abbreviation-tolerant journal, same year and a shared topic word: matched, with a lower score."""
    text = "A trial published in Pain Medicine 2012 eased diabetic foot pain."
    match = match_citation(_only(text), known, context=text)
    assert (match.status, match.iri) == ("matched", STUDY + "okafor-2012")
    assert match.score < 1


def test_journal_year_without_topic_is_not_matched(known: list[KnownStudy]) -> None:
    """Journal and year alone, with nothing in common in the context, give no match: a new study of that journal
    and year, kept apart from the known one."""
    text = "A trial published in Pain Medicine 2012 looked at hiccups in pilots."
    match = match_citation(_only(text), known, context=text)
    assert (match.status, match.iri) == ("new", STUDY + "pm-2012")


def test_pending_draft_match(known: list[KnownStudy]) -> None:
    """A match to a draft still needing review is pending."""
    match = match_citation(_only("In 2019, Varga et al. treated nerve damage."), known)
    assert (match.status, match.iri) == ("pending", STUDY + "varga-2019")


def test_unidentifiable_matches_unidentified_study(known: list[KnownStudy]) -> None:
    """A journal + year mention without author matches the unidentified study with the same journal and year."""
    text = "A study published in Herbal Therapy Journal, 2016 reported better sleep."
    match = match_citation(_only(text), known, context=text)
    assert (match.status, match.iri) == ("matched", STUDY + "unidentified-herbal-journal-2016")


def test_vague_appeal_is_vague(known: list[KnownStudy]) -> None:
    """A vague appeal matches nothing and gets its own unidentified IRI."""
    match = match_citation(_only("Research shows needles help."), known)
    assert match.status == "vague"
    assert match.iri.startswith(STUDY + "unidentified-")


def test_new_iri_is_deterministic_across_texts(known: list[KnownStudy]) -> None:
    """The same facts from two different texts give the same IRI; the journal keeps two papers of one surname and
    year apart."""
    first = _only("Nakamura, T., & Ito, K. (2016). Long needles. Foot Science, 4, 2-8.")
    second = _only("7. Nakamura T, Ito K. Long needles. Foot Sci 2016; 4: 2-8.")
    assert first.text != second.text
    assert match_citation(first, known).iri == match_citation(second, known).iri == STUDY + "nakamura-2016-fs"
    other = _only("8. Nakamura T. Short needles. Hand Ther 2016; 2: 1-5.")
    assert match_citation(other, known).iri == STUDY + "nakamura-2016-ht"


@pytest.mark.parametrize(("name", "key"), [
    ("JAMA Internal Medicine", "jamaim"), ("JAMA Intern Med", "jamaim"), ("The Lancet", "lancet"),
    ("New England Journal of Medicine", "nejm"), ("N Engl J Med", "nejm"), ("NEJM", "nejm"),
    ("Journal of the American Medical Association", "jama"), ("JAMA", "jama"), ("Pain Med (Malden)", "pm"),
])
def test_journal_key_is_one_key_for_one_journals_spellings(name: str, key: str) -> None:
    assert journal_key(name) == key


@pytest.mark.parametrize(("citation", "iri"), [
    (Citation("author-year", 0, 1, "x", authors=("Cidral-Filho",), first_author="Cidral-Filho", year=2011),
     "cidral-filho-2011"),
    (Citation("reference", 0, 1, "x", authors=("Schröder S",), first_author="Schröder", year=2007),
     "schroeder-2007"),
    (Citation("author-year", 0, 1, "x", authors=("Ferreira", "Holm"), first_author="Ferreira", year=2011),
     "ferreira-holm-2011"),
    (Citation("doi", 0, 1, "x", doi="10.1000/AB.12(3)"), "doi-10-1000-ab-12-3"),
    (Citation("pmid", 0, 1, "x", pmid="998877"), "pmid-998877"),
    (Citation("journal-year", 0, 1, "x", journal="Pain Medicine", year=2011), "pm-2011"),
    (Citation("journal-year", 0, 1, "x", journal="Pain Medicine", year=2011, participants=80), "pm-2011-n80"),
    (Citation("journal-year", 0, 1, "x", journal="Pain Medicine"), "unidentified-pain-medicine"),
    (Citation("author", 0, 1, "x", authors=("Okafor",), first_author="Okafor"), "unidentified-okafor"),
    (Citation("news", 0, 1, "x", authors=("Okafor",), first_author="Okafor", journal="Pain Medicine"),
     "okafor-pm"),
])
def test_mint_study_iri(citation: Citation, iri: str) -> None:
    """IRIs come from the facts: author-year, DOI, PMID, or what an unidentified mention names."""
    assert mint_study_iri(citation) == STUDY + iri


def test_two_vague_appeals_are_two_studies() -> None:
    """Two appeals in one text never share an IRI."""
    first, second = find_citations("Research shows one thing. Later, research shows another.")
    assert mint_study_iri(first) != mint_study_iri(second)


def test_report_facts_of_a_sentence() -> None:
    """Design, species, participants and figures from the mention's sentence."""
    text = ("Intro. In 2015, Varga et al. ran a randomized controlled trial in 42 patients: 61% improved "
            "(p<0.05). Unrelated words.")
    facts = report_facts(text, find_citations(text)[0])
    assert (facts.design, facts.species, facts.participants) == ("rct", "human", 42)
    assert facts.figures == ("61%", "p<0.05")
    assert text[facts.start:facts.end].startswith("In 2015") and "Unrelated" not in text[facts.start:facts.end]


@pytest.mark.parametrize(("sentence", "design", "species", "participants"), [
    ("Okafor et al. (2012) did a systematic review of nine trials.", "systematic-review", None, None),
    ("Okafor et al. (2012) did a pilot study with Forty seven patients.", "controlled-trial", "human", 47),
    ("Okafor et al. (2012) did a retrospective analysis of records (n=14).", "retrospective", None, 14),
    ("Okafor et al. (2012) tested needles in rats.", "animal", "rat", None),
    ("Okafor et al. (2012) ran a survey of clinics.", "survey", None, None),
    ("Okafor et al. (2012) described a case of numb hands.", "case-report", None, None),
    ("Okafor et al. (2012) wrote about feet.", None, None, None),
])
def test_report_design_words(sentence: str, design: str | None, species: str | None,
                             participants: int | None) -> None:
    """Design words map to cg:StudyDesigns notations; species and n as stated."""
    facts = report_facts(sentence, find_citations(sentence)[0])
    assert (facts.design, facts.species, facts.participants) == (design, species, participants)


def test_report_facts_of_stacked_reference_entries() -> None:
    """In a two-column factsheet, each of two stacked entries gets its own description paragraph."""
    text = ("Lund B et al. Needles at dusk. Night Med 2015; 3: 1-9.\n\n"
            "Ek C et al. Needles at dawn. Day Med 2016; 4: 2-7.\n\n"
            "A randomised controlled trial of dusk needling in 30 patients with cold feet overall.\n\n"
            "A study in mice showing that dawn needling warmed the paws of every animal tested.\n")
    lund, ek = find_citations(text)
    assert (report_facts(text, lund).design, report_facts(text, lund).participants) == ("rct", 30)
    assert (report_facts(text, ek).design, report_facts(text, ek).species) == ("animal", "mouse")


TITLED = FIXTURES / "ingest" / "known-titled-studies.ttl"


@pytest.fixture(scope="module")
def titled() -> Iterator[list[KnownStudy]]:
    """Invented studies with titles, a pending draft of a reference without authors and registrations."""
    with load([TITLED]) as store:
        yield known_studies(store)


@pytest.mark.parametrize(("text", "status", "iri"), [
    ("Needling for numb feet after chemotherapy: a pilot trial. Foot Med. 2021;3(2):1-9.", "matched",
     "lindgren-2021"),
    ("(Needling for Numb Feet After Chemotherapy: A Pilot Trial Foot Medicine. 2021 May 2;3(2):e1)", "matched",
     "lindgren-2021"),
    ("Needling numb hands in adults: a pilot study. Hand Ther. 2019 Jan;2(1):e1234.", "pending",
     "hand-ther-2019-needling-numb-hands"),
    ("Needling for numb feet after chemotherapy: a pilot trial. Foot Med. 2020;3(2):1-9.", "new",
     "foot-med-2020-needling-numb-feet"),
    ("Needles in the snow for numb feet: a survey. Foot Med. 2021;3(2):10-19.", "new",
     "foot-med-2021-needles-snow-numb"),
    ("Needling for numb feet after chemotherapy: a pilot trial. Hand Ther. 2021;3(2):1-9.", "new",
     "hand-ther-2021-needling-numb-feet"),
])
def test_reference_without_authors_matches_by_year_journal_and_title(
        titled: list[KnownStudy], text: str, status: str, iri: str) -> None:
    """Same year, journal (abbreviated or not) and a title alike: that study; another year, journal or title:
    a new study minted from journal, year and three title words."""
    match = match_citation(_only(text), titled, context=text)
    assert (match.status, match.iri) == (status, STUDY + iri)


@pytest.mark.parametrize(("text", "status", "iri"), [
    ("Registered as NCT01234567.", "matched", "nct01234567"),
    ("Registered as ISRCTN12345678.", "matched", "kaur-2018"),
    ("Registered as NCT07654321.", "new", "nct07654321"),
])
def test_trial_registration_matches_like_an_identifier(titled: list[KnownStudy], text: str, status: str,
                                                        iri: str) -> None:
    """A registry number matches the study recording it (dcterms:identifier) or minted under it, else is new."""
    match = match_citation(_only(text), titled)
    assert (match.status, match.iri) == (status, STUDY + iri)


def test_known_studies_reads_the_registration(titled: list[KnownStudy]) -> None:
    """The registration is read from dcterms:identifier."""
    assert {study.iri: study.registration for study in titled}[STUDY + "kaur-2018"] == "ISRCTN12345678"


def test_the_same_paper_printed_two_ways_gets_one_iri() -> None:
    """A list entry and an in-text bracket of the same paper mint the same IRI."""
    entry = _only("Warm Needles for Cold Toes: a randomized trial. JAMA Foot. 2019 Apr;2(4):e190042.")
    bracket = _only("Toes warmed.\n(Warm Needles for Cold Toes: A Randomized Trial JAMA Foot. 2019;2(4):e190042)")
    assert mint_study_iri(entry) == mint_study_iri(bracket) == STUDY + "jama-foot-2019-warm-needles-cold"


def test_an_unidentified_study_of_the_same_journal_and_year_needs_a_shared_topic() -> None:
    """A story's journal-year mention is not merged into another document's unidentified study of that journal and
    year unless their topics meet (the journal's own name is no topic)."""
    from claimgraph.ingest.matching.studies import KnownStudy, match_citation, topic_words
    from claimgraph.ingest.model import Citation

    known = KnownStudy("https://w3id.org/claimgraph/id/study/unidentified-neural-regen-res-2016", None, 2016,
                       "Neural Regeneration Research", None, None, None, None, False, False,
                       topic_words("Neural Regeneration Research acupuncture raised Bcl-2 in nerve cells"))
    mention = Citation("journal-year", 0, 40, "published in Neural Regeneration Research", journal=
                       "Neural Regeneration Research", year=2016)
    story = "Ketamine infusions relieved depression, published in Neural Regeneration Research in 2016."
    assert match_citation(mention, [known], story).status != "matched"
    acupuncture = "Acupuncture raised Bcl-2 in nerve cells, published in Neural Regeneration Research in 2016."
    assert match_citation(mention, [known], acupuncture).status == "matched"


def test_an_author_and_a_journal_identify_a_study_a_story_prints_no_date_for() -> None:
    """Lead author and journal find the paper even when neither the text nor its page gives a year."""
    named = Citation("news", 0, 1, "x", authors=("Okafor",), first_author="Okafor", journal="Pain Medicine")
    assert named.identifiable
    assert not replace(named, journal=None).identifiable
    assert match_citation(named, []).status == "new"
