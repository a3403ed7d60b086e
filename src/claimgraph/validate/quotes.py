"""Check that every assertion's quote occurs verbatim in the archived copy of its source."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from claimgraph.errors import InputError
from claimgraph.rq.folder import QueryFolder
from claimgraph.store import Store
from claimgraph.textfile import read_utf8

_WHITESPACE = re.compile(r"\s+")

QUERIES = QueryFolder("claimgraph.validate", "queries")
"""What the quote check reads: ``assertion-quotes.rq``, also a named query."""


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


def verify_quotes(store: Store, sources_dirs: str | Path | Sequence[str | Path]) -> QuoteCheck:
    """Look up each quote (whitespace-normalised) in its source's local copy; never read outside the folders.

    ``sources_dirs`` is one archive folder or several, searched in order: the first folder holding a local
    copy wins. A local copy that is absolute or leads outside that folder (``..``, a symlink) is a miss, not
    opened.
    """
    folders = [Path(sources_dirs)] if isinstance(sources_dirs, str | PathLike) else [Path(f) for f in sources_dirs]
    if not folders:
        raise InputError("no sources directory given")
    for folder in folders:
        if not folder.is_dir():
            raise InputError("sources directory not found", str(folder))
    texts: dict[str, tuple[str | None, Path | None]] = {}
    misses: list[QuoteMiss] = []
    rows = store.query(QUERIES.text("assertion-quotes")).dicts()
    for row in rows:
        local_copy = str(row.get("local_copy", ""))
        quote = str(row["quote"])
        if local_copy not in texts:
            path, escaped_from = locate_copy(folders, local_copy)
            texts[local_copy] = (normalize_whitespace(read_utf8(path)) if path else None, escaped_from)
        text, escaped_from = texts[local_copy]
        reason = ""
        if escaped_from is not None:
            reason = f"local copy {local_copy} of {row['source']} is outside {escaped_from}; not read"
        elif text is None:
            searched = ", ".join(str(folder) for folder in folders)
            reason = f"local copy {local_copy or '(none)'} not found in {searched}"
        elif normalize_whitespace(quote) not in text:
            reason = "quote not found verbatim"
        if reason:
            misses.append(QuoteMiss(str(row["assertion"]), str(row["source"]), local_copy, quote, reason))
    return QuoteCheck(checked=len(rows), misses=misses)


def locate_copy(folders: Sequence[Path], local_copy: str) -> tuple[Path | None, Path | None]:
    """Where the first folder holding ``local_copy`` has it, or (None, the folder it leads outside of).

    Returns ``(None, None)`` when no folder holds it. A name leading outside a folder (absolute, ``..``, a
    symlink out) stops the search at that folder: it is never read, nor looked up in a later folder.
    """
    if not local_copy:
        return None, None
    for folder in folders:
        path = archived_path(folder, local_copy)
        if path is None:
            return None, folder
        if path.is_file():
            return path, None
    return None, None
