"""Audit report renderers: text (rich tables), json, csv, md, html and sarif, by format name.

Imports nothing heavy at module level, so the CLI can offer the registry's names as choices.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from claimgraph import __version__
from claimgraph.gcpause import cyclic_gc_paused
from claimgraph.jsontext import indented_json
from claimgraph.severity import SEVERITY_ORDER

if TYPE_CHECKING:
    from claimgraph.audit.report import AuditReport, ClaimAudit

TEXT_WIDTH = 120


def render_json(report: AuditReport) -> str:
    """The JSON contract (schemas/audit.schema.json), indented, with a final newline."""
    return indented_json(report.to_json())


def render_text(report: AuditReport) -> str:
    """Readable terminal tables: the claims ranked, then the findings grouped by severity."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=io.StringIO(), width=TEXT_WIDTH, color_system=None, force_terminal=False)
    claims = Table(title=f"claimgraph audit: {len(report.claims)} claims, worst first", title_justify="left")
    for column, ratio in (("#", None), ("claim", 3), ("sources", None), ("level", None), ("class", None),
                          ("verdict", 2)):
        claims.add_column(column, overflow="fold", ratio=ratio, no_wrap=ratio is None)
    for rank, claim in enumerate(report.claims, 1):
        level = "-" if claim.evidence_level is None else f"{claim.evidence_level} {claim.evidence_level_code}"
        claims.add_row(str(rank), Text(claim.label), Text(_curies(claim.sources)), Text(level), claim.verdict_class,
                       Text(claim.verdict))
    console.print(claims)
    for severity in SEVERITY_ORDER:
        findings = [(claim, finding) for claim in report.claims for finding in claim.findings
                    if finding.severity == severity]
        if not findings:
            continue
        table = Table(title=f"{severity.value.upper()} ({len(findings)})", title_justify="left")
        for column, ratio in (("claim", 2), ("source", None), ("rule", None), ("message", 3)):
            table.add_column(column, overflow="fold", ratio=ratio, no_wrap=ratio is None)
        for claim, finding in findings:
            table.add_row(Text(claim.label), Text(_curies(claim.finding_sources(finding))), finding.rule,
                          Text(finding.message))
        console.print(table)
    console.print(Text(_summary_line(report)))
    return console.file.getvalue()  # type: ignore[attr-defined,no-any-return]


def _curies(iris: list[str]) -> str:
    """IRIs as CURIEs, one per line (a cell wraps between them, never inside one)."""
    from claimgraph.namespaces import curie

    return "\n".join(curie(iri) for iri in iris)


def _summary_line(report: AuditReport) -> str:
    summary = report.summary
    counts = ", ".join(f"{summary['by_severity'][str(s)]} {s}" for s in SEVERITY_ORDER)
    return f"{summary['claims']} claims, {summary['findings']} findings ({counts})"


CSV_COLUMNS = ("rank", "claim", "label", "sources", "type", "evidence_level", "evidence_level_code", "verdict_class",
               "verdict", "rule", "severity", "message", "evidence")


def render_csv(report: AuditReport) -> str:
    """One row per finding (a claim without findings gets one row with empty rule columns).

    ``sources``: the IRIs (space-separated) of the sources the finding concerns; on a claim's own row, every
    source asserting it.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for rank, claim in enumerate(report.claims, 1):
        head = [claim.type or "", _blank(claim.evidence_level), claim.evidence_level_code or "",
                claim.verdict_class, claim.verdict]
        rows = [(claim.finding_sources(f), [f.rule, f.severity, f.message, " ".join(f.evidence)])
                for f in claim.findings] or [(claim.sources, [""] * 4)]
        for sources, tail in rows:
            writer.writerow([rank, claim.claim, claim.label, " ".join(sources), *head, *tail])
    return buffer.getvalue()


def _blank(value: object) -> str:
    return "" if value is None else str(value)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def md(text: object) -> str:
    """Text safe inside Markdown: HTML escaped, Markdown punctuation backslash-escaped, one line."""
    flat = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def render_md(report: AuditReport) -> str:
    """A Markdown report: summary, then every claim worst first with verdict, quotes, evidence, findings."""
    summary = report.summary
    lines = ["# claimgraph audit", "", md(_summary_line(report)) + ".", "",
             "| rule | severity | findings |", "|---|---|---|"]
    lines += [f"| {md(rule.id)} | {rule.severity} | {summary['by_rule'][rule.id]} |" for rule in report.rules]
    lines += ["", "## Claims, worst first", ""]
    for rank, claim in enumerate(report.claims, 1):
        lines += _md_claim(rank, claim)
    return "\n".join(lines) + "\n"


def _md_claim(rank: int, claim: ClaimAudit) -> list[str]:
    level = "none" if claim.evidence_level is None else f"{claim.evidence_level} ({md(claim.evidence_level_code)})"
    lines = [f"### {rank}. {md(claim.label)}", "",
             f"**Verdict ({claim.verdict_class}):** {md(claim.verdict)}  ",
             f"Type: {md(claim.type or 'unknown')} · Conditions: {md(', '.join(claim.conditions) or 'none')} · "
             f"Evidence level: {level}  ",
             f"Sources: {_md_curies(claim.sources)}  ",
             f"IRI: `{claim.claim.replace('`', '')}`", ""]
    if claim.findings:
        lines += ["Findings:", ""]
        lines += [f"- **{f.severity}** {md(f.rule)} ({_md_curies(claim.finding_sources(f))}): {md(f.message)}"
                  for f in claim.findings]
        lines.append("")
    if claim.assertions:
        lines += ["Asserted by:", ""]
        lines += [f"- {md(a['source_title'] or a['source'] or 'unknown source')} ({md(a['local_copy'] or 'no copy')}),"
                  f" {md(a['strength'] or 'no strength')}: “{md(a['quote'] or '')}”" for a in claim.assertions]
        lines.append("")
    if claim.evidence:
        lines += ["| study | design | level | direction | directness |", "|---|---|---|---|---|"]
        lines += [f"| {md(e['label'] or e['study'])}{'' if e['identifiable'] else ' (unidentifiable)'} | "
                  f"{md(e['design'] or '')} | {_blank(e['level'])} | {md(e['direction'] or '')} | "
                  f"{md(e['directness'] or '')} |" for e in claim.evidence]
        lines.append("")
    return lines


def _md_curies(iris: list[str]) -> str:
    from claimgraph.namespaces import curie

    return ", ".join(f"`{curie(iri).replace('`', '')}`" for iri in iris) or "none"


def render_html(report: AuditReport) -> str:
    """The audit as one self-contained offline page: the working table (sort, filter, search), each claim
    opening in a dialog on its findings, who asserts it in which words, and the evidence lines behind it."""
    from claimgraph.audit.table import audit_table_page

    return audit_table_page(report)


SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


@cyclic_gc_paused()
def render_sarif(report: AuditReport) -> str:
    """SARIF 2.1.0: one run, the rules as reportingDescriptors, each finding a result on its claim."""
    index = {rule.id: position for position, rule in enumerate(report.rules)}
    labels = {claim.claim: claim.label for claim in report.claims}
    rules = [
        {
            "id": rule.id,
            "name": rule.id,
            "shortDescription": {"text": rule.description},
            "fullDescription": {"text": rule.explanation or rule.description},
            "defaultConfiguration": {"level": SARIF_LEVELS[rule.severity]},
        }
        for rule in report.rules
    ]
    results: list[dict[str, Any]] = [
        {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": SARIF_LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [{"logicalLocations": [
                {"name": labels.get(finding.claim, finding.claim), "fullyQualifiedName": finding.claim}
            ]}],
            "properties": {"claim": finding.claim, "evidence": finding.evidence},
        }
        for finding in report.findings
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "claimgraph", "version": __version__, "rules": rules}},
            "results": results,
        }],
    }
    return indented_json(log)


REPORT_FORMATS: dict[str, Callable[[AuditReport], str]] = {
    "text": render_text,
    "json": render_json,
    "csv": render_csv,
    "md": render_md,
    "html": render_html,
    "sarif": render_sarif,
}
"""Audit report formats by name: adding a format is adding one entry."""

