"""SPARQL results as text: the W3C SPARQL 1.1 JSON, CSV, TSV and XML formats, RDF, and a plain table.

One registry, :data:`FORMATS`, is the single source of truth: the ``query`` command's
``--format`` choices and the endpoint's content negotiation are both derived from it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from claimgraph.errors import QueryError

if TYPE_CHECKING:
    from claimgraph.store import QueryResult, Term

SELECT_KINDS = frozenset({"select", "ask"})
GRAPH_KINDS = frozenset({"graph"})
ASK_COLUMN = "_askResult"
SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


@dataclass(frozen=True)
class ResultFormat:
    """A way to write a query result: its name, media type and the result kinds it can carry."""

    name: str
    media_type: str
    kinds: frozenset[str]
    write: Callable[[QueryResult], str]
    aliases: tuple[str, ...] = ()


def _json_term(term: Term) -> dict[str, str]:
    from rdflib.term import BNode, Literal, URIRef

    from claimgraph.store import XSD_STRING

    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        encoded = {"type": "literal", "value": str(term)}
        if term.language:
            encoded["xml:lang"] = term.language
        elif term.datatype is not None and str(term.datatype) != XSD_STRING:
            encoded["datatype"] = str(term.datatype)
        return encoded
    raise QueryError(f"cannot write RDF term {term!r}")


def write_json(result: QueryResult) -> str:
    """W3C SPARQL 1.1 Query Results JSON Format."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}, indent=2) + "\n"
    bindings = [
        {name: _json_term(value) for name, value in zip(result.variables, row, strict=True) if value is not None}
        for row in result.rows
    ]
    payload = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _csv_value(term: Term | None) -> str:
    from rdflib.term import BNode

    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def write_csv(result: QueryResult) -> str:
    """W3C SPARQL 1.1 Query Results CSV Format: lexical values only, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerows([[ASK_COLUMN], [str(bool(result.boolean)).lower()]])
    else:
        writer.writerow(result.variables)
        writer.writerows([_csv_value(value) for value in row] for row in result.rows)
    return buffer.getvalue()


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _tsv_value(term: Term | None) -> str:
    from rdflib.term import BNode, Literal, URIRef

    from claimgraph.store import XSD_STRING

    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    quoted = f'"{str(term).translate(_TSV_ESCAPES)}"'
    if term.language:
        return f"{quoted}@{term.language}"
    if term.datatype is not None and str(term.datatype) != XSD_STRING:
        return f"{quoted}^^<{term.datatype}>"
    return quoted


def write_tsv(result: QueryResult) -> str:
    """W3C SPARQL 1.1 Query Results TSV Format: terms in SPARQL syntax, ``?var`` header."""
    if result.kind == "ask":
        return f"?{ASK_COLUMN}\n{str(bool(result.boolean)).lower()}\n"
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    lines.extend("\t".join(_tsv_value(value) for value in row) for row in result.rows)
    return "\n".join(lines) + "\n"


_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_checked(text: str, what: str) -> str:
    """``text`` if XML 1.0 can carry every character of it; QueryError naming the first it cannot."""
    bad = _NOT_XML_CHAR.search(text)
    if bad:
        raise QueryError(
            f"xml: cannot write {what} {text[:40]!r}: XML 1.0 cannot carry character U+{ord(bad.group()):04X}; "
            "use json or tsv"
        )
    return text


def _xml_text(text: str, what: str) -> str:
    """Element content: markup escaped and CR as ``&#13;`` (XML parsers turn a raw CR into LF)."""
    return escape(_xml_checked(text, what)).replace("\r", "&#13;")


def _xml_attribute(text: str, what: str) -> str:
    return quoteattr(_xml_checked(text, what))


def _xml_term(term: Term) -> str:
    from rdflib.term import BNode, Literal, URIRef

    from claimgraph.store import XSD_STRING

    if isinstance(term, URIRef):
        return f"<uri>{_xml_text(str(term), 'IRI')}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{_xml_text(str(term), 'blank node')}</bnode>"
    assert isinstance(term, Literal)
    attributes = ""
    if term.language:
        attributes = f" xml:lang={_xml_attribute(term.language, 'language tag')}"
    elif term.datatype is not None and str(term.datatype) != XSD_STRING:
        attributes = f" datatype={_xml_attribute(str(term.datatype), 'datatype IRI')}"
    return f"<literal{attributes}>{_xml_text(str(term), 'literal')}</literal>"


def write_xml(result: QueryResult) -> str:
    """W3C SPARQL Query Results XML Format; QueryError for a term with a character XML 1.0 cannot carry."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sparql xmlns="{SPARQL_RESULTS_NS}">']
    if result.kind == "ask":
        lines += ["  <head/>", f"  <boolean>{str(bool(result.boolean)).lower()}</boolean>"]
    else:
        lines.append("  <head>")
        lines += [f"    <variable name={_xml_attribute(name, 'variable')}/>" for name in result.variables]
        lines += ["  </head>", "  <results>"]
        for row in result.rows:
            lines.append("    <result>")
            lines += [
                f"      <binding name={_xml_attribute(name, 'variable')}>{_xml_term(value)}</binding>"
                for name, value in zip(result.variables, row, strict=True)
                if value is not None
            ]
            lines.append("    </result>")
        lines.append("  </results>")
    lines.append("</sparql>")
    return "\n".join(lines) + "\n"


def write_turtle(result: QueryResult) -> str:
    """A CONSTRUCT or DESCRIBE result as Turtle."""
    assert result.graph is not None
    return result.graph.serialize(format="turtle")


def write_ntriples(result: QueryResult) -> str:
    """A CONSTRUCT or DESCRIBE result as N-Triples."""
    assert result.graph is not None
    return result.graph.serialize(format="nt")


def short_form(term: Term | None) -> str:
    """A term for people: IRIs as CURIEs where a known prefix fits, literals as their text."""
    from rdflib.term import BNode, URIRef

    from claimgraph.namespaces import curie

    if term is None:
        return ""
    if isinstance(term, URIRef):
        return curie(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


TABLE_CELL_WIDTH = 50
"""Widest literal in the table format before it wraps onto more lines (IRIs are never wrapped or cut)."""


def _cell_lines(term: Term | None) -> list[str]:
    """A table cell's lines: an IRI whole (as a CURIE) on one line; a literal wrapped between words."""
    import textwrap

    from rdflib.term import Literal

    text = " ".join(short_form(term).split())
    if not isinstance(term, Literal) or len(text) <= TABLE_CELL_WIDTH:
        return [text]
    return textwrap.wrap(text, TABLE_CELL_WIDTH, break_long_words=False, break_on_hyphens=False) or [""]


def _table_lines(header: list[str], rows: Iterable[list[list[str]]]) -> list[str]:
    body = list(rows)
    widths = [max([len(name), *(len(line) for row in body for line in row[i])]) for i, name in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    lines = [line(header), line(["-" * width for width in widths])]
    for row in body:
        height = max((len(cell) for cell in row), default=1)
        lines += [line([cell[i] if i < len(cell) else "" for cell in row]) for i in range(height)]
    return lines


def write_table(result: QueryResult) -> str:
    """A plain-text table for a terminal: IRIs as whole CURIEs, long literals wrapped, a row count."""
    if result.kind == "ask":
        return f"{str(bool(result.boolean)).lower()}\n"
    lines = _table_lines(result.variables, ([_cell_lines(value) for value in row] for row in result.rows))
    count = len(result.rows)
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines) + "\n"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _unicode_only(write: Callable[[QueryResult], str]) -> Callable[[QueryResult], str]:
    """``write``, refusing with a QueryError output that is not Unicode text (a lone surrogate from rdflib)."""

    def checked(result: QueryResult) -> str:
        text = write(result)
        bad = _SURROGATE.search(text)
        if bad:
            raise QueryError(f"cannot write lone surrogate U+{ord(bad.group()):04X}: a result term is not Unicode text")
        return text

    return checked


FORMATS: dict[str, ResultFormat] = {
    fmt.name: ResultFormat(fmt.name, fmt.media_type, fmt.kinds, _unicode_only(fmt.write), fmt.aliases)
    for fmt in (
        ResultFormat("text", "text/plain", SELECT_KINDS, write_table),
        ResultFormat("json", "application/sparql-results+json", SELECT_KINDS, write_json, ("application/json",)),
        ResultFormat("xml", "application/sparql-results+xml", SELECT_KINDS, write_xml, ("application/xml",)),
        ResultFormat("csv", "text/csv", SELECT_KINDS, write_csv),
        ResultFormat("tsv", "text/tab-separated-values", SELECT_KINDS, write_tsv),
        ResultFormat("turtle", "text/turtle", GRAPH_KINDS, write_turtle, ("application/x-turtle",)),
        ResultFormat("nt", "application/n-triples", GRAPH_KINDS, write_ntriples),
    )
}
"""Every result format by name; the first that fits a result kind is its default."""

NEGOTIABLE = ("json", "xml", "csv", "tsv", "turtle", "nt")
"""Formats the endpoint offers, in order of preference when the client has none."""


def default_format(kind: str) -> ResultFormat:
    """The format used when none is asked for: a text table for SELECT/ASK, Turtle for graphs."""
    return FORMATS["text"] if kind in SELECT_KINDS else FORMATS["turtle"]


def names_for(kind: str) -> list[str]:
    """The names of the formats that can hold a result of ``kind`` ("select" also stands for ASK), default first."""
    kind = "select" if kind in SELECT_KINDS else kind
    return [name for name, fmt in FORMATS.items() if kind in fmt.kinds]


def form_of(kind: str) -> str:
    """The query forms that give a result of ``kind``, as a user writes them."""
    return "CONSTRUCT/DESCRIBE" if kind in GRAPH_KINDS else "SELECT/ASK"


def render(result: QueryResult, name: str | None = None) -> str:
    """The result written in format ``name`` (or the default for its kind)."""
    fmt = default_format(result.kind) if name is None else FORMATS.get(name)
    if fmt is None:
        raise QueryError(f"unknown result format {name!r}; known: {', '.join(FORMATS)}")
    if result.kind not in fmt.kinds:
        raise QueryError(f"format {fmt.name} cannot hold a {form_of(result.kind)} result; "
                         f"use one of: {', '.join(names_for(result.kind))}")
    return fmt.write(result)


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media:
            ranges.append((media.lower(), quality))
    return ranges


def _quality(fmt: ResultFormat, ranges: list[tuple[str, float]]) -> float:
    best = 0.0
    family = fmt.media_type.split("/")[0]
    for media, quality in ranges:
        if media in (fmt.media_type, *fmt.aliases) or media in ("*/*", f"{family}/*"):
            best = max(best, quality)
    return best


def negotiate(accept: str | None, kind: str) -> ResultFormat | None:
    """The endpoint format for a result kind that the ``Accept`` header likes best; None if none fits."""
    offered = [FORMATS[name] for name in NEGOTIABLE if kind in FORMATS[name].kinds]
    if not accept or not accept.strip():
        return offered[0]
    ranges = _accept_ranges(accept)
    scored = [(_quality(fmt, ranges), -index, fmt) for index, fmt in enumerate(offered)]
    quality, _, fmt = max(scored, key=lambda item: item[:2])
    return fmt if quality > 0 else None
