"""Contract: the named queries answer the audit's questions exactly as the audit does.

On the curated graph (graphs/) and on the audit rule fixtures, every expectation is computed
from :func:`claimgraph.audit.run_audit` (or the audit's own fact query, audit/rules/facts/levels.rq),
never hard-coded: the claims ``claims-without-trials`` lists are the claims with a
``no-supporting-trial`` finding; ``claims`` gives each claim the audit's evidence level;
``source-reliability`` counts, per source, the claims with an ``overstated`` finding on one of
its assertions and the claims the audit finds trial-supported; ``conflicting-reports`` is the
rule itself.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import URIRef

from claimgraph.audit import AuditReport, filter_report, resolve_filter, run_audit
from claimgraph.audit.ruleset import FACTS, RULES
from claimgraph.query.named import FROM_RULES, named_queries, run_named
from claimgraph.store import Store, load
from helpers import FIXTURES, GRAPHS, TINY

NO_TRIALS_NEEDED = ("PREFIX cg: <https://w3id.org/claimgraph/ns#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"
                    " SELECT ?code WHERE { ?type cg:needsTrials false ; skos:notation ?code }")
"""Claim types the vocabulary marks as not needing trials (background, epidemiology)."""
GRAPH_SETS = {
    "curated": [GRAPHS],
    "tiny+extra": [TINY, TINY.parent / "sparql-extra.ttl"],
    **{f"audit/{path.stem}": [path] for path in sorted((FIXTURES / "audit").glob("*.ttl"))},
}
"""A generous ceiling (the queries take under 1 s alone); it catches shapes that take tens of seconds."""


@pytest.fixture(scope="module", params=list(GRAPH_SETS))
def audited(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    store = load(GRAPH_SETS[request.param], f"oxigraph:{tmp_path_factory.mktemp('contract')}")
    yield store, run_audit(store)
    store.close()


def flagged(report: AuditReport, rule: str) -> set[str]:
    return {finding.claim for finding in report.findings if finding.rule == rule}


def trial_supported_claims(store: Store) -> set[str]:
    """Claims the audit rates trial-supported: audit/rules/facts/levels.rq's trial_supported."""
    rows = store.query(FACTS.text("levels")).dicts()
    return {str(row["claim"]) for row in rows if str(row.get("trial_supported", "")).lower() == "true"}


def claims_by_source(report: AuditReport) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for claim in report.claims:
        for assertion in claim.assertions:
            found[str(assertion["source"])].add(claim.claim)
    return found


def test_claims_without_trials_are_the_no_supporting_trial_findings(audited) -> None:
    store, report = audited
    listed = [(str(row["claim"]), str(row["source"])) for row in run_named(store, "claims-without-trials").dicts()]
    assert len(listed) == len(set(listed))
    assert {claim for claim, _ in listed} == flagged(report, "no-supporting-trial")
    by_source = claims_by_source(report)
    assert set(listed) == {(claim, source) for source, claims in by_source.items() for claim in claims
                           if claim in flagged(report, "no-supporting-trial")}


def test_claims_without_trials_for_a_source_are_the_audit_filtered_by_source(audited) -> None:
    store, report = audited
    for source in claims_by_source(report):
        rows = run_named(store, "claims-without-trials", {"source": URIRef(source)}).dicts()
        narrowed = filter_report(report, resolve_filter(report, sources=[source]))
        assert {str(row["claim"]) for row in rows} == flagged(narrowed, "no-supporting-trial")
        assert {str(row["source"]) for row in rows} <= {source}


def test_claims_without_trials_skips_background_and_epidemiology(audited) -> None:
    store, _ = audited
    types = {str(row.get("type")) for row in run_named(store, "claims-without-trials").dicts()}
    skipped = {str(row["code"]) for row in store.query(NO_TRIALS_NEEDED).dicts()}
    assert skipped == {"background", "epidemiology"}
    assert not types & skipped


def test_claims_evidence_level_is_the_audits(audited) -> None:
    store, report = audited
    rows = run_named(store, "claims").dicts()
    levels = {str(row["claim"]): int(row["evidence_level"]) if "evidence_level" in row else None for row in rows}
    assert len(levels) == len(rows)
    assert levels == {claim.claim: claim.evidence_level for claim in report.claims}


def test_source_reliability_counts_the_audits_overstated_and_trial_supported_claims(audited) -> None:
    store, report = audited
    source_of = {str(a["assertion"]): str(a["source"]) for claim in report.claims for a in claim.assertions}
    overstated: dict[str, set[str]] = defaultdict(set)
    for finding in report.findings:
        if finding.rule == "overstated":
            (source,) = {source_of[iri] for iri in finding.evidence if iri in source_of}
            overstated[source].add(finding.claim)
    asserted = claims_by_source(report)
    supported = trial_supported_claims(store)
    rows = {str(row["source"]): row for row in run_named(store, "source-reliability").dicts()}
    assert set(rows) == set(asserted)
    for source, row in rows.items():
        assert int(row["claims"]) == len(asserted[source]), source
        assert int(row["overstated"]) == len(overstated[source]), source
        assert int(row["trial_supported"]) == len(asserted[source] & supported), source


def test_trial_support_is_the_complement_of_no_supporting_trial_for_claims_that_need_trials(audited) -> None:
    store, report = audited
    skipped = {str(row["code"]) for row in store.query(NO_TRIALS_NEEDED).dicts()}
    needs_trials = {claim.claim for claim in report.claims
                    if claim.type is not None and claim.type not in skipped and claim.polarity != "evidence"}
    assert needs_trials - trial_supported_claims(store) == flagged(report, "no-supporting-trial")


def test_claims_by_condition_counts_the_audits_trial_supported_claims(audited) -> None:
    store, _ = audited
    about: dict[str, set[str]] = defaultdict(set)
    query = "PREFIX cg: <https://w3id.org/claimgraph/ns#> SELECT ?c ?k WHERE { ?c a cg:Claim ; cg:aboutCondition ?k }"
    for row in store.query(query).dicts():
        about[str(row["k"])].add(str(row["c"]))
    supported = trial_supported_claims(store)
    rows = run_named(store, "claims-by-condition").dicts()
    assert {str(row["condition"]) for row in rows} == set(about)
    for row in rows:
        condition = str(row["condition"])
        assert int(row["claims"]) == len(about[condition])
        assert int(row["claims_with_trial_support"]) == len(about[condition] & supported), condition


def test_conflicting_reports_is_the_audit_rule() -> None:
    assert "conflicting-reports" in FROM_RULES
    assert named_queries()["conflicting-reports"].text == RULES.text("conflicting-reports")


def test_conflicting_reports_lists_the_rules_findings(audited) -> None:
    store, report = audited
    rows = run_named(store, "conflicting-reports").dicts()
    assert {str(row["claim"]) for row in rows} == flagged(report, "conflicting-reports")


def test_graph_sets_exist() -> None:
    assert all(Path(path).exists() for paths in GRAPH_SETS.values() for path in paths)
