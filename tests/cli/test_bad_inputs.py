"""Bad input through the real command line: one line on stderr naming the file (and line), exit 2, no traceback.

Every case runs on both local stores, which must refuse the same inputs with the same line.
"""

from __future__ import annotations

import os
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


CLINIC_PAGE = Path(__file__).parents[1] / "fixtures" / "ingest" / "clinic-page.html"


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """An empty working directory with the tiny graph: what ingest writes lands in sources/ and drafts/ here."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def written(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*")
                  if path.is_file() and path.suffix in (".txt", ".ttl") and path.parent != folder)


@pytest.mark.parametrize(("command", "name"), [("ingest", "page.html"), ("import-studies", "refs.bib"),
                                               ("accept", "draft.ttl")])
def test_a_fifo_argument_is_refused_at_once_without_reading_it(workspace, command, name):
    fifo = workspace / name
    os.mkfifo(fifo)
    done = subprocess.run([Path(sys.executable).parent / "claimgraph", command, str(fifo), "-g", str(TINY)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [f"claimgraph: error: {fifo}: is a FIFO (named pipe), not a regular file"]
    assert written(workspace) == []


@pytest.mark.parametrize(("command", "name"), [("ingest", "page.txt"), ("import-studies", "refs.ris"),
                                               ("accept", "draft.ttl")])
def test_a_symlink_to_dev_zero_is_refused(runner, workspace, command, name):
    link = workspace / name
    link.symlink_to("/dev/zero")
    result = runner.invoke(main, [command, str(link), "-g", str(TINY)])
    one_error_line(result, f"{link}: is a character device (through a symlink), not a regular file")
    assert written(workspace) == []


@pytest.mark.parametrize(("command", "name", "content"), [
    ("ingest", "page.html", CLINIC_PAGE.read_bytes()),
    ("import-studies", "refs.json", b'[{"title": "Needling", "issued": {"date-parts": [[2012]]}}]' + b" " * 2000),
    ("accept", "draft.ttl", b"# a draft\n" * 300),
])
def test_an_input_over_max_bytes_is_refused_and_the_limit_can_be_raised(runner, workspace, command, name, content):
    path = workspace / name
    path.write_bytes(content)
    result = runner.invoke(main, [command, str(path), "-g", str(TINY), "--max-bytes", "1K"])
    one_error_line(result, f"{path}: the file is {len(content):,} bytes, over the 1 KiB limit (raise it with "
                           "--max-bytes)")
    assert written(workspace) == []
    raised = runner.invoke(main, [command, str(path), "-g", str(TINY), "--max-bytes", "1M"])
    assert "over the" not in raised.output


@pytest.mark.parametrize("size", ["", "0", "-5", "12Q", "K", "1.5M"])
def test_a_max_bytes_that_is_not_a_size_is_a_usage_error(runner, workspace, size):
    path = workspace / "page.html"
    path.write_bytes(CLINIC_PAGE.read_bytes())
    result = runner.invoke(main, ["ingest", str(path), "-g", str(TINY), "--max-bytes", size])
    assert result.exit_code == 2
    assert "is not a size in bytes" in result.output


def test_a_document_over_its_time_limit_is_one_line_and_writes_nothing(runner, workspace):
    path = workspace / "page.html"
    path.write_bytes(CLINIC_PAGE.read_bytes())
    result = runner.invoke(main, ["ingest", str(path), "-g", str(TINY), "--time-limit", "0.01"])
    one_error_line(result, f"{path}: took longer than the 0.01 s time limit (raise it with --time-limit); "
                           "nothing written")
    assert written(workspace) == []
    assert runner.invoke(main, ["ingest", str(path), "-g", str(TINY), "--time-limit", "0"]).exit_code == 0


def test_a_page_read_by_the_fallback_is_ingested_with_one_warning_line(runner, workspace, monkeypatch):
    import trafilatura

    real = trafilatura.bare_extraction

    def headings_only(tree, **options):
        result = real(tree, **options)
        for element in [child for child in result.body if child.tag != "head"]:
            result.body.remove(element)
        return result

    monkeypatch.setattr(trafilatura, "bare_extraction", headings_only)
    path = workspace / "page.html"
    path.write_bytes(CLINIC_PAGE.read_bytes())
    result = runner.invoke(main, ["ingest", str(path), "-g", str(TINY)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("claimgraph: warning: ")]
    assert len(warnings) == 1 and "the whole page body was read instead" in warnings[0]
    archived = next((workspace / "sources").glob("*.txt")).read_text(encoding="utf-8")
    assert "calm the burning and pins-and-needles feeling" in archived


def test_bibtexparser_adds_no_lines_of_its_own_to_the_error(workspace):
    path = workspace / "broken.bib"
    path.write_text("@article{key, title = {never closed\n")
    done = subprocess.run([Path(sys.executable).parent / "claimgraph", "import-studies", str(path), "-g", str(TINY)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"claimgraph: error: {path}:1: malformed BibTeX entry: syntax error"]


@pytest.mark.parametrize("shape", ['[{"issued": "2012"}]', '[{"issued": {"date-parts": 7}}]', '[{"author": 5}]',
                                   '{"items": [{"title": {"a": 1}}]}'])
def test_csl_json_of_any_malformed_shape_exits_2_never_3(runner, workspace, shape):
    path = workspace / "refs.json"
    path.write_text(shape)
    one_error_line(runner.invoke(main, ["import-studies", str(path), "-g", str(TINY)]), f"{path}: malformed CSL-JSON")


def test_a_bibliography_over_its_time_limit_is_one_line_and_writes_nothing(runner, workspace):
    path = workspace / "refs.bib"
    path.write_text("".join(f"@article{{k{number}, author = {{Okafor, Ngozi}}, title = {{Needling trial {number}}}, "
                            f"journal = {{Pain Medicine}}, year = {{2012}}}}\n" for number in range(500)))
    result = runner.invoke(main, ["import-studies", str(path), "-g", str(TINY), "--time-limit", "0.001"])
    one_error_line(result, f"{path}: took longer than the 0.001 s time limit")
    assert written(workspace) == []
