"""Stable, file-system-safe page names for claims, sources and studies, derived from their IRIs."""

from __future__ import annotations

import hashlib
import re

PAGE_KINDS = ("claim", "source", "study")
"""The page kinds: ``claim-NAME.html``, ``source-NAME.html``, ``study-NAME.html``, flat beside the other
outputs (a build folder is one generation of files; see ``atomic.write_directory``)."""

ID_BASE = "https://w3id.org/claimgraph/id/"

_PLAIN_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")


def page_name(kind: str, iri: str) -> str:
    """The page's file name stem: the IRI's local name when it is a plain lower-case name under the project's
    namespace for ``kind``, otherwise a cleaned name plus a hash of the whole IRI (so never two IRIs alike)."""
    local = re.split(r"[/#:]", iri.rstrip("/#"))[-1]
    if iri == f"{ID_BASE}{kind}/{local}" and _PLAIN_NAME.fullmatch(local) and ".." not in local:
        return local
    cleaned = re.sub(r"[^a-z0-9]+", "-", local.lower()).strip("-")[:60] or kind
    return f"{cleaned}-{hashlib.sha256(iri.encode('utf-8')).hexdigest()[:10]}"


def page_path(kind: str, iri: str) -> str:
    """The page's file name in the build folder, e.g. ``claim-relieves-cipn-pain.html``."""
    if kind not in PAGE_KINDS:
        raise ValueError(f"no page kind {kind!r}; expected one of {', '.join(PAGE_KINDS)}")
    return f"{kind}-{page_name(kind, iri)}.html"
