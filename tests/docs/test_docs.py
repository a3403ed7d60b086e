"""Every sample output in README.md and docs/*.md is what its command prints now (tools/docs.py, `make docs`)."""

from __future__ import annotations

import difflib
import functools
import importlib.util
import os
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from helpers import REPO


def load_tool() -> ModuleType:
    """tools/docs.py as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("claimgraph_docs_tool", REPO / "tools" / "docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


docs = load_tool()


def collected() -> tuple[list, str]:
    """Every sample of every page, and the first marker problem (empty when there is none)."""
    try:
        return [sample for path in docs.markdown_files() for sample in docs.samples(path)], ""
    except docs.DocsError as error:
        return [], str(error)


SAMPLES, MARKER_PROBLEM = collected()


@pytest.fixture(scope="module")
def blocks(request: pytest.FixtureRequest) -> dict[str, str]:
    """In one test process, the blocks of every selected sample, their commands run two at a time up front (with
    several workers, each runs the commands of the samples it is given, one by one)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return {}
    selected = {item.callspec.params["sample"].command for item in request.session.items
                if "sample" in getattr(getattr(item, "callspec", None), "params", {})}
    return docs.outputs(selected)


@functools.cache
def block(command: str) -> str:
    """The block `make docs` would write for ``command`` now (each command run once per test process)."""
    return docs.render(command, docs.run(command))


def test_markers_are_well_formed():
    assert not MARKER_PROBLEM, MARKER_PROBLEM


def test_readme_shows_the_generated_samples_a_newcomer_needs():
    readme = [sample.command for sample in SAMPLES if sample.path.name == "README.md"]
    assert "claimgraph stats" in readme and "claimgraph sources" in readme, readme
    assert any(command.startswith("claimgraph audit") for command in readme), readme
    assert any(command.startswith("claimgraph query ") and " -e " not in command for command in readme), readme


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda sample: f"{sample.where()} {sample.command}")
def test_every_sample_output_is_current(sample, blocks):
    want = blocks.get(sample.command) or block(sample.command)
    if sample.body != want:
        diff = "".join(difflib.unified_diff(sample.body.splitlines(keepends=True), want.splitlines(keepends=True),
                                            "in the page", "the command now", n=1))
        pytest.fail(f"{sample.where()}: the sample of `{sample.command}` is not what the command prints now; "
                    f"run `make docs`\n{diff}")


def page(root: Path, body: str) -> Path:
    (root / "docs").mkdir(exist_ok=True)
    path = root / "README.md"
    path.write_text(f"# t\n\n<!-- output: claimgraph rules | head -n 2 -->\n{body}<!-- end output -->\nafter\n",
                    encoding="utf-8")
    return path


def test_the_tool_finds_a_stale_sample_and_rewrites_it(tmp_path):
    path = page(tmp_path, "```text\n$ claimgraph rules | head -n 2\nan old line\n```\n")
    assert [sample.line for sample in docs.stale(tmp_path)] == [3]
    assert docs.stale(tmp_path, write=True) and docs.stale(tmp_path) == []
    text = path.read_text(encoding="utf-8")
    body = text.split("-->\n", 1)[1].split("<!-- end output -->")[0]
    assert body.startswith("```text\n$ claimgraph rules | head -n 2\n") and body.count("\n") == 5, text
    assert text.endswith("<!-- end output -->\nafter\n")


@pytest.mark.parametrize(("text", "problem"), [
    ("<!-- output: claimgraph stats -->\n", "has no `<!-- end output -->`"),
    ("<!-- end output -->\n", "without an `<!-- output: … -->`"),
    ("<!-- output: claimgraph stats -->\n<!-- output: claimgraph rules -->\n", "before the next marker on line 2"),
])
def test_a_broken_marker_is_named_with_its_line(text, problem):
    with pytest.raises(docs.DocsError, match=problem):
        docs.samples(Path("page.md"), text)


@pytest.mark.parametrize("command", ["stats", "claimgraph stats > x", "claimgraph stats | grep x"])
def test_a_sample_command_is_claimgraph_alone(command):
    with pytest.raises(docs.DocsError, match="a sample's command is"):
        docs.split_command(command)


def test_a_failing_command_is_an_error_not_a_sample(tmp_path):
    with pytest.raises(docs.DocsError, match=r"`claimgraph nosuch` exited 2"):
        docs.run("claimgraph nosuch", tmp_path)


def anchors(page: Path) -> set[str]:
    """The anchors GitHub gives the page's headings (lower case, punctuation dropped, spaces as hyphens)."""
    headings = re.findall(r"^#+ (.+)$", re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"),
                                                flags=re.MULTILINE | re.DOTALL), flags=re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


@pytest.mark.parametrize("page", docs.markdown_files(), ids=lambda page: page.name)
def test_every_relative_link_and_anchor_resolves(page):
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists() or (anchor and linked.suffix == ".md" and anchor not in anchors(linked)):
            broken.append(target)
    assert not broken, f"{page.relative_to(REPO)}: links that lead nowhere: {broken}"
