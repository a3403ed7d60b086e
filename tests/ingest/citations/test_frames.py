"""Study frames: one story's mentions of its study fused into one set of facts; other studies kept apart."""

from __future__ import annotations

import pytest

from claimgraph.ingest.citations.find import find_citations
from claimgraph.ingest.citations.frames import borrow_journals, frame_citations, planned
from claimgraph.ingest.citations.reports import study_size
from claimgraph.ingest.model import Citation

STORY = (
    "Needles ease hot flashes, study finds\n\n"
    "MONDAY, Aug. 30, 2010 (HealthDay News) -- A new study suggests that weekly acupuncture eases hot flashes.\n"
    "Okafor and her colleagues looked at 190 women treated for breast cancer.\n"
    "\"The effect was larger than we expected,\" said lead author Dr. Ada Okafor of the Lakeside Institute.\n"
    "The study was published online Monday in the Journal of Clinical Oncology.\n"
    "The researchers reported that flashes fell by half within eight weeks.\n"
)


def _framed(text: str, published: str | None = None) -> list[tuple[Citation, Citation]]:
    citations = find_citations(text)
    return list(zip(citations, frame_citations(citations, text, published), strict=True))


def test_a_storys_mentions_of_its_study_share_one_frame_with_the_lead_author_and_journal() -> None:
    pairs = _framed(STORY, "2010-08-30")
    frames = {framed for _, framed in pairs}
    assert len(pairs) >= 3, [mention.text for mention, _ in pairs]
    assert len(frames) == 1, [(mention.text, framed) for mention, framed in pairs]
    frame = next(iter(frames))
    assert (frame.first_author, frame.journal, frame.year, frame.year_inferred) == (
        "Okafor", "Journal of Clinical Oncology", 2010, True)
    assert frame.identifiable


def test_without_the_documents_date_the_year_is_not_guessed() -> None:
    frame = next(framed for _, framed in _framed(STORY))
    assert (frame.year, frame.year_inferred) == (None, False)


def test_an_earlier_review_of_another_year_stays_a_study_of_its_own() -> None:
    text = STORY + "A review published in the Cochrane Database in 2005 had found no such effect.\n"
    frames = {framed for _, framed in _framed(text, "2010-08-30")}
    assert len(frames) == 2
    assert {frame.year for frame in frames} == {2010, 2005}


def test_generic_appeals_stay_apart() -> None:
    text = STORY + "Other studies have shown that exercise helps too.\n"
    pairs = _framed(text, "2010-08-30")
    generic = [framed for mention, framed in pairs if mention.text.lower().startswith("other studies")]
    assert generic and generic[0].first_author is None


def test_a_planned_study_is_planned_and_stays_apart() -> None:
    text = ("Acupuncture for hot flashes\n\nA new study suggests that acupuncture eases hot flashes.\n"
            "Briggs and his colleagues are starting a larger trial next year.\n")
    citations = find_citations(text)
    briggs = next(citation for citation in citations if citation.first_author == "Briggs")
    assert planned(briggs, text)
    assert not planned(citations[0], text)
    framed = frame_citations(citations, text)
    assert framed[citations.index(briggs)] == briggs, "a planned study joins no frame"


def test_a_paper_with_a_reference_list_has_no_frames() -> None:
    text = ("A new study suggests needling helps (1).\n\nReferences\n"
            "1. Lopez M, Tan R. Needles for pain. Pain Res. 2019;12(4):100-108.")
    citations = find_citations(text)
    assert frame_citations(citations, text, "2020-01-01") == borrow_journals(citations)


def test_a_mention_by_author_and_year_takes_the_journal_its_document_names() -> None:
    text = ("Gains held for a year (Nakamura 2016).\n\nReferences\n"
            "7. Nakamura T, Ito K. Long needles. Foot Sci 2016; 4: 2-8.")
    borrowed = borrow_journals(find_citations(text))
    assert {citation.journal for citation in borrowed if citation.first_author == "Nakamura"} == {"Foot Sci"}
    two_journals = text + "\n8. Nakamura T. Short needles. Hand Ther 2016; 2: 1-5."
    alone = [c for c in borrow_journals(find_citations(two_journals)) if c.kind == "author-year"]
    assert [citation.journal for citation in alone] == [None], "two journals for one author-year: none is taken"


def test_journal_and_year_identify_a_story_study_and_its_size_keeps_it_apart() -> None:
    """A story's study named by journal and year is identifiable (the story describes it); its size, when the story
    gives it, goes into the IRI so that two papers of one journal and year stay apart."""
    from claimgraph.ingest.matching.studies import mint_study_iri

    text = ("The results appear in the Nov. 7 online edition of The Lancet Neurology, 2011. "
            "The study included 437 patients with Huntington's disease.")
    citations = find_citations(text)
    framed = frame_citations(citations, text, "2011-11-07", size=study_size(text))
    journal = next(c for c in framed if c.journal)
    assert journal.identifiable and journal.participants == 437
    assert mint_study_iri(journal).endswith("-2011-n437")
    unsized = next(c for c in frame_citations(citations, text, "2011-11-07") if c.journal)
    assert unsized.identifiable and mint_study_iri(unsized).endswith("-2011")


def test_a_study_recently_published_in_a_journal_is_framed_with_the_story_year() -> None:
    text = ("Walking cuts falls\n\nA study recently published in JAMA Internal Medicine found that older adults "
            "who walked fell less. Another paper receiving online publication in Lancet Oncology was smaller.")
    framed = frame_citations(find_citations(text), text, "2016-05-02")
    journals = {(c.journal, c.year, c.year_inferred) for c in framed if c.journal}
    assert ("JAMA Internal Medicine", 2016, True) in journals
    assert any(c.journal == "Lancet Oncology" for c in framed)


def test_a_meeting_named_by_its_year_is_no_journal() -> None:
    text = "It will be presented at the Society's Annual Conference, Nutrition 2018 held in Boston this June."
    assert [c for c in find_citations(text) if c.journal] == []


def test_a_frame_without_an_author_takes_the_one_author_cited_for_its_year() -> None:
    text = ("Screening halves fractures\n\nThe trial was published in The Lancet this week. "
            "Shipton et al (2017) screened 12,483 women.\n")
    framed = {frame for _, frame in _framed(text, "2017-12-20")}
    assert {(frame.first_author, frame.year, frame.journal) for frame in framed} == {("Shipton", 2017, "The Lancet")}


def test_an_author_cited_for_another_year_does_not_join_the_frame() -> None:
    text = ("Screening halves fractures\n\nThe trial was published in The Lancet this week. "
            "An older trial, Shipton et al (2009), found less.\n")
    framed = {frame for _, frame in _framed(text, "2017-12-20")}
    assert ("Shipton", 2009) in {(frame.first_author, frame.year) for frame in framed}
    assert (None, 2017, "The Lancet") in {(frame.first_author, frame.year, frame.journal) for frame in framed}


def test_another_study_recently_in_a_journal_takes_the_story_year_but_stays_apart() -> None:
    text = ("Pills and crashes\n\nThe study was published in the American Journal of Psychiatry. Another study from "
            "this group recently reported in JAMA Psychiatry found more. An older study in Pediatric Neurology agreed.")
    framed = [c for c in frame_citations(find_citations(text), text, "2017-05-10") if c.journal]
    years = {c.journal: (c.year, c.year_inferred) for c in framed}
    assert years["JAMA Psychiatry"] == (2017, True)
    assert years["American Journal of Psychiatry"] == (2017, True)
    assert len({(c.journal, c.year) for c in framed}) == len(framed), "two journals are two studies"
    assert years["Pediatric Neurology"] == (None, False), "an older study is not dated by the story"


BACKGROUND = (
    "Fish oil for pupils\n\n"
    "The 2007 study, published in the American Journal of Clinical Nutrition, gave 800 kids a supplement.\n\n"
    "A 2010 study of 450 children ages 8 to 10 found that the supplement had almost no effect. As reported in "
    "the journal Research in Developmental Disabilities, the children taking it did slightly worse.\n"
)


def test_a_background_study_named_by_year_and_journal_in_two_sentences_is_one_study() -> None:
    """Outside the story's frame, "A 2010 study of 450 children" and the journal named in the next sentence are fused
    into one identifiable study of that size; the first study keeps its own size."""
    framed = [c for c in frame_citations(find_citations(BACKGROUND), BACKGROUND, "2011-08-01",
                                         [None, 450, None], size=study_size(BACKGROUND)) if c.journal]
    facts = {(c.journal, c.year, c.participants) for c in framed}
    assert ("Research in Developmental Disabilities", 2010, 450) in facts
    assert not any(c.journal.startswith("American") and c.participants == 450 for c in framed)
    assert all(c.identifiable for c in framed)


def test_a_background_study_far_from_the_journal_is_not_fused_with_it() -> None:
    text = BACKGROUND.replace(" As reported in", " " + "The children were tested in class. " * 10 + "As reported in")
    framed = frame_citations(find_citations(text), text, "2011-08-01")
    assert {(c.journal, c.year) for c in framed if c.journal and c.journal.startswith("Research")} == {
        ("Research in Developmental Disabilities", None)}


def test_a_study_of_the_storys_own_year_named_by_year_alone_joins_the_frame() -> None:
    text = "Fish oil for pupils\n\nA 2011 study found gains. It was published in the journal Nutrients.\n"
    framed = frame_citations(find_citations(text), text, "2011-08-01")
    assert {(c.journal, c.year, c.year_inferred) for c in framed} == {("Nutrients", 2011, False)}


@pytest.mark.parametrize(("sentence", "year"), [
    ("Earlier this year, a study published in JAMA Pediatrics found the opposite.", 2012),
    ("Last year a report in Pediatric Neurology found the opposite.", 2011),
    ("Over the last year a report in Pediatric Neurology found the opposite.", None),
])
def test_a_year_counted_from_the_storys_dates_another_study(sentence: str, year: int | None) -> None:
    text = "Sleep and screens\n\nThe study appears in the Journal of Sleep Research. " + sentence + "\n"
    framed = [c for c in frame_citations(find_citations(text), text, "2012-08-10") if c.journal
              and "Sleep" not in c.journal]
    assert [c.year for c in framed] == [year]
