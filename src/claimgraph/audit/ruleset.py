"""Audit rules: ``.rq`` files with a header (see :mod:`claimgraph.rq.header`), run on a store,
each result row one finding.

Every rule returns a ``?claim`` column and optionally ``?evidence`` (IRIs separated by
spaces); the other columns fill the message template. Columns the header declares as
lists (``# list: studies " | "``) are sorted and joined with "; " in messages. Python only
formats rows. Rules are read when first asked for, never at import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from claimgraph.errors import ClaimgraphError
from claimgraph.rq.folder import QueryFolder
from claimgraph.rq.header import RqHeader, parse_header
from claimgraph.severity import Severity

if TYPE_CHECKING:
    from claimgraph.store import Store

RULES = QueryFolder("claimgraph.audit", "rules")
"""The audit rules, one ``.rq`` file each."""
FACTS = QueryFolder("claimgraph.audit", "rules/facts")
"""Fragments and facts queries: what a claim's verdict and the rules share (others import this, not a path)."""


class RuleError(ClaimgraphError):
    """An unknown rule id, or a rule file whose header lacks a severity or message."""


@dataclass(frozen=True)
class Rule:
    """One audit rule: its parsed header and SPARQL."""

    header: RqHeader
    sparql: str

    @property
    def id(self) -> str:
        """The rule id (its file name without ``.rq``)."""
        return self.header.id

    @property
    def severity(self) -> Severity:
        """How serious its findings are."""
        assert self.header.severity is not None
        return self.header.severity

    @property
    def description(self) -> str:
        """One line: what the rule finds."""
        return self.header.description

    @property
    def message(self) -> str:
        """The message template, filled from each result row."""
        return self.header.message or ""

    @property
    def explanation(self) -> str:
        """The header's free text: what it finds and why it matters."""
        return self.header.explanation


@dataclass
class Finding:
    """One problem the audit found with one claim, and the IRIs that show it."""

    rule: str
    severity: Severity
    claim: str
    message: str
    evidence: list[str] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict, repr=False, compare=False)


def parse_rule(name: str, text: str) -> Rule:
    """A :class:`Rule` from the text of ``name.rq``; its header must give a severity and a message."""
    origin = f"{RULES.path}/{name}.rq"
    header = parse_header(origin, name, text)
    if header.severity is None:
        raise RuleError(f"{origin}: the header needs '# severity: error|warning|info'")
    if header.message is None:
        raise RuleError(f"{origin}: the header needs '# message: template'")
    return Rule(header, text)


@cache
def rules() -> dict[str, Rule]:
    """Every shipped rule by id, errors first, then warnings, then info; by id within."""
    found = [parse_rule(name, text) for name, text in RULES.texts().items()]
    found.sort(key=lambda rule: (rule.severity.rank, rule.id))
    return {rule.id: rule for rule in found}


def select_rules(ids: list[str] | tuple[str, ...] | None) -> list[Rule]:
    """The rules named by ``ids`` (all when None or empty); an unknown id lists the known ones."""
    shipped = rules()
    if not ids:
        return list(shipped.values())
    unknown = [rule_id for rule_id in ids if rule_id not in shipped]
    if unknown:
        raise RuleError(f"unknown rule {unknown[0]!r}; known: {', '.join(shipped)}")
    return [rule for rule in shipped.values() if rule.id in ids]


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def row_strings(row: Mapping[str, object], lists: Mapping[str, str]) -> dict[str, str]:
    """A result row as plain strings; the ``lists`` columns' items sorted, deduplicated, joined with "; "."""
    return _joined_lists({name: str(value) for name, value in row.items()}, lists)


def _joined_lists(values: dict[str, str], lists: Mapping[str, str]) -> dict[str, str]:
    """``values`` with each ``lists`` column (but ``evidence``) split, sorted, deduplicated and joined with "; "."""
    for name, separator in lists.items():
        text = values.get(name)
        if text is not None and name != "evidence":
            values[name] = "; ".join(sorted({item for item in text.split(separator) if item}))
    return values


def finding_from_row(rule: Rule, row: Mapping[str, object]) -> Finding:
    """Format one result row of ``rule`` as a finding."""
    return _finding(rule.id, rule.severity, rule.message, row_strings(row, rule.header.lists))


def _finding(rule_id: str, severity: Severity, template: str, values: dict[str, str]) -> Finding:
    """The finding of one row already as strings, its lists joined."""
    evidence = values.get("evidence")
    return Finding(rule_id, severity, values["claim"], template.format_map(_Blank(values)),
                   sorted(set(evidence.split())) if evidence else [], values)


def run_rule(store: Store, rule: Rule) -> list[Finding]:
    """Run one rule on ``store``; findings sorted by claim, message and evidence."""
    return rule_findings(rule, store.select_strings(rule.sparql))


def rule_findings(rule: Rule, rows: list[dict[str, str]]) -> list[Finding]:
    """The findings of ``rule``'s result rows, sorted by claim, then message, then evidence."""
    rule_id, severity, template, lists = rule.id, rule.severity, rule.message, rule.header.lists
    findings = [_finding(rule_id, severity, template, _joined_lists(dict(row), lists)) for row in rows]
    findings.sort(key=_finding_order)
    return findings


def _finding_order(finding: Finding) -> tuple[str, str, list[str]]:
    return finding.claim, finding.message, finding.evidence
