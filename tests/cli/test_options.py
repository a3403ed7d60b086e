"""The console script's process: a command may end it without freeing its heap, its output whole and flushed."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from click.testing import CliRunner

from claimgraph.cli import main
from helpers import REPO, TINY

AS_CONSOLE_SCRIPT = ("import atexit, sys; atexit.register(lambda: print('torn down', file=sys.stderr)); "
                     "from claimgraph.cli import run; run()")
"""What the console script runs, with a sign on stderr if the interpreter ends the normal way (atexit handlers)."""


def console(*args: str, close_stdout: bool = False) -> tuple[int, str, str]:
    """Run claimgraph as the console script does, in a process of its own: exit code, stdout, stderr."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    process = subprocess.Popen([sys.executable, "-c", AS_CONSOLE_SCRIPT, *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=environment)
    assert process.stdout is not None and process.stderr is not None
    if close_stdout:
        process.stdout.close()
        return process.wait(timeout=600), "", process.stderr.read()
    stdout, stderr = process.communicate(timeout=600)
    return process.returncode, stdout, stderr


def test_the_console_script_is_run() -> None:
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["claimgraph"] == "claimgraph.cli:run"


def test_audit_in_its_own_process_ends_without_teardown_its_report_whole() -> None:
    in_process = CliRunner().invoke(main, ["audit", "-g", str(TINY), "-f", "json"])
    code, stdout, stderr = console("audit", "-g", str(TINY), "-f", "json")
    assert (code, stderr) == (in_process.exit_code, "")
    assert in_process.exit_code == 1
    assert stdout == in_process.stdout


def test_audit_in_its_own_process_writes_its_output_file(tmp_path: Path) -> None:
    in_process = CliRunner().invoke(main, ["audit", "-g", str(TINY), "-f", "sarif", "-o", str(tmp_path / "a")])
    code, stdout, stderr = console("audit", "-g", str(TINY), "-f", "sarif", "-o", str(tmp_path / "b"))
    assert (code, stdout, stderr) == (in_process.exit_code, "", "")
    assert (tmp_path / "b").read_bytes() == (tmp_path / "a").read_bytes()


def test_a_closed_stdout_still_ends_the_audit_with_exit_0_and_nothing_on_stderr() -> None:
    code, _, stderr = console("audit", "-g", str(TINY), close_stdout=True)
    assert stderr == "torn down\n"  # the failed flush goes to the group's handler, which ends it the normal way
    assert code == 0


def test_other_commands_end_the_normal_way() -> None:
    code, stdout, stderr = console("stats", "-g", str(TINY))
    assert (code, stderr) == (0, "torn down\n")
    assert "claims" in stdout
