"""Reading a user's input file within bounds: a regular file only, and no larger than a limit.

``ingest``, ``import-studies`` and ``accept`` read what a user names through :func:`read_input` (or check it with
:func:`check_input_file` when a library reads it): a FIFO, a device, a socket or a symlink to one is refused
before it is opened for reading (a FIFO would block, ``/dev/zero`` never ends), and so is a file over the limit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from claimgraph.errors import InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""The largest input file read by default (20 MiB; ``--max-bytes``), and the most text a document may extract to.
The five curated seeds are 4-22 KB and the 300 FakeHealth development texts at most 24 KB."""

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def describe_size(size: int) -> str:
    """``size`` bytes in words a reader takes in at a glance (``20 MiB``, ``512 KiB``, ``300 bytes``)."""
    for unit, name in ((1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")):
        if size >= unit:
            return f"{size / unit:.3g} {name}"
    return f"{size} bytes"


def over_limit(what: str, size: int, max_bytes: int) -> str:
    """The one wording of a refused size: what, how large, the limit and the flag that raises it."""
    return f"{what} is {size:,} bytes, over the {describe_size(max_bytes)} limit (raise it with --max-bytes)"


def check_input_file(path: Path, max_bytes: int) -> None:
    """InputError unless ``path`` is (a symlink to) a regular file of at most ``max_bytes`` bytes; nothing is opened."""
    _check_status(_status(path), path, max_bytes)


def read_input(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``; InputError (naming it) for anything else, or over ``max_bytes``.

    The file is checked before it is opened, opened without blocking (a FIFO put in its place in between is
    refused too) and checked again, and at most ``max_bytes + 1`` bytes are ever read (a file that grows is
    refused when it passes the limit)."""
    _check_status(_status(path), path, max_bytes)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise InputError(_reason(error), str(path)) from None
    with os.fdopen(descriptor, "rb") as handle:
        _check_status(os.fstat(descriptor), path, max_bytes)
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(over_limit("the file", len(data), max_bytes), str(path))
    return data


def _status(path: Path) -> os.stat_result:
    """The status of the file ``path`` names (symlinks followed); InputError when there is none."""
    try:
        return os.stat(path)
    except OSError as error:
        raise InputError(_reason(error), str(path)) from None


def _check_status(status: os.stat_result, path: Path, max_bytes: int) -> None:
    """InputError unless ``status`` is a regular file's, of at most ``max_bytes`` bytes."""
    if not stat.S_ISREG(status.st_mode):
        kind = next((name for test, name in _KINDS if test(status.st_mode)), "not a regular file")
        link = " (through a symlink)" if path.is_symlink() else ""
        raise InputError(f"is {kind}{link}, not a regular file", str(path))
    if status.st_size > max_bytes:
        raise InputError(over_limit("the file", status.st_size, max_bytes), str(path))


def _reason(error: OSError) -> str:
    """A short reason for a failed stat or open."""
    if error.errno == errno.ENOENT:
        return "no such file"
    if error.errno == errno.ELOOP:
        return "a symlink loop"
    return error.strerror or "cannot read"
