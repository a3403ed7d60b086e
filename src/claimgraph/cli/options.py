"""Options, output helpers and exit codes shared by every claimgraph command."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar, NoReturn, TypeVar

import click

from claimgraph.errors import ClaimgraphError
from claimgraph.formats import FORMAT_ALIASES, FORMAT_NAMES
from claimgraph.inputfile import DEFAULT_MAX_BYTES, describe_size
from claimgraph.store import DEFAULT_STORE
from claimgraph.timebudget import DEFAULT_TIME_LIMIT

F = TypeVar("F", bound=Callable[..., Any])

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
"""Exit codes; usage and input errors exit 2 (click's usage errors and ClaimgraphError.exit_code);
3 is a bug in claimgraph (one line; ``CLAIMGRAPH_TRACEBACK=1`` shows the traceback)."""


class ClaimgraphGroup(click.Group):
    """A group that turns library errors into a one-line message and exit code 2.

    Every command runs through :meth:`invoke`, so this is the one place a closed standard output is handled
    (click's own handler, outside it, would exit 1).
    """

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a ClaimgraphError becomes one line on stderr and its exit code; a reader that closed
        standard output early ends the command quietly with exit 0."""
        from claimgraph.rdflib_logs import quiet_valid_literal_warnings  # not at import: --help stays light

        quiet_valid_literal_warnings()
        try:
            return super().invoke(ctx)
        except ClaimgraphError as error:
            click.echo(f"claimgraph: error: {error}", err=True)
            ctx.exit(error.exit_code)
        except OSError as error:
            if error.errno == errno.EPIPE:  # BrokenPipeError too: stdout's reader is gone (`claimgraph … | head`)
                _stdout_to_devnull()
                ctx.exit(EXIT_CLEAN)
            where = f"{error.filename}: " if error.filename else ""
            click.echo(f"claimgraph: error: {where}{error.strerror or error}", err=True)
            ctx.exit(EXIT_INPUT)
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt):
            raise
        except Exception as error:
            if os.environ.get("CLAIMGRAPH_TRACEBACK"):
                raise
            detail = " ".join(str(error).split())
            click.echo(f"claimgraph: internal error (a bug; please report it): {type(error).__name__}: {detail}"
                       " (set CLAIMGRAPH_TRACEBACK=1 to see where)", err=True)
            ctx.exit(EXIT_INTERNAL)


def _stdout_to_devnull() -> None:
    """Point standard output at the null device, so the interpreter's last flush does not fail on it again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (a test runner's capture): nothing to flush
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def graphs_option(function: F) -> F:
    """``-g/--graphs``: Turtle files or directories to load (default: graphs/)."""
    return click.option(
        "-g",
        "--graphs",
        "graphs",
        multiple=True,
        default=("graphs",),
        show_default=True,
        type=click.Path(path_type=Path),
        help="Turtle file or directory of *.ttl to load; repeatable.",
    )(function)


def store_option(function: F) -> F:
    """``--store``: memory (Oxigraph in memory, the default), oxigraph:PATH[,…], rdflib or sparql:URL[,…]."""
    return click.option(
        "--store",
        default=DEFAULT_STORE,
        show_default=True,
        help="memory (Oxigraph in memory), oxigraph:PATH[,memory-copy=off] (on disk; queries run on an in-memory "
             "copy unless the graph is large or the copy is off), rdflib (rdflib's engine), "
             "or sparql:QUERY_URL[,UPDATE_URL] (a server; options ,graph=IRI ,timeout=SECONDS ,max-bytes=N).",
    )(function)


def output_option(function: F) -> F:
    """``-o/--output``: write to a file (atomically) instead of standard output."""
    return click.option(
        "-o", "--output", type=click.Path(path_type=Path), default=None,
        help="Write to FILE (replaced atomically; devices and FIFOs written through; - for stdout)."
    )(function)


class FormatChoice(click.Choice):  # type: ignore[type-arg]  # generic only since click 8.2
    """Format names (``claimgraph.formats``); an old name (``table``, ``ttl``) is accepted for its new one, unlisted."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The chosen name, an old name turned into the new one when this command offers that."""
        if isinstance(value, str) and FORMAT_ALIASES.get(value) in self.choices:
            value = FORMAT_ALIASES[value]
        return super().convert(value, param, ctx)


def format_option(names: Iterable[str], default: str | None = "text", help_text: str | None = None) -> Callable[[F], F]:
    """``-f/--format``: one of ``names``, what the command can write; each is a name of ``FORMAT_NAMES``."""
    choices = list(names)
    described = ", ".join(f"{name} ({FORMAT_NAMES[name].meaning})" for name in choices)
    return click.option("-f", "--format", "fmt", type=FormatChoice(choices), default=default,
                        show_default=default is not None, help=help_text or f"{described}.")


OWN_PROCESS = "claimgraph console script"
"""The root context's ``obj`` when ``main`` runs as the console script, in a process of its own
(:func:`claimgraph.cli.main.run`), rather than called in-process (as the tests call it)."""


def exit_without_teardown(code: int) -> NoReturn:
    """End the command with ``code``. As the console script, end the process as soon as its output is flushed,
    without freeing every object first (a store and an audit report of 10^6 triples take about 1 s of CPU to
    free); called in-process, ``sys.exit``. A failed flush raises, as any write of a command does."""
    if click.get_current_context().find_root().obj != OWN_PROCESS:
        sys.exit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def emit(text: str, output: Path | None) -> None:
    """Print ``text`` (no ``output``, or ``-``) or write it atomically to ``output``."""
    if output is None or str(output) == "-":
        click.echo(text, nl=not text.endswith("\n"))
    else:
        from claimgraph.atomic import write_atomic

        write_atomic(output, text)


DEFAULT_SOURCES_DIRS = (Path("sources"), Path("../shared/seeds"))
"""Where archived copies are looked up when no --sources-dir is given: the repository's own archive (written
by ``claimgraph ingest``), then the curated seeds beside the repository. A default folder that does not exist
is skipped; a folder given on the command line must exist."""


def existing_sources_dirs(given: tuple[Path, ...]) -> list[Path]:
    """The folders to read archived copies from: those given, or the default ones that exist."""
    return list(given) if given else [path for path in DEFAULT_SOURCES_DIRS if path.is_dir()]


def sources_dirs_option(function: F) -> F:
    """``--sources-dir``: folders holding archived copies (repeatable; default sources/ then ../shared/seeds/)."""
    return click.option(
        "--sources-dir", "sources_dirs", multiple=True, type=click.Path(path_type=Path),
        help="Folder of archived copies named by cg:localCopy; repeatable, first match wins "
             f"(default: {', '.join(map(str, DEFAULT_SOURCES_DIRS))} where they exist).",
    )(function)


class ByteSize(click.ParamType):  # type: ignore[type-arg]  # generic only since click 8.2
    """A size in bytes: a whole number, or one with a K, M or G suffix (binary: 20M is 20 MiB)."""

    name = "bytes"
    _UNITS: ClassVar[dict[str, int]] = {
        "": 1, "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10, "m": 1 << 20, "mb": 1 << 20, "mib": 1 << 20,
        "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        """``value`` in bytes; a usage error for anything else."""
        if isinstance(value, int):
            return value
        number, unit = str(value).strip(), ""
        while number and not number[-1].isdigit():
            number, unit = number[:-1], number[-1] + unit
        if number.isdigit() and unit.strip().lower() in self._UNITS and int(number) > 0:
            return int(number) * self._UNITS[unit.strip().lower()]
        self.fail(f"{value!r} is not a size in bytes (e.g. 500000, 512K, 20M)", param, ctx)


def max_bytes_option(function: F) -> F:
    """``--max-bytes``: the largest input file (and extracted text) a command reads; default DEFAULT_MAX_BYTES."""
    return click.option(
        "--max-bytes", type=ByteSize(), default=DEFAULT_MAX_BYTES,
        help=f"Refuse an input file (or a document's extracted text) larger than this (default "
             f"{describe_size(DEFAULT_MAX_BYTES)}; e.g. 512K, 50M). Only regular files are read: FIFOs and "
             "devices are refused.",
    )(function)


def time_limit_option(function: F) -> F:
    """``--time-limit``: seconds one document may take before it is refused (0: no limit)."""
    return click.option(
        "--time-limit", type=click.FloatRange(min=0), default=DEFAULT_TIME_LIMIT, show_default=True,
        metavar="SECONDS", help="Seconds reading and drafting the input may take; past it, nothing is written "
                                "(0: no limit).",
    )(function)
