"""A layered layout for big views, linear in the size of the graph.

Each node kind gets a horizontal band (sources, then claims, studies, mechanisms,
conditions); inside a band nodes fill a grid column by column, ordered by the mean
x of their neighbours in the bands above, so related nodes sit near each other.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from claimgraph.network.graph import NODE_KINDS

if TYPE_CHECKING:
    import networkx as nx

Position = tuple[float, float]


def layered_positions(
    graph: nx.MultiDiGraph,
    layers: Sequence[str] = NODE_KINDS,
    spacing: tuple[float, float] = (110.0, 60.0),
    band_gap: float = 220.0,
) -> dict[str, Position]:
    """x, y for every node: one band per kind in ``layers`` order (unknown kinds last)."""
    columns = max(8, math.ceil(math.sqrt(graph.number_of_nodes()) * 1.5))
    dx, dy = spacing
    by_kind: dict[str, list[str]] = {}
    for node, kind in graph.nodes(data="kind"):
        by_kind.setdefault(str(kind), []).append(node)
    order = [kind for kind in layers if kind in by_kind] + sorted(set(by_kind) - set(layers))
    placed: dict[str, Position] = {}
    top = 0.0
    for kind in order:
        members = sorted(by_kind[kind], key=lambda node: _barycentre_key(graph, node, placed))
        rows = math.ceil(len(members) / columns)
        used_columns = math.ceil(len(members) / rows)
        for index, node in enumerate(members):
            column, row = divmod(index, rows)
            placed[node] = ((column - (used_columns - 1) / 2) * dx, top + row * dy)
        top += (rows - 1) * dy + band_gap
    return placed


def _barycentre_key(graph: nx.MultiDiGraph, node: str, placed: dict[str, Position]) -> tuple[float, str]:
    xs = [placed[other][0] for other in (*graph.pred[node], *graph.succ[node]) if other in placed]
    return (sum(xs) / len(xs) if xs else math.inf, str(graph.nodes[node].get("label", node)))
