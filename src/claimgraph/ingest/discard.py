"""Discard a draft: remove ``drafts/ID.ttl``, its review page ``drafts/ID.html`` and its archived text
``sources/ID.txt``, so the id is free again. The archive of a source the graph holds (accepted) is never removed.
"""

from __future__ import annotations

import os
from pathlib import Path

from claimgraph.errors import InputError


def draft_id(name: str) -> tuple[str, Path | None]:
    """The id a ``discard`` argument names (``ID`` or ``drafts/ID.ttl``), and the draft's folder for a path."""
    from claimgraph.ingest.read.archive import check_source_id

    if name.endswith(".ttl"):
        path = Path(name)
        return check_source_id(path.stem), path.parent
    return check_source_id(name), None


def discard(name: str, drafts_dir: Path, sources_dir: Path, accepted_sources: frozenset[str]) -> list[Path]:
    """Remove the draft ``name`` names, its review page and its archived text; the paths removed.

    InputError (nothing removed) when the id is an accepted source's (in ``accepted_sources``, IRIs) or when
    none of the three files exists."""
    from claimgraph.namespaces import SOURCE

    source_id, folder = draft_id(name)
    drafts = folder if folder is not None else drafts_dir
    if str(SOURCE[source_id]) in accepted_sources:
        raise InputError(f"source:{source_id} is accepted (the graph holds it): its archived text stays; "
                         "nothing removed")
    files = [drafts / f"{source_id}.ttl", drafts / f"{source_id}.html", sources_dir / f"{source_id}.txt"]
    present = [path for path in files if os.path.lexists(path)]
    if not present:
        raise InputError(f"nothing to discard for id {source_id!r}: no {', '.join(map(str, files))}")
    for path in present:
        try:
            path.unlink()
        except OSError as error:
            raise InputError(f"cannot remove: {error.strerror or error}", str(path)) from None
    return present
