"""A reader that closes standard output early (`claimgraph … | head -1`) ends the command quietly with exit 0.

Each command runs as a real process whose stdout is a pipe; the reading end is closed before the command has
written anything, as `head -1` leaves it once it has its line, so every write hits a closed pipe. Standard output
is block-buffered, as in a user's shell (no PYTHONUNBUFFERED), so output still buffered at exit is flushed too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURES, GRAPHS

SCRIPT = Path(sys.executable).parent / "claimgraph"
PAGE = FIXTURES / "ingest" / "clinic-page.html"


def closed_early(args: list[str], cwd: Path | None = None) -> tuple[int, str]:
    """Run claimgraph with the reading end of its stdout closed at once: its exit code and stderr."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    process = subprocess.Popen([SCRIPT, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
                               env=environment)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read()
    return process.wait(timeout=600), stderr


@pytest.mark.parametrize(
    "args",
    [
        ["query", "-f", "json", "-e", "SELECT * WHERE { ?s ?p ?o }"],  # megabytes, written at once
        ["audit"],  # exit 1 (findings) when its output is read
        ["queries"],  # many lines, one write each
    ],
    ids=lambda args: args[0],
)
def test_a_closed_stdout_ends_the_command_with_exit_0_and_nothing_on_stderr(args):
    code, stderr = closed_early([*args, "-g", str(GRAPHS)] if args[0] != "queries" else args)
    assert stderr == ""
    assert code == 0


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the curated graphs in a fresh folder, the working directory of the commands."""
    shutil.copytree(GRAPHS, tmp_path / "graphs")
    return tmp_path


def test_ingest_prints_every_line_and_the_next_step_through_a_pipe(workspace):
    done = subprocess.run([SCRIPT, "ingest", str(PAGE), "--id", "carpal"], capture_output=True, text=True,
                          cwd=workspace, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert lines[0].startswith("archived sources/carpal.txt") and lines[1] == "drafted drafts/carpal.ttl"
    assert lines[-1] == "next: claimgraph review drafts/carpal.ttl"


def test_ingest_with_a_closed_stdout_still_writes_its_files_and_exits_0(workspace):
    code, stderr = closed_early(["ingest", str(PAGE), "--id", "carpal"], cwd=workspace)
    assert (code, stderr) == (0, "")
    assert (workspace / "sources" / "carpal.txt").is_file()
    assert (workspace / "drafts" / "carpal.ttl").is_file()
