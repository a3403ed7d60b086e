"""Invisible characters on the review page: every format character shown as a marker, nothing else touched."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from claimgraph.cli.main import main
from claimgraph.ingest.review.invisible import show_invisible
from helpers import TINY

HIDDEN = {"\u202e": "U+202E", "\u202d": "U+202D", "\u2066": "U+2066", "\u2069": "U+2069", "\u200e": "U+200E",
          "\u200b": "U+200B", "\u200d": "U+200D", "\u2060": "U+2060", "\ufeff": "U+FEFF", "\u00ad": "U+00AD"}


@pytest.mark.parametrize("character", list(HIDDEN))
def test_each_bidi_and_zero_width_character_becomes_a_visible_marker(character):
    assert show_invisible(f"Needling{character} eases pain") == f"Needling⟦{HIDDEN[character]}⟧ eases pain"


def test_visible_text_is_left_alone():
    text = "Acupuncture — “café” naïve 東京 مرحبا 😀 tab\there\n"
    assert show_invisible(text) == text


def test_the_review_page_shows_a_right_to_left_override_in_the_archived_text(tmp_path):
    document = tmp_path / "note.txt"
    document.write_text("Needling notes\n\nAcupuncture eases wrist pain in office \u202eskrow\u202c workers.\u200b\n",
                        encoding="utf-8")
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(document), "--id", "note", "-g", str(TINY),
                                    "--sources-dir", str(tmp_path / "sources"), "--drafts-dir", str(tmp_path / "d")])
    assert ingested.exit_code == 0, ingested.output
    page = tmp_path / "note.html"
    reviewed = runner.invoke(main, ["review", str(tmp_path / "d" / "note.ttl"), "-g", str(TINY),
                                    "--sources-dir", str(tmp_path / "sources"), "-o", str(page)])
    assert reviewed.exit_code in (0, 1), reviewed.output
    html = page.read_text(encoding="utf-8")
    assert "office ⟦U+202E⟧skrow⟦U+202C⟧ workers.⟦U+200B⟧" in html
    assert "\u202e" not in html and "\u200b" not in html
