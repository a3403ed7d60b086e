"""The byline of a story: its author's names from a "By …" line near the top, nothing from the body."""

from __future__ import annotations

import pytest

from claimgraph.ingest.read.byline import OPENING_LINES, byline_author


@pytest.mark.parametrize(("text", "author"), [
    ("Needles ease hot flashes\n\nBy Kathleen Doheny\nHealthDay Reporter\n\nMONDAY, Aug. 30 ...", "Kathleen Doheny"),
    ("Title\nBY JANE ROE and Li Wei, Staff Writers\n\nBody.", "JANE ROE and Li Wei"),
    ("Title\n\nBy Thomas H. Maugh II, Los Angeles Times\n\nBody.", "Thomas H. Maugh II"),
    ("Title\n\nBody text that says by far the most.", None),
    ("Title\n\nBy the way, needling helps.", None),
])
def test_the_byline_names_the_author(text: str, author: str | None) -> None:
    assert byline_author(text) == author


def test_a_by_line_deep_in_the_body_is_not_a_byline() -> None:
    text = "\n".join(["Line."] * OPENING_LINES) + "\nBy Jane Roe\n"
    assert byline_author(text) is None
