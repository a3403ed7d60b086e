"""Turtle syntax errors in words: file, line, column and the likely cause, the same from every store."""

import pytest

from claimgraph.errors import InputError
from claimgraph.store import load

CG = "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n"


@pytest.mark.parametrize("store", ["memory", "rdflib"])
@pytest.mark.parametrize(("text", "line", "expected"), [
    (CG + '<urn:a> cg:note "He said "may" here" .\n', 2,
     "not valid Turtle near column 27: 'may' cannot start a statement here — an unescaped quote (\") inside a "
     "string? write it as \\\""),
    ('<urn:a> cito:citesAsEvidence <urn:b> .\n', 1,
     "not valid Turtle near column 9: the prefix cito: is not declared "
     "(add @prefix cito: <http://purl.org/spar/cito/> . at the top)"),
    (CG + '<urn:a> cg:note "x"\n<urn:b> cg:note "y" .\n', 3,
     "not valid Turtle near column 1: the statement before it does not end with a dot (.)"),
    (CG + '<urn:a> cg:note "x\ny" .\n', 2, "not valid Turtle near column 19: a line break inside a \"…\" string"),
])
def test_a_syntax_error_is_said_in_words_with_file_line_and_column(tmp_path, store, text, line, expected):
    bad = tmp_path / "draft.ttl"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load([bad], store)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{bad}:{line}: {expected}"), str(caught.value)
    assert "Parser error" not in str(caught.value)
