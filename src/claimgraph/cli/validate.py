"""CLI commands ``validate`` (SHACL) and ``verify-quotes`` (quotes against the archived sources)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from claimgraph.cli.options import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    emit,
    existing_sources_dirs,
    graphs_option,
    output_option,
    sources_dirs_option,
    store_option,
)
from claimgraph.errors import InputError


@click.command()
@graphs_option
@store_option
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "turtle"]), default="text",
              show_default=True, help="text, json, or the W3C SHACL report graph as Turtle.")
@output_option
def validate(graphs: tuple[Path, ...], store: str, fmt: str, output: Path | None) -> None:
    """Validate the graph against the SHACL shapes (exit 1 on violations)."""
    from claimgraph.store import load
    from claimgraph.validate import validate as run_validate

    with load(graphs, store) as loaded:
        report = run_validate(loaded)
    if fmt == "turtle":
        emit(report.to_turtle(), output)
    elif fmt == "json":
        emit(json.dumps(report.to_json(), indent=2), output)
    else:
        from claimgraph.store.checks import shown

        lines = [f"{v.severity}: {v.focus} {v.path}: {v.message}" + (f" (value: {shown(v.value)})" if v.value else "")
                 for v in report.violations]
        lines.append("conforms" if report.conforms else f"{len(report.violations)} violations")
        emit("\n".join(lines), output)
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
