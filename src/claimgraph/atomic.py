"""Write files atomically: a temp file beside the target, then rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from claimgraph.errors import InputError


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never half.

    A target that cannot be written (a directory, no permission, a missing volume) raises
    InputError naming the path, so the CLI reports one line and exits 2.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if target.is_dir():
        raise InputError("is a directory, not a file", str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror or error}", str(target)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
