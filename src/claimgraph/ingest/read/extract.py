"""Step 1 of ingest: a user's file (HTML page, PDF, plain text, Markdown) → its main text and metadata.

``EXTRACTORS`` is the one list of the kinds ``claimgraph ingest`` accepts. Every extractor returns a
``Document`` whose text went through ``normalize_text`` (the only change made to the words: quotes are later
anchored verbatim to this text) and raises a one-line ``InputError`` naming the file on bad input.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from claimgraph.errors import InputError
from claimgraph.ingest.model import Document
from claimgraph.inputfile import DEFAULT_MAX_BYTES, over_limit, read_input
from claimgraph.librarylogs import quiet_library
from claimgraph.textfile import decode_utf8
from claimgraph.timebudget import check_time

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader

    from claimgraph.ingest.read.pdfpages import TitleFinder

_LINE_BREAKS = re.compile(r"\r\n?")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_BLANK_LINE_RUNS = re.compile(r"\n{3,}")
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
_TITLE_MAX_WORDS = 15


class Extractor(NamedTuple):
    """A kind of file ingest reads: its media type and the function that extracts it."""

    media_type: str
    extract: Callable[[Path, int], Document]


def normalize_text(text: str) -> str:
    """The one normalisation of extracted text: line ends, control characters, trailing spaces, blank runs.

    ``\\r\\n`` and ``\\r`` become ``\\n``; C0 control characters other than ``\\n`` and ``\\t`` are removed;
    trailing whitespace is stripped from every line; runs of blank lines collapse to one; blank lines at
    the start and end are dropped and the text ends with one ``\\n`` (empty text stays empty). Nothing else
    changes: quote marks, hyphens and inner spacing stay as extracted.
    """
    text = _SURROGATES.sub("\ufffd", _CONTROL_CHARACTERS.sub("", _LINE_BREAKS.sub("\n", text)))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _BLANK_LINE_RUNS.sub("\n\n", text).strip("\n")
    return f"{text}\n" if text else ""


def extract(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """The main text and metadata of ``path``, chosen by its suffix (InputError for an unknown one); the file and
    its text at most ``max_bytes`` long."""
    extractor = EXTRACTORS.get(path.suffix.lower())
    if extractor is None:
        accepted = ", ".join(EXTRACTORS)
        shown = f"'{path.suffix}'" if path.suffix else "(no suffix)"
        raise InputError(f"cannot ingest files of type {shown}; accepted: {accepted}", str(path))
    return extractor.extract(path, max_bytes)


def extract_html(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """A web page's main text (navigation, scripts, styles, banners and footers dropped) and metadata."""
    from claimgraph.ingest.read.html import read_page

    page = read_page(_read_bytes(path, max_bytes), str(path))
    text = normalize_text(page.text)
    if not text:
        raise InputError("no main text found (only navigation or boilerplate?)", str(path))
    return Document(text=text, media_type=EXTRACTORS[".html"].media_type, origin=str(path),
                    title=_clean(page.title), author=_clean(page.author), publisher=_clean(page.sitename),
                    date=_clean(page.date), warnings=page.warnings)


def extract_pdf(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """A PDF's text layer, page by page (pages separated by a blank line; running heads dropped, hyphenation and
    ligatures repaired: :mod:`claimgraph.ingest.read.pdfpages`), its title (from its first page, else its
    metadata), author and date."""
    data = _read_bytes(path, max_bytes)
    if b"%PDF-" not in data[:1024]:
        raise InputError("not a PDF file (no %PDF header)", str(path))
    from claimgraph.ingest.read.pdfpages import clean_pages

    pages, info, title = _read_pdf(data, path, max_bytes)
    text = normalize_text("\n\n".join(clean_pages(pages)))
    if not text:
        raise InputError("has no text layer (a scanned PDF?); run OCR first", str(path))
    return Document(text=text, media_type=EXTRACTORS[".pdf"].media_type, origin=str(path),
                    title=_clean(title) or _clean(info.get("/Title")), author=_clean(info.get("/Author")),
                    date=_pdf_date(info.get("/CreationDate")))


def extract_plain_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """A UTF-8 text file as it is; its title is the first line when that line is short."""
    return _text_document(path, max_bytes, EXTRACTORS[".txt"].media_type, heading_marks="")


def extract_markdown(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """A UTF-8 Markdown file as it is (markup kept); its title is the first line without its ``#`` marks."""
    return _text_document(path, max_bytes, EXTRACTORS[".md"].media_type, heading_marks="#")


EXTRACTORS: dict[str, Extractor] = {
    ".html": Extractor("text/html", extract_html),
    ".htm": Extractor("text/html", extract_html),
    ".pdf": Extractor("application/pdf", extract_pdf),
    ".txt": Extractor("text/plain", extract_plain_text),
    ".md": Extractor("text/markdown", extract_markdown),
}
"""File suffix → media type and extractor: the kinds of file ``claimgraph ingest`` accepts."""


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; InputError for a missing, odd, large or empty one."""
    data = read_input(path, max_bytes)
    if not data:
        raise InputError("the file is empty (0 bytes)", str(path))
    return data


def _read_pdf(data: bytes, path: Path, max_bytes: int) -> tuple[list[str], dict[str, object], str | None]:
    """The text of each page, the document info and the first page's title of a PDF; InputError when it is
    encrypted, damaged, or its text passes ``max_bytes`` (pages sharing one large content stream, a compressed
    bomb)."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    from claimgraph.ingest.read.pdfpages import TitleFinder

    try:
        with quiet_library("pypdf"):
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise FileNotDecryptedError("needs a password")
            finder = TitleFinder()
            pages = _page_texts(reader, path, max_bytes, finder)
            info = {str(key): value for key, value in (reader.metadata or {}).items()}
            title = finder.title(reader.pages[0]) if pages else None
    except DependencyError as error:
        raise InputError(f"the PDF is encrypted, and decrypting it needs a package that is not installed: {error} "
                         "(pip install cryptography)", str(path)) from None
    except FileNotDecryptedError:
        raise InputError("the PDF is encrypted and cannot be opened without its password", str(path)) from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as error:
        raise InputError(f"cannot read the PDF ({error})", str(path)) from None
    return pages, info, title


def _page_texts(reader: PdfReader, path: Path, max_bytes: int, finder: TitleFinder) -> list[str]:
    """The text of each page, a content stream shared by many pages read once (the first page's runs given to
    ``finder``); InputError past ``max_bytes``."""
    pages: list[str] = []
    known: dict[tuple[object, ...], str] = {}
    size = 0
    for page in reader.pages:
        check_time()
        key = _shared_content(page)
        text = known.get(key) if key else None
        if text is None:
            text = page.extract_text(visitor_text=None if pages else finder.visit) or ""
            if key:
                known[key] = text
        pages.append(text)
        size += len(text)
        if size > max_bytes:
            raise InputError(over_limit(f"the text of its first {len(pages):,} pages", size, max_bytes), str(path))
    return pages


def _shared_content(page: PageObject) -> tuple[object, ...] | None:
    """What decides a page's text when its content stream and resources are shared objects (a PDF may repeat
    one large stream on every page: its text is extracted once), else None."""
    contents, resources = page.get("/Contents"), page.get("/Resources")
    references = [getattr(part, "indirect_reference", None) for part in (contents, resources)]
    if any(reference is None for reference in references):
        return None
    return (*((ref.idnum, ref.generation) for ref in references if ref), page.get("/Rotate"), tuple(page.mediabox))


def _refuse_binary(data: bytes, path: Path) -> None:
    """InputError when ``data`` holds NUL bytes: a binary file, not text."""
    offset = data.find(b"\x00")
    if offset >= 0:
        raise InputError(f"not UTF-8 text (binary data: a NUL byte at offset {offset})", str(path))


def _text_document(path: Path, max_bytes: int, media_type: str, heading_marks: str) -> Document:
    """A plain-text or Markdown document; the title from its first non-empty line."""
    data = _read_bytes(path, max_bytes)
    _refuse_binary(data, path)
    text = normalize_text(decode_utf8(data, str(path)))
    if not text.strip():
        raise InputError("the file holds only whitespace, no text", str(path))
    first_line = next(line for line in text.split("\n") if line.strip())
    title = first_line.lstrip(heading_marks).strip() if heading_marks else first_line.strip()
    short = 0 < len(title.split()) <= _TITLE_MAX_WORDS
    return Document(text=text, media_type=media_type, origin=str(path), title=title if short else None)


def _pdf_date(value: object) -> str | None:
    """A PDF info date (``D:YYYYMMDDHHmmSS…``) as ISO ``YYYY[-MM[-DD]]``, to the precision it states."""
    match = _PDF_DATE.match(str(value).strip()) if value else None
    return "-".join(part for part in match.groups() if part) if match else None


def _clean(value: object) -> str | None:
    """A metadata value as a stripped string, or None when absent or blank."""
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None
