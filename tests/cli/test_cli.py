"""The command line: --help everywhere, the exit-code contract, and clear errors on bad input."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import click
import pytest

from claimgraph.cli import main
from helpers import TINY, TINY_COUNTS, TINY_SOURCES

BUILD_TINY = ["build", "-g", str(TINY), "--sources-dir", str(TINY_SOURCES)]


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, (*prefix, name)))
    return found


@pytest.mark.parametrize("command", [(), *all_commands(main)], ids=lambda c: " ".join(c) or "claimgraph")
def test_help_works_for_every_command(runner, command):
    result = runner.invoke(main, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_console_script_entry_point_is_alive():
    script = Path(sys.executable).parent / "claimgraph"
    result = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "claimgraph" in result.stdout


def test_stats_json_counts(runner):
    result = runner.invoke(main, ["stats", "-g", str(TINY), "-f", "json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output)
    assert {k: counts[k] for k in TINY_COUNTS} == TINY_COUNTS
    assert counts["triples"] > 0


@pytest.mark.parametrize("spec", ["rdflib", "oxigraph:DIR"])
def test_stats_same_on_every_store(runner, tmp_path, spec):
    default = runner.invoke(main, ["stats", "-g", str(TINY), "-f", "json"])
    other = runner.invoke(main, ["stats", "-g", str(TINY), "-f", "json", "--store",
                                 spec.replace("DIR", str(tmp_path / "ox"))])
    assert json.loads(other.output) == json.loads(default.output)


def test_validate_clean_exits_0(runner):
    result = runner.invoke(main, ["validate", "-g", str(TINY)])
    assert result.exit_code == 0
    assert "conforms" in result.output


def test_validate_violation_exits_1_and_lists_focus_path_message(runner, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(TINY.read_text().replace("    cg:strength strength:hedged .", "    ."))
    result = runner.invoke(main, ["validate", "-g", str(broken)])
    assert result.exit_code == 1
    assert "assertion:blog-safe cg:strength: An assertion needs one cg:strength" in result.output


@pytest.mark.parametrize("store", ["memory", "rdflib"])
def test_validate_shows_the_start_and_length_of_a_long_value(runner, tmp_path, store):
    long_value = tmp_path / "participants.ttl"
    digits = "9" * 5000
    long_value.write_text("<https://w3id.org/claimgraph/id/study/rat2011> "
                          "<https://w3id.org/claimgraph/ns#participants> "
                          f'"{digits}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n')
    result = runner.invoke(main, ["validate", "-g", str(TINY), "-g", str(long_value), "--store", store])
    assert result.exit_code == 1
    assert f"(value: {digits[:60]}… (5,000 characters))" in result.output
    assert max(len(line) for line in result.output.splitlines()) < 200
    report = json.loads(runner.invoke(main, ["validate", "-g", str(TINY), "-g", str(long_value), "--store", store,
                                             "-f", "json"]).output)
    assert digits in json.dumps(report)  # the machine formats keep the whole value


def test_validate_turtle_report_is_a_shacl_report(runner, tmp_path):
    out = tmp_path / "report.ttl"
    result = runner.invoke(main, ["validate", "-g", str(TINY), "-f", "turtle", "-o", str(out)])
    assert result.exit_code == 0
    import rdflib

    report = rdflib.Graph().parse(out)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert (None, sh.conforms, rdflib.Literal(True)) in report


def test_turtle_syntax_error_exits_2_with_file_and_line(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\n\nex:a ex:b .\n")
    result = runner.invoke(main, ["stats", "-g", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:3" in result.output
    assert result.output.count("\n") == 1, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("store", ["memory", "rdflib"])
def test_unterminated_string_names_its_line_in_one_line(runner, tmp_path, store):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n<a> <b> "x\n')
    result = runner.invoke(main, ["stats", "-g", str(bad), "--store", store])
    assert result.exit_code == 2
    assert f"{bad}:3" in result.output
    assert result.output.count("\n") == 1, result.output


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "-o", "{dir}"],
        ["audit", "-f", "json", "-o", "{dir}"],
        ["query", "-e", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "-o", "{dir}"],
        ["export", "html", "--view", "audit", "-o", "{dir}"],
        ["build", "--out", "{file}"],
    ],
    ids=lambda c: c[0],
)
def test_unwritable_output_exits_2_with_one_line(runner, tmp_path, command):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    args = [arg.replace("{dir}", str(tmp_path)).replace("{file}", str(blocker)) for arg in command]
    result = runner.invoke(main, [*args, "-g", str(TINY)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.output.strip().count("\n") == 0, result.output


def test_missing_file_exits_2_with_one_line(tmp_path):
    script = Path(sys.executable).parent / "claimgraph"
    result = subprocess.run([script, "stats", "-g", str(tmp_path / "nope.ttl")], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "nope.ttl" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_error_exits_2(runner):
    assert runner.invoke(main, ["stats", "--no-such-option"]).exit_code == 2
    assert runner.invoke(main, ["no-such-command"]).exit_code == 2


def test_build_writes_outputs_and_exits_0(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, [*BUILD_TINY, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert {"graph.ttl", "stats.json", "validation.ttl"} <= {p.name for p in out.iterdir()}
    assert json.loads((out / "stats.json").read_text())["claims"] == TINY_COUNTS["claims"]


EXTRA_CONDITION = """
@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix condition: <https://w3id.org/claimgraph/id/condition/> .
condition:extra a cg:Condition ; skos:prefLabel "Extra condition" .
<https://w3id.org/claimgraph/id/claim/relieves-hiv-pain> cg:aboutCondition condition:extra .
"""


def test_build_removes_views_it_no_longer_writes_and_keeps_user_files(runner, tmp_path):
    out = tmp_path / "out"
    extra = tmp_path / "extra.ttl"
    extra.write_text(EXTRA_CONDITION)
    assert runner.invoke(main, [*BUILD_TINY, "-g", str(extra), "--out", str(out)]).exit_code == 0
    dropped = out / "graph-condition-extra.html"
    assert dropped.is_file()
    user_view = out / "graph-condition-mine.html"
    user_view.write_text("the user's own page")
    keep = out / "notes.txt"
    keep.write_text("mine")
    assert runner.invoke(main, [*BUILD_TINY, "--out", str(out)]).exit_code == 0
    assert not dropped.exists()
    assert (user_view.read_text(), keep.read_text()) == ("the user's own page", "mine")
    assert (out / "graph-full.html").is_file()


def test_failed_build_leaves_previous_outputs_intact(runner, tmp_path):
    out = tmp_path / "out"
    assert runner.invoke(main, [*BUILD_TINY, "--out", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle")
    result = runner.invoke(main, [*BUILD_TINY, "-g", str(bad), "--out", str(out)])
    assert result.exit_code == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_build_on_oxigraph_store(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, [*BUILD_TINY, "--out", str(out), "--store",
                                  f"oxigraph:{tmp_path / 'ox'}"])
    assert result.exit_code == 0, result.output


def test_verify_quotes_reports_misses_with_exit_1(runner, tmp_path):
    (tmp_path / "tiny_blog.txt").write_text("Some say acupuncture is proven to relieve HIV neuropathy pain; "
                                            "research proves it releases opioids. And it may\n be safe.")
    (tmp_path / "tiny_sheet.txt").write_text("It was not more\teffective than placebo.")
    clean = runner.invoke(main, ["verify-quotes", "-g", str(TINY), "--sources-dir", str(tmp_path)])
    assert clean.exit_code == 0, clean.output
    assert "4 quotes checked, 0 not found" in clean.output
    (tmp_path / "tiny_sheet.txt").write_text("It was more effective than placebo.")
    miss = runner.invoke(main, ["verify-quotes", "-g", str(TINY), "--sources-dir", str(tmp_path)])
    assert miss.exit_code == 1
    assert "tiny_sheet.txt: 'not more effective than placebo'" in miss.output


def test_a_malformed_rule_header_breaks_only_the_commands_that_read_rules(runner, monkeypatch) -> None:
    import claimgraph.audit.ruleset as ruleset
    from claimgraph.rq.folder import QueryFolder

    class BrokenRules(QueryFolder):
        def texts(self) -> dict[str, str]:
            return {"broken": "# broken: x\n# severity: fatal\nSELECT ?claim {}"}

    monkeypatch.setattr(ruleset, "RULES", BrokenRules("claimgraph.audit", "rules"))
    ruleset.rules.cache_clear()
    try:
        assert runner.invoke(main, ["--help"]).exit_code == 0
        result = runner.invoke(main, ["rules"])
        assert result.exit_code == 2
        assert "audit/rules/broken.rq:2: severity must be error, warning or info" in result.output
    finally:
        ruleset.rules.cache_clear()


def test_output_to_dev_null_writes_through(runner):
    before = os.stat("/dev/null")
    result = runner.invoke(main, ["validate", "-g", str(TINY), "-o", "/dev/null"])
    assert result.exit_code == 0, result.output
    after = os.stat("/dev/null")
    assert (stat.S_ISCHR(after.st_mode), after.st_rdev) == (True, before.st_rdev)


def test_output_dash_is_standard_output(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["validate", "-g", str(TINY), "-o", "-"])
    assert result.exit_code == 0
    assert "conforms" in result.output.lower()
    assert list(tmp_path.iterdir()) == []


def test_output_file_mode_follows_the_umask(runner, tmp_path):
    previous = os.umask(0o022)
    try:
        assert runner.invoke(main, ["validate", "-g", str(TINY), "-o", str(tmp_path / "s.txt")]).exit_code == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "s.txt").stat().st_mode) == 0o644


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_output_to_a_full_device_is_one_line_exit_2(runner):
    result = runner.invoke(main, ["audit", "-g", str(TINY), "-o", "/dev/full"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "disk is full" in result.output
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_an_unexpected_error_is_one_line_exit_3(runner, monkeypatch):
    from claimgraph import validate as validate_package

    def broken(store):
        raise RuntimeError("simulated bug\nsecond line")

    monkeypatch.setattr(validate_package, "validate", broken)
    result = runner.invoke(main, ["validate", "-g", str(TINY)])
    assert result.exit_code == 3, result.output
    assert result.output.count("\n") == 1
    assert "internal error" in result.output and "RuntimeError: simulated bug second line" in result.output
