"""Who wrote a news story or press release, from its byline: "By Kathleen Doheny", "By Jane Roe and Li Wei" (what
follows a comma, "Staff Writer" or "Los Angeles Times", is not a name).

HTML pages usually bring their author in their metadata (trafilatura reads it); a text brings it as a line of its
own near the top. The byline is read from the opening lines only, one bounded pattern per line.
"""

from __future__ import annotations

import re

OPENING_LINES = 12
"""How many of the first non-empty lines may hold the byline."""
_NAME = r"[A-Z][\w'’.-]{0,30}(?:\s+[A-Z][\w'’.-]{0,30}){1,3}"
_BYLINE = re.compile(rf"^[ \t]*[Bb][Yy][ \t]+(?P<names>{_NAME}(?:[ \t]+and[ \t]+{_NAME}){{0,3}})"
                     r"[ \t]*(?:,[^\n]{0,80})?$")


def byline_author(text: str) -> str | None:
    """The names of the byline among the opening lines of ``text`` ("Jane Roe and Li Wei"), else None."""
    seen = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        seen += 1
        if seen > OPENING_LINES:
            return None
        found = _BYLINE.match(line[:200])
        if found:
            return found.group("names")
    return None
