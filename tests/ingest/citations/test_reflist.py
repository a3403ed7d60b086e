"""A paper's reference list cut into entries, read by the trained parser, and its in-text citations resolved to them
(a paper written here in the shape of a PDF's text layer: wrapped entries, broken DOIs, a front matter)."""

from __future__ import annotations

from claimgraph.ingest.citations.find import find_citations
from claimgraph.ingest.citations.frames import frame_citations
from claimgraph.ingest.citations.reflist import find_list_entries, front_matter_end, reference_list

PAPER = """Foot Care Research (2019), 3:1, 12-19
doi:10.1234/fcr.2019.001
Needling does not cure cold feet
Ada Okafor and Ben Lind
ABSTRACT
Background: Cold feet trouble older adults (Persson and Skoog, 1996). Fountoulakis et al. found the same.
Methods: We followed 240 adults, as described in Table 1.
References
Alzheimer’s Disease International. (2009). World
Alzheimer Report. London: ADI.
Baumeister, R. F., Bratslavsky, E., Finkenauer, C. and
Vohs, K. D. (2001). Bad is stronger than good. Review of
General Psychology, 5, 323–370. doi:10.1037//
1089-2680.5.4.323.
Fountoulakis, K. N., Pavlidis, I. and Tsolaki, M. (2011).
Life events and dementia. Psychiatry Research, 186, 1–5.
doi:10.1016/j.psychres.
2011.05.011.
Persson, G. and Skoog, I. (1996). A prospective population
study of psychosocial risk factors for late onset dementia.
International Journal of Geriatric Psychiatry, 11, 15–22.
Twisk, J. W. R., Snel, J., Kemper, H. C. G. and Van
Mechelen, W. (1999). Changes in daily hassles. Journal of
Psychosomatic Research, 46, 229–240.
Appendix A
Questionnaire items follow.
"""


def test_each_entry_of_a_wrapped_list_is_one_reference_with_its_fields() -> None:
    entries = find_list_entries(PAPER)
    assert [(entry.first_author, entry.year) for entry in entries] == [
        ("Alzheimer's Disease International", 2009), ("Baumeister", 2001), ("Fountoulakis", 2011),
        ("Persson", 1996), ("Twisk", 1999)]
    assert [entry.doi for entry in entries] == [None, "10.1037//1089-2680.5.4.323", "10.1016/j.psychres.2011.05.011",
                                                None, None]
    assert entries[3].journal == "International Journal of Geriatric Psychiatry"
    assert "Questionnaire" not in entries[-1].text


def test_the_list_ends_at_an_appendix_and_starts_after_its_heading() -> None:
    start, end = reference_list(PAPER) or (0, 0)
    assert PAPER[start:end].lstrip().startswith("Alzheimer") and PAPER[end:].startswith("Appendix A")


def test_a_broken_doi_is_the_entrys_not_a_study_of_its_own() -> None:
    found = find_citations(PAPER)
    assert [c for c in found if c.kind == "doi"] == []
    assert {c.doi for c in found if c.kind == "reference"} >= {"10.1037//1089-2680.5.4.323",
                                                               "10.1016/j.psychres.2011.05.011"}


def test_the_papers_own_journal_line_and_doi_are_no_citations() -> None:
    assert front_matter_end(PAPER) == PAPER.index("ABSTRACT")
    found = find_citations(PAPER)
    assert all(c.start >= front_matter_end(PAPER) for c in found)
    assert "10.1234/fcr.2019.001" not in {c.doi for c in found}


def test_in_text_citations_resolve_to_their_entries() -> None:
    """"(Persson and Skoog, 1996)" and "Fountoulakis et al." (no year) are their list entries; "Table 1" no journal."""
    found = find_citations(PAPER)
    framed = frame_citations(found, PAPER)
    pairs = [(c.text, f) for c, f in zip(found, framed, strict=True) if c.kind != "reference"]
    resolved = {text: (f.kind, f.first_author, f.year) for text, f in pairs}
    assert resolved["Persson and Skoog, 1996"] == ("reference", "Persson", 1996)
    assert resolved["Fountoulakis et al."] == ("reference", "Fountoulakis", 2011)
    assert not any(c.journal == "Table" for c in found)


def test_entries_numbered_without_a_stop_or_in_brackets_are_entries() -> None:
    text = ("Abstract\nNeedling helps [1] and so does heat (3).\nReferences\n"
            "1 Okafor, A. and Lind, B. (2015) Needling for burning feet. Pain Med. 16, 456-462\n"
            "2 Quist, A. (2018) Cold feet after needling. Foot Med. 12,\n101-109\n"
            "(3) Berg C, Lund P. Warm hands. J Hand Care. 2019;3:1-5.\n")
    entries = find_list_entries(text)
    assert [(entry.first_author, entry.year, entry.pages) for entry in entries] == [
        ("Okafor", 2015, "456-462"), ("Quist", 2018, "101-109"), ("Berg", 2019, "1-5")]
