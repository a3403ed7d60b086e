"""A paper's pages as a reader sees them: running heads dropped, hyphenation and ligatures repaired, its title read
from its first page (PDFs made here with fpdf2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.ingest.read.extract import extract
from claimgraph.ingest.read.pdfpages import clean_pages, running_heads

BODY = ["Needling eased the burning in the feet of most patients in the trial.",
        "Pain scores fell by a third over twelve weeks of weekly sessions.",
        "Sleep improved in the needling group and stayed better at follow-up.",
        "Side effects were minor: a few bruises and one faint.",
        "The authors call for a larger trial with a sham control group."]


GROUPS = ["amber", "birch", "cedar", "dune"]


def _body(number: int) -> list[str]:
    """A page's own lines: the same sentences told of another group on each page, as a paper's pages differ."""
    return [f"In the {GROUPS[number - 1]} group: {line}" for line in BODY]


def _page(number: int, body: list[str]) -> str:
    return "\n".join([f"Foot Care Research {number + 10} (2019) 3:{number}", f"{number + 147} A. Okafor et al.", *body,
                      f"Page {number} of 4"])


def test_lines_recurring_at_every_pages_edges_are_running_heads() -> None:
    pages = [_page(number, _body(number)) for number in range(1, 5)]
    heads = running_heads(pages)
    assert "# a. okafor et al." in heads and "page # of #" in heads
    cleaned = clean_pages(pages)
    assert all("Okafor et al." not in page and "Page " not in page for page in cleaned)
    assert [page.split("\n") for page in cleaned] == [_body(number) for number in range(1, 5)]


def test_fewer_pages_than_three_keep_their_edges() -> None:
    pages = [_page(number, _body(number)) for number in range(1, 3)]
    assert clean_pages(pages) == pages


@pytest.mark.parametrize(("broken", "joined"), [
    ("the question-\nnaires were sent", "the questionnaires were sent"),
    ("a well-\nKnown effect", "a well-\nKnown effect"),              # a capital after the break: a real hyphen
    ("COVID-\n19 patients", "COVID-\n19 patients"),
    ("the ﬁrst ﬂoor, eﬀect", "the first floor, effect"),
])
def test_hyphenated_line_breaks_and_ligatures_are_repaired(broken: str, joined: str) -> None:
    assert clean_pages([broken]) == [joined]


def _paper(tmp_path: Path, metadata_title: str) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(metadata_title)
    for number in range(1, 5):
        pdf.add_page()
        pdf.set_font("helvetica", size=9)
        pdf.cell(0, 6, f"{number + 147} A. Okafor et al.", new_x="LMARGIN", new_y="NEXT")
        if number == 1:
            pdf.set_font("helvetica", "B", size=18)
            pdf.multi_cell(0, 9, "Needling for burning feet: a randomised trial", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=11)
        for line in _body(number):
            pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 7, f"In the {GROUPS[number - 1]} group the question-", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 7, f"naires were returned by most ({GROUPS[number - 1]}).", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "paper.pdf"
    pdf.output(str(path))
    return path


def test_a_papers_title_comes_from_its_first_page_and_its_running_heads_go(tmp_path: Path) -> None:
    document = extract(_paper(tmp_path, "ipg1300180a"))
    assert document.title == "Needling for burning feet: a randomised trial"
    assert "Okafor et al." not in document.text
    assert "questionnaires were returned" in document.text


def test_without_a_larger_first_line_the_metadata_title_stays(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Needling and the Wrist")
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, "Needling may ease the tingling in the fingers.")
    path = tmp_path / "factsheet.pdf"
    pdf.output(str(path))
    assert extract(path).title == "Needling and the Wrist"
