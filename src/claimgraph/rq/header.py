"""The header of a shipped ``.rq`` file (rule, fact, named query or view), parsed in one place.

Every shipped query starts with comment lines::

    # rule-id: one-line description
    # severity: error|warning|info          (audit rules only)
    # message: template with {columns}      (audit rules only)
    # param: name — what to bind it to      (optional, repeatable)
    # list: column " | "                    (a GROUP_CONCAT list column and its separator; repeatable)
    # Finds: … Why it matters: …            (free text: the explanation)

The first line must name the file's own id. Only the keys above are read as fields; any
other comment line belongs to the explanation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from claimgraph.errors import ClaimgraphError
from claimgraph.severity import Severity

FIELD = re.compile(r"^#\s*(?P<key>severity|message|param|list):\s*(?P<value>.*?)\s*$")
FIRST_LINE = re.compile(r"^#\s*(?P<id>[A-Za-z][\w-]*):\s*(?P<description>.*?)\s*$")
PARAM = re.compile(r"^(?P<name>\w+)\s*(?:[—:-]\s*(?P<description>.*))?$")
LIST = re.compile(r'^(?P<name>\w+)\s+(?P<separator>"(?:[^"\\]|\\.)*")$')


class HeaderError(ClaimgraphError):
    """A shipped ``.rq`` file whose header is malformed."""


@dataclass(frozen=True)
class RqHeader:
    """What a ``.rq`` header declares: id, description, and for rules severity and message."""

    id: str
    description: str
    severity: Severity | None = None
    message: str | None = None
    params: Mapping[str, str] = field(default_factory=dict)
    lists: Mapping[str, str] = field(default_factory=dict)
    """List-valued result columns and the separator between their items."""
    explanation: str = ""


def leading_comments(text: str) -> list[str]:
    """The comment lines a query text starts with (its header)."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.rstrip())
    return lines


def declared_params(text: str) -> dict[str, str]:
    """The ``# param:`` lines of any query's header (a user's file need not follow the rest)."""
    found = {}
    for line in leading_comments(text):
        match = FIELD.match(line)
        param = PARAM.match(match["value"]) if match and match["key"] == "param" else None
        if param:
            found[param["name"]] = (param["description"] or "").strip()
    return found


def parse_header(origin: str, expected_id: str, text: str) -> RqHeader:
    """The header of ``text``; ``origin`` names the file in errors, ``expected_id`` is its name."""
    lines = leading_comments(text)
    first = FIRST_LINE.match(lines[0]) if lines else None
    if first is None or first["id"] != expected_id or FIELD.match(lines[0]):
        raise HeaderError(f"{origin}: first line must be '# {expected_id}: description'")
    severity: Severity | None = None
    message: str | None = None
    params: dict[str, str] = {}
    lists: dict[str, str] = {}
    explanation: list[str] = []
    for number, line in enumerate(lines[1:], start=2):
        match = FIELD.match(line)
        if match is None:
            explanation.append(line.lstrip("#").strip())
            continue
        key, value = match["key"], match["value"]
        where = f"{origin}:{number}"
        if key == "severity":
            try:
                severity = Severity(value)
            except ValueError:
                raise HeaderError(f"{where}: severity must be error, warning or info, not {value!r}") from None
        elif key == "message":
            message = value
        elif key == "param":
            param = PARAM.match(value)
            if param is None:
                raise HeaderError(f"{where}: write '# param: name — description'")
            params[param["name"]] = (param["description"] or "").strip()
        else:
            listed = LIST.match(value)
            if listed is None:
                raise HeaderError(f"{where}: write '# list: column \" | \"' (the separator as a quoted string)")
            lists[listed["name"]] = json.loads(listed["separator"])
    return RqHeader(
        id=first["id"],
        description=first["description"],
        severity=severity,
        message=message,
        params=params,
        lists=lists,
        explanation=" ".join(part for part in explanation if part),
    )
