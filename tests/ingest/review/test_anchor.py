from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from claimgraph.ingest.review.anchor import locate_quote, segments

TEXT = "Needles may ease wrist pain.\nSome say needles may\nease wrist pain in a week. Needles may ease wrist pain."


def test_a_quote_is_found_across_a_line_break():
    start, end = locate_quote(TEXT, "needles may ease wrist pain in a week")
    assert TEXT[start:end] == "needles may\nease wrist pain in a week"


def test_prefix_and_suffix_pick_the_occurrence():
    second = TEXT.rindex("Needles may ease wrist pain")
    assert locate_quote(TEXT, "Needles may ease wrist pain", prefix="in a week. ", suffix=".")[0] == second
    assert locate_quote(TEXT, "Needles may ease wrist pain", prefix="", suffix=".\nSome")[0] == 0


def test_a_missing_or_empty_quote_is_none():
    assert locate_quote(TEXT, "needles cure everything") is None
    assert locate_quote(TEXT, "   ") is None


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def test_overlapping_marks_cut_the_text_into_covered_pieces():
    marks = [Span(0, 10), Span(5, 20)]
    pieces = segments(TEXT, marks)
    assert "".join(piece.text for piece in pieces) == TEXT
    assert [(piece.text, len(piece.marks)) for piece in pieces[:3]] == [
        (TEXT[0:5], 1), (TEXT[5:10], 2), (TEXT[10:20], 1)]
    assert pieces[3].marks == ()


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6))
def test_pieces_always_rebuild_the_text(text, raw):
    marks = [Span(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in raw]
    pieces = segments(text, marks)
    assert "".join(piece.text for piece in pieces) == text
    offset = 0
    for piece in pieces:
        for mark in piece.marks:
            assert mark.start <= offset and offset + len(piece.text) <= mark.end
        offset += len(piece.text)
