"""``audit.html`` as a working table: one row per claim with its findings, sortable, filterable by source,
condition, claim type, verdict, rule and severity, searchable over labels, quotes and the studies behind each
claim (case, accents and word order ignored), each row linking to its claim page.

The rows travel as JSON in a ``<script type="application/json">`` block; the page's own script builds them
with ``textContent`` and hands them to the vendored list.js (``claimgraph/vendor/``), whose value names are
all ``data-`` attributes, so no value ever reaches ``innerHTML``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from claimgraph.errors import ClaimgraphError
from claimgraph.network.pages import script_json
from claimgraph.resources import read_text
from claimgraph.templates import render

if TYPE_CHECKING:
    from claimgraph.audit import AuditReport

LIST_JS = "list.min.js"
"""The vendored table library (see ``claimgraph/vendor/README.md``)."""

_SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S*\s*$")
_SCRIPT_BREAKERS = re.compile(r"</script|<!--", re.IGNORECASE)


def table_rows(report: AuditReport, claim_pages: dict[str, str]) -> list[dict[str, Any]]:
    """One record per claim, in the audit's rank order, with what the filters and the search need."""
    rows = []
    for rank, claim in enumerate(report.claims, start=1):
        rows.append({
            "rank": rank,
            "page": claim_pages[claim.claim],
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
        })
    return rows


def vendored_script(name: str) -> Any:
    """A vendored script's text, safe to inline: its source-map comment dropped (pages load nothing else),
    refused if it could end the ``<script>`` element."""
    from markupsafe import Markup

    text = _SOURCE_MAP.sub("\n", read_text("vendor", name))
    if _SCRIPT_BREAKERS.search(text):
        raise ClaimgraphError(f"refusing to inline vendor/{name}: it contains </script or <!--")
    return Markup(text)


def audit_table_page(report: AuditReport, claim_pages: dict[str, str]) -> str:
    """The audit as a working table page (offline, strict CSP, every value escaped)."""
    from markupsafe import Markup

    summary = report.summary
    data = {
        "rows": table_rows(report, claim_pages),
        "verdicts": list(summary["by_verdict"]),
        "severities": list(summary["by_severity"]),
        "rules": [rule.id for rule in report.rules],
    }
    return render("audit-table.html.j2", title="claimgraph audit", root="", summary=summary, rules=report.rules,
                  list_js=vendored_script(LIST_JS), data_json=Markup(script_json(data)))
