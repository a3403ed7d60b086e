"""The audit: for every claim, what stands behind it, its evidence level, a verdict and its findings.

Findings come from the SPARQL rules in ``rules/*.rq`` and per-claim facts from
``rules/facts/*.rq``; Python only groups rows by claim, formats and ranks them.

    report = run_audit(store)                 # every rule
    report = run_audit(store, ["overstated"]) # list only some rules' findings
    report.claims[0].verdict                  # the worst claim first

Verdicts always weigh every rule, so ``rules`` narrows the findings listed, never a verdict.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from claimgraph import __version__
from claimgraph.audit_rules import RULES, SEVERITIES, Finding, Rule, RuleError, run_rule, select_rules
from claimgraph.audit_verdict import VERDICT_CLASSES, Evidence, rank_key, verdict_class, verdict_text
from claimgraph.resources import rq_files
from claimgraph.store import Store

__all__ = ["RULES", "AuditReport", "ClaimAudit", "Finding", "Rule", "RuleError", "run_audit"]

FAIL_ON = ("error", "warning", "never")


@dataclass
class ClaimAudit:
    """One claim: what it says, who says it how strongly, the evidence, the verdict and the findings."""

    claim: str
    label: str
    type: str | None
    conditions: list[str]
    evidence_level: int | None
    evidence_level_code: str | None
    verdict: str
    verdict_class: str
    assertions: list[dict[str, str | None]]
    evidence: list[dict[str, Any]]
    findings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """This claim as in ``--format json`` (see schemas/audit.schema.json)."""
        return {
            "claim": self.claim,
            "label": self.label,
            "type": self.type,
            "conditions": self.conditions,
            "evidence_level": self.evidence_level,
            "evidence_level_code": self.evidence_level_code,
            "verdict": self.verdict,
            "verdict_class": self.verdict_class,
            "assertions": self.assertions,
            "evidence": self.evidence,
            "findings": [
                {"rule": f.rule, "severity": f.severity, "message": f.message, "evidence": f.evidence}
                for f in self.findings
            ],
        }


@dataclass
class AuditReport:
    """Every claim, ranked worst first, with the findings of the selected rules."""

    claims: list[ClaimAudit]
    rules: list[Rule]

    @property
    def findings(self) -> list[Finding]:
        """All findings, in claim rank order."""
        return [finding for claim in self.claims for finding in claim.findings]

    @property
    def summary(self) -> dict[str, Any]:
        """Counts of claims, findings, findings by severity and by rule, and claims by verdict class."""
        findings = self.findings
        return {
            "claims": len(self.claims),
            "findings": len(findings),
            "by_severity": {s: sum(f.severity == s for f in findings) for s in SEVERITIES},
            "by_rule": {rule.id: sum(f.rule == rule.id for f in findings) for rule in self.rules},
            "by_verdict": {v: sum(c.verdict_class == v for c in self.claims) for v in VERDICT_CLASSES},
        }

    def fails(self, fail_on: str) -> bool:
        """Whether any finding is at or above ``fail_on`` (error, warning; never is never)."""
        if fail_on not in FAIL_ON:
            raise RuleError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
        if fail_on == "never":
            return False
        threshold = SEVERITIES.index(fail_on)
        return any(SEVERITIES.index(finding.severity) <= threshold for finding in self.findings)

    def to_json(self) -> dict[str, Any]:
        """The stable JSON contract of ``claimgraph audit --format json``."""
        return {
            "tool": "claimgraph",
            "version": __version__,
            "rules": [{"id": r.id, "severity": r.severity, "description": r.description} for r in self.rules],
            "summary": self.summary,
            "claims": [claim.to_json() for claim in self.claims],
        }


def run_audit(store: Store, rules: list[str] | tuple[str, ...] | None = None) -> AuditReport:
    """Audit every claim in ``store``; ``rules`` (ids) limits the findings listed."""
    selected = select_rules(rules)
    listed = {rule.id for rule in selected}
    findings: dict[str, list[Finding]] = defaultdict(list)
    for rule in RULES.values():
        for finding in run_rule(store, rule):
            findings[finding.claim].append(finding)
    facts = {name: _group_by_claim(store.query(text).dicts()) for name, text in rq_files("rules/facts").items()}
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
        trial_supported=str(levels.get("trial_supported", "")).lower() == "true",
        claim_type=str(info.get("type", "")),
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
            "identifiable": str(row.get("identifiable", "")).lower() == "true",
        }
        for row in rows
    ]
    return sorted(found, key=lambda e: (e["level"] or 99, e["direction"] or "", e["label"] or "", e["study"]))
