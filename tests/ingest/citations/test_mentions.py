"""In-text mentions: bracketed author-year forms with commas and ampersands, a year before the journal."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.ingest.citations.find import find_citations
from helpers import assert_citations_found

FORMS: list[tuple[str, str, list[dict[str, Any]]]] = [
    ("et al. and comma in brackets", "Needling cut tingling (Moreau et al., 2019).",
     [{"kind": "author-year", "first_author": "Moreau", "year": 2019, "text": "Moreau et al., 2019"}]),
    ("ampersand and a second mention", "Feet warmed (Ibsen & Holm, 2011; Tanaka et al. 2008).",
     [{"first_author": "Ibsen", "authors": ("Ibsen", "Holm"), "year": 2011, "text": "Ibsen & Holm, 2011"},
      {"first_author": "Tanaka", "year": 2008, "text": "Tanaka et al. 2008"}]),
    ("year before the journal", "A 2019 study in the Journal of Foot Care found less burning.",
     [{"kind": "journal-year", "journal": "Journal of Foot Care", "year": 2019,
       "text": "A 2019 study in the Journal of Foot Care"}]),
    ("year before the journal with a cue", "A 2021 randomised trial published in Sleep Medicine helped nurses.",
     [{"kind": "journal-year", "journal": "Sleep Medicine", "year": 2021, "confidence": 0.6}]),
    ("year before a journal acronym", "One 2015 review in BMJ counted the trials.",
     [{"kind": "journal-year", "journal": "BMJ", "year": 2015}]),
]


@pytest.mark.parametrize(("text", "expected"), [(text, expected) for _, text, expected in FORMS],
                         ids=[name for name, _, _ in FORMS])
def test_each_form_is_found_and_parsed(text: str, expected: list[dict[str, Any]]) -> None:
    """Each mention once, with the fields it states, its text its span."""
    assert_citations_found(text, expected)


def test_a_year_before_a_place_is_not_a_journal() -> None:
    """"A 2019 study in Denver" names a place, not a journal: an appeal with its year, no journal."""
    found = find_citations("A 2019 study in Denver followed forty runners.")
    assert [(c.kind, c.journal, c.year) for c in found] == [("vague", None, 2019)]


@pytest.mark.parametrize(("text", "journal", "year"), [
    ("The findings appear in the Oct. 9, 2012, issue of Neurology.", "Neurology", 2012),
    ("It was published in PLOS ONE on Aug. 3.", "PLOS ONE", None),
    ("The study was published online Monday in the Journal of Clinical Oncology.", "Journal of Clinical Oncology",
     None),
    ("It appears in the current issue of the journal Pain.", "Pain", None),
    ("A review published in the Cochrane Database in 2005 found no effect.", "Cochrane Database", 2005),
    ("It was published in Medical Decision Making in 2015.", "Medical Decision Making", 2015),
    ("It was published in the Journal of Marine Medicine.", "Journal of Marine Medicine", None),
    ("It was published in peer-reviewed journal Harbour Medicine Research, February 2016 issue.",
     "Harbour Medicine Research", 2016),
    ("The work, published online Jan. 19 in the Journal of Tide Studies, examined memory.", "Journal of Tide Studies",
     None),
    ("It was published on Monday, February 19, in the journal Reef Medicine.", "Reef Medicine", None),
    ("The study was published online in the journal Tidal Pediatrics on Monday.", "Tidal Pediatrics", None),
    ("The findings in The Journal of Quay Medicine include a surprise.", "The Journal of Quay Medicine", None),
    ("The study, in Lighthouse Biology and Medicine, found less plaque.", "Lighthouse Biology and Medicine", None),
    ("SOURCE: Harbour Medical Association Journal, online August 30, 2010.", "Harbour Medical Association Journal",
     2010),
    ("As reported in the journal Menopause, in 2013 and 2014 the team surveyed women.", "Menopause", None),
    ("It was published today online ahead of print in the Journal of Dock Medicine.", "Journal of Dock Medicine",
     None),
    ("FIND THIS STUDY Feb. 28 issue of Harbour Neurology", "Harbour Neurology", None),
    ("It was reported in the Sept. 8 issue of the Journal of the American Medical Association.",
     "Journal of the American Medical Association", None),
])
def test_a_news_story_names_its_journal_and_issue_date(text: str, journal: str, year: int | None) -> None:
    from claimgraph.ingest.citations.mentions import find_journal_mentions

    assert [(citation.journal, citation.year) for citation in find_journal_mentions(text)] == [(journal, year)]


def test_a_study_in_a_place_is_no_journal() -> None:
    """"The study in Denmark" is not "The findings in <Journal>": a name without a journal's words is no journal."""
    from claimgraph.ingest.citations.mentions import find_journal_mentions

    assert list(find_journal_mentions("The study in Denmark found fewer falls.")) == []


@pytest.mark.parametrize(("text", "journal"), [
    ("A study in Atherosclerosis found that the children's arteries stiffened.", "Atherosclerosis"),
    ("The findings in Pediatrics, 2016, were clear.", "Pediatrics"),
    ("The study, in Obstetrics and Gynecology, found fewer births.", "Obstetrics and Gynecology"),
])
def test_a_journal_known_by_its_title_needs_no_journal_word(text: str, journal: str) -> None:
    """Index Medicus titles without a generic journal word ("Atherosclerosis") are journals after "a study in"."""
    from claimgraph.ingest.citations.mentions import find_journal_mentions

    assert [citation.journal for citation in find_journal_mentions(text)] == [journal]


@pytest.mark.parametrize("text", ["A study in Boston found fewer falls.", "The research in Development was slow."])
def test_a_place_or_an_everyday_word_is_no_known_journal(text: str) -> None:
    from claimgraph.ingest.citations.mentions import find_journal_mentions

    assert list(find_journal_mentions(text)) == []


def test_a_surname_that_is_also_a_journal_title_is_still_an_author() -> None:
    """"Lung" and "Heart" are journal titles and surnames: a name in an author form stays a person."""
    assert [(c.first_author, c.year) for c in find_citations("Bleeding fell (Lung et al., 2010).")] == [("Lung", 2010)]


def test_a_study_named_by_its_year_alone_is_an_appeal_with_that_year() -> None:
    found = find_citations("A 2010 study of 450 children ages 8 to 10 found almost no effect.")
    assert [(c.kind, c.year, c.identifiable) for c in found] == [("vague", 2010, False)]


@pytest.mark.parametrize("text", [
    "To test it, Roy and a team of scientists built an animal model.",
    "Roy and colleagues built an animal model.",
])
def test_a_researcher_and_their_team_names_the_first_author(text: str) -> None:
    assert [c.first_author for c in find_citations(text)] == ["Roy"]


def test_a_month_is_never_a_journal() -> None:
    from claimgraph.ingest.citations.mentions import find_journal_mentions

    assert list(find_journal_mentions("The results appear in the Nov. 7 edition.")) == []


@pytest.mark.parametrize(("text", "author"), [
    ("Walking helped, said first and corresponding author Roger A. Fielding of the centre.", "Fielding"),
    ("The biopsies were as accurate, write researcher Wendy Bruening and colleagues.", "Bruening"),
    ("Spanish researchers led by Dr. Ana Ruiz tested the drug in 437 patients.", "Ruiz"),
    ("\u201cIt helps,\u201d said Dr. Gil Marsh, director of the sleep unit at the Harbour Institute and of its "
     "memory clinic, and the study\u2019s first author.", "Marsh"),
    ("Diet matters, said nutritional epidemiologist Ida Clare Morrow, PhD, the lead author of the study.", "Morrow"),
    ("It could help women plan, said Ida Quill of the University of Harbourtown, who led the study.", "Quill"),
    ("It works, said Dr. Carl Moss, who leads the research team at the institute.", "Moss"),
    ("It works, said researcher Dr. Ema Lund, who led the study.", "Lund"),
    ("Dr. Hendry\u2019s findings challenge the usual view.", "Hendry"),
    ("The study's lead researcher, Helen Marsh-Tanner, said the drops worked.", "Marsh-Tanner"),
    ("Mice slept longer, said study leader neuroscientist Professor Selma Barrow of the institute.", "Barrow"),
    ("A pilot study led by Harbour Hospital's Ipsa Vane, MD, found calmer patients.", "Vane"),
    ("The team was led by Harbour neurologist Dr. Alvar Pasco-Lind.", "Pasco-Lind"),
    ("Silbert was the lead author of new migraine guidelines presented Monday.", "Silbert"),
])
def test_news_ways_of_naming_the_study_author(text: str, author: str) -> None:
    assert author in {citation.first_author for citation in find_citations(text)}


@pytest.mark.parametrize("text", [
    "The team was led by Harvard researchers.",
    "The paper came from a team led by Massachusetts General Hospital investigators.",
])
def test_an_institution_that_leads_a_study_is_no_first_author(text: str) -> None:
    assert {citation.first_author for citation in find_citations(text)} <= {None}


@pytest.mark.parametrize(("text", "journal"), [
    ("Writing in the April issue of The Journal of Nutrition, they report fewer cases.", "Journal of Nutrition"),
    ("The trial was just published online by the medical journal The Lancet on Tuesday.", "Lancet"),
    ("It was published in peer-reviewed journal Neural Regeneration Research, February 2016 issue.",
     "Neural Regeneration Research"),
    ("The 2007 study, published in the American Journal of Clinical Nutrition, found gains.",
     "American Journal of Clinical Nutrition"),
    ("The company paid for the two small studies described in the New England Journal of Medicine.",
     "New England Journal of Medicine"),
])
def test_news_ways_of_naming_the_journal(text: str, journal: str) -> None:
    assert any(journal in (citation.journal or "") for citation in find_citations(text))


def test_a_year_before_the_study_word_and_a_comma_is_the_studys_year() -> None:
    found = find_citations("The 2007 study, published in the American Journal of Clinical Nutrition, found gains.")
    assert [(citation.year, citation.journal) for citation in found] == [
        (2007, "American Journal of Clinical Nutrition")]


@pytest.mark.parametrize("text", [
    "The drug helped, said senior author Dr. Ann Lee of the institute.",
    "According to researcher Dr. Dina Hale, the study found less fatigue.",
    "The trial was small, said co-author Ben Ross.",
    "The gains were real, said Dr. Ann Lee, the lead author of an accompanying editorial.",
])
def test_a_named_researcher_who_is_not_the_first_author_is_not_drafted_as_one(text: str) -> None:
    """A senior author, a co-author, a bare "researcher" or an editorial's author is not the study's first author:
    an IRI minted from them would name another paper."""
    assert {citation.first_author for citation in find_citations(text)} <= {None}


def test_a_senior_author_is_still_named_among_the_authors() -> None:
    from claimgraph.ingest.citations.mentions import find_news_attributions

    assert [citation.authors for citation in find_news_attributions("It helped, said senior author Dr. Ann Lee.")] \
        == [("Lee",)]


def test_the_year_of_a_study_author_comes_from_the_sentence_naming_them() -> None:
    """A year in the sentence before ("In 2009 the task force ...") is not the year of the study a quoted author
    led."""
    from claimgraph.ingest.citations.mentions import find_news_attributions

    text = ("In 2009, the task force issued new advice. Screening finds tumours early, said study author Judith "
            "Malgren of the Harbour Clinic.")
    assert [(citation.first_author, citation.year) for citation in find_news_attributions(text)] == [
        ("Malgren", None)]


def test_a_span_of_years_after_x_and_colleagues_is_not_their_papers_year() -> None:
    from claimgraph.ingest.citations.mentions import find_author_mentions

    text = "Hulme and her colleagues analysed 18 studies published between 1966 and 2009 on tea."
    assert [(citation.first_author, citation.year) for citation in find_author_mentions(text)] == [("Hulme", None)]


@pytest.mark.parametrize(("text", "journal"), [
    ("It recently appeared in the British Journal of Cancer.", "British Journal of Cancer"),
    ("It was published on Monday in the Nature journal Biomedical Engineering.", "Biomedical Engineering"),
    ("It was published in the open access journal BioDiscovery.", "BioDiscovery"),
    ("The results appear in the Feb. 2 issue of the Annals of Internal Medicine.", "Annals of Internal Medicine"),
    ("It was published in the Lancet Oncology.", "Lancet Oncology"),
])
def test_a_journal_cued_by_recently_or_its_issue_or_its_publisher(text: str, journal: str) -> None:
    assert [c.journal for c in find_citations(text) if c.journal] == [journal]


@pytest.mark.parametrize(("text", "journal", "year"), [
    ("The original study, published in 2009 in the New England Journal of Medicine, showed gains.",
     "New England Journal of Medicine", 2009),
    ("It was published in the December 13th online issue of Clinical Cancer Research.", "Clinical Cancer Research",
     None),
    ("Find this study\n\nMay 1 in Breast Cancer Research (example.org).", "Breast Cancer Research", None),
])
def test_a_journal_after_a_year_an_ordinal_day_or_a_find_this_study_box(text: str, journal: str,
                                                                        year: int | None) -> None:
    from claimgraph.ingest.citations.mentions import find_journal_mentions

    assert [(c.journal, c.year) for c in find_journal_mentions(text)] == [(journal, year)]


@pytest.mark.parametrize("text", [
    "The results were shown at the European Society for Medical Oncology 2016 Congress in Copenhagen.",
    "Research in the Center for Vascular Biology Research at the hospital continues.",
])
def test_a_society_or_a_centre_named_with_research_words_is_no_journal(text: str) -> None:
    from claimgraph.ingest.citations.mentions import find_journal_mentions

    assert list(find_journal_mentions(text)) == []


@pytest.mark.parametrize(("text", "author"), [
    ("Only a new study can answer it, said Duke University's Dr. Kenneth Mahaffey, who led the rivaroxaban study.",
     "Mahaffey"),
    ("It is made by a company founded by Dr. Gust Bardy of the Harbour Institute, who led the study.", "Bardy"),
])
def test_a_researcher_who_led_the_study_is_its_first_author(text: str, author: str) -> None:
    assert author in {c.first_author for c in find_citations(text)}
