"""Split archived text into sentences, list items and headings, with offsets into the text.

Blocks come first: paragraphs separated by blank lines; inside a paragraph each list item (a line starting with
"•", "-", "*", "–" or "1." / "1)") starts a block of its own, and so do a heading line (short, no final
punctuation, between a finished line and a capitalised one) and a line opening with a paper's section label
("Results:", "Key words:", "Introduction"). A single newline inside a block is not a
boundary: PDF text wraps lines mid-sentence. Each block is then cut at unmistakable boundaries (". " after a
lower-case word of three letters or more, before a capital) and whatever still holds a possible boundary is
handed to pysbd, which knows abbreviations ("et al.", "Dr.", "e.g.", "p<0.05"). The fast path keeps splitting
under 0.3 s for 20,000 words, where pysbd alone takes about 0.7 s.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from claimgraph.ingest.assertions.structure import SECTIONS
from claimgraph.ingest.model import Sentence

if TYPE_CHECKING:
    import pysbd

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LIST_ITEM = re.compile(r"[ \t]*(?:[•▪◦●·*–-][ \t]|\d{1,2}[.)](?:[ \t]|(?=[A-Z])))")
_SECTION_LABEL = re.compile(
    r"[ \t]*(?:(?=(?-i:[A-Z]))(?:" + "|".join(pattern.pattern for _, pattern in SECTIONS) + r")|doi\b)[ \t]*[:.]?",
    re.IGNORECASE)
"""A paper's section label, capitalised, at a line's start ("Results: During follow-up, …", "Key words: …",
:data:`~claimgraph.ingest.assertions.structure.SECTIONS`) or its DOI line: a new block, as a PDF's text layer runs
the abstract's parts together without blank lines."""
_IDENTIFIER_LINE = re.compile(r"[ \t]*doi\b", re.IGNORECASE)
"""A line giving the paper's DOI: a block of its own line only (the title that follows is a sentence of its own)."""
_FINISHED_LINE = re.compile(r"[.!?:;)\]\"”’]\s*$")
_HEADING_MAX_WORDS = 10
_CLEAR_BOUNDARY = re.compile(r"(?<=[a-z]{3}[.!?])[\"”’)\]]*\s+(?=[\"“‘(]?[A-Z])")
_POSSIBLE_BOUNDARY = re.compile(r"[.!?…][\"”’)\]]*\s+\S")
_PYSBD_WINDOW = 2000
"""The most characters pysbd reads at once: its time grows with the square of what it reads (0.15 s for 11,000
characters), so a longer piece is read in windows."""
_PYSBD_MARGIN = 200
"""How far before a window's end a sentence must end to be kept from that window (pysbd looks past a stop)."""
_NOT_ENDINGS = frozenset({"etc", "approx", "incl", "resp", "viz", "fig", "figs", "vol", "nos", "dept", "univ"})


def split_sentences(text: str) -> list[Sentence]:
    """The sentences, list items and headings of ``text``, in order, each with ``text[start:end] == text``."""
    found: list[Sentence] = []
    for start, end in _blocks(text):
        for piece_start, piece_end in _sentences_in_block(text, start, end):
            sentence = _trimmed(text, piece_start, piece_end)
            if sentence is not None:
                found.append(sentence)
    return found


def _trimmed(text: str, start: int, end: int) -> Sentence | None:
    """The span without surrounding whitespace, or None when nothing but whitespace is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, text[start:end]) if start < end else None


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Spans of paragraphs, list items and heading lines."""
    start = 0
    for gap in _BLANK_LINE.finditer(text):
        yield from _split_paragraph(text, start, gap.start())
        start = gap.end()
    yield from _split_paragraph(text, start, len(text))


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the lines between ``start`` and ``end`` (without their newline)."""
    spans = []
    position = start
    while position <= end:
        newline = text.find("\n", position, end)
        stop = end if newline < 0 else newline
        spans.append((position, stop))
        if newline < 0:
            break
        position = newline + 1
    return spans


def is_heading_line(line: str, previous: str | None, following: str | None) -> bool:
    """True for a short line without final punctuation that stands between a finished line and a new one."""
    stripped = line.strip()
    words = stripped.split()
    if not words or len(words) > _HEADING_MAX_WORDS or _FINISHED_LINE.search(stripped):
        return False
    if stripped.endswith(("-", ",", "&")) or not (stripped[0].isupper() or stripped[0].isdigit()):
        return False
    if previous is not None and previous.strip() and not _FINISHED_LINE.search(previous):
        return False
    return following is None or not following.strip() or following.lstrip()[:1].isupper()


def _split_paragraph(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A paragraph cut into blocks at list items and heading lines."""
    lines = _lines(text, start, end)
    block_start: int | None = None
    for index, (line_start, line_end) in enumerate(lines):
        line = text[line_start:line_end]
        if not line.strip():
            continue
        previous = text[slice(*lines[index - 1])] if index > 0 else None
        following = text[slice(*lines[index + 1])] if index + 1 < len(lines) else None
        heading = len(lines) > 1 and is_heading_line(line, previous, following)
        label = _SECTION_LABEL.match(line)
        if heading or _LIST_ITEM.match(line) or label:
            if block_start is not None:
                yield block_start, line_start
            if heading or (label and _IDENTIFIER_LINE.match(line)):
                yield line_start, line_end
                block_start = None
                continue
            block_start = line_start
        elif block_start is None:
            block_start = line_start
    if block_start is not None:
        yield block_start, end


def _clear_cuts(block: str) -> list[int]:
    """Offsets in ``block`` where a sentence certainly ends (a finished lower-case word before a capital)."""
    cuts = []
    for boundary in _CLEAR_BOUNDARY.finditer(block):
        stop = boundary.start() - 1
        word_start = stop
        while word_start > 0 and (block[word_start - 1].isalnum() or block[word_start - 1] == "_"):
            word_start -= 1
        if block[word_start:stop].lower() in _NOT_ENDINGS:
            continue
        cuts.append(boundary.end())
    return cuts


def _sentences_in_block(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans of one block: clear cuts first, pysbd on pieces that may still hold a boundary."""
    block = text[start:end]
    flat = block.replace("\n", " ")
    edges = [0, *_clear_cuts(flat), len(flat)]
    for piece_start, piece_end in itertools.pairwise(edges):
        piece = flat[piece_start:piece_end]
        if not _POSSIBLE_BOUNDARY.search(piece.strip()):
            yield start + piece_start, start + piece_end
            continue
        for offset, length in _pysbd_spans(piece):
            yield start + piece_start + offset, start + piece_start + offset + length


def _pysbd_spans(piece: str) -> Iterator[tuple[int, int]]:
    """(offset, length) of pysbd's segments of ``piece``, read in windows of :data:`_PYSBD_WINDOW` characters: the
    segments ending :data:`_PYSBD_MARGIN` before a window's end are kept and the next window starts after them; a
    window without such a segment is cut at its last space."""
    position = 0
    while len(piece) - position > _PYSBD_WINDOW:
        window = piece[position:position + _PYSBD_WINDOW]
        kept = [(offset, length) for offset, length in _segments(window)
                if offset + length <= _PYSBD_WINDOW - _PYSBD_MARGIN]
        if not kept:
            cut = window.rfind(" ", 0, _PYSBD_WINDOW - _PYSBD_MARGIN)
            kept = [(0, cut if cut > 0 else _PYSBD_WINDOW - _PYSBD_MARGIN)]
        yield from ((position + offset, length) for offset, length in kept)
        position += kept[-1][0] + kept[-1][1]
    yield from ((position + offset, length) for offset, length in _segments(piece[position:]))


def _segments(piece: str) -> Iterator[tuple[int, int]]:
    """(offset, length) of pysbd's segments, found back in ``piece`` in order."""
    position = 0
    for segment in _segmenter().segment(piece):
        core = str(segment).strip()
        if not core:
            continue
        found = piece.find(core, position)
        if found < 0:
            continue
        yield found, len(core)
        position = found + len(core)


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    """One pysbd segmenter (English, text kept as is)."""
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)
