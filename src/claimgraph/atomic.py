"""Outputs that keep their promises: a file or a whole directory is replaced in one step, or not at all.

* A regular file is written to a temp file beside it and renamed over it; the new file gets
  the old file's mode, or ``0o666`` minus the umask when it is new.
* A symlink is followed: the file it points to is replaced, the link stays.
* A special file (a device such as ``/dev/null``, a FIFO, a socket) is written through.
* A directory of outputs (``claimgraph build``) is written complete beside the old one and
  swapped in with one ``renameat2(RENAME_EXCHANGE)`` (two renames where the kernel lacks it),
  so a reader or a kill sees the whole old generation or the whole new one. Files in the
  directory that claimgraph did not write (not in its manifest) are carried over, never deleted.
* Temp files and directories carry the writer's PID; a later write removes those whose
  writer is gone (killed). Every failure removes its own, and a full disk or a missing
  permission is an InputError (one line, exit 2) with the previous outputs intact.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import re
import secrets
import shutil
import stat
from collections.abc import Mapping
from pathlib import Path

from claimgraph.errors import InputError

MANIFEST = ".claimgraph-manifest.json"
"""The file in an output directory listing the files claimgraph wrote there."""

TEMP_MARK = ".claimgraph-"
"""Marks the temp files and directories claimgraph writes (with the writer PID after it)."""
TEMP_NAME = re.compile(r"^\..+\.claimgraph-(\d+)-[0-9a-f]+\.(tmp|new|old)$")
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def current_umask() -> int:
    """The process umask, read without changing it where Linux allows."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` so readers see the old content or the new, never half.

    Returns the path written (a symlink's target). A target that cannot be written (a
    directory, no permission, a full disk) raises InputError naming the path.
    """
    target = Path(os.path.realpath(path))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise _write_error(error, path) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError("is a directory, not a file", str(path))
    if mode is not None and not stat.S_ISREG(mode):
        _write_through(target, payload, path)
        return target
    tmp = _temp_beside(target, path)
    try:
        _write_new_file(tmp, payload, stat.S_IMODE(mode) if mode is not None else None)
        os.replace(tmp, target)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise _write_error(error, path) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _temp_beside(target: Path, path: str | os.PathLike[str]) -> Path:
    """A fresh temp file name beside ``target``: its folder made, stale temps of earlier runs removed."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _write_error(error, path) from None
    remove_stale_temps(target.parent)
    return target.parent / _temp_name(target.name, "tmp")


def create_new(path: str | os.PathLike[str], data: str | bytes, what: str = "") -> Path:
    """Write ``data`` to ``path`` only if nothing is there, in one step: the file appears whole or not at all.

    The data goes to a temp file that is then hard-linked to ``path``, which fails when any entry has that name (a
    file, a dangling symlink: never written through), so of two writers racing for one name exactly one wins; the
    loser gets InputError "… already exists" (``what`` names the thing, e.g. "source id 'x'"). Where the file
    system has no hard links, an exclusive create is used instead (exclusive, but a reader may see it half written).
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    exists = InputError(f"{what + ' ' if what else ''}already exists: {target}")
    if os.path.lexists(target):
        raise exists
    tmp = _temp_beside(target, path)
    try:
        _write_new_file(tmp, payload, None)
        try:
            os.link(tmp, target, follow_symlinks=False)
        except FileExistsError:
            raise exists from None
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            _write_new_file(target, payload, None)
    except FileExistsError:
        raise exists from None
    except OSError as error:
        raise _write_error(error, path) from None
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_directory(target.parent)
    return target


def write_directory(path: str | os.PathLike[str], files: Mapping[str, str | bytes]) -> list[Path]:
    """Replace the outputs in directory ``path`` by ``files`` (name → content) in one step.

    Files claimgraph wrote there before and does not write now are dropped; any other file
    in the directory is kept. Returns the paths of the written files.
    """
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_dir():
        raise InputError("exists and is not a directory", str(path))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _write_error(error, path) from None
    remove_stale_temps(target.parent)
    staging = target.parent / _temp_name(target.name, "new")
    try:
        _write_generation(staging, files, target)
        _swap_in(staging, target)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise _write_error(error, path) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [target / name for name in files]


def written_by_claimgraph(directory: Path) -> set[str]:
    """The names in ``directory``'s manifest (empty when it has none)."""
    try:
        names = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    return {name for name in names if isinstance(name, str)}


def remove_stale_temps(directory: Path) -> list[Path]:
    """Remove the temp files and directories in ``directory`` left by writers that no longer run."""
    removed: list[Path] = []
    try:
        entries = list(directory.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = TEMP_NAME.match(entry.name)
        if match is None or _alive(int(match.group(1))):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed


def _write_generation(staging: Path, files: Mapping[str, str | bytes], current: Path) -> None:
    staging.mkdir()
    old_mode = None
    if current.is_dir():
        old_mode = stat.S_IMODE(current.stat().st_mode)
        _carry_over_foreign_files(current, staging, set(files))
    for name, data in files.items():
        destination = staging / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        existing = current / name
        mode = stat.S_IMODE(existing.stat().st_mode) if existing.is_file() and not existing.is_symlink() else None
        _write_new_file(destination, data.encode("utf-8") if isinstance(data, str) else data, mode)
    manifest = json.dumps({"files": sorted(files)}, indent=2) + "\n"
    _write_new_file(staging / MANIFEST, manifest.encode("utf-8"), None)
    if old_mode is not None:
        staging.chmod(old_mode)
    _fsync_directory(staging)


def _carry_over_foreign_files(current: Path, staging: Path, new_names: set[str]) -> None:
    """Hard-link (or copy) into the new generation every entry claimgraph did not write."""
    ours = written_by_claimgraph(current) | new_names | {MANIFEST}
    for entry in sorted(current.iterdir()):
        if entry.name in ours:
            continue
        destination = staging / entry.name
        if entry.is_symlink():
            os.symlink(os.readlink(entry), destination)
        elif entry.is_dir():
            shutil.copytree(entry, destination, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(str(entry), str(destination))


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _swap_in(staging: Path, target: Path) -> None:
    """Make ``staging`` the directory at ``target`` in one step; the old generation is removed."""
    if not target.exists():
        os.rename(staging, target)
        _fsync_directory(target.parent)
        return
    if _exchange(staging, target):
        _fsync_directory(target.parent)
        shutil.rmtree(staging, ignore_errors=True)
        return
    old = target.parent / _temp_name(target.name, "old")
    os.rename(target, old)
    os.rename(staging, target)
    _fsync_directory(target.parent)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _write_new_file(path: Path, payload: bytes, mode: int | None) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fchmod(handle.fileno(), mode if mode is not None else 0o666 & ~current_umask())
        os.fsync(handle.fileno())


def _write_through(target: Path, payload: bytes, shown: str | os.PathLike[str]) -> None:
    """Write to a device, FIFO or socket as it is: such a file cannot be replaced, only written."""
    try:
        with open(target, "wb", buffering=0) as handle:
            view = memoryview(payload)
            while view:
                view = view[handle.write(view) or 0:]
    except OSError as error:
        raise _write_error(error, shown) from None


def _fsync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _temp_name(name: str, kind: str) -> str:
    return f".{name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}.{kind}"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_error(error: OSError, path: str | os.PathLike[str]) -> InputError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return InputError("cannot write: the disk is full; the previous outputs are unchanged", str(path))
    return InputError(f"cannot write: {error.strerror or error}", str(path))
