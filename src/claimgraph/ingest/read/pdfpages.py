"""A paper's pages as a reader sees them: running headers and footers gone, hyphenation and ligatures repaired, and
its own title read from the first page.

* **Running heads.** A line among the first or last :data:`EDGE_LINES` lines of a page that recurs, with its
  numbers ignored ("148 A. Sundström et al.", "Page 3 of 8"), at the edge of at least half the pages (and of at
  least :data:`LEAST_PAGES`) is a running header or footer, and is dropped from every page long enough to have a
  body between its edges (a short page keeps its lines; a bare page number goes).
* **Hyphenation.** A word broken at a line end with a hyphen and continued in lower case ("question-⏎naires") is
  joined; a hyphen that belongs to the word ("well-⏎Known", "COVID-⏎19") stays, with the line break.
* **Ligatures.** The presentation forms a PDF font may map its glyphs to (ﬁ, ﬂ, ﬀ, ﬃ, ﬄ, ﬅ, ﬆ) become their letters.
* **Title.** The first page's largest text near its top, when it is set larger than the body text, is the
  paper's title; the PDF's metadata title (often a file name: "ipg1300180a") is only the fallback.

Each step is one pass over the lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdf import PageObject

EDGE_LINES = 3
LEAST_PAGES = 3
HEAD_MOST_WORDS = 12
"""A running head is short (a journal's name and volume, authors, a page number): a full line of prose that opens
every page (a document of identical pages) is content."""
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "ft", "ﬆ": "st"})
_DIGITS = re.compile(r"\d+")
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])-\n(?=[a-zà-ÿ])")
TITLE_LEAST_SCALE = 1.15
"""How much larger than the page's body text a line must be set to be taken as the title."""
TITLE_MOST_WORDS = 40


def _key(line: str) -> str:
    """A line as running heads are compared: numbers as one mark, spaces folded, case ignored."""
    return " ".join(_DIGITS.sub("#", line).split()).lower()


def running_heads(pages: Sequence[str]) -> frozenset[str]:
    """The keys of the lines that recur at the edges of at least half the pages (and of :data:`LEAST_PAGES`)."""
    if len(pages) < LEAST_PAGES:
        return frozenset()
    seen: Counter[str] = Counter()
    for page in pages:
        lines = [line for line in page.split("\n") if line.strip()]
        edges = {_key(line) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}
        seen.update(key for key in edges if key and key != "#" and len(key.split()) <= HEAD_MOST_WORDS)
    least = max(LEAST_PAGES, (len(pages) + 1) // 2)
    return frozenset(key for key, count in seen.items() if count >= least) | frozenset({"#"})


def clean_pages(pages: Sequence[str]) -> list[str]:
    """The pages with running heads dropped (and bare page numbers at their edges), ligatures and hyphenated line
    breaks repaired."""
    heads = running_heads(pages)
    cleaned = []
    for page in pages:
        lines = page.translate(LIGATURES).split("\n")
        filled = [index for index, line in enumerate(lines) if line.strip()]
        edges = set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])
        if len(filled) <= 2 * EDGE_LINES:
            edges = {index for index in edges if _key(lines[index]) == "#"}
        kept = [line for index, line in enumerate(lines) if not (index in edges and _key(line) in heads)]
        cleaned.append(_BROKEN_WORD.sub("", "\n".join(kept)))
    return cleaned


class TitleFinder:
    """Collects a page's text runs with their size and height as pypdf extracts them (pass :meth:`visit` as its
    ``visitor_text``), so that the first page is read once for its text and its title."""

    def __init__(self) -> None:
        self.runs: list[tuple[float, float, str]] = []

    def visit(self, text: str, cm: Sequence[float], tm: Sequence[float], font: object, size: float) -> None:
        """Record one run: its size on the page (font size times the text and page scales) and its height."""
        if text.strip():
            scale = abs(size * tm[3] * cm[3]) or abs(size)
            self.runs.append((round(scale, 1), tm[5] * cm[3] + cm[5], text))

    def title(self, page: PageObject) -> str | None:
        """The largest text in the upper half of ``page``, when it is set at least :data:`TITLE_LEAST_SCALE` times
        the size most of the page's text has; None otherwise."""
        if not self.runs:
            return None
        sizes: Counter[float] = Counter()
        for size, _, text in self.runs:
            sizes[size] += len(text)
        body = sizes.most_common(1)[0][0]
        top = float(page.mediabox.height) / 2
        largest = max((size for size, y, _ in self.runs if y >= top), default=0.0)
        if largest < body * TITLE_LEAST_SCALE:
            return None
        words = " ".join(text for size, y, text in self.runs if size == largest and y >= top).split()
        return " ".join(words[:TITLE_MOST_WORDS]) or None
