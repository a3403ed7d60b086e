"""The audit: for every claim, what stands behind it, its evidence level, a verdict and its findings.

Findings come from the SPARQL rules in ``audit/rules/*.rq`` and per-claim facts from
``audit/rules/facts/*.rq``; Python only groups rows by claim, formats and ranks them.

    report = run_audit(store)                 # every rule
    report = run_audit(store, ["overstated"]) # list only some rules' findings
    report.claims[0].verdict                  # the worst claim first

Verdicts always weigh every rule, so ``rules`` narrows the findings listed, never a verdict.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from claimgraph.audit.report import AuditReport, ClaimAudit
from claimgraph.audit.ruleset import FACTS_FOLDER, Finding, rules, run_rule, select_rules
from claimgraph.audit.verdict import Evidence, rank_key, verdict_class, verdict_text
from claimgraph.resources import rq_files
from claimgraph.store import Store

FACT_QUERIES = ("assertions", "claims", "conditions", "designs", "evidence", "levels")
"""The facts the report needs, by file name in ``audit/rules/facts/``."""


def run_audit(store: Store, rules_listed: list[str] | tuple[str, ...] | None = None) -> AuditReport:
    """Audit every claim in ``store``; ``rules_listed`` (ids) limits the findings listed."""
    selected = select_rules(rules_listed)
    listed = {rule.id for rule in selected}
    findings: dict[str, list[Finding]] = defaultdict(list)
    for rule in rules().values():
        for finding in run_rule(store, rule):
            findings[finding.claim].append(finding)
    texts = rq_files(FACTS_FOLDER)
    facts = {name: _group_by_claim(store.select_strings(texts[name])) for name in FACT_QUERIES}
    design_labels = {str(row["code"]): str(row.get("label", row["code"])) for row in facts["designs"][""]}
    claims = [
        _claim_audit(claim, facts, design_labels, findings[claim], listed)
        for claim in sorted(set(facts["claims"]) | set(findings))
    ]
    claims.sort(key=lambda c: rank_key(c.verdict_class, c.evidence_level, len(c.assertions), c.label, c.findings))
    return AuditReport(claims=claims, rules=selected)


Rows = dict[str, list[dict[str, Any]]]


def _group_by_claim(rows: list[dict[str, Any]]) -> Rows:
    """Result rows by the IRI in their ``claim`` column ("" for rows without one)."""
    grouped: Rows = defaultdict(list)
    for row in rows:
        grouped[str(row.get("claim", ""))].append(row)
    return grouped


def _int(value: object) -> int | None:
    return None if value is None else int(str(value))


def _true(value: object) -> bool:
    """An xsd:boolean result value (absent is false)."""
    return str(value).lower() in ("true", "1")


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _claim_audit(
    claim: str, facts: dict[str, Rows], design_labels: dict[str, str], findings: list[Finding], listed: set[str]
) -> ClaimAudit:
    info = (facts["claims"].get(claim) or [{}])[0]
    levels = (facts["levels"].get(claim) or [{}])[0]
    level_code = _text(levels.get("level_code"))
    evidence = Evidence(
        level=_int(levels.get("level")),
        level_label=design_labels.get(level_code or "", level_code or ""),
        level_studies=_int(levels.get("level_studies")) or 0,
        trial_supported=_true(levels.get("trial_supported")),
        claim_type=str(info.get("type", "")),
        needs_trials=_true(info.get("needs_trials")),
    )
    return ClaimAudit(
        claim=claim,
        label=str(info.get("label", claim)),
        type=_text(info.get("type")),
        conditions=sorted({str(row["label"]) for row in facts["conditions"].get(claim, [])}),
        evidence_level=evidence.level,
        evidence_level_code=level_code,
        verdict=verdict_text(evidence, findings),
        verdict_class=verdict_class(evidence, findings),
        assertions=_assertions(facts["assertions"].get(claim, [])),
        evidence=_evidence(facts["evidence"].get(claim, [])),
        findings=[finding for finding in findings if finding.rule in listed],
        condition_iris=sorted({str(row["condition"]) for row in facts["conditions"].get(claim, [])}),
    )


def _assertions(rows: list[dict[str, Any]]) -> list[dict[str, str | None]]:
    keys = ("assertion", "source", "source_title", "local_copy", "quote", "strength")
    found = [{key: _text(row.get(key)) for key in keys} for row in rows]
    return sorted(found, key=lambda a: (a["source"] or "", a["assertion"] or ""))


def _evidence(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = [
        {
            "evidence_line": str(row["line"]),
            "study": str(row["study"]),
            "label": _text(row.get("label")),
            "design": _text(row.get("design")),
            "level": _int(row.get("level")),
            "direction": _text(row.get("direction")),
            "directness": _text(row.get("directness")),
            "identifiable": _true(row.get("identifiable")),
        }
        for row in rows
    ]
    return sorted(found, key=lambda e: (e["level"] or 99, e["direction"] or "", e["label"] or "", e["study"]))
