"""Fault injection against `claimgraph build`: kill -9 at many moments, a full disk, reproducibility.

After any fault the output directory holds one complete generation, old or new, byte for
byte, with no temp file in it; the next build removes what the killed one left beside it.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimgraph.atomic import TEMP_NAME
from helpers import GRAPHS, SEEDS, TINY, TINY_SOURCES

CLAIMGRAPH = Path(sys.executable).parent / "claimgraph"
EXTRA_CONDITION = """
@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix condition: <https://w3id.org/claimgraph/id/condition/> .
condition:extra a cg:Condition ; skos:prefLabel "Extra condition" .
<https://w3id.org/claimgraph/id/claim/relieves-hiv-pain> cg:aboutCondition condition:extra .
"""

TINY_BUILD = [str(CLAIMGRAPH), "build", "-g", str(TINY), "--sources-dir", str(TINY_SOURCES)]


def _listing(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def _build(out: Path, *graphs: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    archive = TINY_SOURCES if TINY in graphs else SEEDS
    args = [str(CLAIMGRAPH), "build", "--out", str(out), *(["--sources-dir", str(archive)] if archive.is_dir() else [])]
    for graph in graphs:
        args += ["-g", str(graph)]
    return subprocess.run(args, capture_output=True, text=True, check=False, env=env)


@pytest.fixture(scope="module")
def generations(tmp_path_factory) -> dict[str, object]:
    """Reference builds: the old generation (tiny graph plus a condition) and the new one (tiny graph)."""
    root = tmp_path_factory.mktemp("generations")
    extra = root / "extra.ttl"
    extra.write_text(EXTRA_CONDITION)
    old, new = root / "old", root / "new"
    assert _build(old, TINY, extra).returncode == 0
    assert _build(new, TINY).returncode == 0
    assert _listing(old) != _listing(new)
    return {"old": old, "new": new, "old_files": _listing(old), "new_files": _listing(new)}


def _staging(parent: Path) -> list[Path]:
    return [p for p in parent.iterdir() if TEMP_NAME.match(p.name)]


def _kill_when(process: subprocess.Popen[str], parent: Path, moment: str, started: float) -> str:
    """Wait for ``moment`` in the build, kill -9 the process, and say what was on disk then."""
    while process.poll() is None:
        staging = _staging(parent)
        files = sum(len(list(p.iterdir())) for p in staging if p.is_dir())
        due = (
            (moment == "staging-created" and staging)
            or (moment == "mid-write" and files >= 3)
            or (moment.startswith("after-") and time.monotonic() - started >= float(moment[6:]))
        )
        if due:
            process.send_signal(signal.SIGKILL)
            process.wait()
            return f"killed with {len(staging)} staging dir(s), {files} files in them"
        time.sleep(0.0005)
    return "finished before the kill"


@pytest.mark.parametrize("moment", ["after-0.3", "after-1.0", "staging-created", "mid-write", "after-2.5"])
def test_kill_during_build_leaves_one_whole_generation(generations, tmp_path, moment):
    out = tmp_path / "build"
    shutil.copytree(generations["old"], out)
    process = subprocess.Popen([*TINY_BUILD, "--out", str(out)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    state = _kill_when(process, tmp_path, moment, time.monotonic())
    found = _listing(out)
    assert found in (generations["old_files"], generations["new_files"]), state
    assert not [name for name in found if TEMP_NAME.match(Path(name).name)], state
    assert _build(out, TINY).returncode == 0
    assert _listing(out) == generations["new_files"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"], "the next build removes what a kill left"


def test_kills_hit_the_write_phase(generations, tmp_path):
    """The moments above are not all before or after the write: staging is caught on disk."""
    out = tmp_path / "build"
    shutil.copytree(generations["old"], out)
    process = subprocess.Popen([*TINY_BUILD, "--out", str(out)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    state = _kill_when(process, tmp_path, "staging-created", time.monotonic())
    assert state.startswith("killed with 1 staging dir"), state
    assert _listing(out) == generations["old_files"]


def _can_mount_tmpfs(path: Path) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(path)],
                          capture_output=True, check=False).returncode == 0


def test_full_disk_during_build_is_one_line_and_keeps_the_old_build(generations, tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    if not _can_mount_tmpfs(mount):
        pytest.skip("cannot mount a tmpfs here; test_full_disk_simulated covers ENOSPC")
    subprocess.run(["umount", str(mount)], check=True)
    size = sum(len(data) for data in generations["old_files"].values())
    options = f"size={(size * 3) // 2 // 4096 * 4096 + 4096}"
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mount)], check=True)
    try:
        out = mount / "build"
        shutil.copytree(generations["old"], out)
        result = _build(out, GRAPHS)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and "disk is full" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert _listing(out) == generations["old_files"]
        assert sorted(p.name for p in mount.iterdir()) == ["build"]
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_full_disk_simulated(generations, tmp_path, monkeypatch, runner):
    from claimgraph import atomic
    from claimgraph.cli import main

    out = tmp_path / "build"
    shutil.copytree(generations["old"], out)
    real_write = atomic._write_new_file
    written: list[Path] = []

    def fills_up(path, payload, mode):
        if len(written) == 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(path)
        real_write(path, payload, mode)

    monkeypatch.setattr(atomic, "_write_new_file", fills_up)
    result = runner.invoke(main, ["build", "-g", str(TINY), "--sources-dir", str(TINY_SOURCES), "--out", str(out)])
    assert result.exit_code == 2
    assert "disk is full" in result.output
    assert _listing(out) == generations["old_files"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_identical_inputs_give_byte_identical_builds(tmp_path):
    """Two builds of the curated graph under different hash seeds write the same bytes."""
    listings = []
    for seed in ("1", "2"):
        out = tmp_path / f"build-{seed}"
        result = _build(out, GRAPHS, env={**os.environ, "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        listings.append(_listing(out))
    differing = sorted(name for name in listings[0] if listings[0][name] != listings[1].get(name))
    assert (differing, sorted(listings[0]) == sorted(listings[1])) == ([], True)


def test_builds_with_violations_are_reproducible(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(TINY.read_text() + "\n<https://w3id.org/claimgraph/id/source/extra> a "
                      "<https://w3id.org/claimgraph/ns#Source> .\n")
    listings = []
    for seed in ("3", "4"):
        out = tmp_path / f"build-{seed}"
        result = _build(out, broken, env={**os.environ, "PYTHONHASHSEED": seed})
        assert result.returncode == 1, result.stderr
        listings.append(_listing(out))
    assert b"sh:ValidationResult" in listings[0]["validation.ttl"]
    assert [name for name in listings[0] if listings[0][name] != listings[1].get(name)] == []
