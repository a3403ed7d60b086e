"""`claimgraph audit` and `claimgraph rules`: formats, exit codes, escaping, atomic output, build outputs."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from typing import Any, cast

import jsonschema
import pytest

from claimgraph.audit import rules
from claimgraph.audit.formats import REPORT_FORMATS
from claimgraph.cli import main
from helpers import FIXTURES, REPO, TINY, TINY_COUNTS

RULES = rules()

HOSTILE = FIXTURES / "audit" / "hostile-labels.ttl"

# The parts of SARIF 2.1.0 (OASIS sarif-schema-2.1.0.json) that claimgraph emits, with the
# spec's required members, enums and closed objects.
MESSAGE = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
SARIF_SUBSET = {
    "type": "object",
    "required": ["version", "runs"],
    "additionalProperties": False,
    "properties": {
        "$schema": {"type": "string"},
        "version": {"enum": ["2.1.0"]},
        "runs": {"type": "array", "items": {
            "type": "object",
            "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string"},
                        "version": {"type": "string"},
                        "rules": {"type": "array", "items": {
                            "type": "object",
                            "required": ["id"],
                            "properties": {
                                "id": {"type": "string"},
                                "shortDescription": MESSAGE,
                                "fullDescription": MESSAGE,
                                "defaultConfiguration": {"type": "object", "properties": {
                                    "level": {"enum": ["none", "note", "warning", "error"]}}},
                            },
                        }},
                    },
                }}},
                "results": {"type": "array", "items": {
                    "type": "object",
                    "required": ["message"],
                    "properties": {
                        "ruleId": {"type": "string"},
                        "ruleIndex": {"type": "integer", "minimum": -1},
                        "level": {"enum": ["none", "note", "warning", "error"]},
                        "message": MESSAGE,
                        "locations": {"type": "array", "items": {"type": "object", "properties": {
                            "logicalLocations": {"type": "array", "items": {"type": "object", "properties": {
                                "name": {"type": "string"}, "fullyQualifiedName": {"type": "string"}}}}}}},
                        "properties": {"type": "object"},
                    },
                }},
            },
        }},
    },
}


def audit(runner, *args):
    return runner.invoke(main, ["audit", "-g", str(TINY), *args])


def test_cli_offers_every_registered_format(runner):
    result = runner.invoke(main, ["audit", "--help"])
    assert all(name in result.output for name in REPORT_FORMATS)


def test_text_groups_findings_by_severity_and_exits_1_on_errors(runner):
    result = audit(runner)
    assert result.exit_code == 1
    assert result.output.index("ERROR (") < result.output.index("WARNING (")
    claims_table = result.output[: result.output.index("ERROR (")]
    assert all(word in claims_table for word in ("weak", "unsupported", "animal"))


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("warning", 1), ("never", 0)])
def test_fail_on_sets_the_exit_code(runner, fail_on, code):
    assert audit(runner, "--fail-on", fail_on, "-f", "json").exit_code == code


def test_warning_only_rule_passes_fail_on_error(runner):
    assert audit(runner, "--rule", "vague-citation").exit_code == 0
    assert audit(runner, "--rule", "vague-citation", "--fail-on", "warning").exit_code == 1


def test_rule_option_is_repeatable(runner):
    result = audit(runner, "-f", "json", "--rule", "contradicted", "--rule", "unsupported")
    payload = json.loads(result.output)
    assert set(payload["summary"]["by_rule"]) == {"contradicted", "unsupported"}
    assert {f["rule"] for c in payload["claims"] for f in c["findings"]} == {"contradicted", "unsupported"}


def test_unknown_rule_exits_2_with_one_line(runner):
    result = audit(runner, "--rule", "nope")
    assert result.exit_code == 2
    assert "unknown rule 'nope'" in result.output
    assert "Traceback" not in result.output


def test_missing_graph_exits_2(runner, tmp_path):
    result = runner.invoke(main, ["audit", "-g", str(tmp_path / "missing.ttl")])
    assert result.exit_code == 2


def test_json_output_file_matches_schema(runner, tmp_path):

    out = tmp_path / "audit.json"
    result = audit(runner, "-f", "json", "-o", str(out))
    assert result.exit_code == 1
    assert result.output == ""
    schema = json.loads((REPO / "schemas" / "audit.schema.json").read_text())
    payload = json.loads(out.read_text())
    jsonschema.validate(payload, schema)
    assert payload["summary"]["claims"] == TINY_COUNTS["claims"]
    assert not list(tmp_path.glob(".audit.json.*"))


def test_csv_has_a_row_per_finding_and_for_claims_without_findings(runner):
    rows = list(csv.DictReader(io.StringIO(audit(runner, "-f", "csv").output)))
    payload = json.loads(audit(runner, "-f", "json").output)
    expected = sum(max(1, len(c["findings"])) for c in payload["claims"])
    assert len(rows) == expected
    assert {row["rule"] for row in rows} - {""} == {f["rule"] for c in payload["claims"] for f in c["findings"]}


def test_sarif_is_structurally_valid_2_1_0(runner):
    log = json.loads(audit(runner, "-f", "sarif").output)
    jsonschema.validate(log, SARIF_SUBSET)
    run = log["runs"][0]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert rule_ids == list(RULES)
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
    payload = json.loads(audit(runner, "-f", "json").output)
    assert len(run["results"]) == payload["summary"]["findings"]


def test_sarif_subset_schema_rejects_a_bad_level(runner):
    log = json.loads(audit(runner, "-f", "sarif").output)
    log["runs"][0]["results"][0]["level"] = "info"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(log, SARIF_SUBSET)


def _table_data(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="audit-data">(.*?)</script>', page, re.DOTALL)
    assert found, "no audit-data block"
    return cast(dict[str, Any], json.loads(found[1]))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag of an HTML page with its attributes (script contents are text to the parser)."""
    found: list[tuple[str, dict[str, str | None]]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, dict(attrs)))

    Tags().feed(page)
    return found


def test_html_is_one_offline_page_with_every_value_escaped(runner):
    result = runner.invoke(main, ["audit", "-g", str(HOSTILE), "-f", "html", "--fail-on", "never"])
    page = result.output
    assert result.exit_code == 0
    assert "default-src 'none'" in page
    tags = _tags(page)
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "audit-data"}, {}, {}]
    assert [(tag, attrs) for tag, attrs in tags if {"src", "href"} & attrs.keys() or tag in ("img", "link")] == []
    for raw in ("<script>alert(1)", "<img src=x", "</q><script>alert(3)"):
        assert raw not in page
    row = _table_data(page)["rows"][0]
    assert row["sources"] == ["<img src=x onerror=alert(2)> & Co | *bold*"]
    assert row["label"] == "<script>alert(1)</script> cures [all](javascript:x) | pain"
    assert row["assertions"][0]["quote"] == "</q><script>alert(3)</script>"


def test_html_table_rows_follow_the_json_report(runner):
    page = audit(runner, "-f", "html").output
    claims = json.loads(audit(runner, "-f", "json").output)["claims"]
    rows = _table_data(page)["rows"]
    assert [row["iri"] for row in rows] == [claim["claim"] for claim in claims]
    for row, claim in zip(rows, claims, strict=True):
        assert (row["verdict"], row["why"], row["level"]) == (claim["verdict_class"], claim["verdict"],
                                                             claim["evidence_level"])
        assert [f["message"] for f in row["findings"]] == [f["message"] for f in claim["findings"]]
        assert [a["quote"] for a in row["assertions"]] == [a["quote"] for a in claim["assertions"]]
        assert len(row["evidence"]) == len(claim["evidence"])
    assert "page" not in rows[0]
    assert '<nav>' not in page


def test_markdown_escapes_html_and_table_pipes(runner):
    page = runner.invoke(main, ["audit", "-g", str(HOSTILE), "-f", "md"]).output
    assert "<script>" not in page
    assert "<img" not in page
    assert "&lt;script&gt;" in page
    assert re.search(r"(?<!\\)\| pain", page) is None
    assert "\\| pain" in page


def test_rules_command_lists_every_rule_with_severity(runner):
    result = runner.invoke(main, ["rules"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(RULES)
    for line, rule in zip(lines, RULES.values(), strict=True):
        assert line.split()[:2] == [rule.id, rule.severity]


def test_build_writes_the_audit_reports(tmp_path):
    from claimgraph.build import build

    result = build([TINY], tmp_path / "out")
    names = {path.name for path in result.outputs}
    assert {"audit.json", "audit.md", "audit.html"} <= names
    payload = json.loads((tmp_path / "out" / "audit.json").read_text())
    assert payload["summary"]["claims"] == TINY_COUNTS["claims"]
