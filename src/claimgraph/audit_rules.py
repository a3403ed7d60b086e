"""Audit rules: ``.rq`` files with a header, run on a store, each result row one finding.

A rule file starts with comment lines::

    # rule-id: one-line description
    # severity: error|warning|info
    # message: template with {variables} of the SELECT
    # Finds: ... Why it matters: ...

Every rule returns a ``?claim`` column and optionally ``?evidence`` (IRIs separated by
spaces); the other columns fill the message template, lists in them separated by " | ".
Python only formats rows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimgraph.errors import ClaimgraphError
from claimgraph.resources import rq_files

if TYPE_CHECKING:
    from claimgraph.store import Store, Term

SEVERITIES = ("error", "warning", "info")
_HEADER_FIELD = re.compile(r"^#\s*(?P<key>[A-Za-z][\w -]*?):\s*(?P<value>.*)$")


class RuleError(ClaimgraphError):
    """An unknown rule id, or a rule file whose header is malformed."""


@dataclass(frozen=True)
class Rule:
    """One audit rule: id, severity, description, message template, explanation and SPARQL."""

    id: str
    severity: str
    description: str
    message: str
    explanation: str
    sparql: str


@dataclass
class Finding:
    """One problem the audit found with one claim, and the IRIs that show it."""

    rule: str
    severity: str
    claim: str
    message: str
    evidence: list[str] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict, repr=False, compare=False)


def parse_rule(name: str, text: str) -> Rule:
    """A :class:`Rule` from the text of ``name.rq``; the header must name the file's id."""
    header = _leading_comments(text)
    fields = [_HEADER_FIELD.match(line) for line in header[:3]]
    keys = [match["key"].strip() if match else "" for match in fields] + ["", "", ""]
    if keys[0] != name:
        raise RuleError(f"rules/{name}.rq: first line must be '# {name}: description'")
    if keys[1] != "severity" or fields[1]["value"].strip() not in SEVERITIES:  # type: ignore[index]
        raise RuleError(f"rules/{name}.rq: second line must be '# severity: error|warning|info'")
    if keys[2] != "message":
        raise RuleError(f"rules/{name}.rq: third line must be '# message: template'")
    description, severity, message = (match["value"].strip() for match in fields if match)
    explanation = " ".join(line.lstrip("#").strip() for line in header[3:])
    return Rule(name, severity, description, message, explanation, text)


def _leading_comments(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


def load_rules() -> dict[str, Rule]:
    """Every shipped rule by id, errors first, then warnings, then info; by id within."""
    rules = [parse_rule(name, text) for name, text in rq_files("rules").items()]
    rules.sort(key=lambda rule: (SEVERITIES.index(rule.severity), rule.id))
    return {rule.id: rule for rule in rules}


RULES: dict[str, Rule] = load_rules()
"""The shipped audit rules by id."""


def select_rules(ids: list[str] | tuple[str, ...] | None) -> list[Rule]:
    """The rules named by ``ids`` (all when None or empty); an unknown id lists the known ones."""
    if not ids:
        return list(RULES.values())
    unknown = [rule_id for rule_id in ids if rule_id not in RULES]
    if unknown:
        raise RuleError(f"unknown rule {unknown[0]!r}; known: {', '.join(RULES)}")
    return [rule for rule in RULES.values() if rule.id in ids]


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


LIST_SEPARATOR = " | "
"""Separator of list-valued columns (GROUP_CONCAT); engines order such lists differently."""


def row_strings(row: Mapping[str, Term]) -> dict[str, str]:
    """A result row as plain strings; list-valued columns sorted and joined with "; "."""
    return {name: _sorted_list(str(value)) for name, value in row.items()}


def _sorted_list(value: str) -> str:
    return "; ".join(sorted(set(value.split(LIST_SEPARATOR)))) if LIST_SEPARATOR in value else value


def finding_from_row(rule: Rule, row: Mapping[str, Term]) -> Finding:
    """Format one result row of ``rule`` as a finding."""
    values = row_strings(row)
    evidence = sorted(set(values.get("evidence", "").split()))
    message = rule.message.format_map(_Blank(values))
    return Finding(rule.id, rule.severity, values["claim"], message, evidence, values)


def run_rule(store: Store, rule: Rule) -> list[Finding]:
    """Run one rule on ``store``; findings sorted by claim, then message."""
    findings = [finding_from_row(rule, row) for row in store.query(rule.sparql).dicts()]
    return sorted(findings, key=lambda finding: (finding.claim, finding.message))
