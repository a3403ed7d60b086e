"""The ``claimgraph`` command: parses arguments, calls one library function, prints.

Exit codes: 0 clean, 1 findings (e.g. SHACL violations), 2 usage or input error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from claimgraph import __version__
from claimgraph.cli_options import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    ClaimgraphGroup,
    emit,
    graphs_option,
    output_option,
    store_option,
)


@click.group(cls=ClaimgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimgraph")
def main() -> None:
    """Model health claims and their evidence as RDF; validate, audit, query and export them."""


@main.command()
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


@main.command()
@graphs_option
@store_option
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "turtle"]), default="text",
              show_default=True, help="text, json, or the W3C SHACL report graph as Turtle.")
@output_option
def validate(graphs: tuple[Path, ...], store: str, fmt: str, output: Path | None) -> None:
    """Validate the graph against the SHACL shapes (exit 1 on violations)."""
    from claimgraph.store import load
    from claimgraph.validate import validate as run_validate

    report = run_validate(load(graphs, store))
    if fmt == "turtle":
        emit(report.graph.serialize(format="turtle"), output)
    elif fmt == "json":
        payload = {"conforms": report.conforms, "violations": [vars(v) for v in report.violations]}
        emit(json.dumps(payload, indent=2), output)
    else:
        lines = [f"{v.severity}: {v.focus} {v.path}: {v.message}" + (f" (value: {v.value})" if v.value else "")
                 for v in report.violations]
        lines.append("conforms" if report.conforms else f"{len(report.violations)} violations")
        emit("\n".join(lines), output)
    sys.exit(EXIT_CLEAN if report.conforms else EXIT_FINDINGS)


@main.command()
@graphs_option
@store_option
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(graphs: tuple[Path, ...], store: str, fmt: str) -> None:
    """Count sources, claims, assertions, studies, mechanisms and triples."""
    from claimgraph.stats import stats as count
    from claimgraph.store import load

    counts = count(load(graphs, store))
    if fmt == "json":
        click.echo(json.dumps(counts, indent=2))
    else:
        for name, value in counts.items():
            click.echo(f"{name:<22}{value:>8}")


@main.command("verify-quotes")
@graphs_option
@store_option
@click.option("--sources-dir", required=True, type=click.Path(path_type=Path),
              help="Folder holding the archived copies named by cg:localCopy.")
def verify_quotes(graphs: tuple[Path, ...], store: str, sources_dir: Path) -> None:
    """Check every assertion quote against its source's archived copy (exit 1 on a miss)."""
    from claimgraph.quotes import verify_quotes as check
    from claimgraph.store import load

    result = check(load(graphs, store), sources_dir)
    for miss in result.misses:
        click.echo(f"MISS {miss.local_copy or miss.source}: {miss.quote!r} ({miss.reason}; {miss.assertion})")
    click.echo(f"{result.checked} quotes checked, {len(result.misses)} not found")
    sys.exit(EXIT_FINDINGS if result.misses else EXIT_CLEAN)


def _register_command_modules() -> None:
    """Add the commands each feature module owns (audit, query/serve, export) to ``main``."""
    from importlib import import_module

    for module_name in COMMAND_MODULES:
        for command in import_module(module_name).commands:
            main.add_command(command)


COMMAND_MODULES = ("claimgraph.cli_audit", "claimgraph.cli_sparql", "claimgraph.cli_export")
_register_command_modules()

if __name__ == "__main__":
    main()
