"""Every example a user is shown runs on the curated graph and returns rows.

The examples are read, not listed here: each ``# param: NAME — …, e.g. VALUE`` hint of a named query (what
`claimgraph queries` prints), and each `claimgraph query`/`claimgraph audit` command with a parameter or a
filter in the ``sh`` and ``text`` blocks of README.md and docs/*.md.
"""

from __future__ import annotations

import json
import re
import shlex

import pytest

from claimgraph.cli import main
from claimgraph.query import named_queries
from helpers import GRAPHS, REPO

HINT = re.compile(r"e\.g\.\s+(?P<value>\S+?)[,;)]?(?:\s|$)")
HEAD = re.compile(r"\s+\|\s+head\s+-n\s*\d+$")
FILTERS = ("--param", "-p", "--source", "--condition", "--verdict", "--claim-type")


def query_hints() -> list[tuple[str, str, str]]:
    """(query, parameter, example value) for every declared parameter."""
    return [(name, param, match["value"] if (match := HINT.search(description)) else "")
            for name, named in named_queries().items() for param, description in named.header.params.items()]


def readme_examples() -> list[list[str]]:
    """The argument lists of the `claimgraph query|audit` commands of README.md and docs/*.md that use a parameter
    or filter (a generated sample's `| head -n N` left out)."""
    text = "".join(page.read_text(encoding="utf-8") for page in [REPO / "README.md", *sorted(REPO.glob("docs/*.md"))])
    commands = []
    for block in re.findall(r"^```(?:sh|text)\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL):
        for line in block.splitlines():
            command = HEAD.sub("", line.removeprefix("$ ").split("  #")[0].strip())
            words = shlex.split(command) if command.startswith("claimgraph ") else []
            if words[1:2] in (["query"], ["audit"]) and any(word in FILTERS for word in words):
                commands.append(words[1:])
    return commands


def without_output_options(args: list[str]) -> list[str]:
    kept, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in ("-f", "--format", "-o", "--output", "-g", "--graphs"):
            skip = True
        else:
            kept.append(arg)
    return kept


def rows_of(runner, args: list[str]) -> int:
    result = runner.invoke(main, [*without_output_options(args), "-f", "json", "-g", str(GRAPHS)])
    allowed = (0, 1) if args[0] == "audit" else (0,)  # audit exits 1 when it lists errors: findings, not failure
    assert result.exit_code in allowed, result.output
    payload = json.loads(result.output)
    return int(payload["summary"]["claims"]) if args[0] == "audit" else len(payload["results"]["bindings"])


@pytest.mark.parametrize(("name", "param", "value"), query_hints(), ids=lambda v: str(v))
def test_every_query_parameter_hint_runs_and_returns_rows(runner, name, param, value):
    assert value, f"{name}: '# param: {param}' gives no example (write '…, e.g. prefix:id')"
    assert rows_of(runner, ["query", name, "--param", f"{param}={value}"]) >= 1


def test_readme_has_examples_with_filters():
    commands = readme_examples()
    assert any(args[0] == "audit" for args in commands) and any(args[0] == "query" for args in commands)


@pytest.mark.parametrize("args", readme_examples(), ids=" ".join)
def test_every_readme_example_with_a_filter_runs_and_returns_rows(runner, args):
    assert rows_of(runner, args) >= 1
