"""A web page's bytes → its main text, with nothing lost silently.

The bytes are decoded by their byte order mark, else by the charset a ``<meta>`` declares (looked up as browsers
do, in the WHATWG Encoding Standard's labels: ``webencodings``), else as UTF-8; UTF-16 without a mark is
recognised by its NUL bytes. The page is parsed by lxml with libxml2's larger limits (a paragraph over 10 MB
and nesting to 2,048 levels are kept; a page the parser has to stop on is refused), after numeric references
that name no character (``&#1;``, ``&#xD800;``) are replaced; ``<template>`` contents are dropped. trafilatura
then picks the main text. When that holds less than :data:`MIN_EXTRACTED_SHARE` of the page's prose (its
paragraphs of at least :data:`PROSE_BLOCK_CHARS` characters), the text is read from the page body instead and a
warning says so.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimgraph.errors import InputError
from claimgraph.textfile import decode_utf8

if TYPE_CHECKING:
    from lxml.etree import _Element
    from lxml.html import HtmlElement

MIN_EXTRACTED_SHARE = 0.5
"""The least share of a page's prose the main text may hold before the page body is read instead."""

PROSE_BLOCK_CHARS = 200
"""A block (paragraph, list item, quotation, cell) this long or longer counts as prose, not page furniture."""

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+));?")
_DROPPED = ("script", "style", "template", "noscript", "nav", "footer", "aside", "form", "header", "svg", "iframe")
_BLOCKS = frozenset({"p", "li", "blockquote", "pre", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
                     "div", "section", "article", "main", "figcaption", "tr", "br", "ul", "ol", "table"})
_PROSE = ("p", "li", "blockquote", "pre", "td", "dd")


@dataclass(frozen=True)
class Page:
    """What a page gives: its main text (not yet normalised), metadata as trafilatura found it, and warnings."""

    text: str
    title: object = None
    author: object = None
    sitename: object = None
    date: object = None
    warnings: tuple[str, ...] = ()


def read_page(data: bytes, name: str) -> Page:
    """The main text and metadata of the page ``data`` (from the file ``name``); InputError when there is none."""
    import trafilatura

    page = _replace_bad_references(decode_html(data, name))
    if not page.strip():
        raise InputError("the file holds only whitespace, no text", name)
    tree = _parse(page, name)
    prose = _prose_chars(tree)
    result = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
        include_links=False, prune_xpath=["//nav", "//footer"],
        # dates only as the page states them (meta tags, JSON-LD, markup): no guessing from its free text
        date_extraction_params={"extensive_search": False, "original_date": True})
    body = getattr(result, "body", None)
    text = "\n\n".join(_html_blocks(body)) if body is not None else ""
    extracted = len("".join(text.split()))
    warnings: tuple[str, ...] = ()
    if prose and extracted < MIN_EXTRACTED_SHARE * prose:
        text = _body_text(_parse(page, name))
        warnings = (f"{name}: the main-text extractor kept {extracted:,} of the page's {prose:,} characters of "
                    "prose; the whole page body was read instead (check the archived text for page furniture)",)
    return Page(text, getattr(result, "title", None), getattr(result, "author", None),
                getattr(result, "sitename", None), getattr(result, "date", None), warnings)


def decode_html(data: bytes, name: str) -> str:
    """The page as text: by its byte order mark, its ``<meta>`` charset (WHATWG labels), else UTF-8."""
    import webencodings

    for mark, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                        (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(mark):
            return _decode(data[len(mark):], codec, codec.upper(), name)
    unmarked_utf16 = _utf16_without_mark(data)
    if unmarked_utf16:
        return _decode(data, unmarked_utf16, unmarked_utf16.upper(), name)
    _refuse_binary(data, name)
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return decode_utf8(data, name)
    label = match.group(1).decode("ascii")
    encoding = webencodings.lookup(label)
    if encoding is None:
        raise InputError(f"the page declares an unknown charset '{label}'", name)
    if encoding.name == "replacement":
        raise InputError(f"the page declares the charset '{label}', which browsers refuse to decode", name)
    if encoding.name in ("utf-8", "utf-16le", "utf-16be"):  # an ASCII <meta> read as such: UTF-8 (HTML standard)
        return decode_utf8(data, name)
    return _decode(data, encoding.codec_info, label, name)


def _decode(data: bytes, codec: str | codecs.CodecInfo, label: str, name: str) -> str:
    """``data`` decoded by ``codec``; InputError naming the offending byte otherwise."""
    if codec == "utf-8":
        return decode_utf8(data, name)
    info = codecs.lookup(codec) if isinstance(codec, str) else codec
    try:
        return str(info.decode(data)[0])
    except UnicodeDecodeError as error:
        raise InputError(f"not {label} text as the page declares (byte 0x{data[error.start]:02x} at offset "
                         f"{error.start})", name) from None


def _utf16_without_mark(data: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` when ``data`` looks like UTF-16 markup without a byte order mark (``<`` then NUL)."""
    head = data[:512]
    if len(head) < 8 or len(head) % 2:
        head = head[:len(head) - len(head) % 2]
    even, odd = head[0::2], head[1::2]
    if head[:2] == b"<\x00" and odd.count(0) > 0.9 * len(odd):
        return "utf-16-le"
    if head[:2] == b"\x00<" and even.count(0) > 0.9 * len(even):
        return "utf-16-be"
    return None


def _refuse_binary(data: bytes, name: str) -> None:
    """InputError when ``data`` holds NUL bytes: a binary file, not text."""
    offset = data.find(b"\x00")
    if offset >= 0:
        raise InputError(f"not UTF-8 text (binary data: a NUL byte at offset {offset})", name)


def _replace_bad_references(page: str) -> str:
    """``page`` with numeric references to no character (NUL, C0 controls, surrogates, past U+10FFFF) replaced:
    a control by nothing (the text drops controls anyway), the others by U+FFFD, as browsers show them."""
    def replace(reference: re.Match[str]) -> str:
        hexadecimal, decimal = reference.groups()
        number = int(hexadecimal, 16) if hexadecimal else int(decimal)
        if 0 < number < 0x20 and number not in (0x9, 0xA, 0xC, 0xD):
            return ""
        if number == 0 or 0xD800 <= number <= 0xDFFF or number > 0x10FFFF:
            return "\ufffd"
        return reference.group(0)

    return _NUMERIC_REFERENCE.sub(replace, page)


def _parse(page: str, name: str) -> HtmlElement:
    """The page's tree, parsed with libxml2's larger limits (``huge_tree``: 2,048 levels deep, text nodes over
    10 MB), ``<template>`` contents dropped; InputError when the parser had to stop (a page nested deeper)."""
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True, collect_ids=False)
    tree = lxml.html.document_fromstring(page.encode("utf-8", "surrogatepass"), parser=parser)
    fatal = parser.error_log.filter_from_fatals()
    if fatal:
        reason = " ".join(str(fatal[0].message).split()).split(", use XML_PARSE_HUGE")[0].rstrip(".")  # set already
        raise InputError(f"the page cannot be read whole: the HTML parser stopped ({reason})", name, fatal[0].line)
    for template in tree.xpath("//template"):
        template.drop_tree()
    return tree


def _visible_body(tree: HtmlElement) -> HtmlElement | None:
    """The page's body without scripts, styles, templates and page furniture (navigation, headers, forms…)."""
    body = tree.find("body")
    if body is None:
        return None
    for element in body.xpath(" | ".join(f"//{tag}" for tag in _DROPPED)):
        element.drop_tree()
    return body


def _prose_chars(tree: HtmlElement) -> int:
    """Characters (whitespace aside) in the page's prose: visible blocks of at least PROSE_BLOCK_CHARS."""
    import copy

    body = _visible_body(copy.deepcopy(tree))
    if body is None:
        return 0
    from lxml import etree

    total = open_blocks = 0
    for event, element in etree.iterwalk(body, events=("start", "end"), tag=_PROSE):
        if event == "start" and open_blocks == 0:  # outermost blocks only: their subtrees never overlap
            size = len("".join(element.text_content().split()))
            total += size if size >= PROSE_BLOCK_CHARS else 0
        open_blocks += 1 if event == "start" else -1
    return total


def _body_text(tree: HtmlElement) -> str:
    """The visible text of the page body, a blank line between blocks, spaces inside a block collapsed."""
    body = _visible_body(tree)
    if body is None:
        return ""
    for element in body.iter(*_BLOCKS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    blocks = (" ".join(block.split()) for block in body.text_content().split("\n\n"))
    return "\n\n".join(block for block in blocks if block)


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
