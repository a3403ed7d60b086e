"""The output writer: atomic replacement of files and directories, modes, special files, failures."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from claimgraph import atomic
from claimgraph.atomic import MANIFEST, create_new, remove_stale_temps, write_atomic, write_directory
from claimgraph.errors import InputError


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_new_file_gets_the_umask_mode(tmp_path, umask_022):
    target = write_atomic(tmp_path / "out.json", "{}")
    assert target.read_text() == "{}"
    assert _mode(target) == 0o644


def test_new_file_follows_a_stricter_umask(tmp_path):
    previous = os.umask(0o077)
    try:
        target = write_atomic(tmp_path / "out.json", "{}")
    finally:
        os.umask(previous)
    assert _mode(target) == 0o600


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604])
def test_overwriting_keeps_the_existing_mode(tmp_path, mode, umask_022):
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(mode)
    write_atomic(target, "new")
    assert (target.read_text(), _mode(target)) == ("new", mode)


def test_a_symlink_stays_a_link_and_its_target_is_replaced(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert write_atomic(link, "new") == real
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_dev_null_is_written_through_not_replaced():
    before = os.stat("/dev/null")
    write_atomic("/dev/null", "discarded")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_fifo_is_written_through(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_dev_full_is_a_one_line_error_and_stays_a_device():
    with pytest.raises(InputError, match="disk is full"):
        write_atomic("/dev/full", "x" * 10_000)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_directory_target_is_refused(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        write_atomic(tmp_path, "x")


def test_disk_full_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "file.txt"
    target.write_text("old")

    def full(path, payload, mode):
        Path(path).write_bytes(payload[:3])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_write_new_file", full)
    with pytest.raises(InputError, match="disk is full"):
        write_atomic(target, "new content")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_temps_of_dead_writers_are_removed_and_live_ones_kept(tmp_path):
    dead = tmp_path / f".out.json.claimgraph-{_dead_pid()}-abcd1234.tmp"
    dead.write_text("partial")
    dead_dir = tmp_path / f".build.claimgraph-{_dead_pid()}-abcd1234.new"
    dead_dir.mkdir()
    (dead_dir / "graph.ttl").write_text("partial")
    live = tmp_path / ".out.json.claimgraph-1-abcd1234.tmp"
    live.write_text("someone else is writing")
    mine = tmp_path / "notes.claimgraph-1-abcd.txt"
    mine.write_text("not a temp name")
    write_atomic(tmp_path / "out.json", "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, mine.name, "out.json"])
    assert remove_stale_temps(tmp_path) == []


def _listing(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def test_directory_generation_writes_files_and_manifest(tmp_path, umask_022):
    out = tmp_path / "build"
    written = write_directory(out, {"a.html": "A", "b.json": b"{}"})
    assert written == [out / "a.html", out / "b.json"]
    assert json.loads((out / MANIFEST).read_text()) == {"files": ["a.html", "b.json"]}
    assert _mode(out / "a.html") == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_directory_generation_keeps_what_claimgraph_did_not_write(tmp_path):
    out = tmp_path / "build"
    write_directory(out, {"graph-condition-gone.html": "old view", "index.html": "old"})
    (out / "graph-mine.html").write_text("the user's own page")
    (out / "notes").mkdir()
    (out / "notes" / "n.txt").write_text("mine")
    (out / "link").symlink_to("notes/n.txt")
    write_directory(out, {"index.html": "new"})
    assert _listing(out) == {
        MANIFEST: json.dumps({"files": ["index.html"]}, indent=2).encode() + b"\n",
        "graph-mine.html": b"the user's own page",
        "index.html": b"new",
        "link": b"mine",
        "notes/n.txt": b"mine",
    }
    assert (out / "link").is_symlink()


def test_directory_generation_keeps_modes_of_files_and_directory(tmp_path):
    out = tmp_path / "build"
    write_directory(out, {"index.html": "old"})
    (out / "index.html").chmod(0o640)
    out.chmod(0o750)
    write_directory(out, {"index.html": "new"})
    assert (_mode(out / "index.html"), _mode(out)) == (0o640, 0o750)


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_failure_mid_generation_leaves_the_old_one_whole(tmp_path, monkeypatch, exchange):
    out = tmp_path / "build"
    write_directory(out, {f"f{i}.txt": f"old {i}" for i in range(5)})
    before = _listing(out)
    real_write = atomic._write_new_file
    calls = {"n": 0}

    def fails_on_third(path, payload, mode):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, payload, mode)

    if not exchange:
        monkeypatch.setattr(atomic, "_exchange", lambda first, second: False)
    monkeypatch.setattr(atomic, "_write_new_file", fails_on_third)
    with pytest.raises(InputError, match="disk is full"):
        write_directory(out, {f"f{i}.txt": f"new {i}" for i in range(5)})
    assert _listing(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]
    monkeypatch.setattr(atomic, "_write_new_file", real_write)
    write_directory(out, {f"f{i}.txt": f"new {i}" for i in range(5)})
    assert (out / "f4.txt").read_text() == "new 4"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_a_file_where_the_directory_should_be_is_refused(tmp_path):
    out = tmp_path / "build"
    out.write_text("not a directory")
    with pytest.raises(InputError, match="not a directory"):
        write_directory(out, {"index.html": "x"})
    assert out.read_text() == "not a directory"


def test_a_symlinked_output_directory_stays_a_link(tmp_path):
    real = tmp_path / "real-build"
    write_directory(real, {"index.html": "old"})
    link = tmp_path / "build"
    link.symlink_to(real)
    write_directory(link, {"index.html": "new"})
    assert link.is_symlink()
    assert (real / "index.html").read_text() == "new"


def _race(target: Path) -> list[str]:
    """Two threads create ``target`` at the same moment: what each got (its text, or the refusal)."""
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def write(text: str) -> None:
        start.wait()
        try:
            create_new(target, text, "source id 'x'")
            outcomes.append(text)
        except InputError as error:
            outcomes.append(str(error))

    writers = [threading.Thread(target=write, args=(text,)) for text in ("first", "second")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    return outcomes


def test_create_new_writes_once_and_of_racing_writers_exactly_one_wins(tmp_path):
    for round_number in range(40):
        target = tmp_path / f"id-{round_number}.txt"
        outcomes = _race(target)
        won = [outcome for outcome in outcomes if outcome in ("first", "second")]
        assert len(won) == 1, outcomes
        assert target.read_text() == won[0]
        assert f"source id 'x' already exists: {target}" in outcomes
    assert not [path for path in tmp_path.iterdir() if ".claimgraph-" in path.name], "no temp file left"


def test_create_new_refuses_a_dangling_symlink_and_names_the_file_in_a_read_only_folder(tmp_path, monkeypatch):
    outside = tmp_path / "outside.txt"
    link = tmp_path / "folder" / "link.txt"
    link.parent.mkdir()
    link.symlink_to(outside)
    with pytest.raises(InputError, match="already exists"):
        create_new(link, "data")
    assert not outside.exists()

    def refused(path: Path, payload: bytes, mode: int | None) -> None:  # what a read-only folder does (even to root)
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(atomic, "_write_new_file", refused)
    with pytest.raises(InputError) as error:
        create_new(link.parent / "new.txt", "data")
    assert str(error.value) == f"{link.parent / 'new.txt'}: cannot write: Permission denied"
