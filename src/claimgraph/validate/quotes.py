"""Check that every assertion's quote occurs verbatim in the archived copy of its source."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from claimgraph.errors import InputError
from claimgraph.sparql.named import run_named
from claimgraph.store import Store
from claimgraph.textfile import read_utf8

_WHITESPACE = re.compile(r"\s+")


def normalize_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _WHITESPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class QuoteMiss:
    """A quote not found in its source's local copy."""

    assertion: str
    source: str
    local_copy: str
    quote: str
    reason: str


@dataclass
class QuoteCheck:
    """How many quotes were checked and which were not found."""

    checked: int
    misses: list[QuoteMiss]


def archived_path(folder: Path, local_copy: str) -> Path | None:
    """Where ``local_copy`` lies inside ``folder`` (symlinks resolved), or None when it points outside it."""
    if not local_copy or Path(local_copy).is_absolute():
        return None
    root = folder.resolve()
    path = (root / local_copy).resolve()
    return path if path.is_relative_to(root) and path != root else None


def verify_quotes(store: Store, sources_dir: str | Path) -> QuoteCheck:
    """Look up each quote (whitespace-normalised) in ``sources_dir/<local copy>``; never read outside it.

    A local copy that is absolute or leads outside ``sources_dir`` (``..``, a symlink) is a miss, not opened.
    """
    folder = Path(sources_dir)
    if not folder.is_dir():
        raise InputError("sources directory not found", str(folder))
    texts: dict[str, str | None] = {}
    misses: list[QuoteMiss] = []
    rows = run_named(store, "assertion-quotes").dicts()
    for row in rows:
        local_copy = str(row.get("local_copy", ""))
        quote = str(row["quote"])
        path = archived_path(folder, local_copy)
        if local_copy not in texts:
            found = path is not None and path.is_file()
            texts[local_copy] = normalize_whitespace(read_utf8(path)) if found and path else None
        text = texts[local_copy]
        reason = ""
        if local_copy and path is None:
            reason = f"local copy {local_copy} of {row['source']} is outside {folder}; not read"
        elif text is None:
            reason = f"local copy {local_copy or '(none)'} not found in {folder}"
        elif normalize_whitespace(quote) not in text:
            reason = "quote not found verbatim"
        if reason:
            misses.append(QuoteMiss(str(row["assertion"]), str(row["source"]), local_copy, quote, reason))
    return QuoteCheck(checked=len(rows), misses=misses)
