"""Exceptions that the CLI turns into exit codes and one-line messages."""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base class: a problem with input or usage (exit code 2)."""

    exit_code = 2


class InputError(ClaimgraphError):
    """Unreadable or malformed input: names the file and, where known, the line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        where = path or ""
        if path and line is not None:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class QueryError(ClaimgraphError):
    """A SPARQL query that does not parse or cannot be run."""

