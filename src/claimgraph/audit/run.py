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
from claimgraph.audit.ruleset import FACTS, Finding, Rule, rule_findings, rules, select_rules
from claimgraph.audit.shared import sharing_fragment
from claimgraph.audit.verdict import Evidence, rank_key, verdict_class, verdict_text
from claimgraph.errors import InputError
from claimgraph.gcpause import cyclic_gc_paused
from claimgraph.store import Store
from claimgraph.store.checks import shown

FACT_QUERIES = ("assertions", "evidence", "levels", "claims", "conditions", "designs")
"""The facts the report needs, by file name in ``audit/rules/facts/``, the costliest first."""


def run_audit(store: Store, rules_listed: list[str] | tuple[str, ...] | None = None) -> AuditReport:
    """Audit every claim in ``store``; ``rules_listed`` (ids) limits the findings listed."""
    with cyclic_gc_paused():
        return _audit(store, select_rules(rules_listed))


def _audit(store: Store, selected: list[Rule]) -> AuditReport:
    """The facts queries run first and the rules after them, the longest first: each claim's facts are read
    while the rules run, and the shortest (cheapest) rules close the queue."""
    listed = {rule.id for rule in selected}
    every_rule = sorted(rules().values(), key=lambda rule: -len(rule.sparql))
    texts = FACTS.texts()
    queries = [texts[name] for name in FACT_QUERIES] + [rule.sparql for rule in every_rule]
    answers = store.select_strings_each(sharing_fragment(store, texts["claim-support"], queries))
    facts = {name: _group_by_claim(next(answers)) for name in FACT_QUERIES}  # the rules' answers follow
    design_labels = {row["code"]: row.get("label", row["code"]) for row in facts["designs"][""]}
    audits = {claim: _claim_facts(claim, facts, design_labels) for claim in facts["claims"]}
    found = {rule.id: rule_findings(rule, rows) for rule, rows in zip(every_rule, answers, strict=True)}
    findings: dict[str, list[Finding]] = defaultdict(list)
    for rule_id in rules():  # a claim's findings in the rules' order
        for finding in found[rule_id]:
            findings[finding.claim].append(finding)
    audits.update((claim, _claim_facts(claim, facts, design_labels)) for claim in findings.keys() - audits.keys())
    claims = [_judged(*audits[claim], findings[claim], listed) for claim in sorted(audits)]
    claims.sort(key=lambda c: rank_key(c.verdict_class, c.evidence_level, len(c.assertions), c.label, c.findings))
    return AuditReport(claims=claims, rules=selected)


Rows = dict[str, list[dict[str, str]]]
"""Facts rows (plain strings, as :meth:`Store.select_strings` gives them) by claim."""


def _group_by_claim(rows: list[dict[str, str]]) -> Rows:
    """Result rows by the IRI in their ``claim`` column ("" for rows without one), that column taken out."""
    grouped: Rows = defaultdict(list)
    for row in rows:
        grouped[row.pop("claim", "")].append(row)
    return grouped


def _int(value: str | None) -> int | None:
    """An integer result value (absent is None); one past Python's int-string limit is refused by name."""
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise InputError(f"the graph holds an integer the audit cannot use: {shown(value)}") from None


def _true(value: str | None) -> bool:
    """An xsd:boolean result value (absent is false)."""
    return value is not None and value.lower() in ("true", "1")


def _claim_facts(claim: str, facts: dict[str, Rows], design_labels: dict[str, str]) -> tuple[ClaimAudit, Evidence]:
    """A claim's report entry from the facts alone (no verdict yet), and its evidence for the verdict."""
    info = (facts["claims"].get(claim) or [{}])[0]
    levels = (facts["levels"].get(claim) or [{}])[0]
    level_code = levels.get("level_code")
    evidence = Evidence(
        level=_int(levels.get("level")),
        level_label=design_labels.get(level_code or "", level_code or ""),
        level_studies=_int(levels.get("level_studies")) or 0,
        trial_supported=_true(levels.get("trial_supported")),
        claim_type=info.get("type", ""),
        needs_trials=_true(info.get("needs_trials")),
        polarity=info.get("polarity") or "effect",
    )
    conditions = facts["conditions"].get(claim, [])
    audit = ClaimAudit(
        claim=claim,
        label=info.get("label", claim),
        type=info.get("type"),
        conditions=sorted({row["label"] for row in conditions}),
        evidence_level=evidence.level,
        evidence_level_code=level_code,
        verdict="",
        verdict_class="",
        assertions=_assertions(facts["assertions"].get(claim, [])),
        evidence=_evidence(facts["evidence"].get(claim, [])),
        condition_iris=sorted({row["condition"] for row in conditions}),
        polarity=evidence.polarity,
    )
    return audit, evidence


def _judged(audit: ClaimAudit, evidence: Evidence, findings: list[Finding], listed: set[str]) -> ClaimAudit:
    """``audit`` with its verdict, weighing every finding, and the findings of the ``listed`` rules."""
    audit.verdict = verdict_text(evidence, findings)
    audit.verdict_class = verdict_class(evidence, findings)
    audit.findings = [finding for finding in findings if finding.rule in listed]
    return audit


_NO_ASSERTION: dict[str, str | None] = dict.fromkeys(("assertion", "source", "source_title", "local_copy", "quote",
                                                       "strength"))
"""An assertion's keys in the report, each None until its facts row binds it."""


def _assertions(rows: list[dict[str, str]]) -> list[dict[str, str | None]]:
    found = [{**_NO_ASSERTION, **row} for row in rows]
    found.sort(key=lambda a: (a["source"] or "", a["assertion"] or ""))
    return found


def _evidence(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    found = [
        {
            "evidence_line": row["line"],
            "study": row["study"],
            "label": row.get("label"),
            "design": row.get("design"),
            "level": _int(row.get("level")),
            "direction": row.get("direction"),
            "directness": row.get("directness"),
            "identifiable": _true(row.get("identifiable")),
        }
        for row in rows
    ]
    return sorted(found, key=lambda e: (e["level"] or 99, e["direction"] or "", e["label"] or "", e["study"],
                                        e["evidence_line"]))
