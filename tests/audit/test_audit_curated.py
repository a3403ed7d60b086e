"""The audit on the curated graph (graphs/): the cases the five sources make obvious."""

from __future__ import annotations

import pytest

from claimgraph.audit import AuditReport, run_audit
from claimgraph.namespaces import ASSERTION, CLAIM, STUDY
from claimgraph.store import load
from helpers import REPO

GRAPHS = REPO / "graphs"
TRIAL_RULE_TYPES = {"efficacy", "mechanism", "safety", "regimen"}



@pytest.fixture(scope="module")
def curated() -> AuditReport:
    return run_audit(load([GRAPHS]))


def findings_of(report: AuditReport, rule: str):
    return [finding for finding in report.findings if finding.rule == rule]


def test_hiv_pain_claim_is_contradicted_by_the_null_jama_trial(curated):
    claim = str(CLAIM["relieves-hiv-neuropathy-pain"])
    contradicted = [f for f in findings_of(curated, "contradicted") if f.claim == claim]
    assert contradicted
    assert str(STUDY["shlay-1998"]) in contradicted[0].evidence


def test_a_claim_rests_only_on_the_rat_study(curated):
    rat = str(STUDY["cidral-filho-2011"])
    for slug in ("comparable-to-gabapentin-neuropathic-pain", "effective-acute-and-subchronic-nerve-damage"):
        flagged = [f for f in findings_of(curated, "preclinical-only") if f.claim == str(CLAIM[slug])]
        assert len(flagged) == 1 and flagged[0].evidence == [rat], (slug, flagged)
        audit = next(c for c in curated.claims if c.claim == str(CLAIM[slug]))
        assert audit.verdict_class != "supported"
        assert audit.evidence_level == 6


def test_clinically_proven_wording_is_overstated(curated):
    flagged = {iri for f in findings_of(curated, "overstated") for iri in f.evidence}
    proven = [
        assertion["assertion"]
        for claim in curated.claims if claim.verdict_class != "supported"
        for assertion in claim.assertions if "clinically proven" in (assertion["quote"] or "").lower()
    ]
    assert proven
    assert set(proven) <= flagged
    assert str(ASSERTION["s000-53"]) in flagged


def test_vague_citations_are_reported(curated):
    vague = str(STUDY["unidentified-pain-medicine-rct"])
    assert any(vague in f.evidence for f in findings_of(curated, "vague-citation"))


def test_verdict_class_agrees_with_the_headline_rule(curated):
    """rules/facts/levels.rq and no-supporting-trial.rq state the same test; they must agree."""
    lacking = {f.claim for f in findings_of(curated, "no-supporting-trial")}
    contradicted = {f.claim for f in findings_of(curated, "contradicted")}
    for claim in curated.claims:
        if claim.claim in lacking:
            assert claim.verdict_class != "supported", claim.claim
        elif claim.type in TRIAL_RULE_TYPES:
            assert claim.verdict_class == ("weak" if claim.claim in contradicted else "supported"), claim.claim


def test_same_findings_on_oxigraph(curated, tmp_path):
    disk = run_audit(load([GRAPHS], f"oxigraph:{tmp_path / 'ox'}"))
    assert disk.to_json() == curated.to_json()
