"""The journal titles ingest knows by name: folded as the lookup folds a name, and used by it."""

from __future__ import annotations

import pytest

from claimgraph.ingest.journals import KNOWN_TITLES_FILE, fold_title, known_titles, looks_like_journal


def test_the_shipped_titles_are_folded_sorted_and_unique() -> None:
    lines = [line for line in KNOWN_TITLES_FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert len(lines) > 10_000
    assert lines == sorted(set(lines))
    assert [line for line in lines if fold_title(line) != line] == []


@pytest.mark.parametrize(("name", "folded"), [
    ("The Journal of Pain", "journal of pain"),
    ("Cancer Causes & Control", "cancer causes and control"),
    ("Blood Cells, Molecules, and Diseases", "blood cells molecules and diseases"),
])
def test_a_name_is_folded_as_the_list_keeps_it(name: str, folded: str) -> None:
    assert fold_title(name) == folded


@pytest.mark.parametrize(("name", "journal"), [
    ("Atherosclerosis", True), ("The Obstetrics and Gynecology", True), ("Acad Emerg Med", True),
    ("Boston", False), ("Memory", False), ("Forbes", False),
])
def test_a_known_title_looks_like_a_journal(name: str, journal: bool) -> None:
    assert (fold_title(name) in known_titles()) is journal
    assert looks_like_journal(name) is journal
