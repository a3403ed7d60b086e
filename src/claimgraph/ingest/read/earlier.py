"""Has this text been ingested before? The archived copies that hold the same text, or most of it.

A copy with the same text (same sha256 once both are normalised as extracted text is) is the same document: ingest
refuses it. A copy holding most of the document's long sentences word for word (the same press release on two
sites, with other navigation around it) is a near duplicate: ingest drafts it and names the other. Sentences are
looked up as substrings, so the check reads each archived copy once, in time linear in its length.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PROBE_CHARS = 60
"""A sentence this long or longer is a probe: short ones ("Read more.") recur in unrelated texts."""
PROBES = 12
"""At most this many probes, spread evenly over the document."""
NEAR_SHARE = 0.5
"""A copy holding at least this share of the probes (and at least :data:`MIN_PROBES`) is a near duplicate."""
MIN_PROBES = 3

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class EarlierCopy:
    """An archived copy like the document: its path, whether it is the same text, the share of probes it holds."""

    path: Path
    same: bool
    share: float


def earlier_copies(text: str, archive: Path, others: Sequence[Path] = ()) -> list[EarlierCopy]:
    """The archived copies (``*.txt`` in ``archive``, ingest's own folder, whose copies are stored as extracted
    text is normalised, and in ``others``, read and normalised) with the same text as ``text`` or most of its long
    sentences, the same text first, then by share of probes held."""
    from claimgraph.ingest.read.extract import normalize_text

    digest = _sha256(text)
    probes = _probes(text)
    found: list[EarlierCopy] = []
    seen: set[Path] = set()
    for folder in (archive, *others):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.txt")):
            resolved = path.resolve()
            if resolved in seen or not path.is_file():
                continue
            seen.add(resolved)
            try:
                other = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if folder != archive:
                other = normalize_text(other)
            if _sha256(other) == digest:
                found.append(EarlierCopy(path, True, 1.0))
                continue
            share = _share(probes, other)
            if share >= NEAR_SHARE:
                found.append(EarlierCopy(path, False, share))
    return sorted(found, key=lambda copy: (not copy.same, -copy.share, str(copy.path)))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _flat(text: str) -> str:
    return " ".join(text.split())


def _probes(text: str) -> list[str]:
    """Up to :data:`PROBES` long sentences of ``text``, whitespace collapsed, spread evenly over it."""
    sentences = [_flat(part) for part in _SENTENCE_END.split(text)]
    long = list(dict.fromkeys(sentence for sentence in sentences if len(sentence) >= PROBE_CHARS))
    if len(long) <= PROBES:
        return long
    step = len(long) / PROBES
    return [long[int(index * step)] for index in range(PROBES)]


def _share(probes: Sequence[str], other: str) -> float:
    """The share of ``probes`` that ``other`` holds word for word (0 when there are too few probes)."""
    if len(probes) < MIN_PROBES:
        return 0.0
    flat = _flat(other)
    return sum(probe in flat for probe in probes) / len(probes)
