"""The one .rq header parser: every shipped file's header parses; malformed headers are clear errors."""

from __future__ import annotations

import re

import pytest

from claimgraph.rq.header import HeaderError, declared_params, parse_header
from claimgraph.rq.include import shipped_queries
from claimgraph.severity import Severity

SHIPPED = [(query.folder, query.name, query.text) for query in shipped_queries()]


@pytest.mark.parametrize(("folder", "name", "text"), SHIPPED, ids=[f"{f}/{n}" for f, n, _ in SHIPPED])
def test_every_shipped_header_parses_and_says_why_it_matters(folder: str, name: str, text: str) -> None:
    header = parse_header(f"{folder}/{name}.rq", name, text)
    assert header.id == name
    assert header.description
    assert "Why it matters" in header.explanation
    if folder == "audit/rules":
        assert header.severity in set(Severity)
        assert header.message


def test_fields_lists_and_params() -> None:
    text = ('# q: finds things\n# severity: warning\n# message: {a} and {b}\n# list: a " | "\n'
            '# list: b "\\n"\n# param: claim — the claim IRI\n# Finds: x.\n# Why it matters: y.\nSELECT * {}')
    header = parse_header("q.rq", "q", text)
    assert header.severity is Severity.WARNING
    assert header.message == "{a} and {b}"
    assert dict(header.lists) == {"a": " | ", "b": "\n"}
    assert dict(header.params) == {"claim": "the claim IRI"}
    assert header.explanation == "Finds: x. Why it matters: y."
    assert declared_params(text) == {"claim": "the claim IRI"}


def test_a_quote_with_the_list_separator_is_not_split() -> None:
    from rdflib import Literal

    from claimgraph.audit.ruleset import Rule, finding_from_row

    text = '# r: x\n# severity: error\n# message: "{quote}" lists {studies}\n# list: studies " | "\nSELECT * {}'
    rule = Rule(parse_header("r.rq", "r", text), text)
    row = {"claim": Literal("c"), "quote": Literal("a | b"), "studies": Literal("z | y")}
    assert finding_from_row(rule, row).message == '"a | b" lists y; z'


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("SELECT * {}", "q.rq: first line must be '# q: description'"),
        ("# other: x\nSELECT * {}", "first line must be '# q: description'"),
        ("# severity: error\nSELECT * {}", "first line must be"),
        ("# q: x\n# severity: fatal\nSELECT * {}", "q.rq:2: severity must be error, warning or info"),
        ("# q: x\n# param: 12 bad\nSELECT * {}", "q.rq:2: write '# param: name"),
        ("# q: x\n# list: a |\nSELECT * {}", "q.rq:2: write '# list: column"),
    ],
)
def test_malformed_headers_name_file_and_line(text: str, problem: str) -> None:
    with pytest.raises(HeaderError, match=re.escape(problem)):
        parse_header("q.rq", "q", text)
