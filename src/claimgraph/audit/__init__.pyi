"""Types of :mod:`claimgraph.audit`'s exports, read by type checkers and by the lazy loader."""

from .filters import AuditFilter, FilterError, filter_report, resolve_filter
from .formats import REPORT_FORMATS
from .report import FAIL_ON, AuditReport, ClaimAudit
from .ruleset import Finding, Rule, RuleError, rules, run_rule, select_rules
from .run import run_audit
from .verdict import VERDICT_CLASSES

__all__ = [
    "FAIL_ON",
    "REPORT_FORMATS",
    "VERDICT_CLASSES",
    "AuditFilter",
    "AuditReport",
    "ClaimAudit",
    "FilterError",
    "Finding",
    "Rule",
    "RuleError",
    "filter_report",
    "resolve_filter",
    "rules",
    "run_audit",
    "run_rule",
    "select_rules",
]
