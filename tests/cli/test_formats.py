"""One vocabulary of format names: every ``-f/--format`` offers names of ``claimgraph.formats``, and each works.

The commands and their choices are read from the CLI (which derives them from the renderer registries), so a
format added to a registry, or a command that gains ``-f``, is tested here without being listed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from xml.etree import ElementTree

import click
import pytest
import rdflib

from claimgraph.cli import main
from claimgraph.formats import FORMAT_ALIASES, FORMAT_NAMES
from claimgraph.query.results import FORMATS as RESULT_FORMATS
from claimgraph.query.results import form_of, names_for
from helpers import FIXTURES, TINY

SELECT = "SELECT ?claim ?p ?o WHERE { ?claim a cg:Claim ; ?p ?o }"
CONSTRUCT = "CONSTRUCT { ?claim a cg:Claim } WHERE { ?claim a cg:Claim }"
QUERY_OF_KIND = {"select": SELECT, "graph": CONSTRUCT}

RUN = {
    "audit": ["--fail-on", "never"],
    "validate": [],
    "stats": [],
    "sources": [],
    "analyse": [],
    "sentences": [str(FIXTURES / "sentences.txt")],
}
"""How to run each command with -f on the tiny graph (``query`` takes a query of the format's form)."""


def format_options(group: click.Group = main, prefix: tuple[str, ...] = ()) -> dict[str, click.Option]:
    """Every command's -f/--format option, by command path."""
    found = {}
    for name, command in group.commands.items():
        path = (*prefix, name)
        if isinstance(command, click.Group):
            found.update(format_options(command, path))
        for param in command.params:
            if isinstance(param, click.Option) and "-f" in param.opts:
                found[" ".join(path)] = param
    return found


OPTIONS = format_options()
OFFERED = [(command, name) for command, option in OPTIONS.items() for name in option.type.choices]


def _text(output: str) -> None:
    assert output.strip()


def _csv(output: str) -> None:
    rows = list(csv.reader(io.StringIO(output)))
    assert len(rows) >= 2 and all(len(row) == len(rows[0]) for row in rows)


def _tsv(output: str) -> None:
    rows = [line.split("\t") for line in output.splitlines()]
    assert len(rows) >= 2 and all(len(row) == len(rows[0]) for row in rows)


def _md(output: str) -> None:
    assert any(line.startswith("|") for line in output.splitlines())


def _html(output: str) -> None:
    assert output.lstrip().lower().startswith("<!doctype html>")
    assert output.rstrip().endswith("</html>")


def _rdf(syntax: str) -> Callable[[str], None]:
    def check(output: str) -> None:
        assert len(rdflib.Graph().parse(data=output, format=syntax)) > 0

    return check


CHECKS: dict[str, Callable[[str], object]] = {
    "text": _text,
    "json": json.loads,
    "csv": _csv,
    "tsv": _tsv,
    "xml": ElementTree.fromstring,
    "md": _md,
    "html": _html,
    "sarif": lambda output: json.loads(output)["runs"],
    "turtle": _rdf("turtle"),
    "nt": _rdf("nt"),
}
"""How to tell that an output is in the format its name says."""


def args_for(command: str, name: str) -> list[str]:
    if command == "query":
        return ["-e", QUERY_OF_KIND["select" if "select" in RESULT_FORMATS[name].kinds else "graph"]]
    if command not in RUN:
        pytest.fail(f"`claimgraph {command}` has -f: add how to run it on the tiny graph to RUN")
    return RUN[command]


def test_every_command_with_a_format_option_is_found():
    assert {"audit", "validate", "stats", "sources", "analyse", "query"} <= set(OPTIONS)


@pytest.mark.parametrize("command", OPTIONS)
def test_offered_names_are_the_vocabulary_and_never_an_old_name(runner, command):
    offered = OPTIONS[command].type.choices
    assert set(offered) <= set(FORMAT_NAMES), f"add {set(offered) - set(FORMAT_NAMES)} to claimgraph/formats.py"
    assert not set(offered) & set(FORMAT_ALIASES)
    assert f"[{'|'.join(offered)}]" in runner.invoke(main, [*command.split(), "--help"]).output


def test_every_name_is_offered_somewhere_and_has_a_check():
    assert {name for _, name in OFFERED} == set(FORMAT_NAMES) == set(CHECKS)
    assert set(FORMAT_ALIASES.values()) <= set(FORMAT_NAMES)
    assert not set(FORMAT_ALIASES) & set(FORMAT_NAMES)


@pytest.mark.parametrize(("command", "name"), OFFERED, ids=[f"{c}-{n}" for c, n in OFFERED])
def test_every_offered_format_works_on_the_tiny_graph(runner, command, name):
    result = runner.invoke(main, [*command.split(), *args_for(command, name), "-g", str(TINY), "-f", name])
    assert result.exit_code == 0, result.output
    CHECKS[name](result.stdout)


@pytest.mark.parametrize("name", list(RESULT_FORMATS))
def test_query_refuses_a_format_of_the_other_form_in_one_line_naming_the_right_ones(runner, name):
    kind = "graph" if "select" in RESULT_FORMATS[name].kinds else "select"
    result = runner.invoke(main, ["query", "-e", QUERY_OF_KIND[kind], "-g", str(TINY), "-f", name])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert f"{form_of(kind)} result; use one of: {', '.join(names_for(kind))}" in result.stderr


def test_query_help_says_which_formats_go_with_which_form(runner):
    text = " ".join(runner.invoke(main, ["query", "--help"]).output.split())
    for kind in ("select", "graph"):
        assert f"{form_of(kind)}: {', '.join(names_for(kind))}" in text


ALIASED = [(command, old) for command, option in OPTIONS.items() for old, new in FORMAT_ALIASES.items()
           if new in option.type.choices]


@pytest.mark.parametrize(("command", "old"), ALIASED, ids=[f"{c}-{o}" for c, o in ALIASED])
def test_an_old_name_still_writes_the_new_format(runner, command, old):
    new = FORMAT_ALIASES[old]
    args = [*command.split(), *args_for(command, new), "-g", str(TINY)]
    by_old, by_new = (runner.invoke(main, [*args, "-f", name]) for name in (old, new))
    assert by_old.exit_code == 0, by_old.output
    assert by_old.stdout == by_new.stdout


def test_an_old_name_of_a_format_the_command_cannot_write_is_refused(runner):
    result = runner.invoke(main, ["stats", "-g", str(TINY), "-f", "ttl"])
    assert result.exit_code == 2
    assert "'ttl' is not one of 'text', 'json'" in result.output
