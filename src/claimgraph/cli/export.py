"""CLI commands for the export feature: ``export html|graphml|gexf|json|claimreview`` and ``analyse``.

Each command loads the graph and makes one library call.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from claimgraph.cli.options import emit, format_option, graphs_option, output_option, store_option
from claimgraph.errors import InputError
from claimgraph.network.formats import EXPORT_FORMATS

if TYPE_CHECKING:
    from claimgraph.network import Analysis


@click.group()
def export() -> None:
    """Export the graph as an interactive HTML page, a file for Gephi and Cytoscape, or ClaimReview JSON-LD."""


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
        from claimgraph.store import load

        with load(graphs, store) as loaded:
            text = EXPORT_FORMATS[name].export(loaded)
        emit(text, output)

    return click.command(name, help=description)(command)


for _format in EXPORT_FORMATS.values():
    export.add_command(_format_command(_format.name, _format.description))


def _analysis_text(result: Analysis, top: int | None) -> str:
    from claimgraph.network import format_text

    return format_text(result, top or DEFAULT_TOP)


def _analysis_json(result: Analysis, top: int | None) -> str:
    if top is not None:
        result = replace(result, most_cited=result.most_cited[:top], evidence_paths=result.evidence_paths[:top])
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)


ANALYSIS_FORMATS: dict[str, Callable[[Analysis, int | None], str]] = {"text": _analysis_text, "json": _analysis_json}
"""What ``analyse`` writes its findings as, by format name (with ``--top N`` or its default)."""


@click.command()
@graphs_option
@store_option
@format_option(ANALYSIS_FORMATS)
@click.option("--top", type=click.IntRange(min=1), default=None, metavar="N",
              help="List the N most-cited studies and N weakest evidence paths [default: 10 in text, all in json].")
@output_option
def analyse(graphs: tuple[Path, ...], store: str, fmt: str, top: int | None, output: Path | None) -> None:
    """Most-cited studies, weakest evidence paths, mechanism-only claims and connected components."""
    from claimgraph.network import analyse as run_analysis
    from claimgraph.network import build_network
    from claimgraph.store import load

    with load(graphs, store) as loaded:
        result = run_analysis(build_network(loaded), loaded)
    emit(ANALYSIS_FORMATS[fmt](result, top), output)


DEFAULT_TOP = 10
"""Ranked entries ``analyse`` lists in text when --top is not given."""

