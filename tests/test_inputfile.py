"""Bounded reading of a user's input file: regular files only, never opened when odd, never past the limit."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph.errors import InputError
from claimgraph.inputfile import DEFAULT_MAX_BYTES, check_input_file, read_input


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail the test (instead of hanging the run) if reading blocks for more than five seconds."""
    def blocked(signum: int, frame: object) -> None:
        raise AssertionError("reading blocked: a FIFO was opened for reading")

    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(5)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("reader", [read_input, check_input_file])
def test_a_fifo_is_refused_without_blocking(tmp_path, no_hang, reader):
    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as refused:
        reader(fifo, DEFAULT_MAX_BYTES)
    assert str(refused.value) == f"{fifo}: is a FIFO (named pipe), not a regular file"


@pytest.mark.parametrize("reader", [read_input, check_input_file])
def test_a_symlink_to_an_endless_device_is_refused(tmp_path, reader):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError) as refused:
        reader(link, DEFAULT_MAX_BYTES)
    assert str(refused.value) == f"{link}: is a character device (through a symlink), not a regular file"


def test_a_fifo_swapped_in_after_the_check_is_refused_after_opening(tmp_path, no_hang, monkeypatch):
    """The second check, on the opened descriptor (opened without blocking), catches a race."""
    path = tmp_path / "page.txt"
    path.write_text("words\n")
    real_open = os.open

    def swap_then_open(target, flags, *args):
        path.unlink()
        os.mkfifo(path)
        return real_open(target, flags, *args)

    monkeypatch.setattr(os, "open", swap_then_open)
    with pytest.raises(InputError, match="is a FIFO"):
        read_input(path, DEFAULT_MAX_BYTES)


def test_a_file_at_the_limit_is_read_and_one_byte_more_refused(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(b"x" * 100)
    assert read_input(path, 100) == b"x" * 100
    check_input_file(path, 100)
    for reader in (read_input, check_input_file):
        with pytest.raises(InputError) as refused:
            reader(path, 99)
        assert str(refused.value) == (f"{path}: the file is 100 bytes, over the 99 bytes limit "
                                      "(raise it with --max-bytes)")


def test_a_file_longer_than_its_stated_size_is_read_no_further_than_the_limit():
    """/proc files state size 0 yet hold text: the bytes read, not the size stated, decide."""
    maps = Path("/proc/self/maps")
    assert maps.stat().st_size == 0 and len(maps.read_bytes()) > 100
    with pytest.raises(InputError) as refused:
        read_input(maps, 100)
    assert str(refused.value) == f"{maps}: the file is 101 bytes, over the 100 bytes limit (raise it with --max-bytes)"


@pytest.mark.parametrize(("make", "message"), [
    (lambda path: None, "no such file"),
    (lambda path: path.mkdir(), "is a directory, not a regular file"),
    (lambda path: path.symlink_to(path), "a symlink loop"),
])
def test_missing_folders_and_loops_are_one_line(tmp_path, make, message):
    path = tmp_path / "page.txt"
    make(path)
    with pytest.raises(InputError) as refused:
        read_input(path, DEFAULT_MAX_BYTES)
    assert str(refused.value) == f"{path}: {message}"
