"""The archived copy of an ingested document: ``<sources>/<id>.txt``, the text quotes are anchored to.

A copy is written once, whole, and never replaced: an id that already has a copy is refused, and of two ingests
racing for one id exactly one creates it (the other is refused, nothing written). Its sha256
goes into the source record so ``accept`` can check the copy was not edited since.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from claimgraph.atomic import create_new
from claimgraph.errors import InputError
from claimgraph.ingest.model import Document
from claimgraph.ingest.names import ascii_fold

SOURCE_ID_RULE = "[a-z0-9][a-z0-9-]{0,62}"
"""What a source id may look like: lowercase ASCII letters, digits and hyphens, not starting with a hyphen."""

_SOURCE_ID = re.compile(SOURCE_ID_RULE)
_WORD = re.compile(r"[a-z0-9]+")
_SLUG_WORDS = 6
_SLUG_MAX_CHARS = 63
_SMALL_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"})
_CHUNK = 1 << 16


@dataclass(frozen=True)
class ArchivedCopy:
    """An archived text: where it was written, its file name (the ``cg:localCopy``) and its sha256 (hex)."""

    path: Path
    name: str
    sha256: str


def check_source_id(source_id: str) -> str:
    """``source_id`` unchanged when it is a valid slug; InputError saying the rule otherwise."""
    if not _SOURCE_ID.fullmatch(source_id):
        raise InputError(f"invalid source id {source_id!r}: use 1-63 lowercase letters, digits or hyphens, "
                         f"starting with a letter or digit ({SOURCE_ID_RULE})")
    return source_id


def suggest_source_id(document: Document) -> str:
    """A source id from the document's title (else its file name): ASCII, lowercase, at most six words."""
    for candidate in (document.title, Path(document.origin).stem):
        slug = _slug(candidate or "")
        if slug:
            return slug
    return "source"


def archive_text(text: str, sources_dir: Path, source_id: str) -> ArchivedCopy:
    """Write ``text`` to ``sources_dir/<source_id>.txt`` (UTF-8, whole or not at all); refuse an id already archived
    (a file or a symlink of that name)."""
    check_source_id(source_id)
    if not text:
        raise InputError(f"nothing to archive for source id '{source_id}': the text is empty")
    name = f"{source_id}.txt"
    path = sources_dir / name
    if sources_dir.exists() and not sources_dir.is_dir():
        raise InputError("the sources folder is not a directory", str(sources_dir))
    payload = text.encode("utf-8")
    create_new(path, payload, f"source id '{source_id}'")  # of two ingests of one id, one gets here first
    return ArchivedCopy(path=path, name=name, sha256=hashlib.sha256(payload).hexdigest())


def sha256_of(path: Path) -> str:
    """The sha256 (hex) of the file at ``path``; InputError when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError as error:
        reason = "no such file" if isinstance(error, FileNotFoundError) else error.strerror or "cannot read"
        raise InputError(reason, str(path)) from None
    return digest.hexdigest()


def _slug(text: str) -> str:
    """Lowercase ASCII words of ``text`` (accents folded, small words dropped unless nothing else is left)."""
    words = _WORD.findall(ascii_fold(text))
    words = [word for word in words if word not in _SMALL_WORDS] or words
    return "-".join(words[:_SLUG_WORDS])[:_SLUG_MAX_CHARS].strip("-")
