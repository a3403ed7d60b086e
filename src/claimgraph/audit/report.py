"""The audit report model: every claim with its verdict, evidence and findings, and the JSON contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimgraph import __version__
from claimgraph.audit.ruleset import Finding, Rule, RuleError
from claimgraph.audit.verdict import VERDICT_CLASSES
from claimgraph.gcpause import cyclic_gc_paused
from claimgraph.severity import SEVERITY_ORDER, Severity

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
    condition_iris: list[str] = field(default_factory=list)
    polarity: str = "effect"
    """effect, no-effect, or evidence (a statement about the evidence itself): cg:ClaimPolarities."""

    @property
    def sources(self) -> list[str]:
        """The IRIs of the sources that assert this claim, sorted."""
        return sorted({a["source"] for a in self.assertions if a["source"]})

    def finding_sources(self, finding: Finding) -> list[str]:
        """The sources a finding concerns: those of the assertions it names, else every source asserting the claim."""
        named = sorted({a["source"] for a in self.assertions
                        if a["source"] and a["assertion"] in finding.evidence})
        return named or self.sources

    def to_json(self) -> dict[str, Any]:
        """This claim as in ``--format json`` (see schemas/audit.schema.json)."""
        return {
            "claim": self.claim,
            "label": self.label,
            "type": self.type,
            "polarity": self.polarity,
            "conditions": self.conditions,
            "condition_iris": self.condition_iris,
            "evidence_level": self.evidence_level,
            "evidence_level_code": self.evidence_level_code,
            "verdict": self.verdict,
            "verdict_class": self.verdict_class,
            "assertions": self.assertions,
            "evidence": self.evidence,
            "findings": [
                {"rule": f.rule, "severity": str(f.severity), "message": f.message, "evidence": f.evidence,
                 "sources": self.finding_sources(f)}
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
            "by_severity": {str(s): sum(f.severity == s for f in findings) for s in SEVERITY_ORDER},
            "by_rule": {rule.id: sum(f.rule == rule.id for f in findings) for rule in self.rules},
            "by_verdict": {v: sum(c.verdict_class == v for c in self.claims) for v in VERDICT_CLASSES},
        }

    def fails(self, fail_on: str) -> bool:
        """Whether any finding is at or above ``fail_on`` (error, warning; never is never)."""
        if fail_on not in FAIL_ON:
            raise RuleError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
        if fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(finding.severity.rank <= threshold for finding in self.findings)

    @cyclic_gc_paused()
    def to_json(self) -> dict[str, Any]:
        """The stable JSON contract of ``claimgraph audit --format json``."""
        return {
            "tool": "claimgraph",
            "version": __version__,
            "rules": [{"id": r.id, "severity": str(r.severity), "description": r.description} for r in self.rules],
            "summary": self.summary,
            "claims": [claim.to_json() for claim in self.claims],
        }
