"""A copied reference list cut into its entries.

A list copied out of a paper comes one entry per line, or numbered ("1.", "[1]", "1)") with entries wrapped over
several lines. When any line starts with a number marker, each marker starts an entry and the lines after it,
up to the next marker or a blank line, continue it; otherwise each non-blank line is an entry. A line that wraps
mid-word with a hyphen ("random-" then "ized") is joined without the hyphen's break. One pass over the lines.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"^\s*(?:\[\d{1,4}\]|\d{1,4}[.)])\s+")
"""A number that starts an entry: "12.", "[12]", "12)"."""


def split_reference_list(text: str) -> list[tuple[int, str]]:
    """The entries of a reference list: (the line it starts on, counted from 1, and its text on one line)."""
    lines = text.splitlines()
    numbered = any(MARKER.match(line) for line in lines)
    entries: list[tuple[int, list[str]]] = []
    open_entry = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            open_entry = False
            continue
        if numbered and open_entry and not MARKER.match(line):
            entries[-1][1].append(stripped)
            continue
        entries.append((number, [stripped]))
        open_entry = numbered
    return [(number, _joined(parts)) for number, parts in entries]


def _joined(parts: list[str]) -> str:
    """The lines of one entry on one line; a hyphen that ends a line before a lower-case letter is a wrap."""
    text = parts[0]
    for part in parts[1:]:
        wrapped = text.endswith("-") and part[:1].islower()
        text = text[:-1] + part if wrapped else f"{text} {part}"
    return text
