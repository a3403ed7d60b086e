"""Regenerate the sample outputs shown in README.md and docs/*.md from the curated graph.

    python tools/docs.py            # exit 1 naming every sample that differs from what --write would write
    python tools/docs.py --write    # rewrite every sample (what `make docs` runs)

A sample is marked in the Markdown by the command that makes it, and the tool owns everything between the
markers:

    <!-- output: claimgraph stats -->
    ```text
    $ claimgraph stats
    sources                      5
    …
    ```
    <!-- end output -->

The command runs through the installed CLI (the ``claimgraph`` beside this interpreter), in the repository
root, on the default store (graphs/ and the ontology the package ships), with ``COLUMNS=80`` so help text wraps
the same everywhere. It must exit 0 or 1 (1: findings, as the audit reports them), write nothing to stderr, and
print no path of the machine it runs on. A trailing ``| head -n N`` keeps the first N lines, as the shell would.
Each line's trailing spaces are dropped. The block starts with the command itself, so a reader sees what to type.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OPEN = re.compile(r"^<!-- output: (?P<command>.+?) -->$")
CLOSE = "<!-- end output -->"
HEAD = re.compile(r"^(?P<command>.+?)\s+\|\s+head\s+-n\s*(?P<lines>\d+)$")
JOBS = 2
"""Commands run at once: the curated graph loads in a fraction of a second, so two keep a 2-core machine busy."""


class DocsError(Exception):
    """A marker that cannot be read or a command that does not run cleanly."""


@dataclass(frozen=True)
class Sample:
    """One marked sample: where it is, the command that makes it, and the lines it holds now."""

    path: Path
    line: int
    """The 1-based line of the opening marker."""
    command: str
    body: str
    """The text between the markers (each line with its newline)."""

    def where(self, root: Path = ROOT) -> str:
        """``README.md:57`` style location, relative to ``root`` when inside it."""
        path = self.path.relative_to(root) if self.path.is_relative_to(root) else self.path
        return f"{path}:{self.line}"


def markdown_files(root: Path = ROOT) -> list[Path]:
    """README.md, then every page under docs/, in name order."""
    return [root / "README.md", *sorted((root / "docs").glob("*.md"))]


def samples(path: Path, text: str | None = None) -> list[Sample]:
    """The marked samples of one Markdown file, in order; a marker left open or closed twice is an error."""
    lines = (path.read_text(encoding="utf-8") if text is None else text).splitlines(keepends=True)
    found: list[Sample] = []
    opened: tuple[int, str] | None = None
    body: list[str] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.rstrip("\n")
        match = OPEN.match(stripped)
        if match:
            if opened:
                raise DocsError(f"{path}:{opened[0]}: `<!-- output: {opened[1]} -->` has no `{CLOSE}` "
                                f"before the next marker on line {number}")
            opened, body = (number, match["command"].strip()), []
        elif stripped == CLOSE:
            if not opened:
                raise DocsError(f"{path}:{number}: `{CLOSE}` without an `<!-- output: … -->` before it")
            found.append(Sample(path, opened[0], opened[1], "".join(body)))
            opened = None
        elif opened:
            body.append(line)
    if opened:
        raise DocsError(f"{path}:{opened[0]}: `<!-- output: {opened[1]} -->` has no `{CLOSE}`")
    return found


def split_command(command: str) -> tuple[list[str], int | None]:
    """The arguments after ``claimgraph`` and the number of lines to keep (None: all)."""
    match = HEAD.match(command)
    words = shlex.split(match["command"] if match else command)
    if not words or words[0] != "claimgraph" or any(word in ("|", ";", "&&", ">", "<") for word in words):
        raise DocsError(f"`{command}`: a sample's command is `claimgraph …`, optionally followed by `| head -n N`")
    return words[1:], int(match["lines"]) if match else None


def executable() -> str:
    """The ``claimgraph`` script installed beside this interpreter (the project's venv), else the one on PATH."""
    beside = Path(sys.executable).parent / "claimgraph"
    if beside.exists():
        return str(beside)
    found = shutil.which("claimgraph")
    if found is None:
        raise DocsError("no `claimgraph` installed beside this Python or on PATH: run `make demo` first")
    return found


def run(command: str, root: Path = ROOT) -> str:
    """What ``command`` prints, run in ``root``: its output, trailing spaces dropped, cut to ``head -n N``."""
    args, keep = split_command(command)
    environment = {key: value for key, value in os.environ.items() if key != "CLAIMGRAPH_TRACEBACK"}
    environment.update(COLUMNS="80", LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8")
    result = subprocess.run([executable(), *args], cwd=root, env=environment, capture_output=True, text=True,
                            encoding="utf-8", check=False, timeout=300)
    if result.returncode not in (0, 1) or result.stderr.strip():
        raise DocsError(f"`{command}` exited {result.returncode}: {result.stderr.strip() or result.stdout[-500:]}")
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    lines = lines if keep is None else lines[:keep]
    for private in {str(root.resolve()), str(Path.home())} - {"/"}:
        if any(private in line for line in lines):
            raise DocsError(f"`{command}` prints the path {private}: a sample must read the same on every machine")
    return "".join(f"{line}\n" for line in lines)


def render(command: str, output: str) -> str:
    """The text between a sample's markers: a fenced block with the command, then its output."""
    fence = "````" if "```" in output else "```"
    return f"{fence}text\n$ {command}\n{output}{fence}\n"


def outputs(commands: Iterable[str], root: Path = ROOT, jobs: int = JOBS) -> dict[str, str]:
    """Each distinct command's rendered block, the commands run ``jobs`` at a time."""
    distinct = sorted(set(commands))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        rendered = list(pool.map(lambda command: render(command, run(command, root)), distinct))
    return dict(zip(distinct, rendered, strict=True))


def rewrite(text: str, blocks: dict[str, str]) -> str:
    """``text`` with every sample's body replaced by its block from ``blocks``."""
    out: list[str] = []
    command: str | None = None
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\n")
        match = OPEN.match(stripped)
        if command is None:
            out.append(line)
            if match:
                command = match["command"].strip()
        elif stripped == CLOSE:
            out += [blocks[command], line]
            command = None
    return "".join(out)


def stale(root: Path = ROOT, write: bool = False) -> list[Sample]:
    """The samples whose text differs from what they would be now; with ``write``, rewrite their files."""
    found = {path: samples(path) for path in markdown_files(root)}
    blocks = outputs((sample.command for marked in found.values() for sample in marked), root)
    differing = [sample for marked in found.values() for sample in marked if sample.body != blocks[sample.command]]
    if write:
        for path in {sample.path for sample in differing}:
            path.write_text(rewrite(path.read_text(encoding="utf-8"), blocks), encoding="utf-8")
    return differing


def main(argv: list[str] | None = None) -> int:
    """Check (exit 1 listing what differs) or, with --write, rewrite the samples."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--write", action="store_true", help="rewrite the samples instead of checking them")
    arguments = parser.parse_args(argv)
    try:
        differing = stale(write=arguments.write)
    except DocsError as error:
        print(f"docs: {error}", file=sys.stderr)
        return 2
    for sample in differing:
        verb = "rewrote" if arguments.write else "differs from its command's output now:"
        print(f"{sample.where()}: {verb} `{sample.command}`")
    if differing and not arguments.write:
        print("run `make docs` to regenerate them", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
