"""The one vocabulary of output format names: what each name means, its media type and its file extension.

A command's ``-f/--format`` offers the names of what that command can write (the audit's ``REPORT_FORMATS``,
the query results' ``FORMATS``, validate's, stats' and analyse's renderers); every such name is one of these,
so ``json`` or ``text`` means the same kind of output in every command. A renderer may be more specific than
the name (a query's ``json`` is the W3C SPARQL 1.1 results JSON, whose media type the endpoint sends).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """An output format name: what it stands for, its media type and the usual extension of a file of it."""

    name: str
    meaning: str
    media_type: str
    extension: str


FORMAT_NAMES: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("text", "plain text for a terminal: tables and lines", "text/plain", "txt"),
        Format("json", "JSON", "application/json", "json"),
        Format("csv", "comma-separated values with a header row", "text/csv", "csv"),
        Format("tsv", "tab-separated values with a header row", "text/tab-separated-values", "tsv"),
        Format("xml", "XML", "application/xml", "xml"),
        Format("md", "Markdown", "text/markdown", "md"),
        Format("html", "one offline HTML page", "text/html", "html"),
        Format("sarif", "SARIF 2.1.0 for code-scanning tools", "application/sarif+json", "sarif"),
        Format("turtle", "RDF as Turtle", "text/turtle", "ttl"),
        Format("nt", "RDF as N-Triples", "application/n-triples", "nt"),
    )
}
"""Every output format name a command may offer, by name."""

FORMAT_ALIASES: dict[str, str] = {"table": "text", "ttl": "turtle"}
"""Names earlier versions offered: ``-f`` still accepts them where their format is offered, but never lists them."""
