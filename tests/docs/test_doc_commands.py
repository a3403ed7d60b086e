"""Every `claimgraph` command in the shell blocks of README.md and docs/*.md runs as written after the quick start.

Each page's commands run in order (ingest, then review, then accept) in a fresh copy of the repository of its
own, the way a reader types them: in a shell, in the repository root, with the venv's bin on PATH (what
`. .venv/bin/activate` does). A command passes when it exits 0, or 1 for findings (an audit with errors, a draft
accept refuses), and writes nothing about an error to stderr. The generated samples (`<!-- output: … -->`) are
run by test_docs.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from helpers import REPO, SEEDS, required_in_ci

SHELL_BLOCK = re.compile(r"^```(?:sh|shell|bash)\n(.*?)^```", re.MULTILINE | re.DOTALL)
NOT_RUN = re.compile(r"^claimgraph (?:serve|load)\b|--store sparql:")
"""Commands that need a server the page's reader starts by hand: `serve` runs until it is stopped, and `load --to`
and a `sparql:` store talk to a SPARQL server (Oxigraph, Virtuoso, Fuseki) started beside claimgraph. The server
tests start and stop each of them; here they are shown, not run."""
NEEDS_SEEDS = re.compile(r"shared/seeds|^claimgraph verify-quotes\b")
"""Commands that read the archived source documents beside the repository (../shared/seeds)."""
LEFT_OUT = {".git", ".venv", "build", "sources", "drafts", ".pytest_cache", ".mypy_cache", ".ruff_cache",
            "__pycache__"}
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def commands(page: Path) -> list[str]:
    """The page's shell-block lines that start with `claimgraph`, continuation lines joined."""
    found = []
    for block in SHELL_BLOCK.findall(page.read_text(encoding="utf-8")):
        for line in block.replace("\\\n", " ").splitlines():
            if line.strip().startswith("claimgraph ") or line.strip() == "claimgraph":
                found.append(line.strip())
    return found


def workspace(folder: Path) -> Path:
    """A copy of the repository in ``folder`` without its venv, history and outputs, with ../shared beside it when
    the archived sources exist."""
    copy = folder / "claimgraph"
    shutil.copytree(REPO, copy, ignore=lambda _folder, names: [name for name in names if name in LEFT_OUT])
    if SEEDS.is_dir():
        (folder / "shared").mkdir()
        (folder / "shared" / "seeds").symlink_to(SEEDS)
    return copy


def run(command: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """``command`` in a shell in ``folder``, with the venv's bin first on PATH (as after activating it)."""
    environment = {key: value for key, value in os.environ.items() if key != "CLAIMGRAPH_TRACEBACK"}
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment.get('PATH', '')}"
    return subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=folder, env=environment,
                          capture_output=True, text=True, check=False, timeout=300)


def test_readme_shows_commands_for_the_three_questions_and_ingest():
    shown = " ".join(commands(REPO / "README.md"))
    for command in ("claimgraph audit", "claimgraph query", "claimgraph export html --view", "claimgraph ingest",
                    "claimgraph review", "claimgraph accept"):
        assert command in shown, f"README.md's shell blocks show no `{command}`"


def run_page(page: Path, folder: Path) -> tuple[list[str], list[str]]:
    """Run the page's commands in order in a fresh copy under ``folder``: the failures, and the commands left out
    because the archived sources are missing."""
    copy, failures, needing_seeds = workspace(folder), [], []
    for command in commands(page):
        if NOT_RUN.search(command):
            continue
        if NEEDS_SEEDS.search(command) and not SEEDS.is_dir():
            needing_seeds.append(command)
            continue
        result = run(command, copy)
        problem = re.search(r"error|traceback", result.stderr, flags=re.IGNORECASE)
        if result.returncode not in (0, 1) or problem:
            failures.append(f"{page.relative_to(REPO)}: `{command}` exited {result.returncode}: "
                            f"{result.stderr.strip()[-400:]}")
    return failures, needing_seeds


def test_every_command_runs_as_written(tmp_path):
    """One test for every page, two pages at a time, each in its own copy (a page's commands depend on each other,
    two pages' do not)."""
    pages = [page for page in PAGES if commands(page)]
    assert REPO / "README.md" in pages
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda page: run_page(page, tmp_path / page.stem), pages))
    failures = [failure for page_failures, _ in results for failure in page_failures]
    assert not failures, "commands that do not run as written:\n" + "\n".join(failures)
    needing_seeds = [command for _, page_needs in results for command in page_needs]
    if needing_seeds:
        required_in_ci(None, f"the archived sources are missing at {SEEDS}, so {len(needing_seeds)} commands "
                             f"were not run ({'; '.join(needing_seeds)})", "they sit beside the repository")
