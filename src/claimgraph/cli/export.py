"""CLI commands for the export feature: ``export html|graphml|gexf|json`` and ``analyse``.

Each command loads the graph and makes one library call.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from claimgraph.cli.options import emit, graphs_option, output_option, store_option
from claimgraph.errors import InputError
from claimgraph.network.formats import GRAPH_FORMATS


@click.group()
def export() -> None:
    """Export the graph as an interactive HTML page or as a file for Gephi and Cytoscape."""


@export.command()
@graphs_option
@store_option
@click.option("--view", "view", default=None, metavar="VIEW",
              help="condition:ID (only the claims about it), claim:ID, source:ID or study:ID: the node and its "
                   "neighbourhood (ID: the local name, e.g. condition:cipn or study:shlay-1998, or the full IRI); "
                   "audit or full: the whole graph (claims coloured by verdict, or not). Without --view the "
                   "command names the views and IDs of the graph.")
@output_option
def html(graphs: tuple[Path, ...], store: str, view: str | None, output: Path | None) -> None:
    """An interactive HTML view that works offline (vis-network inlined, nothing fetched)."""
    from claimgraph.network import build_network, export_html
    from claimgraph.network.graph import view_hint
    from claimgraph.store import load

    with load(graphs, store) as loaded:
        if view is None:
            raise InputError(view_hint(build_network(loaded)))
        page = export_html(loaded, view)
    emit(page, output)


def _format_command(name: str, description: str) -> click.Command:
    @graphs_option
    @store_option
    @output_option
    def command(graphs: tuple[Path, ...], store: str, output: Path | None) -> None:
        from claimgraph.network import audited_network
        from claimgraph.store import load

        with load(graphs, store) as loaded:
            network = audited_network(loaded)
        emit(GRAPH_FORMATS[name].write(network), output)

    help_text = (f"The network as {description}; claim nodes carry the audit's verdict_class, verdict, "
                 "evidence_level and findings counts.")
    return click.command(name, help=help_text)(command)


for _format in GRAPH_FORMATS.values():
    export.add_command(_format_command(_format.name, _format.description))


@click.command()
@graphs_option
@store_option
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@output_option
def analyse(graphs: tuple[Path, ...], store: str, fmt: str, output: Path | None) -> None:
    """Most-cited studies, weakest evidence paths, mechanism-only claims and connected components."""
    from claimgraph.network import analyse as run_analysis
    from claimgraph.network import build_network, format_text
    from claimgraph.store import load

    with load(graphs, store) as loaded:
        result = run_analysis(build_network(loaded), loaded)
    emit(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) if fmt == "json" else format_text(result), output)

