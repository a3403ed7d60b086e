"""The package layout holds: no import cycle, no module over 400 lines, each stage a subpackage with a public face."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from helpers import REPO

STAGES = ("store", "validate", "audit", "sparql", "network", "cli")


def test_no_import_cycle_and_no_oversized_module() -> None:
    result = subprocess.run([sys.executable, str(REPO / "tools" / "check_layout.py")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_checker_finds_a_cycle(tmp_path, monkeypatch) -> None:
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import check_layout
    finally:
        sys.path.pop(0)
    package = tmp_path / "claimgraph"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from claimgraph.b import x\n")
    (package / "b.py").write_text("def f():\n    from claimgraph import a\n")
    monkeypatch.setattr(check_layout, "PACKAGE", package)
    assert check_layout.problems() == ["import cycle: claimgraph.a -> claimgraph.b -> claimgraph.a"]


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_is_a_subpackage_with_a_public_face(stage: str) -> None:
    module = importlib.import_module(f"claimgraph.{stage}")
    assert module.__file__ is not None
    assert module.__file__.endswith("__init__.py")
    exported = getattr(module, "__all__", None)
    assert exported, f"claimgraph.{stage} declares no __all__"
    assert all(hasattr(module, name) for name in exported)


def test_package_is_typed() -> None:
    assert (REPO / "src" / "claimgraph" / "py.typed").is_file()
