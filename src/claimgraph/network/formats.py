"""File formats for the network, for Gephi, Cytoscape and other graph tools.

:data:`GRAPH_FORMATS` lists the formats of the network; :data:`EXPORT_FORMATS`, built from it plus the
exports that need more than the network (the ClaimReview JSON-LD needs the audit), is the single source of
truth for the CLI: it offers one ``export`` subcommand per entry, so adding a format is adding one entry.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimgraph.network.claimreview import export_claimreview

if TYPE_CHECKING:
    import networkx as nx

    from claimgraph.store import Store


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


@dataclass(frozen=True)
class ExportFormat:
    """A ``claimgraph export NAME`` subcommand: what it writes and the function that writes it from a store."""

    name: str
    description: str
    export: Callable[[Store], str]


def _network_export(fmt: GraphFormat) -> Callable[[Store], str]:
    def export(store: Store) -> str:
        from claimgraph.network.verdicts import audited_network

        return fmt.write(audited_network(store))

    return export


EXPORT_FORMATS: dict[str, ExportFormat] = {
    **{name: ExportFormat(name, f"The network as {fmt.description}; claim nodes carry the audit's verdict_class, "
                                "verdict, evidence_level and findings counts.", _network_export(fmt))
       for name, fmt in GRAPH_FORMATS.items()},
    "claimreview": ExportFormat(
        "claimreview", "Every claim's verdict as schema.org ClaimReview JSON-LD (the markup fact-checkers publish).",
        export_claimreview),
}
"""Every ``claimgraph export NAME`` subcommand but ``html``, by name."""
