"""Narrowing an audit report to some sources, conditions, verdict classes and claim types.

One definition for every reader of the report (``claimgraph audit --source …``, the HTML table):

* each filter is a set of values; a filter left empty does not narrow anything;
* a claim is kept when it matches **every** filter given, and a filter when **any** of its values matches:
  ``sources`` — one of the sources asserts the claim; ``conditions`` — the claim is about one of the
  conditions (``cg:aboutCondition``); ``verdicts`` — its verdict class; ``claim_types`` — its type code;
* with ``sources``, a kept claim lists only the findings that concern one of those sources
  (:meth:`ClaimAudit.finding_sources`: the source of an assertion a finding names, else every source
  asserting the claim); its verdict, assertions and evidence stay whole;
* the summary counts what is left, and claims keep their rank order.

Sources and conditions are given as a full IRI, a CURIE (``source:clinic-guide``) or the bare local name
(``clinic-guide``); a value that matches nothing the report knows is an error listing what exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from claimgraph.audit.report import AuditReport, ClaimAudit
from claimgraph.audit.verdict import VERDICT_CLASSES
from claimgraph.errors import ClaimgraphError
from claimgraph.namespaces import curie


class FilterError(ClaimgraphError):
    """A filter value that names nothing in the report (exit code 2)."""


@dataclass(frozen=True)
class AuditFilter:
    """Resolved filter values: source and condition IRIs, verdict classes and claim-type codes."""

    sources: frozenset[str] = frozenset()
    conditions: frozenset[str] = frozenset()
    verdicts: frozenset[str] = frozenset()
    claim_types: frozenset[str] = frozenset()

    def keeps(self, claim: ClaimAudit) -> bool:
        """Whether ``claim`` matches every filter given."""
        return ((not self.sources or bool(self.sources & set(claim.sources)))
                and (not self.conditions or bool(self.conditions & set(claim.condition_iris)))
                and (not self.verdicts or claim.verdict_class in self.verdicts)
                and (not self.claim_types or (claim.type or "") in self.claim_types))


def local_name(iri: str) -> str:
    """The part of ``iri`` after its last ``/`` or ``#``."""
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def resolve_iri(what: str, value: str, known: Iterable[str]) -> str:
    """The IRI among ``known`` that ``value`` names (IRI, ``<IRI>``, CURIE or local name), else FilterError."""
    wanted = value.strip().removeprefix("<").removesuffix(">")
    candidates = sorted(set(known))
    for iri in candidates:
        if wanted in (iri, curie(iri)):
            return iri
    by_name = [iri for iri in candidates if local_name(iri) == wanted]
    if len(by_name) == 1:
        return by_name[0]
    listing = ", ".join(curie(iri) for iri in (by_name or candidates)) or "none"
    problem = "ambiguous" if by_name else "unknown"
    raise FilterError(f"{problem} {what} {value!r}; {'candidates' if by_name else 'known'}: {listing}")


def _resolve_codes(what: str, values: Iterable[str], known: Iterable[str]) -> frozenset[str]:
    allowed = sorted(set(known))
    for value in values:
        if value not in allowed:
            raise FilterError(f"unknown {what} {value!r}; known: {', '.join(allowed) or 'none'}")
    return frozenset(values)


def resolve_filter(report: AuditReport, sources: Iterable[str] = (), conditions: Iterable[str] = (),
                   verdicts: Iterable[str] = (), claim_types: Iterable[str] = ()) -> AuditFilter:
    """Check filter values against what ``report`` knows and resolve IDs to IRIs (FilterError otherwise)."""
    known_sources = {source for claim in report.claims for source in claim.sources}
    known_conditions = {iri for claim in report.claims for iri in claim.condition_iris}
    known_types = {claim.type for claim in report.claims if claim.type}
    return AuditFilter(
        sources=frozenset(resolve_iri("source", value, known_sources) for value in sources),
        conditions=frozenset(resolve_iri("condition", value, known_conditions) for value in conditions),
        verdicts=_resolve_codes("verdict class", verdicts, VERDICT_CLASSES),
        claim_types=_resolve_codes("claim type", claim_types, known_types),
    )


def filter_report(report: AuditReport, audit_filter: AuditFilter) -> AuditReport:
    """The report narrowed by ``audit_filter`` (see the module docstring for the semantics)."""
    kept = [claim for claim in report.claims if audit_filter.keeps(claim)]
    if audit_filter.sources:
        kept = [replace(claim, findings=[finding for finding in claim.findings
                                         if audit_filter.sources & set(claim.finding_sources(finding))])
                for claim in kept]
    return AuditReport(claims=kept, rules=report.rules)
