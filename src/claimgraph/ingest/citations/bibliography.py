"""Bibliographic exports (BibTeX, RIS, CSL-JSON as Zotero writes them) and plain reference lists copied out of a
paper (read by the trained reference parser) as reference citations."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from claimgraph.errors import InputError
from claimgraph.ingest.citations.references import normalize_doi
from claimgraph.ingest.model import Citation
from claimgraph.ingest.names import repair_text
from claimgraph.inputfile import DEFAULT_MAX_BYTES, read_input
from claimgraph.librarylogs import quiet_library
from claimgraph.textfile import decode_utf8


def _year(value: object) -> int | None:
    found = re.search(r"\b(1[5-9]\d{2}|20\d{2})\b", str(value or ""))
    return int(found.group(1)) if found else None


def _text(value: object) -> str | None:
    if value is None or value == "":
        return None
    return repair_text(re.sub(r"\s+", " ", str(value)).strip("{} "))


def _reference(authors: list[str], surnames: list[str], **fields: Any) -> Citation:
    doi = fields.pop("doi", None)
    pmid = fields.pop("pmid", None)
    return Citation("reference", 0, 0, fields.pop("text", "") or "", authors=tuple(authors),
                    first_author=surnames[0] if surnames else None, doi=normalize_doi(doi) if doi else None,
                    pmid=str(pmid).strip() if pmid else None, confidence=1.0, **fields)


def _read_bibtex(path: Path, text: str) -> list[Citation]:
    from bibtexparser.entrypoint import parse_string
    from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts

    with quiet_library("bibtexparser"):  # its log lines about a broken entry: the InputError below says it once
        library = parse_string(
            text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()])
    if library.failed_blocks:
        block = library.failed_blocks[0]
        detail = str(getattr(block, "error", "") or "").strip().splitlines()
        reason = detail[-1].strip() if detail else "syntax error"
        line = block.start_line + 1 if block.start_line is not None else None
        raise InputError(f"malformed BibTeX entry: {reason}", str(path), line)
    citations = []
    for entry in library.entries:
        fields = {field.key.lower(): field.value for field in entry.fields}
        names = fields.get("author") or []
        authors = [_text(" ".join([*name.first, *name.von, *name.last])) or "" for name in names]
        surnames = [_text(" ".join([*name.von, *name.last])) or "" for name in names]
        citations.append(_reference(
            authors, surnames, text=entry.key, year=_year(fields.get("year") or fields.get("date")),
            title=_text(fields.get("title")), journal=_text(fields.get("journal") or fields.get("journaltitle")),
            volume=_text(fields.get("volume")), issue=_text(fields.get("number")),
            pages=_text(re.sub(r"\s*(?:--|–|—)\s*", "-", str(fields.get("pages", "")))), doi=_text(fields.get("doi")),
            pmid=_text(fields.get("pmid"))))
    return citations


def _ris_surname(author: str) -> str:
    return author.split(",")[0].strip()


def _read_ris(path: Path, text: str) -> list[Citation]:
    import rispy

    try:
        records = rispy.loads(text)
    except (OSError, ValueError, KeyError, IndexError) as error:
        raise InputError(f"malformed RIS file: {error}", str(path)) from None
    if not records and text.strip():
        raise InputError("malformed RIS file: no entries (each starts 'TY  - ' and ends 'ER  - ')", str(path))
    citations = []
    for record in records:
        authors = [str(author) for author in record.get("authors") or record.get("first_authors") or []]
        start, end = record.get("start_page"), record.get("end_page")
        pages = f"{start}-{end}" if start and end else start
        notes = " ".join(str(note) for note in record.get("notes", []) or [])
        pmid = re.search(r"PMID:?\s*(\d+)", notes)
        citations.append(_reference(
            [_text(author) or "" for author in authors], [_text(_ris_surname(author)) or "" for author in authors],
            text=str(record.get("id", "")),
            year=_year(record.get("year") or record.get("publication_year") or record.get("date")),
            title=_text(record.get("title") or record.get("primary_title")),
            journal=_text(record.get("journal_name") or record.get("secondary_title")
                          or record.get("alternate_title3") or record.get("alternate_title1")),
            volume=_text(record.get("volume")), issue=_text(record.get("number")), pages=_text(pages),
            doi=_text(record.get("doi")), pmid=pmid.group(1) if pmid else None))
    return citations


def _read_csl_json(path: Path, text: str) -> list[Citation]:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"malformed CSL-JSON: {error.msg}", str(path), error.lineno) from None
    except RecursionError:
        raise InputError("malformed CSL-JSON: nested too deeply", str(path)) from None
    items = items.get("items", items) if isinstance(items, dict) else items
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise InputError("malformed CSL-JSON: expected a list of items", str(path))
    citations = []
    for number, item in enumerate(items, start=1):
        try:
            citations.append(_csl_citation(item))
        except _CslShapeError as error:
            raise InputError(f"malformed CSL-JSON: item {number}: {error}", str(path)) from None
    return citations


class _CslShapeError(Exception):
    """A CSL-JSON item field of the wrong shape (the message says which and what it should be)."""


def _csl_citation(item: Mapping[str, Any]) -> Citation:
    """One CSL-JSON item as a reference citation; _CslShapeError for a field of the wrong shape."""
    names = [_csl_name(name) for name in _csl_list(item, "author") if isinstance(name, dict)]
    return _reference(
        [full for full, _ in names], [family for _, family in names], text=_csl_string(item, "id") or "",
        year=_csl_year(item.get("issued")), title=_text(_csl_string(item, "title")),
        journal=_text(_csl_string(item, "container-title")), volume=_text(_csl_string(item, "volume")),
        issue=_text(_csl_string(item, "issue")), pages=_text(_csl_string(item, "page")),
        doi=_text(_csl_string(item, "DOI")), pmid=_text(_csl_string(item, "PMID")))


def _csl_string(item: Mapping[str, Any], key: str) -> str | None:
    """A text field (a number allowed, as Zotero writes volumes; a list's first, as CrossRef writes titles); None
    when absent."""
    value = item.get(key)
    if isinstance(value, list) and all(isinstance(part, (str, int, float)) for part in value):
        value = value[0] if value else None
    if value is None or isinstance(value, bool):
        return None
    if not isinstance(value, (str, int, float)):
        raise _CslShapeError(f"{key!r} should be text, not {type(value).__name__}")
    return str(value)


def _csl_list(item: Mapping[str, Any], key: str) -> list[Any]:
    """A list field (names); empty when absent."""
    value = item.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _CslShapeError(f"{key!r} should be a list, not {type(value).__name__}")
    return value


def _csl_name(name: Mapping[str, Any]) -> tuple[str, str]:
    family = str(name.get("family") or name.get("literal") or "")
    given = str(name.get("given") or "")
    return (_text(f"{given} {family}".strip()) or "", _text(family) or "")


def _csl_year(issued: object) -> int | None:
    """The year of a CSL date (``{"date-parts": [[2012, 4]]}`` or ``{"raw": "2012"}``); None when absent."""
    if issued is None:
        return None
    if not isinstance(issued, dict):
        raise _CslShapeError(f"'issued' should be a date object, not {type(issued).__name__}")
    parts = issued.get("date-parts")
    if parts is not None and not (isinstance(parts, list) and all(isinstance(part, list) for part in parts)):
        raise _CslShapeError("'date-parts' should be a list of lists, e.g. [[2012, 4]]")
    first = parts[0][0] if parts and parts[0] else None
    return _year(first) or _year(issued.get("raw"))


def _read_reference_list(path: Path, text: str) -> list[Citation]:
    """A plain reference list: one entry per line, or numbered entries wrapped over lines, each read by the trained
    reference parser (:mod:`claimgraph.ingest.refparser`)."""
    from claimgraph.ingest.refparser.model import parse_reference
    from claimgraph.ingest.refparser.segment import split_reference_list

    citations = []
    for line, entry in split_reference_list(text):
        parsed = parse_reference(entry).citation
        if not parsed.authors and parsed.year is None and parsed.doi is None:
            raise InputError(f"not a reference (no author, year or DOI found): {entry[:60]!r}", str(path), line)
        citations.append(replace(parsed, doi=normalize_doi(parsed.doi) if parsed.doi else None,
                                 authors=tuple(_text(name) or "" for name in parsed.authors)))
    return citations


READERS: dict[str, Callable[[Path, str], list[Citation]]] = {
    ".bib": _read_bibtex,
    ".ris": _read_ris,
    ".json": _read_csl_json,
    ".txt": _read_reference_list,
}
"""Bibliography readers by file suffix: BibTeX (bibtexparser 2), RIS (rispy), CSL-JSON (Zotero's export), a plain
reference list (``.txt``, the trained reference parser)."""


def read_bibliography(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Citation]:
    """The entries of a BibTeX, RIS or CSL-JSON file (a regular file of at most ``max_bytes``) as ``reference``
    citations (offsets 0)."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(f"unknown bibliography format {path.suffix!r}; use one of: {', '.join(READERS)}", str(path))
    return reader(path, decode_utf8(read_input(path, max_bytes), str(path)))
