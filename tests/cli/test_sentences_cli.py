"""``claimgraph sentences``: one row per sentence, the same calls ingest makes, bad input refused in one line."""

import csv
import io
import json

import pytest

from claimgraph.cli.main import main
from claimgraph.ingest.model import Document
from claimgraph.ingest.pipeline import GraphContext, analyse
from claimgraph.store import load
from helpers import GRAPHS, one_error_line

LINES = (
    "Acupuncture may reduce neuropathic pain in people with diabetes.\n"
    "\n"
    "Patients were randomly assigned to two groups.\n"
    "Acupuncture is proven to cure peripheral neuropathy.\n"
)


@pytest.fixture
def lines_file(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text(LINES, encoding="utf-8")
    return path


def test_each_line_is_one_row_with_its_calls(runner, lines_file):
    result = runner.invoke(main, ["sentences", str(lines_file), "-g", str(GRAPHS), "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["line"] for row in rows] == [1, 3, 4]
    assert [(row["claim"], row["strength"], row["cue"]) for row in rows] == [
        (True, "hedged", "may"), (False, "strong", None), (True, "strong", "is proven")]
    assert {"intervention", "condition"} <= {concept["kind"] for concept in rows[0]["concepts"]}


def test_standard_input_and_csv(runner):
    result = runner.invoke(main, ["sentences", "-", "-g", str(GRAPHS), "-f", "csv"], input=LINES)
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(row["line"], row["claim"], row["strength"]) for row in table] == [
        ("1", "yes", "hedged"), ("3", "no", "strong"), ("4", "yes", "strong")]


def test_the_calls_are_the_ones_ingest_drafts(runner, lines_file):
    """The rows for a paragraph's sentences carry the strength and cue of the assertions ingest drafts from it."""
    result = runner.invoke(main, ["sentences", str(lines_file), "-g", str(GRAPHS), "-f", "json"])
    rows = {row["line"]: row for row in json.loads(result.stdout)}
    with load([GRAPHS]) as store:
        context = GraphContext.from_store(store)
    paragraph = "Neuropathy notes\n\n" + " ".join(line for line in LINES.splitlines() if line)
    draft = analyse(Document(text=paragraph, media_type="text/plain", origin="x"), context, "x")
    drafted = {assertion.sentence.text: (assertion.strength.code, assertion.strength.cue)
               for assertion in draft.assertions}
    for number, line in enumerate(LINES.splitlines(), start=1):
        if line and rows[number]["claim"]:
            assert drafted[line] == (rows[number]["strength"], rows[number]["cue"])
    assert "Patients were randomly assigned to two groups." not in drafted


def test_text_that_is_not_utf8_is_refused_naming_the_line(runner, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Acupuncture helps.\n\xff not text\n")
    line = one_error_line(runner.invoke(main, ["sentences", str(bad), "-g", str(GRAPHS)]), "bad.txt:2", "UTF-8")
    assert "column 1" in line


def test_a_file_over_the_size_limit_is_refused(runner, lines_file):
    one_error_line(runner.invoke(main, ["sentences", str(lines_file), "-g", str(GRAPHS), "--max-bytes", "10"]),
                   "lines.txt")
    one_error_line(runner.invoke(main, ["sentences", "-", "-g", str(GRAPHS), "--max-bytes", "10"], input=LINES),
                   "standard input")


def test_each_row_says_its_polarity_and_the_cue_that_decided_it(runner):
    lines = ("Acupuncture relieves burning pain in diabetic neuropathy.\n"
             "Acupuncture was no better than placebo for pain in HIV neuropathy.\n"
             "Scientific proof that dry needling works is lacking.\n")
    result = runner.invoke(main, ["sentences", "-", "-g", str(GRAPHS), "-f", "json"], input=lines)
    assert result.exit_code == 0, result.output
    assert [(row["polarity"], row["polarity_cue"]) for row in json.loads(result.stdout)] == [
        ("effect", None), ("no-effect", "no better than"), ("evidence", "is lacking")]
