"""run_audit on the tiny graph: levels, verdicts, ranking, the rule filter and the JSON contract."""

from __future__ import annotations

import json

import jsonschema
import pytest

from claimgraph.audit import AuditReport, rules, run_audit
from claimgraph.audit.ruleset import RuleError
from helpers import CLAIM_HIV_PAIN, CLAIM_OPIOIDS, CLAIM_SAFE, REPO, STUDY_NULL_RCT, STUDY_RAT, TINY_COUNTS

RULES = rules()

SCHEMA = json.loads((REPO / "schemas" / "audit.schema.json").read_text())


@pytest.fixture
def report(tiny_store) -> AuditReport:
    return run_audit(tiny_store)


def by_claim(report: AuditReport):
    return {claim.claim: claim for claim in report.claims}


def test_every_claim_is_audited(report):
    assert len(report.claims) == TINY_COUNTS["claims"]
    assert set(by_claim(report)) == {str(CLAIM_HIV_PAIN), str(CLAIM_OPIOIDS), str(CLAIM_SAFE)}


def test_evidence_level_counts_only_identifiable_supporting_studies(report):
    claims = by_claim(report)
    assert (claims[str(CLAIM_OPIOIDS)].evidence_level, claims[str(CLAIM_OPIOIDS)].evidence_level_code) == (6, "animal")
    # supported only by an unidentifiable study; the RCT disputes it
    assert claims[str(CLAIM_HIV_PAIN)].evidence_level is None
    assert claims[str(CLAIM_SAFE)].evidence_level is None


def test_verdicts_name_the_problem(report):
    claims = by_claim(report)
    rat = claims[str(CLAIM_OPIOIDS)]
    assert rat.verdict_class == "weak"
    assert rat.verdict.startswith("No supporting trial: best evidence is an animal study")
    hiv = claims[str(CLAIM_HIV_PAIN)]
    assert hiv.verdict_class == "unsupported"
    assert "contradicted by Trial 1998" in hiv.verdict
    assert "null result" in hiv.verdict
    assert claims[str(CLAIM_SAFE)].verdict_class == "unsupported"


def test_claims_are_ranked_worst_first(report):
    errors = [sum(f.severity == "error" for f in claim.findings) for claim in report.claims]
    assert errors == sorted(errors, reverse=True)
    assert report.claims[0].claim == str(CLAIM_HIV_PAIN)


def test_claim_carries_assertions_and_evidence(report):
    hiv = by_claim(report)[str(CLAIM_HIV_PAIN)]
    assert {a["local_copy"] for a in hiv.assertions} == {"tiny_blog.txt", "tiny_sheet.txt"}
    assert {a["strength"] for a in hiv.assertions} == {"strong", "moderate"}
    assert {(e["study"], e["direction"]) for e in hiv.evidence} >= {(str(STUDY_NULL_RCT), "disputes")}
    rat = by_claim(report)[str(CLAIM_OPIOIDS)]
    assert [(e["study"], e["design"], e["direction"]) for e in rat.evidence] == [(str(STUDY_RAT), "animal", "supports")]


def test_rule_filter_lists_only_those_findings_but_keeps_verdicts(tiny_store, report):
    only = run_audit(tiny_store, ["contradicted"])
    assert {f.rule for f in only.findings} == {"contradicted"}
    assert {c.claim: c.verdict for c in only.claims} == {c.claim: c.verdict for c in report.claims}
    assert list(only.summary["by_rule"]) == ["contradicted"]


def test_unknown_rule_is_an_error(tiny_store):
    with pytest.raises(RuleError, match="unknown rule"):
        run_audit(tiny_store, ["no-such-rule"])


def test_summary_counts_match_findings(report):
    summary = report.summary
    assert summary["findings"] == len(report.findings) == sum(summary["by_rule"].values())
    assert sum(summary["by_severity"].values()) == summary["findings"]
    assert sum(summary["by_verdict"].values()) == summary["claims"]
    assert set(summary["by_rule"]) == set(RULES)


@pytest.mark.parametrize(("fail_on", "fails"), [("error", True), ("warning", True), ("never", False)])
def test_fail_on_thresholds(report, fail_on, fails):
    assert report.fails(fail_on) is fails


def test_fail_on_warning_but_not_error_when_only_warnings(tiny_store):
    warnings_only = run_audit(tiny_store, ["vague-citation"])
    assert warnings_only.findings
    assert not warnings_only.fails("error")
    assert warnings_only.fails("warning")


def test_json_matches_the_schema(report):
    payload = report.to_json()
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(payload, SCHEMA)
    assert [c["claim"] for c in payload["claims"]] == [c.claim for c in report.claims]


def test_schema_rejects_a_broken_report(report):
    payload = report.to_json()
    payload["claims"][0]["verdict_class"] = "fine"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(payload, SCHEMA)


def test_same_report_on_every_store(tmp_path):
    from claimgraph.store import load
    from helpers import STORE_KINDS, TINY, store_spec

    default = run_audit(load([TINY])).to_json()
    for kind in STORE_KINDS:
        with load([TINY], store_spec(kind, tmp_path)) as store:
            assert run_audit(store).to_json() == default, kind


@pytest.mark.parametrize("enabled_before", [True, False])
def test_the_cycle_collector_is_as_it_was_after_an_audit(tiny_store, enabled_before):
    import gc

    (gc.enable if enabled_before else gc.disable)()
    try:
        run_audit(tiny_store)
        assert gc.isenabled() is enabled_before
        with pytest.raises(RuleError):
            run_audit(tiny_store, ["no-such-rule"])
        assert gc.isenabled() is enabled_before
    finally:
        gc.enable()


def test_the_cycle_collector_is_paused_while_the_audit_runs(tiny_store, monkeypatch):
    import gc

    seen = []
    select_each = tiny_store.select_strings_each

    def watching(queries):
        seen.append(gc.isenabled())
        return select_each(queries)

    monkeypatch.setattr(tiny_store, "select_strings_each", watching)
    run_audit(tiny_store)
    assert seen == [False] and gc.isenabled()


def test_evidence_lines_tied_on_the_sort_key_keep_one_order_whatever_the_query_gives():
    from claimgraph.audit.run import _evidence

    rows = [{"line": f"urn:line:{n}", "study": "urn:study:s", "label": "Same study", "design": "rct", "level": "2",
             "direction": "supports", "directness": directness, "identifiable": "true"}
            for n, directness in ((2, "direct"), (1, "indirect"), (3, "direct"))]
    orders = [_evidence([dict(row) for row in permutation]) for permutation in (rows, rows[::-1], rows[1:] + rows[:1])]
    assert orders[0] == orders[1] == orders[2]
    assert [line["evidence_line"] for line in orders[0]] == ["urn:line:1", "urn:line:2", "urn:line:3"]


def test_an_integer_past_pythons_limit_stops_the_audit_with_one_clear_line(runner, tmp_path):
    from claimgraph.cli import main

    path = tmp_path / "level.ttl"
    path.write_text('<https://w3id.org/claimgraph/vocab/design/rct> <https://w3id.org/claimgraph/ns#evidenceLevel> '
                    f'"{"9" * 5000}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n')
    for store in ("memory", "rdflib"):
        result = runner.invoke(main, ["audit", "-g", str(REPO / "graphs"), "-g", str(path), "--store", store])
        assert result.exit_code == 2, result.output
        assert result.output.strip().splitlines() == [
            f"claimgraph: error: the graph holds an integer the audit cannot use: {'9' * 60}… (5,000 characters)"]
