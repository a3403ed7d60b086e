"""What the reviewer's pages show beyond the audit report: sources, studies and study reports, each kind read
by one query for all pages at once (``report/queries/*.rq``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimgraph.rq.folder import QueryFolder

if TYPE_CHECKING:
    from claimgraph.store import Store

QUERIES = QueryFolder("claimgraph.report", "queries")
"""The queries the pages run besides the audit."""
PAGE_QUERIES = ("sources", "studies", "study-reports")
"""The queries the pages run, by file name (without ``.rq``) in :data:`QUERIES`."""

Row = dict[str, str]

COLUMNS = {
    "sources": ("source", "title", "kind", "author", "date", "local_copy"),
    "studies": ("study", "label", "title", "authors", "year", "journal", "volume", "pages", "doi", "pmid", "citation",
                "design", "level", "participants", "result", "identifiable", "cited_as", "findings"),
    "study-reports": ("report", "study", "source", "source_title", "design", "participants", "year", "finding",
                      "direction", "discrepancy"),
}
"""Each page query's columns; a value a row lacks (unbound) is the empty string."""


@dataclass
class SiteFacts:
    """Rows of the page queries: sources and studies by IRI, study reports grouped by study."""

    sources: dict[str, Row] = field(default_factory=dict)
    studies: dict[str, Row] = field(default_factory=dict)
    reports: dict[str, list[Row]] = field(default_factory=dict)


def read_facts(store: Store) -> SiteFacts:
    """Run the page queries once (together, as the store allows) and index their rows."""
    texts = [QUERIES.text(name) for name in PAGE_QUERIES]
    sources, studies, reports = (
        [{column: row.get(column, "") for column in COLUMNS[name]} for row in rows]
        for name, rows in zip(PAGE_QUERIES, store.select_strings_each(texts), strict=True)
    )
    facts = SiteFacts(
        sources={row["source"]: row for row in sources},
        studies={row["study"]: row for row in studies},
    )
    for row in sorted(reports, key=lambda r: (r["source_title"] or r["source"], r["source"], r["report"])):
        facts.reports.setdefault(row["study"], []).append(row)
    return facts


def sorted_findings(text: str | None) -> list[str]:
    """A ``\\n``-joined list column as a sorted list (engines concatenate in any order)."""
    return sorted(line for line in (text or "").split("\n") if line)
