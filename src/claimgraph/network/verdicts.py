"""What the audit says of each claim, as the views show it and as graph files carry it on claim nodes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimgraph.severity import SEVERITY_ORDER

if TYPE_CHECKING:
    import networkx as nx

    from claimgraph.audit import AuditReport
    from claimgraph.store import Store


@dataclass(frozen=True)
class ClaimVerdict:
    """What the audit says of one claim, as the audit view shows it."""

    verdict_class: str
    verdict: str
    evidence_level: int | None
    findings: tuple[str, ...]


def audit_verdicts(report: AuditReport) -> dict[str, ClaimVerdict]:
    """Each audited claim's verdict, evidence level and findings, from an audit report."""
    return {
        str(audit.claim): ClaimVerdict(
            verdict_class=str(audit.verdict_class),
            verdict=str(audit.verdict),
            evidence_level=audit.evidence_level,
            findings=tuple(f"{f.severity} {f.rule}: {f.message}" for f in audit.findings),
        )
        for audit in report.claims
    }


def claim_attributes(report: AuditReport) -> dict[str, dict[str, Any]]:
    """Per claim, the audit facts a graph file carries on its node, so Gephi can colour and filter by them.

    ``verdict_class`` (supported, weak, unsupported), ``verdict`` (in words), ``evidence_level`` (1 best … 7;
    absent when the claim has no evidence line: GraphML has no null), ``evidence_level_code``, ``findings``
    (how many) and ``findings_error``, ``findings_warning``, ``findings_info`` (how many of each severity).
    """
    attributes: dict[str, dict[str, Any]] = {}
    for audit in report.claims:
        facts: dict[str, Any] = {"verdict_class": str(audit.verdict_class), "verdict": str(audit.verdict)}
        if audit.evidence_level is not None:
            facts["evidence_level"] = int(audit.evidence_level)
        if audit.evidence_level_code:
            facts["evidence_level_code"] = str(audit.evidence_level_code)
        facts["findings"] = len(audit.findings)
        for severity in SEVERITY_ORDER:
            facts[f"findings_{severity}"] = sum(finding.severity == severity for finding in audit.findings)
        attributes[str(audit.claim)] = facts
    return attributes


def add_audit_attributes(graph: nx.MultiDiGraph, report: AuditReport) -> nx.MultiDiGraph:
    """``graph`` with each audited claim node given its :func:`claim_attributes` (the same graph, updated)."""
    for claim, facts in claim_attributes(report).items():
        if claim in graph and graph.nodes[claim].get("kind") == "claim":
            graph.nodes[claim].update(facts)
    return graph


def audited_network(store: Store) -> nx.MultiDiGraph:
    """The network of ``store`` with the audit's verdict, evidence level and findings counts on claim nodes."""
    from claimgraph.audit import run_audit
    from claimgraph.network.graph import build_network

    return add_audit_attributes(build_network(store), run_audit(store))
