"""Anchor Web Annotation selectors in a text, and cut the text into pieces for highlighting.

A text-quote selector is found by its exact text with any run of whitespace matching any other (a quote may
span a line break of the archived copy); when the quote occurs more than once, the occurrence whose
surroundings agree best with ``oa:prefix`` and ``oa:suffix`` wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Generic, Protocol, TypeVar


class Span(Protocol):
    """Anything with a start and an end offset (a review ``Mark``)."""

    @property
    def start(self) -> int:
        """Offset of the first character."""

    @property
    def end(self) -> int:
        """Offset after the last character."""


S = TypeVar("S", bound=Span)


@dataclass(frozen=True)
class Piece(Generic[S]):
    """A run of text with the marks that cover it (none for plain text)."""

    text: str
    marks: tuple[S, ...]


def _flexible(fragment: str) -> str:
    return r"\s+".join(re.escape(word) for word in fragment.split())


def locate_quote(text: str, exact: str, prefix: str = "", suffix: str = "") -> tuple[int, int] | None:
    """Start and end of ``exact`` in ``text`` (whitespace-tolerant), disambiguated by prefix and suffix."""
    if not exact.split():
        return None
    found = [(match.start(), match.end()) for match in re.finditer(_flexible(exact), text)]
    if len(found) <= 1:
        return found[0] if found else None
    want_before, want_after = " ".join(prefix.split()), " ".join(suffix.split())

    def agreement(span: tuple[int, int]) -> int:
        before = " ".join(text[max(0, span[0] - len(prefix) - 8):span[0]].split())
        after = " ".join(text[span[1]:span[1] + len(suffix) + 8].split())
        return (len(want_before) if want_before and before.endswith(want_before) else 0) + (
            len(want_after) if want_after and after.startswith(want_after) else 0)

    return max(found, key=agreement)


def segments(text: str, marks: Sequence[S]) -> list[Piece[S]]:
    """``text`` cut at every mark's start and end; each piece lists the marks covering it (overlaps allowed)."""
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    pieces: list[Piece[S]] = []
    for start, end in pairwise(cuts):
        covering = tuple(m for m in marks if m.start <= start and end <= m.end)
        pieces.append(Piece(text[start:end], covering))
    return pieces
