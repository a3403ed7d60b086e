"""CLI commands ``validate`` (SHACL) and ``verify-quotes`` (quotes against the archived sources)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from claimgraph.cli.options import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    emit,
    existing_sources_dirs,
    format_option,
    graphs_option,
    output_option,
    sources_dirs_option,
    store_option,
)
from claimgraph.errors import InputError

if TYPE_CHECKING:
    from claimgraph.validate import ValidationReport


def _text(report: ValidationReport) -> str:
    from claimgraph.store.checks import shown

    lines = [f"{v.severity}: {v.focus} {v.path}: {v.message}" + (f" (value: {shown(v.value)})" if v.value else "")
             for v in report.violations]
    lines.append("conforms" if report.conforms else f"{len(report.violations)} violations")
    return "\n".join(lines)


VALIDATION_FORMATS: dict[str, Callable[[ValidationReport], str]] = {
    "text": _text,
    "json": lambda report: json.dumps(report.to_json(), indent=2),
    "turtle": lambda report: report.to_turtle(),
}
"""What ``validate`` writes its report as, by format name."""


@click.command()
@graphs_option
@store_option
@format_option(VALIDATION_FORMATS, help_text="text, json, or the W3C SHACL report graph as turtle.")
@output_option
def validate(graphs: tuple[Path, ...], store: str, fmt: str, output: Path | None) -> None:
    """Validate the graph against the SHACL shapes (exit 1 on violations)."""
    from claimgraph.store import load
    from claimgraph.validate import validate as run_validate

    with load(graphs, store) as loaded:
        report = run_validate(loaded)
    emit(VALIDATION_FORMATS[fmt](report), output)
    sys.exit(EXIT_CLEAN if report.conforms else EXIT_FINDINGS)


@click.command("verify-quotes")
@graphs_option
@store_option
@sources_dirs_option
def verify_quotes(graphs: tuple[Path, ...], store: str, sources_dirs: tuple[Path, ...]) -> None:
    """Check every assertion quote against its source's archived copy (exit 1 on a miss).

    With several --sources-dir folders, a cg:localCopy is looked up in each in order and the first folder
    holding it wins. A cg:localCopy that is absolute or leads outside its folder (through .. or a symlink)
    is never opened: it is reported as a miss naming the source. An archived copy that is not UTF-8 is an
    input error (exit 2); a leading UTF-8 byte-order mark is ignored.
    """
    from claimgraph.store import load
    from claimgraph.validate import verify_quotes as check

    folders = existing_sources_dirs(sources_dirs)
    if not folders:
        raise InputError("no archive folder: none of the default ones exists; pass --sources-dir DIR")
    with load(graphs, store) as loaded:
        result = check(loaded, folders)
    for miss in result.misses:
        click.echo(f"MISS {miss.local_copy or miss.source}: {miss.quote!r} ({miss.reason}; {miss.assertion})")
    click.echo(f"{result.checked} quotes checked, {len(result.misses)} not found")
    sys.exit(EXIT_FINDINGS if result.misses else EXIT_CLEAN)
