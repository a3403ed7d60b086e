"""`claimgraph audit --source/--condition/--verdict/--claim-type`, the source columns, `sources` and `analyse --top`."""

from __future__ import annotations

import csv
import io
import json
import re

import jsonschema
import pytest

from claimgraph.cli import main
from helpers import BLOG, GRAPHS, REPO, SHEET, TINY, TINY_COUNTS

SCHEMA = json.loads((REPO / "schemas" / "audit.schema.json").read_text())


def audit(runner, *args, graphs=TINY):
    return runner.invoke(main, ["audit", "-g", str(graphs), *args])


def whole(runner):
    return json.loads(audit(runner, "-f", "json").output)


def test_source_filter_keeps_its_claims_and_stays_valid_json(runner):
    everything = whole(runner)
    for source, spelling in ((SHEET, "sheet"), (BLOG, "source:blog")):
        payload = json.loads(audit(runner, "--source", spelling, "-f", "json").output)
        jsonschema.validate(payload, SCHEMA)
        expected = [c["claim"] for c in everything["claims"]
                    if any(a["source"] == str(source) for a in c["assertions"])]
        assert [c["claim"] for c in payload["claims"]] == expected
        assert all(str(source) in f["sources"] for c in payload["claims"] for f in c["findings"])
        assert payload["summary"]["claims"] == len(expected)


def test_filters_combine_and_repeat(runner):
    everything = whole(runner)
    verdicts = {c["verdict_class"] for c in everything["claims"]}
    repeated = [arg for verdict in sorted(verdicts) for arg in ("--verdict", verdict)]
    payload = json.loads(audit(runner, *repeated, "-f", "json").output)
    assert payload["summary"]["claims"] == TINY_COUNTS["claims"]
    first = everything["claims"][0]
    narrowed = json.loads(audit(runner, "--verdict", first["verdict_class"], "--claim-type", first["type"],
                                "--condition", first["condition_iris"][0], "-f", "json").output)
    assert first["claim"] in [c["claim"] for c in narrowed["claims"]]
    assert all(c["type"] == first["type"] and c["verdict_class"] == first["verdict_class"]
               and first["condition_iris"][0] in c["condition_iris"] for c in narrowed["claims"])


@pytest.mark.parametrize(("option", "value", "known"), [
    ("--source", "nowhere", "source:blog"),
    ("--condition", "nothing", "condition:hiv-neuropathy"),
    ("--verdict", "great", "unsupported"),
    ("--claim-type", "miracle", "efficacy"),
])
def test_unknown_value_is_one_line_and_exit_2(runner, option, value, known):
    result = audit(runner, option, value)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and value in result.output and known in result.output
    assert "Traceback" not in result.output


def test_exit_codes_follow_the_filtered_findings(runner):
    assert audit(runner, "--source", "blog").exit_code == 1
    assert audit(runner, "--source", "blog", "--rule", "vague-citation").exit_code == 0
    assert audit(runner, "--source", "sheet", "--rule", "vague-citation", "--fail-on", "warning").exit_code == 0


def test_csv_has_a_sources_column(runner):
    rows = list(csv.DictReader(io.StringIO(audit(runner, "-f", "csv").output)))
    payload = whole(runner)
    sources = {(c["claim"], f["rule"], f["message"]): f["sources"] for c in payload["claims"] for f in c["findings"]}
    assert rows and all(row["sources"] for row in rows)
    for row in rows:
        assert row["sources"].split() == sources[(row["claim"], row["rule"], row["message"])]


def test_text_and_markdown_name_the_sources_as_curies(runner):
    text = audit(runner).output
    assert "source:blog" in text and "source:sheet" in text
    markdown = audit(runner, "--source", "sheet", "-f", "md").output
    assert "Sources: `source:blog`, `source:sheet`" in markdown
    findings = [line for line in markdown.splitlines() if line.startswith("- **")]
    assert findings and all("source:sheet" in line for line in findings)


def test_text_never_cuts_a_source_curie(runner):
    text = audit(runner, "--source", "proven-benefits-blog", "--verdict", "supported", graphs=GRAPHS).output
    curies = re.findall(r"source:[^\s│]*", text)
    assert "source:proven-benefits-blog" in curies
    assert set(curies) <= {"source:proven-benefits-blog", "source:bacc-factsheet", "source:clinic-guide",
                           "source:healing-power-post", "source:rowin-blog"}


def test_sources_command_lists_each_source_with_its_file(runner):
    result = runner.invoke(main, ["sources", "-g", str(TINY), "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.output.replace("\r\n", "\n"))))
    assert result.exit_code == 0
    assert {row["source"] for row in rows} == {str(BLOG), str(SHEET)}
    assert {row["local_copy"] for row in rows} == {"tiny_blog.txt", "tiny_sheet.txt"}
    assert sum(int(row["assertions"]) for row in rows) == TINY_COUNTS["assertions"]
    table = runner.invoke(main, ["sources", "-g", str(TINY)]).output
    assert "source:blog" in table and "tiny_sheet.txt" in table


@pytest.mark.parametrize("top", [1, 3])
def test_analyse_top_limits_the_ranked_lists(runner, top):
    full = json.loads(runner.invoke(main, ["analyse", "-g", str(GRAPHS), "-f", "json"]).output)
    result = runner.invoke(main, ["analyse", "-g", str(GRAPHS), "-f", "json", "--top", str(top)])
    limited = json.loads(result.output)
    assert result.exit_code == 0
    assert limited["most_cited"] == full["most_cited"][:top]
    assert limited["evidence_paths"] == full["evidence_paths"][:top]
    assert limited["components"] == full["components"]
    text = runner.invoke(main, ["analyse", "-g", str(GRAPHS), "--top", str(top)]).output
    first_section = text.split("\n\n")[0].splitlines()[1:]
    assert len(first_section) == top
