"""Keeping a library's own log lines and warnings off stderr while it reads a user's file.

claimgraph answers bad input with one line of its own (``claimgraph: error: FILE[:LINE]: …``); a library's
messages about the same file (pypdf on a damaged PDF, bibtexparser on a broken entry) would only come before it.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator


@contextlib.contextmanager
def quiet_library(name: str) -> Iterator[None]:
    """Hide the logger ``name``'s records below CRITICAL, and Python warnings, while the block runs."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)
