"""CLI command ``build``: the main job."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimgraph.cli.options import EXIT_CLEAN, EXIT_FINDINGS, graphs_option, store_option


@click.command()
@graphs_option
@store_option
@click.option("--out", "out_dir", default="build", show_default=True, type=click.Path(path_type=Path),
              help="Directory for the outputs.")
def build(graphs: tuple[Path, ...], store: str, out_dir: Path) -> None:
    """Load, validate and write every output to the build directory (exit 1 on violations)."""
    from claimgraph.build import build as run_build

    result = run_build(graphs, out_dir, store)
    click.echo("claimgraph build")
    for name, count in result.counts.items():
        click.echo(f"  {name:<22}{count:>8}")
    verdict = "conforms" if result.validation.conforms else f"{len(result.validation.violations)} violations"
    click.echo(f"  SHACL: {verdict}")
    for line in result.summary_lines:
        click.echo(f"  {line}")
    click.echo(f"  wrote {len(result.outputs)} files to {out_dir}/")
    sys.exit(EXIT_CLEAN if result.validation.conforms else EXIT_FINDINGS)
