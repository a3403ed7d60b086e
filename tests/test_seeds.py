"""README's promise: without ../shared/seeds the tests that need the archived sources skip with a reason, and
in CI (where the seeds must be there) they fail instead.

The tests that read the seeds run here in a pytest of their own, with the seeds pointed at a missing folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO

NEEDING_SEEDS = [
    "tests/cli/test_ingest_cli.py::test_a_web_page_goes_from_ingest_to_the_audit",  # only its build step
    "tests/cli/test_ingest_cli.py::test_a_curated_seed_ingested_again_is_refused",
    "tests/data/test_curated_graph.py::test_every_quote_found_in_its_archived_source",
]


def without_seeds(missing: Path, ci: bool) -> subprocess.CompletedProcess[str]:
    """pytest on :data:`NEEDING_SEEDS` with the seeds at ``missing``, CI set or not: its result."""
    environment = {name: value for name, value in os.environ.items() if name not in ("CI", "PYTEST_XDIST_WORKER")}
    environment["CLAIMGRAPH_TEST_SEEDS"] = str(missing)
    if ci:
        environment["CI"] = "1"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-ra", "-p", "no:cacheprovider", "-p", "no:xdist",
                           *NEEDING_SEEDS], capture_output=True, text=True, cwd=REPO, env=environment, check=False)


def test_without_the_seeds_the_tests_needing_them_skip_and_say_why(tmp_path: Path) -> None:
    run = without_seeds(tmp_path / "no-seeds", ci=False)
    assert run.returncode == 0, run.stdout[-3000:]
    assert f"{len(NEEDING_SEEDS)} skipped" in run.stdout, run.stdout[-3000:]
    reason = f"the archived sources are missing at {tmp_path / 'no-seeds'} (they sit beside the repository"
    assert run.stdout.count(reason) == len(NEEDING_SEEDS), run.stdout[-3000:]


def test_in_ci_the_tests_needing_the_seeds_fail_without_them(tmp_path: Path) -> None:
    run = without_seeds(tmp_path / "no-seeds", ci=True)
    assert run.returncode == 1, run.stdout[-3000:]
    refused = {line.split()[1] for line in run.stdout.splitlines()  # a fixture's failure is reported as an ERROR
               if line.startswith(("FAILED ", "ERROR ")) and "CI is set but the archived sources are missing" in line}
    assert refused == set(NEEDING_SEEDS), run.stdout[-3000:]


@pytest.mark.parametrize("node", NEEDING_SEEDS)
def test_every_listed_test_exists(node: str) -> None:
    path, _, name = node.partition("::")
    assert f"def {name}(" in (REPO / path).read_text(encoding="utf-8")
