"""The reviewer's pages: the evidence map (``index.html``), the audit as a working table (``audit.html``) and
one page per claim, source and study, from the audit report and the page queries (``report/queries/*.rq``).

A stage of its own after ``audit`` and ``network``: it reads the audit report and the graph views' list, and
writes pages; the graph views stay ``network``'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimgraph.audit import AuditReport
    from claimgraph.store import Store


def site_outputs(store: Store, report: AuditReport, views: list[Any]) -> dict[str, str]:
    """Every reviewer page by path under the build folder: ``index.html``, ``audit.html``, ``claim-*.html``,
    ``source-*.html``, ``study-*.html``; ``views`` are the graph views the front page lists."""
    from claimgraph.audit.table import audit_table_page
    from claimgraph.report.evidence_map import index_page
    from claimgraph.report.facts import read_facts
    from claimgraph.report.site import claim_pages, page_links, source_pages, study_pages

    facts = read_facts(store)
    links = page_links(report, facts)
    pages = {"index.html": index_page(report, facts, links, views),
             "audit.html": audit_table_page(report, links.claims)}
    pages.update(claim_pages(report, links))
    pages.update(source_pages(report, facts, links))
    pages.update(study_pages(report, facts, links))
    return pages
