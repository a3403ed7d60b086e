"""The package layout holds: no import cycle, no module over 400 lines, each stage a subpackage with a public face."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from helpers import REPO

STAGES = ("store", "validate", "audit", "query", "serve", "network", "cli")


def test_no_import_cycle_and_no_oversized_module() -> None:
    result = subprocess.run([sys.executable, str(REPO / "tools" / "check_layout.py")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def check_layout():  # type: ignore[no-untyped-def]
    """tools/check_layout.py as a module."""
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import check_layout
    finally:
        sys.path.pop(0)
    return check_layout


def test_the_checker_finds_a_cycle(tmp_path, monkeypatch, check_layout) -> None:
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


def test_the_checker_reads_a_lazy_package_stub(tmp_path, monkeypatch, check_layout) -> None:
    package = tmp_path / "claimgraph"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "__init__.pyi").write_text("from .a import f\n")
    (package / "sub" / "a.py").write_text("def f():\n    import claimgraph.sub\n")
    monkeypatch.setattr(check_layout, "PACKAGE", package)
    assert check_layout.problems() == ["import cycle: claimgraph.sub -> claimgraph.sub.a -> claimgraph.sub"]


@pytest.mark.parametrize("stage", [stage for stage in STAGES if stage != "cli"])
def test_a_stage_stub_lists_what_its_package_exports(stage: str) -> None:
    stub = REPO / "src" / "claimgraph" / stage / "__init__.pyi"
    module = importlib.import_module(f"claimgraph.{stage}")
    namespace: dict[str, object] = {}
    exec(compile(stub.read_text(encoding="utf-8").replace("from .", f"from claimgraph.{stage}."), str(stub), "exec"),
         namespace)
    assert sorted(module.__all__) == sorted(namespace["__all__"])  # type: ignore[arg-type]


def test_the_cli_starts_without_rdflib_or_pyoxigraph() -> None:
    probe = ("import sys, claimgraph.cli.main; "
             "print(sorted(m for m in ('rdflib', 'pyoxigraph', 'pyshacl', 'networkx', 'jinja2') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", f"the CLI's start imports {result.stdout.strip()}"
