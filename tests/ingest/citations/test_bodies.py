"""Guidelines and reports named by the body that issued them."""

from __future__ import annotations

import pytest

from claimgraph.ingest.citations.bodies import find_body_documents
from claimgraph.ingest.citations.find import find_citations
from claimgraph.ingest.citations.frames import frame_citations
from claimgraph.ingest.matching.studies import match_citation, mint_study_iri
from claimgraph.ingest.names import is_body

STUDY = "https://w3id.org/claimgraph/id/study/"


@pytest.mark.parametrize(("text", "body", "year"), [
    ("In 2009, the U.S. Preventive Services Task Force issued mammogram recommendations.",
     "U.S. Preventive Services Task Force", 2009),
    ("Doctors were reviewing the 2004 American Academy of Pediatrics guidelines.", "American Academy of Pediatrics",
     2004),
    ("New guidelines from the American Heart Association say so.", "American Heart Association", None),
    ("The Switzerland-based International Osteoporosis Foundation released an in-depth report on men.",
     "International Osteoporosis Foundation", None),
    ("The Task Force's 2009 recommendations were debated.", "Task Force", 2009),
    ("The WHO guidelines were updated in 2015 after the trials.", "WHO", 2015),
])
def test_a_body_and_the_year_of_its_document(text: str, body: str, year: int | None) -> None:
    found = [(c.kind, c.organisation, c.year) for c in find_citations(text)]
    assert found == [("body", body, year)]


@pytest.mark.parametrize("text", [
    "The researchers at the Lakeside Institute reported that needles help.",    # no guideline or report
    "Dr. Smith's report was short.",                                            # a person's
    "A Reuters report said so.",                                                # no body word
    "The American Cancer Society recommends screening.",                        # no document named
])
def test_no_body_document(text: str) -> None:
    assert list(find_body_documents(text)) == []


def test_a_body_is_a_name_with_a_body_word_or_a_known_acronym() -> None:
    assert is_body("World Bank") and is_body("FDA")
    assert not is_body("Bank") and not is_body("Lakeside Hospital") and not is_body("XYZ")


def test_a_body_document_is_identified_by_body_and_year_and_apart_from_the_story_study() -> None:
    text = ("Mammograms at 40 questioned\n\nA new study published Monday in Radiology found more tumours. "
            "In 2009, the U.S. Preventive Services Task Force issued mammogram recommendations. "
            "A World Bank report published last week agreed.")
    framed = frame_citations(find_citations(text), text, "2012-05-07")
    assert {mint_study_iri(c) for c in framed if c.kind == "body"} == {STUDY + "uspstf-2009-guideline",
                                                                       STUDY + "wb-2012-report"}
    assert [mint_study_iri(c) for c in framed if c.kind == "journal-year"] == [STUDY + "radiology-2012"]
    assert all(c.identifiable for c in framed)


def test_a_body_document_matches_the_accepted_one_of_the_same_body_and_year() -> None:
    from claimgraph.ingest.matching.studies import KnownStudy

    citation = next(iter(find_body_documents("In 2009, the U.S. Preventive Services Task Force issued guidelines.")))
    accepted = KnownStudy(STUDY + "uspstf-2009-guideline", None, 2009, None, None, None, None, "USPSTF 2009", True,
                          False)
    assert match_citation(citation, [accepted]).iri == accepted.iri
    later = next(iter(find_body_documents("In 2016, the U.S. Preventive Services Task Force issued guidelines.")))
    assert match_citation(later, [accepted]).iri == STUDY + "uspstf-2016-guideline"


@pytest.mark.parametrize(("text", "body", "year"), [
    ("Screening changed after recommendations issued in 2009 by the U.S. Preventive Services Task Force.",
     "U.S. Preventive Services Task Force", 2009),
    ("She helped draw up 2014 guidelines for the American College of Obstetricians and Gynecologists.",
     "American College of Obstetricians and Gynecologists", 2014),
    ("That is according to 2015 statistics from the American Cancer Society.", "American Cancer Society", 2015),
    ("Britain's Royal College of Physicians, which sets health standards in the U.K., concluded in a 2007 report "
     "that smokers benefit.", "Royal College of Physicians", 2007),
])
def test_more_ways_a_story_names_a_bodys_document_and_its_year(text: str, body: str, year: int) -> None:
    found = [c for c in find_citations(text) if c.organisation]
    assert [(c.organisation, c.year) for c in found] == [(body, year)]


def test_a_possessive_that_is_part_of_the_bodys_name_stays() -> None:
    assert [c.organisation for c in find_body_documents("the Alzheimer's Association 2015 report")] == [
        "Alzheimer's Association"]
