"""claimgraph.audit.filters: narrowing a report by source, condition, verdict class and claim type.

Expectations are computed from the unfiltered report (who asserts what, which finding names which
assertion), never hard-coded.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from claimgraph.audit import AuditReport, FilterError, filter_report, resolve_filter, run_audit
from claimgraph.namespaces import curie
from claimgraph.store import load
from helpers import BLOG, GRAPHS, SHEET, TINY


@pytest.fixture(scope="module", params=["tiny", "curated"])
def report(request: pytest.FixtureRequest) -> Iterator[AuditReport]:
    with load([TINY] if request.param == "tiny" else [GRAPHS]) as store:
        yield run_audit(store)


def asserted_by(report: AuditReport, source: str) -> set[str]:
    return {claim.claim for claim in report.claims if any(a["source"] == source for a in claim.assertions)}


def all_sources(report: AuditReport) -> set[str]:
    return {str(a["source"]) for claim in report.claims for a in claim.assertions}


def test_source_keeps_the_claims_it_asserts_and_their_findings_about_it(report):
    for source in all_sources(report):
        narrowed = filter_report(report, resolve_filter(report, sources=[source]))
        assert {claim.claim for claim in narrowed.claims} == asserted_by(report, source)
        for claim in narrowed.claims:
            assert all(source in claim.finding_sources(finding) for finding in claim.findings)
            whole = next(c for c in report.claims if c.claim == claim.claim)
            assert claim.assertions == whole.assertions and claim.verdict == whole.verdict


def test_a_finding_about_another_sources_assertion_is_dropped():
    with load([TINY]) as store:
        report = run_audit(store)
    narrowed = filter_report(report, resolve_filter(report, sources=[str(SHEET)]))
    overstated = [(claim, f) for claim in narrowed.claims for f in claim.findings if f.rule == "overstated"]
    everyone = [f for claim in report.claims for f in claim.findings if f.rule == "overstated"]
    assert overstated and len(overstated) < len(everyone)
    assert all(claim.finding_sources(f) == [str(SHEET)] for claim, f in overstated)
    blog_only = filter_report(report, resolve_filter(report, sources=[str(BLOG)]))
    assert sum(len(c.findings) for c in blog_only.claims) > sum(len(c.findings) for c in narrowed.claims)


def test_finding_sources_name_the_assertions_source_or_every_asserting_source(report):
    for claim in report.claims:
        by_assertion = {a["assertion"]: a["source"] for a in claim.assertions}
        for finding in claim.findings:
            named = {by_assertion[iri] for iri in finding.evidence if iri in by_assertion}
            assert set(claim.finding_sources(finding)) == (named or set(claim.sources))


@pytest.mark.parametrize("spelling", ["iri", "curie", "bare", "angle"])
def test_ids_are_accepted_as_iri_curie_or_local_name(report, spelling):
    condition = sorted({iri for claim in report.claims for iri in claim.condition_iris})[0]
    value = {"iri": condition, "curie": curie(condition), "bare": condition.rsplit("/", 1)[-1],
             "angle": f"<{condition}>"}[spelling]
    narrowed = filter_report(report, resolve_filter(report, conditions=[value]))
    assert narrowed.claims
    assert {c.claim for c in narrowed.claims} == {c.claim for c in report.claims if condition in c.condition_iris}


def test_values_of_one_filter_are_alternatives_and_filters_combine(report):
    classes = ["unsupported", "supported"]
    either = filter_report(report, resolve_filter(report, verdicts=classes))
    assert {c.claim for c in either.claims} == {c.claim for c in report.claims if c.verdict_class in classes}
    claim_type = report.claims[0].type
    assert claim_type is not None
    both = filter_report(report, resolve_filter(report, verdicts=classes, claim_types=[claim_type]))
    assert {c.claim for c in both.claims} == {c.claim for c in either.claims if c.type == claim_type}


def test_summary_counts_what_is_left_in_rank_order(report):
    narrowed = filter_report(report, resolve_filter(report, verdicts=["unsupported"]))
    assert narrowed.summary["claims"] == len(narrowed.claims) == report.summary["by_verdict"]["unsupported"]
    assert narrowed.summary["by_verdict"]["weak"] == 0
    order = [c.claim for c in report.claims]
    assert [c.claim for c in narrowed.claims] == [iri for iri in order if iri in {c.claim for c in narrowed.claims}]


def test_no_filter_keeps_everything(report):
    assert filter_report(report, resolve_filter(report)).to_json() == report.to_json()


@pytest.mark.parametrize(("kind", "value", "listed"), [
    ("sources", "no-such-source", "source:"),
    ("conditions", "condition:nope", "condition:"),
    ("verdicts", "great", "supported"),
    ("claim_types", "miracle", "efficacy"),
])
def test_unknown_values_raise_and_list_what_exists(report, kind, value, listed):
    with pytest.raises(FilterError) as caught:
        resolve_filter(report, **{kind: [value]})
    message = str(caught.value)
    assert value in message and listed in message and "\n" not in message
