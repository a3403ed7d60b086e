"""File formats for the network, for Gephi, Cytoscape and other graph tools.

:data:`GRAPH_FORMATS` is the single source of truth: the CLI offers one ``export`` subcommand
per entry, so adding a format is adding one entry.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class GraphFormat:
    """A named graph file format and the function that writes a network as its text."""

    name: str
    description: str
    write: Callable[[nx.MultiDiGraph], str]


def to_graphml(graph: nx.MultiDiGraph) -> str:
    """GraphML (Gephi, Cytoscape, yEd): every node and edge attribute as a typed GraphML key."""
    import networkx as nx

    return "\n".join(nx.generate_graphml(graph)) + "\n"


def to_gexf(graph: nx.MultiDiGraph) -> str:
    """GEXF 1.2 (Gephi's own format); node labels become GEXF labels."""
    import networkx as nx

    return "\n".join(nx.generate_gexf(graph)) + "\n"


def to_node_link_json(graph: nx.MultiDiGraph) -> str:
    """Node-link JSON (``nodes`` and ``edges`` lists), read back by ``networkx.node_link_graph``."""
    import networkx as nx

    return json.dumps(nx.node_link_data(graph, edges="edges"), indent=1, ensure_ascii=False) + "\n"


GRAPH_FORMATS: dict[str, GraphFormat] = {
    fmt.name: fmt
    for fmt in (
        GraphFormat("graphml", "GraphML for Gephi, Cytoscape and yEd", to_graphml),
        GraphFormat("gexf", "GEXF for Gephi", to_gexf),
        GraphFormat("json", "node-link JSON for networkx, D3 and Cytoscape", to_node_link_json),
    )
}
"""Export formats by name (the ``claimgraph export NAME`` subcommands)."""
