"""CLI command ``build``: the main job."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimgraph.cli.options import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    existing_sources_dirs,
    graphs_option,
    sources_dirs_option,
    store_option,
)


@click.command()
@graphs_option
@store_option
@sources_dirs_option
@click.option("--out", "out_dir", default="build", show_default=True, type=click.Path(path_type=Path),
              help="Directory for the outputs.")
def build(graphs: tuple[Path, ...], store: str, sources_dirs: tuple[Path, ...], out_dir: Path) -> None:
    """Load, validate, check quotes and write every output to the build directory (exit 1 on findings)."""
    from claimgraph.build import build as run_build

    result = run_build(graphs, out_dir, store, existing_sources_dirs(sources_dirs))
    click.echo("claimgraph build")
    for name, count in result.counts.items():
        click.echo(f"  {name:<22}{count:>8}")
    verdict = "conforms" if result.validation.conforms else f"{len(result.validation.violations)} violations"
    click.echo(f"  SHACL: {verdict}")
    for line in result.summary_lines:
        click.echo(f"  {line}")
    click.echo(f"  wrote {len(result.outputs)} files to {out_dir}/")
    for miss in result.quotes.misses if result.quotes else []:
        click.echo(f"  MISS {miss.local_copy or miss.source}: {miss.quote!r} ({miss.reason}; {miss.assertion})")
    clean = result.validation.conforms and not (result.quotes and result.quotes.misses)
    sys.exit(EXIT_CLEAN if clean else EXIT_FINDINGS)
