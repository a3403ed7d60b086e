"""Each audit rule on a fixture graph that must trigger it and must not (false positives are bugs).

In ``tests/fixtures/audit/<rule>.ttl`` a claim whose IRI contains ``--flag-`` must be flagged
by that rule and a claim containing ``--ok-`` must not; the same holds on every store.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimgraph.audit.ruleset import RuleError, parse_rule, rule_findings, rules, run_rule, select_rules
from claimgraph.errors import ClaimgraphError
from claimgraph.store import load
from helpers import FIXTURES, STORE_KINDS, TINY, store_spec

RULES = rules()

AUDIT_FIXTURES = FIXTURES / "audit"
CLAIMS_QUERY = "PREFIX cg: <https://w3id.org/claimgraph/ns#> SELECT ?claim WHERE { ?claim a cg:Claim }"


def test_every_rule_has_a_fixture():
    assert set(RULES) <= {path.stem for path in AUDIT_FIXTURES.glob("*.ttl")}


@pytest.mark.parametrize("rule_id", list(RULES))
def test_rule_flags_exactly_the_flag_claims(rule_id, store_kind, tmp_path):
    store = load([AUDIT_FIXTURES / f"{rule_id}.ttl"], store_spec(store_kind, tmp_path))
    claims = {str(row["claim"]) for row in store.query(CLAIMS_QUERY).dicts()}
    expected = {claim for claim in claims if "--flag-" in claim}
    assert expected and any("--ok-" in claim for claim in claims), "fixture needs both kinds of claim"
    flagged = {finding.claim for finding in run_rule(store, RULES[rule_id])}
    assert sorted(flagged - expected) == [], "false positives"
    assert sorted(expected - flagged) == [], "missed"


def _findings_by_store(path: Path, tmp_path: Path) -> dict[str, list[tuple[str, str, str, list[str]]]]:
    found = {}
    for kind in STORE_KINDS:
        store = load([path], store_spec(kind, tmp_path / kind))
        found[kind] = [(f.rule, f.claim, f.message, f.evidence)
                       for rule in RULES.values() for f in run_rule(store, rule)]
        store.close()
    return found


@pytest.mark.parametrize("path", [TINY, *sorted(AUDIT_FIXTURES.glob("*.ttl"))], ids=lambda p: p.stem)
def test_every_rule_gives_identical_findings_on_every_store(path, tmp_path):
    found = _findings_by_store(path, tmp_path)
    assert found["memory"], "each fixture triggers some rule"
    assert found["rdflib"] == found["memory"]
    assert found["oxigraph"] == found["memory"]


def test_finding_messages_fill_every_placeholder(tmp_path):
    store = load([*sorted(AUDIT_FIXTURES.glob("*.ttl"))], store_spec("memory", tmp_path))
    for rule in RULES.values():
        for finding in run_rule(store, rule):
            assert "{" not in finding.message, finding
            assert not finding.message.rstrip().endswith((":", ";")), finding


def test_overstated_names_the_source_wording_and_level(tmp_path):
    store = load([AUDIT_FIXTURES / "overstated.ttl"], store_spec("memory", tmp_path))
    (finding,) = [f for f in run_rule(store, RULES["overstated"]) if f.claim.endswith("--flag-strong-on-rat")]
    assert "Fixture page" in finding.message
    assert "strong" in finding.message
    assert "level 6" in finding.message
    assert finding.evidence == ["https://w3id.org/claimgraph/id/assertion/ovr--flag-strong-on-rat"]


def test_conflicting_reports_says_what_differs(tmp_path):
    store = load([AUDIT_FIXTURES / "conflicting-reports.ttl"], store_spec("memory", tmp_path))
    by_claim = {f.claim.rsplit("--", 1)[1]: f for f in run_rule(store, RULES["conflicting-reports"])}
    assert "participants" in by_claim["flag-n"].message
    assert "design" in by_claim["flag-design-cited"].message
    assert "year" in by_claim["flag-year"].message
    assert "result direction" in by_claim["flag-direction"].message
    assert any(iri.endswith("/report/n-a") for iri in by_claim["flag-n"].evidence)


def test_rule_headers_give_id_severity_and_message():
    for rule in RULES.values():
        assert rule.severity in ("error", "warning", "info")
        assert rule.description
        assert rule.message
        assert "Why it matters" in rule.explanation


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("# other: x\n# severity: error\n# message: m\nSELECT ?claim {}", "first line must be '# bad: "),
        ("# bad: x\n# severity: fatal\n# message: m\nSELECT ?claim {}", "bad.rq:2: severity must be"),
        ("# bad: x\n# severity: error\nSELECT ?claim {}", "needs '# message: template'"),
        ("# bad: x\n# message: m\nSELECT ?claim {}", "needs '# severity"),
        ("# bad: x\n# severity: error\n# message: m\n# list: studies |\nSELECT ?claim {}", "bad.rq:4: write"),
    ],
)
def test_malformed_rule_header_is_a_clear_error(text, problem):
    with pytest.raises(ClaimgraphError, match=re.escape(problem)):
        parse_rule("bad", text)


def test_unknown_rule_id_lists_the_known_ones():
    with pytest.raises(RuleError, match=r"unknown rule 'nope'; known: .*no-supporting-trial"):
        select_rules(["nope"])


def test_findings_of_a_claim_with_equal_messages_come_in_one_order_whatever_the_engines_row_order():
    rule = rules()["vague-citation"]
    store = load([FIXTURES / "audit" / "vague-citation.ttl"])
    rows = store.select_strings(rule.sparql)
    message = rule_findings(rule, rows[:1])[0].message
    twins = [{**rows[0], **{name: value for name, value in row.items() if name != "claim"}} for row in rows]
    same_message = [row for row in twins if rule_findings(rule, [row])[0].message == message]
    assert len({tuple(rule_findings(rule, [row])[0].evidence) for row in same_message}) > 1
    assert rule_findings(rule, same_message) == rule_findings(rule, same_message[::-1])
