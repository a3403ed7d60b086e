"""A copied reference list cut into entries."""

from __future__ import annotations

from claimgraph.ingest.refparser.segment import split_reference_list


def test_one_entry_per_line_without_numbers() -> None:
    text = "Lind B. Cold feet. Foot Care. 2019;3:1-5.\n\nOkafor A. Warm hands. Pain. 2010;1:2-3.\n"
    assert split_reference_list(text) == [(1, "Lind B. Cold feet. Foot Care. 2019;3:1-5."),
                                          (3, "Okafor A. Warm hands. Pain. 2010;1:2-3.")]


def test_numbered_entries_wrap_over_lines_and_a_hyphen_break_is_joined() -> None:
    text = "1. Lind B. Cold feet after random-\nized needling. Foot Care.\n2019;3:1-5.\n[2] Okafor A. Warm hands.\n"
    assert split_reference_list(text) == [
        (1, "1. Lind B. Cold feet after randomized needling. Foot Care. 2019;3:1-5."),
        (4, "[2] Okafor A. Warm hands.")]
