"""Invisible characters made visible on the review page: a reviewer must see what the archived text holds.

Bidirectional controls (U+202E turns the following text around), zero-width spaces and joiners, the word joiner
and a stray byte order mark are Unicode *format* characters (category Cf): on a page they show nothing, or
reorder what is shown. Each becomes a visible marker such as ``⟦U+202E⟧``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex


def show_invisible(text: str) -> str:
    """``text`` with every format character (Unicode category Cf) replaced by a visible ``⟦U+XXXX⟧`` marker."""
    return str(_format_characters().sub(lambda found: f"⟦U+{ord(found.group(0)):04X}⟧", text))


@lru_cache(maxsize=1)
def _format_characters() -> regex.Pattern[str]:
    """The format characters, by their Unicode category."""
    import regex

    return regex.compile(r"\p{Cf}")
