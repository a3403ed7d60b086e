"""claimgraph discard: a draft, its review page and its archived text go, and the id is free again."""

import shutil

import pytest

from claimgraph.cli.main import main
from helpers import GRAPHS, one_error_line

STORY = "Wrist care\n\nNeedling may ease wrist pain in office workers, a nurse said in a talk.\n"


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    shutil.copytree(GRAPHS, tmp_path / "graphs")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wrist.txt").write_text(STORY)
    return tmp_path


@pytest.mark.parametrize("argument", ["wrist", "drafts/wrist.ttl"])
def test_discard_removes_draft_page_and_archive_and_frees_the_id(runner, workspace, argument):
    assert runner.invoke(main, ["ingest", "wrist.txt", "--id", "wrist"]).exit_code == 0
    assert runner.invoke(main, ["review", "drafts/wrist.ttl"]).exit_code == 0
    result = runner.invoke(main, ["discard", argument])
    assert result.exit_code == 0, result.output
    assert "removed drafts/wrist.ttl, drafts/wrist.html, sources/wrist.txt" in result.output
    assert not list((workspace / "drafts").iterdir()) and not list((workspace / "sources").iterdir())
    assert runner.invoke(main, ["ingest", "wrist.txt", "--id", "wrist"]).exit_code == 0, "the id and text are free"


def test_an_archive_whose_draft_was_deleted_names_discard_and_discard_frees_it(runner, workspace):
    assert runner.invoke(main, ["ingest", "wrist.txt", "--id", "wrist"]).exit_code == 0
    (workspace / "drafts" / "wrist.ttl").unlink()
    one_error_line(runner.invoke(main, ["ingest", "wrist.txt", "--id", "again"]),
                   "already ingested as source:wrist", "claimgraph discard wrist")
    (workspace / "other.txt").write_text("Other\n\nCupping may ease back pain in runners, a coach said in a talk.\n")
    one_error_line(runner.invoke(main, ["ingest", "other.txt", "--id", "wrist"]), "claimgraph discard wrist")
    assert runner.invoke(main, ["discard", "wrist"]).exit_code == 0
    assert runner.invoke(main, ["ingest", "other.txt", "--id", "wrist"]).exit_code == 0


def test_discard_keeps_an_accepted_sources_archive_and_refuses_what_is_not_there(runner, workspace):
    (workspace / "sources").mkdir()
    (workspace / "sources" / "clinic-guide.txt").write_text("kept")
    one_error_line(runner.invoke(main, ["discard", "clinic-guide"]), "source:clinic-guide is accepted")
    assert (workspace / "sources" / "clinic-guide.txt").read_text() == "kept"
    one_error_line(runner.invoke(main, ["discard", "nothing-here"]), "nothing to discard", "drafts/nothing-here.ttl")
    one_error_line(runner.invoke(main, ["discard", "../etc/passwd"]), "invalid source id")
