"""README's promise: without ../shared/seeds the tests that need the archived sources skip with a reason, and
in CI (where the seeds must be there) they fail instead.

Every test that takes the ``seeds_dir`` fixture (as an argument, or through ``request.getfixturevalue``) runs here
in a pytest of its own, with the seeds pointed at a missing folder (``CLAIMGRAPH_TEST_SEEDS``).
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

from helpers import REPO

TESTS = REPO / "tests"
NAMING_SEEDS = {
    "tests/conftest.py": "the seeds_dir fixture",
    "tests/helpers.py": "where SEEDS is defined",
    "tests/test_build_faults.py": "passes --sources-dir SEEDS only when the folder exists",
    "tests/docs/test_doc_commands.py": "leaves out the commands that read the seeds when they are missing, and says so "
                                       "through required_in_ci",
}
"""The test modules that use the seeds' folder by name (every other test takes the seeds_dir fixture), and why."""


def takes_the_seeds(function: ast.FunctionDef) -> bool:
    """Whether a test function asks for the ``seeds_dir`` fixture, by argument or by ``getfixturevalue``."""
    if any(argument.arg == "seeds_dir" for argument in function.args.args):
        return True
    return any(isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
               and node.func.attr == "getfixturevalue" and node.args
               and isinstance(node.args[0], ast.Constant) and node.args[0].value == "seeds_dir"
               for node in ast.walk(function))


def needing_seeds() -> list[str]:
    """The node ids (file::function) of every test that takes the seeds."""
    found = []
    for path in sorted(TESTS.rglob("test_*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_") and takes_the_seeds(node):
                found.append(f"{path.relative_to(REPO)}::{node.name}")
    return found


def test_other_tests_take_the_seeds_only_through_the_fixture() -> None:
    naming = {str(path.relative_to(REPO)) for path in sorted(TESTS.rglob("*.py"))
              if re.search(r"\bSEEDS\b", path.read_text(encoding="utf-8")) and path.name != "test_seeds.py"}
    assert naming == set(NAMING_SEEDS), "take the seeds_dir fixture, which skips with a reason outside CI"


def without_seeds(missing: Path, ci: bool) -> subprocess.CompletedProcess[str]:
    """pytest on every test that takes the seeds, with the seeds at ``missing`` and CI set or not."""
    environment = {name: value for name, value in os.environ.items() if name not in ("CI", "PYTEST_XDIST_WORKER")}
    environment["CLAIMGRAPH_TEST_SEEDS"] = str(missing)
    if ci:
        environment["CI"] = "1"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-ra", "-p", "no:cacheprovider", "-p", "no:xdist",
                           *needing_seeds()], capture_output=True, text=True, cwd=REPO, env=environment, check=False)


def test_the_tests_needing_the_seeds_are_found() -> None:
    found = needing_seeds()
    assert "tests/cli/test_ingest_cli.py::test_a_web_page_goes_from_ingest_to_the_audit" in found  # by getfixturevalue
    assert "tests/data/test_curated_graph.py::test_every_quote_found_in_its_archived_source" in found  # by argument


def test_without_the_seeds_the_tests_needing_them_skip_and_say_why(tmp_path: Path) -> None:
    run = without_seeds(tmp_path / "no-seeds", ci=False)
    assert run.returncode == 0, run.stdout[-3000:]
    assert re.search(r"^\d+ skipped in ", run.stdout, re.MULTILINE), run.stdout[-3000:]  # none passed or failed
    reason = f"the archived sources are missing at {tmp_path / 'no-seeds'} (they sit beside the repository"
    skips = [line for line in run.stdout.splitlines() if line.startswith("SKIPPED ")]
    assert skips and all(reason in line for line in skips), run.stdout[-3000:]


def test_in_ci_the_tests_needing_the_seeds_fail_without_them(tmp_path: Path) -> None:
    run = without_seeds(tmp_path / "no-seeds", ci=True)
    assert run.returncode == 1, run.stdout[-3000:]
    refused = {line.split()[1].split("[")[0] for line in run.stdout.splitlines()  # a fixture's failure is an ERROR
               if line.startswith(("FAILED ", "ERROR ")) and "CI is set but the archived sources are missing" in line}
    assert refused == set(needing_seeds()), run.stdout[-3000:]
