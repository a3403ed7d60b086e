"""Step 1 of ingest: a user's file (HTML page, PDF, plain text, Markdown) → its main text and metadata.

``EXTRACTORS`` is the one list of the kinds ``claimgraph ingest`` accepts. Every extractor returns a
``Document`` whose text went through ``normalize_text`` (the only change made to the words: quotes are later
anchored verbatim to this text) and raises a one-line ``InputError`` naming the file on bad input.
"""

from __future__ import annotations

import codecs
import contextlib
import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from claimgraph.errors import InputError
from claimgraph.ingest.model import Document
from claimgraph.textfile import decode_utf8

if TYPE_CHECKING:
    from lxml.etree import _Element

_LINE_BREAKS = re.compile(r"\r\n?")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f]")
_BLANK_LINE_RUNS = re.compile(r"\n{3,}")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
_WHATWG_LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"}
_TITLE_MAX_WORDS = 15


class Extractor(NamedTuple):
    """A kind of file ingest reads: its media type and the function that extracts it."""

    media_type: str
    extract: Callable[[Path], Document]


def normalize_text(text: str) -> str:
    """The one normalisation of extracted text: line ends, control characters, trailing spaces, blank runs.

    ``\\r\\n`` and ``\\r`` become ``\\n``; C0 control characters other than ``\\n`` and ``\\t`` are removed;
    trailing whitespace is stripped from every line; runs of blank lines collapse to one; blank lines at
    the start and end are dropped and the text ends with one ``\\n`` (empty text stays empty). Nothing else
    changes: quote marks, hyphens and inner spacing stay as extracted.
    """
    text = _CONTROL_CHARACTERS.sub("", _LINE_BREAKS.sub("\n", text))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _BLANK_LINE_RUNS.sub("\n\n", text).strip("\n")
    return f"{text}\n" if text else ""


def extract(path: Path) -> Document:
    """The main text and metadata of ``path``, chosen by its suffix (InputError for an unknown one)."""
    extractor = EXTRACTORS.get(path.suffix.lower())
    if extractor is None:
        accepted = ", ".join(EXTRACTORS)
        shown = f"'{path.suffix}'" if path.suffix else "(no suffix)"
        raise InputError(f"cannot ingest files of type {shown}; accepted: {accepted}", str(path))
    return extractor.extract(path)


def extract_html(path: Path) -> Document:
    """A web page's main text (navigation, scripts, styles, banners and footers dropped) and metadata."""
    import trafilatura

    page = _decode_html(_read_bytes(path), path)
    if not page.strip():
        raise InputError("the file holds only whitespace, no text", str(path))
    result = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
        include_links=False, prune_xpath=["//nav", "//footer"],
        # dates only as the page states them (meta tags, JSON-LD, markup): no guessing from its free text
        date_extraction_params={"extensive_search": False, "original_date": True})
    body = getattr(result, "body", None)
    text = normalize_text("\n\n".join(_html_blocks(body))) if body is not None else ""
    if not text:
        raise InputError("no main text found (only navigation or boilerplate?)", str(path))
    return Document(text=text, media_type=EXTRACTORS[".html"].media_type, origin=str(path),
                    title=_clean(getattr(result, "title", None)), author=_clean(getattr(result, "author", None)),
                    publisher=_clean(getattr(result, "sitename", None)), date=_clean(getattr(result, "date", None)))


def extract_pdf(path: Path) -> Document:
    """A PDF's text layer, page by page (pages separated by a blank line), and its title, author and date."""
    data = _read_bytes(path)
    if b"%PDF-" not in data[:1024]:
        raise InputError("not a PDF file (no %PDF header)", str(path))
    pages, info = _read_pdf(data, path)
    text = normalize_text("\n\n".join(pages))
    if not text:
        raise InputError("has no text layer (a scanned PDF?); run OCR first", str(path))
    return Document(text=text, media_type=EXTRACTORS[".pdf"].media_type, origin=str(path),
                    title=_clean(info.get("/Title")), author=_clean(info.get("/Author")),
                    date=_pdf_date(info.get("/CreationDate")))


def extract_plain_text(path: Path) -> Document:
    """A UTF-8 text file as it is; its title is the first line when that line is short."""
    return _text_document(path, EXTRACTORS[".txt"].media_type, heading_marks="")


def extract_markdown(path: Path) -> Document:
    """A UTF-8 Markdown file as it is (markup kept); its title is the first line without its ``#`` marks."""
    return _text_document(path, EXTRACTORS[".md"].media_type, heading_marks="#")


EXTRACTORS: dict[str, Extractor] = {
    ".html": Extractor("text/html", extract_html),
    ".htm": Extractor("text/html", extract_html),
    ".pdf": Extractor("application/pdf", extract_pdf),
    ".txt": Extractor("text/plain", extract_plain_text),
    ".md": Extractor("text/markdown", extract_markdown),
}
"""File suffix → media type and extractor: the kinds of file ``claimgraph ingest`` accepts."""


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; InputError for a missing, unreadable or empty file."""
    if path.is_dir():
        raise InputError("is a directory, not a file", str(path))
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = "no such file" if isinstance(error, FileNotFoundError) else error.strerror or "cannot read"
        raise InputError(reason, str(path)) from None
    if not data:
        raise InputError("the file is empty (0 bytes)", str(path))
    return data


def _read_pdf(data: bytes, path: Path) -> tuple[list[str], dict[str, object]]:
    """The text of each page and the document info of a PDF; InputError when it is encrypted or damaged."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    try:
        with _quiet_logger("pypdf"):
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise FileNotDecryptedError("needs a password")
            pages = [page.extract_text() or "" for page in reader.pages]
            info = {str(key): value for key, value in (reader.metadata or {}).items()}
    except (FileNotDecryptedError, DependencyError):
        raise InputError("the PDF is encrypted and cannot be opened without its password", str(path)) from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as error:
        raise InputError(f"cannot read the PDF ({error})", str(path)) from None
    return pages, info


def _refuse_binary(data: bytes, path: Path) -> None:
    """InputError when ``data`` holds NUL bytes: a binary file, not text."""
    offset = data.find(b"\x00")
    if offset >= 0:
        raise InputError(f"not UTF-8 text (binary data: a NUL byte at offset {offset})", str(path))


def _text_document(path: Path, media_type: str, heading_marks: str) -> Document:
    """A plain-text or Markdown document; the title from its first non-empty line."""
    data = _read_bytes(path)
    _refuse_binary(data, path)
    text = normalize_text(decode_utf8(data, str(path)))
    if not text.strip():
        raise InputError("the file holds only whitespace, no text", str(path))
    first_line = next(line for line in text.split("\n") if line.strip())
    title = first_line.lstrip(heading_marks).strip() if heading_marks else first_line.strip()
    short = 0 < len(title.split()) <= _TITLE_MAX_WORDS
    return Document(text=text, media_type=media_type, origin=str(path), title=title if short else None)


def _decode_html(data: bytes, path: Path) -> str:
    """The page as text: by the charset its ``<meta>`` declares, else UTF-8 (a BOM dropped)."""
    _refuse_binary(data, path)
    if data.startswith(codecs.BOM_UTF8):
        return decode_utf8(data, str(path))
    match = _DECLARED_CHARSET.search(data[:4096])
    label = match.group(1).decode("ascii").lower() if match else "utf-8"
    label = "cp1252" if label in _WHATWG_LATIN1_LABELS else label
    try:
        codec = codecs.lookup(label)
    except LookupError:
        raise InputError(f"the page declares an unknown charset '{label}'", str(path)) from None
    if codec.name == "utf-8":
        return decode_utf8(data, str(path))
    try:
        return data.decode(codec.name)
    except UnicodeDecodeError as error:
        raise InputError(f"not {label} text as the page declares (byte 0x{data[error.start]:02x} at offset "
                         f"{error.start})", str(path)) from None


def _html_blocks(body: _Element) -> list[str]:
    """The blocks of trafilatura's extracted tree: headings and paragraphs, lists and tables line by line."""
    blocks = []
    for element in body:
        if element.tag == "list":
            block = "\n".join(_list_lines(element))
        elif element.tag == "table":
            block = "\n".join(" | ".join(_inline_text(cell).strip() for cell in row) for row in element.iter("row"))
        else:
            block = _inline_text(element)
        if block.strip():
            blocks.append(block.strip())
    return blocks


def _list_lines(element: _Element) -> list[str]:
    """One line per list item: ``N.`` before the items of an ordered list, ``-`` otherwise."""
    ordered = str(element.get("rend", "")).lower() == "ol"
    lines = []
    for number, item in enumerate((child for child in element if child.tag == "item"), start=1):
        nested = [line for child in item if child.tag == "list" for line in _list_lines(child)]
        marker = f"{number}." if ordered else "-"
        lines.append(f"{marker} {_inline_text(item, skip_lists=True).strip()}")
        lines.extend(f"  {line}" for line in nested)
    return lines


def _inline_text(element: _Element, skip_lists: bool = False) -> str:
    """The text inside ``element``, with ``<lb/>`` as a line break."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag == "list" and not skip_lists:
            parts.append("\n" + "\n".join(_list_lines(child)) + "\n")
        elif child.tag != "list":
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


@contextlib.contextmanager
def _quiet_logger(name: str) -> Iterator[None]:
    """Hide a library's warnings about a damaged file while it reads it: the InputError says what matters."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _pdf_date(value: object) -> str | None:
    """A PDF info date (``D:YYYYMMDDHHmmSS…``) as ISO ``YYYY[-MM[-DD]]``, to the precision it states."""
    match = _PDF_DATE.match(str(value).strip()) if value else None
    return "-".join(part for part in match.groups() if part) if match else None


def _clean(value: object) -> str | None:
    """A metadata value as a stripped string, or None when absent or blank."""
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None
