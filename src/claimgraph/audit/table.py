"""The audit as a working HTML table: one row per claim with its findings, sortable, filterable by source,
condition, claim type, verdict, rule and severity, searchable over labels, quotes and the studies behind each
claim (case, accents and word order ignored).

Two forms, one template (``audit-table.html.j2``): in a built site (``claimgraph build``) each row links to its
claim page; on its own (``claimgraph audit -f html``) each claim opens in a dialog over the table showing its
findings, who asserts it in which words, and the evidence lines behind it, so the one file is the whole report.

The rows travel as JSON in a ``<script type="application/json">`` block; the page's own script builds them
with ``textContent`` and hands them to the vendored list.js (``claimgraph/vendor/``), whose value names are
all ``data-`` attributes, so no value ever reaches ``innerHTML``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimgraph import __version__
from claimgraph.templates import render, script_json, vendored_script

if TYPE_CHECKING:
    from claimgraph.audit.report import AuditReport, ClaimAudit

LIST_JS = "list.min.js"
"""The vendored table library (see ``claimgraph/vendor/README.md``)."""


def table_rows(report: AuditReport, claim_pages: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """One record per claim, in the audit's rank order, with what the filters and the search need: with
    ``claim_pages`` (claim IRI → page) each links to its page, without them each carries its own details."""
    rows = []
    for rank, claim in enumerate(report.claims, start=1):
        row = {
            "rank": rank,
            "label": claim.label,
            "type": claim.type or "untyped",
            "verdict": claim.verdict_class,
            "why": claim.verdict,
            "level": claim.evidence_level,
            "conditions": claim.conditions,
            "sources": sorted({str(a["source_title"] or a["source"]) for a in claim.assertions if a["source"]}),
            "quotes": [str(a["quote"]) for a in claim.assertions if a["quote"]],
            "studies": sorted({str(line["label"] or line["study"]) for line in claim.evidence}),
            "findings": [{"rule": f.rule, "severity": str(f.severity), "message": f.message} for f in claim.findings],
        }
        row.update({"page": claim_pages[claim.claim]} if claim_pages is not None else _details(claim))
        rows.append(row)
    return rows


def _details(claim: ClaimAudit) -> dict[str, Any]:
    """What a claim page would show, for the row's dialog: its IRI, level code, who asserts it in which
    words, and its evidence lines."""
    return {
        "iri": claim.claim,
        "level_code": claim.evidence_level_code,
        "assertions": [{"source": str(a["source_title"] or a["source"] or "unknown source"),
                        "strength": a["strength"], "quote": a["quote"], "copy": a["local_copy"]}
                       for a in claim.assertions],
        "evidence": [{"study": str(e["label"] or e["study"]), "design": e["design"], "level": e["level"],
                      "direction": e["direction"], "directness": e["directness"],
                      "identifiable": e["identifiable"]} for e in claim.evidence],
    }


def audit_table_page(report: AuditReport, claim_pages: dict[str, str] | None = None) -> str:
    """The audit as a working table page (offline, strict CSP, every value escaped): linked to the claim pages
    of a built site, or on its own (no ``claim_pages``) with each claim's details inside."""
    from markupsafe import Markup

    summary = report.summary
    data = {
        "rows": table_rows(report, claim_pages),
        "verdicts": list(summary["by_verdict"]),
        "severities": list(summary["by_severity"]),
        "rules": [rule.id for rule in report.rules],
    }
    return render("audit-table.html.j2", title="claimgraph audit", root="", summary=summary, rules=report.rules,
                  standalone=claim_pages is None, version=__version__,
                  list_js=vendored_script(LIST_JS), data_json=Markup(script_json(data)))
