"""A claim's verdict: a class for colouring, a one-line text for reading, and the ranking.

Both are derived from what SPARQL computed (evidence level, trial support) and from the
rules' findings; nothing here looks at the graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from claimgraph.audit.ruleset import Finding
from claimgraph.severity import SEVERITY_ORDER

VERDICT_CLASSES = ("unsupported", "contested", "weak", "consistent", "supported")
"""Worst first: no identifiable supporting study; a statement that evidence is lacking which trials contest;
support short of uncontested trials; a statement about the evidence the graph bears out; trials in humans."""
EVIDENCE_STATEMENT = "evidence"
"""The polarity code of a statement about the evidence itself (cg:ClaimPolarities)."""


@dataclass(frozen=True)
class Evidence:
    """What SPARQL says about a claim's support (see audit/rules/facts/levels.rq and claims.rq)."""

    level: int | None
    level_label: str
    level_studies: int
    trial_supported: bool
    claim_type: str
    needs_trials: bool
    """Whether the claim's type is one that trials must support (cg:needsTrials in the vocabulary)."""
    polarity: str = "effect"
    """The claim's polarity code: effect, no-effect, or evidence (a statement about the evidence itself)."""


def verdict_class(evidence: Evidence, findings: Iterable[Finding]) -> str:
    """A statement about the evidence: ``contested`` when trials support what it says is lacking, else
    ``consistent``. Any other claim: ``unsupported`` without identifiable support; ``supported`` with direct trial
    support in humans and no contradicting trial; ``weak`` otherwise."""
    findings = list(findings)
    if evidence.polarity == EVIDENCE_STATEMENT:
        return "contested" if any(finding.rule == "evidence-contested" for finding in findings) else "consistent"
    if evidence.level is None:
        return "unsupported"
    contradicted = any(finding.rule == "contradicted" for finding in findings)
    return "supported" if evidence.trial_supported and not contradicted else "weak"


def verdict_text(evidence: Evidence, findings: list[Finding]) -> str:
    """A one-line verdict a reviewer can read at a glance."""
    by_rule = {finding.rule: finding for finding in findings}
    if evidence.polarity == EVIDENCE_STATEMENT:
        if "evidence-contested" in by_rule:
            supported = by_rule["evidence-contested"].details.get("supported", "a claim of effect")
            return f"Statement about the evidence, contested: trials in humans directly support {supported}"
        return "Statement about the evidence, borne out: no trial in humans directly supports an effect it covers"
    if evidence.trial_supported:
        text = "Supported by trials in humans"
    elif evidence.level is not None:
        text = f"No supporting trial: best evidence is {_best(evidence)}"
    elif "vague-citation" in by_rule:
        text = "No identifiable support: rests only on studies nobody can identify"
    elif not evidence.needs_trials and evidence.claim_type:
        text = f"{evidence.claim_type.capitalize()} statement with no study behind it"
    else:
        text = "Unsupported: no study supports it"
    if "contradicted" in by_rule:
        conjunction = "but" if evidence.trial_supported else "and"
        text += f", {conjunction} contradicted by {by_rule['contradicted'].details.get('studies', 'a trial')}"
    notes = []
    if "indirect-evidence" in by_rule:
        notes.append("the best support is indirect")
    overstated = {finding.details.get("source", "") for finding in findings if finding.rule == "overstated"}
    if overstated:
        notes.append(f"worded beyond the evidence by {_count(len(overstated), 'source')}")
    return text + ("; " + "; ".join(notes) if notes else "")


def _best(evidence: Evidence) -> str:
    label = evidence.level_label.lower()
    article = "an" if label[:1] in "aeiou" else "a"
    count = f" ({evidence.level_studies} studies)" if evidence.level_studies > 1 else ""
    return f"{article} {label} (level {evidence.level}){count}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def rank_key(verdict_class_name: str, level: int | None, assertions: int, label: str,
             findings: Iterable[Finding]) -> tuple[int | str, ...]:
    """Sort key, worst first: most errors, then warnings, verdict class, weakest level, most assertions."""
    severities = [finding.severity for finding in findings]
    return (
        *(-severities.count(severity) for severity in SEVERITY_ORDER),
        VERDICT_CLASSES.index(verdict_class_name),
        -(level if level is not None else 99),
        -assertions,
        label.lower(),
    )
