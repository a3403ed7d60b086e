"""One definition, many queries: ``# include:`` markers expanded in place in shipped ``.rq`` files.

A fragment (e.g. ``audit/rules/facts/claim-support.rq``) is a complete, runnable SELECT.
A query that needs the same definition embeds it as a sub-select between markers::

    # include: audit/rules/facts/claim-support.rq
    {
      SELECT ?claim … (the fragment's query, without its header and PREFIX lines)
    }
    # end include

Every shipped file stays standard SPARQL 1.1 that runs alone; this module rewrites the
text between the markers from the fragment (``make rq``), and the tests fail when a shipped
file differs from its expansion. Fragment paths are relative to the claimgraph package, so they name
the package that owns the fragment; the PREFIX lines a fragment needs are added to the including file.

    python -m claimgraph.rq.include          # list files whose expansion is stale
    python -m claimgraph.rq.include --write  # rewrite them
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable

from claimgraph.errors import ClaimgraphError
from claimgraph.rq.folder import ROOT_PACKAGE

INCLUDE = re.compile(r"^(?P<indent>[ \t]*)# include: (?P<path>\S+\.rq)\s*$")
END = re.compile(r"^[ \t]*# end include\s*$")
PREFIX_LINE = re.compile(r"^PREFIX\s+(?P<name>[A-Za-z][\w.-]*)?:\s*<(?P<iri>[^>]*)>\s*$", re.IGNORECASE)
INDENT = "  "


class IncludeError(ClaimgraphError):
    """An include marker without its end, a missing fragment, an include cycle or clashing prefixes."""


def fragment_parts(text: str) -> tuple[dict[str, str], list[str]]:
    """A fragment's PREFIX declarations and its query lines (header comments and PREFIX lines left out)."""
    prefixes: dict[str, str] = {}
    body: list[str] = []
    for line in text.splitlines():
        match = PREFIX_LINE.match(line)
        if match:
            prefixes[match["name"] or ""] = match["iri"]
        elif body or not line.startswith("#"):
            body.append(line.rstrip())
    while body and not body[-1]:
        body.pop()
    return prefixes, body


def expand(text: str, origin: str, read: Callable[[str], str], seen: tuple[str, ...] = ()) -> str:
    """``text`` with every include region rewritten from its fragment (recursively); ``read`` gives a
    fragment's text by its include path."""
    lines = text.splitlines()
    out: list[str] = []
    needed: dict[str, str] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        match = INCLUDE.match(line)
        index += 1
        if match is None:
            out.append(line)
            continue
        path, indent = match["path"], match["indent"]
        end = _matching_end(lines, index)
        if end is None:
            raise IncludeError(f"{origin}:{index}: '# include: {path}' has no '# end include' after it")
        if path in seen:
            raise IncludeError(f"{origin}: include cycle: {' -> '.join((*seen, path))}")
        try:
            fragment = expand(read(path), path, read, (*seen, path))
        except (FileNotFoundError, OSError):
            raise IncludeError(f"{origin}:{index}: no fragment {path}") from None
        prefixes, body = fragment_parts(fragment)
        needed.update(prefixes)
        out.append(line)
        out.append(f"{indent}{{")
        out.extend(f"{indent}{INDENT}{part}" if part else "" for part in body)
        out.append(f"{indent}}}")
        out.append(lines[end])
        index = end + 1
    return _declare(out, needed, origin) + ("\n" if text.endswith("\n") else "")


def inline_answer(text: str, fragment: str, values: str) -> str:
    """``text`` with each include region of ``fragment`` replaced by ``values``, a ``VALUES`` block holding that
    fragment's answer: the same query, joined with the answer instead of evaluating the sub-select again."""
    lines = text.splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        match = INCLUDE.match(lines[index])
        end = _matching_end(lines, index + 1) if match and match["path"] == fragment else None
        if match is None or end is None:
            out.append(lines[index])
            index += 1
            continue
        out.extend(f"{match['indent']}{line}" for line in values.splitlines())
        index = end + 1
    return "\n".join(out) + "\n"


def _matching_end(lines: list[str], start: int) -> int | None:
    """The index of the ``# end include`` that closes the marker before ``start`` (regions nest)."""
    depth = 0
    for index in range(start, len(lines)):
        if INCLUDE.match(lines[index]):
            depth += 1
        elif END.match(lines[index]):
            if depth == 0:
                return index
            depth -= 1
    return None


def _declare(lines: list[str], needed: dict[str, str], origin: str) -> str:
    """The lines with any PREFIX the fragments need and the file lacks added after its last PREFIX line."""
    declared = {}
    last_prefix = -1
    for number, line in enumerate(lines):
        match = PREFIX_LINE.match(line)
        if match:
            declared[match["name"] or ""] = match["iri"]
            last_prefix = number
    missing = []
    for name, iri in needed.items():
        if name in declared and declared[name] != iri:
            raise IncludeError(
                f"{origin}: PREFIX {name}: is <{declared[name]}> here but <{iri}> in an included fragment")
        if name not in declared:
            missing.append(f"PREFIX {name}: <{iri}>")
    if missing and last_prefix < 0:
        raise IncludeError(f"{origin}: declare PREFIX lines before including fragments")
    return "\n".join(lines[: last_prefix + 1] + missing + lines[last_prefix + 1:])


@dataclass(frozen=True)
class Expansion:
    """A shipped ``.rq`` file, its text and the text its include markers expand to."""

    name: str
    entry: Traversable
    text: str
    expanded: str

    @property
    def stale(self) -> bool:
        """Whether the file differs from its expansion (``make rq`` rewrites it)."""
        return self.text != self.expanded


def _read_fragment(path: str) -> str:
    return files(ROOT_PACKAGE).joinpath(path).read_text(encoding="utf-8")


@dataclass(frozen=True)
class ShippedQuery:
    """One ``.rq`` file the package ships: its folder (relative to the package), name without ``.rq``, text."""

    folder: str
    name: str
    entry: Traversable

    @property
    def path(self) -> str:
        """The file relative to the package, e.g. ``audit/rules/unsupported.rq``."""
        return f"{self.folder}/{self.name}.rq"

    @property
    def text(self) -> str:
        """The file's text."""
        return self.entry.read_text(encoding="utf-8")


def shipped_queries() -> list[ShippedQuery]:
    """Every ``.rq`` file anywhere in the package, ordered by folder and name."""
    found: list[ShippedQuery] = []

    def walk(directory: Traversable, folder: str) -> None:
        for entry in directory.iterdir():
            if entry.is_dir() and not entry.name.startswith(("_", ".")):
                walk(entry, f"{folder}/{entry.name}" if folder else entry.name)
            elif entry.name.endswith(".rq"):
                found.append(ShippedQuery(folder, entry.name[:-3], entry))

    walk(files(ROOT_PACKAGE), "")
    return sorted(found, key=lambda query: (query.folder, query.name))


def expansions() -> list[Expansion]:
    """Every shipped ``.rq`` file with its expansion."""
    found = []
    for query in shipped_queries():
        text = query.text
        found.append(Expansion(query.path, query.entry, text, expand(text, query.path, _read_fragment)))
    return found


def main(argv: list[str] | None = None) -> int:
    """List stale files (exit 1 if any), or rewrite them with ``--write``."""
    write = "--write" in (sys.argv[1:] if argv is None else argv)
    try:
        stale = [expansion for expansion in expansions() if expansion.stale]
    except IncludeError as error:
        print(f"claimgraph: error: {error}", file=sys.stderr)
        return 2
    for expansion in stale:
        if write:
            with open(str(expansion.entry), "w", encoding="utf-8") as handle:
                handle.write(expansion.expanded)
        print(f"{'rewrote' if write else 'stale'}: {expansion.name}")
    return 0 if write or not stale else 1


if __name__ == "__main__":
    raise SystemExit(main())
