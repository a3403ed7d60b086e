"""The main clause of a sentence: where the cue that governs its claim must stand.

A reader takes a sentence's claim from its main clause: not from a leading concession ("Although needling is
popular, …"), an aside about how the claim sounds ("It may sound strange, but previous studies have found …"), or
a trailing concession or contrast ("…, though more research is needed", "…; …"). Polarity reads its cues in the
main clause; strength reads them after an aside only (:func:`after_aside`), for a hedge in a concession still
reserves the whole sentence ("Although it may not help everyone, it eased pain" is worded with reserve).
"""

from __future__ import annotations

import re

_LEADING_SUBORDINATE = re.compile(r"^\W*(?:although|though|while|whilst|despite|even\s+if|even\s+though)\b[^,;]*[,;]",
                                  re.IGNORECASE)
_LEADING_ASIDE = re.compile(r"^\W*(?:it|this|that)\s+(?:may|might|could|can|will)\s+(?:sound|seem|look|appear)\b"
                            r"[^,;]{0,60},\s*but\b", re.IGNORECASE)
"""A comment on how the claim will strike the reader, before it: "It may sound strange, but …"."""
_TRAILING_CONTRAST = re.compile(r",\s*(?:though|although|but|while|yet|however)\b|;\s*|\s+but\s+", re.IGNORECASE)


def after_aside(text: str) -> int:
    """Where ``text``'s claim starts when an aside on how it sounds comes first ("It may sound strange, but"),
    else 0."""
    aside = _LEADING_ASIDE.match(text)
    return aside.end() if aside else 0


def main_clause(text: str) -> tuple[int, int]:
    """The span of ``text`` its main clause covers: after a leading "Although …," or "It may sound strange, but"
    and before a trailing ", though …" (or ", but …", "; …")."""
    lead = _LEADING_ASIDE.match(text) or _LEADING_SUBORDINATE.match(text)
    start = lead.end() if lead else 0
    contrast = _TRAILING_CONTRAST.search(text, start)
    return start, contrast.start() if contrast else len(text)
