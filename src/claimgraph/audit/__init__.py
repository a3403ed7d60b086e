"""Audit: SPARQL rules over the loaded graph give each claim its findings, evidence level and verdict."""

from claimgraph.audit.formats import REPORT_FORMATS
from claimgraph.audit.report import FAIL_ON, AuditReport, ClaimAudit
from claimgraph.audit.ruleset import Finding, Rule, RuleError, rules, run_rule, select_rules
from claimgraph.audit.run import run_audit
from claimgraph.audit.verdict import VERDICT_CLASSES

__all__ = [
    "FAIL_ON",
    "REPORT_FORMATS",
    "VERDICT_CLASSES",
    "AuditReport",
    "ClaimAudit",
    "Finding",
    "Rule",
    "RuleError",
    "rules",
    "run_audit",
    "run_rule",
    "select_rules",
]
