"""Bad input through the real command line: one line on stderr naming the file (and line), exit 2, no traceback.

Every case runs on both local stores, which must refuse the same inputs with the same line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.cli import main
from helpers import STORE_KINDS, TINY, one_error_line, store_spec

PREFIXES = "@prefix ex: <http://example.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"

BAD_TURTLE: dict[str, tuple[bytes, int | None, str]] = {
    "iri with a space": (b"ex:a ex:b <http://example.org/a b> .\n", 3, "invalid IRI"),
    "iri with a space as subject": (b"ex:a ex:b ex:c .\n<http://example.org/x y> ex:b ex:c .\n", 4, "invalid IRI"),
    "ill-typed integer": (b'ex:a ex:b "abc"^^xsd:integer .\n', 3, '"abc" is not a valid xsd:integer'),
    "ill-typed date": (b'ex:a ex:b ex:c .\nex:a ex:d "2020-13-45"^^xsd:date .\n', 4,
                       '"2020-13-45" is not a valid xsd:date'),
    "ill-typed boolean": (b'ex:a ex:b "yes"^^xsd:boolean .\n', 3, '"yes" is not a valid xsd:boolean'),
    "byte out of range": (b'ex:a ex:b "300"^^xsd:byte .\n', 3, '"300" is not a valid xsd:byte'),
    "latin-1 text": (b'ex:a ex:b "caf\xe9" .\n', 3, "not UTF-8"),
}


@pytest.mark.parametrize("store_kind", STORE_KINDS)
@pytest.mark.parametrize("case", list(BAD_TURTLE))
@pytest.mark.parametrize("command", ["stats", "build"])
def test_bad_turtle_is_refused_on_load_naming_file_and_line(runner, tmp_path, store_kind, case, command):
    body, line, message = BAD_TURTLE[case]
    bad = tmp_path / "bad.ttl"
    bad.write_bytes(PREFIXES.encode() + body)
    args = ["--out", str(tmp_path / "out")] if command == "build" else []
    result = runner.invoke(main, [command, "-g", str(TINY), "-g", str(bad), "--store",
                                  store_spec(store_kind, tmp_path), *args])
    one_error_line(result, f"{bad}:{line}: " if line else f"{bad}: ", message)
    assert not (tmp_path / "out").exists(), "a refused input writes no output"


@pytest.mark.parametrize("store_kind", STORE_KINDS)
def test_both_stores_name_the_same_line_for_every_bad_turtle(runner, tmp_path, store_kind):
    for case, (body, line, _message) in BAD_TURTLE.items():
        bad = tmp_path / f"{case.replace(' ', '-')}.ttl"
        bad.write_bytes(PREFIXES.encode() + body)
        result = runner.invoke(main, ["stats", "-g", str(bad), "--store", store_spec(store_kind, tmp_path)])
        assert f"{bad}:{line}:" in one_error_line(result), case


@pytest.mark.parametrize("store_kind", STORE_KINDS)
def test_a_byte_order_mark_is_accepted_in_turtle_and_query_files(runner, tmp_path, store_kind):
    plain = runner.invoke(main, ["stats", "-g", str(TINY), "-f", "json"])
    marked = tmp_path / "tiny.ttl"
    marked.write_bytes(b"\xef\xbb\xbf" + TINY.read_bytes())
    spec = store_spec(store_kind, tmp_path)
    with_bom = runner.invoke(main, ["stats", "-g", str(marked), "-f", "json", "--store", spec])
    assert with_bom.exit_code == 0, with_bom.output
    assert with_bom.stdout == plain.stdout
    query = tmp_path / "claims.rq"
    query.write_bytes("\ufeffSELECT (COUNT(?c) AS ?n) WHERE { ?c a cg:Claim }\n".encode())
    result = runner.invoke(main, ["query", str(query), "-g", str(marked), "-f", "csv", "--store", spec])
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["n", "3"]


@pytest.mark.parametrize("store_kind", STORE_KINDS)
def test_a_query_file_that_is_not_utf8_is_one_line_naming_it(runner, tmp_path, store_kind):
    query = tmp_path / "latin1.rq"
    query.write_bytes(b'SELECT ?s WHERE {\n  ?s ?p "caf\xe9" }\n')
    result = runner.invoke(main, ["query", str(query), "-g", str(TINY), "--store", store_spec(store_kind, tmp_path)])
    one_error_line(result, f"{query}:2: not UTF-8")


def test_bad_input_in_a_real_process_prints_one_line_and_no_rdflib_traceback(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_bytes(PREFIXES.encode() + BAD_TURTLE["ill-typed integer"][0])
    script = Path(sys.executable).parent / "claimgraph"
    for spec in ("memory", "rdflib"):
        done = subprocess.run([script, "stats", "-g", str(bad), "--store", spec], capture_output=True, text=True,
                              check=False)
        assert done.returncode == 2, done.stderr
        assert done.stderr.splitlines() == [f'claimgraph: error: {bad}:3: ill-typed literal: "abc" is not a valid '
                                             "xsd:integer"], done.stderr
        assert done.stdout == ""
