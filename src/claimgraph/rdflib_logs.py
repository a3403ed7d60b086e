"""rdflib's log records that claimgraph has already answered for, and the filter that keeps them off stderr.

rdflib logs a warning with a traceback for every literal whose value it cannot compute. Every literal claimgraph
loads has passed ``store.checks.check_turtle`` (the ill-typed refused, naming file and line), so what rdflib
still cannot convert is a valid value it has no Python form for: an integer past Python's int-string limit.
rdflib keeps such a literal by its lexical form.
"""

from __future__ import annotations

import logging

CONVERSION_FAILED = "Failed to convert Literal lexical form to value"
"""The start of rdflib's warning for a literal whose value it cannot compute."""


class _ValidLiteralsOnly(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(CONVERSION_FAILED)


_FILTER = _ValidLiteralsOnly()


def quiet_valid_literal_warnings() -> None:
    """Keep rdflib's conversion warnings (and their tracebacks) off stderr; idempotent."""
    logger = logging.getLogger("rdflib.term")
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
