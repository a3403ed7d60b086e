"""Network and export: the RDF graph as a networkx network, its analysis, HTML views and graph file formats."""

from claimgraph.network.analysis import Analysis, analyse, format_text
from claimgraph.network.formats import GRAPH_FORMATS, GraphFormat
from claimgraph.network.graph import NODE_KINDS, RELATIONS, View, build_network, nodes_of_kind, select_view
from claimgraph.network.pages import audit_verdicts, export_html, html_outputs, render_view

__all__ = [
    "GRAPH_FORMATS",
    "NODE_KINDS",
    "RELATIONS",
    "Analysis",
    "GraphFormat",
    "View",
    "analyse",
    "audit_verdicts",
    "build_network",
    "export_html",
    "format_text",
    "html_outputs",
    "nodes_of_kind",
    "render_view",
    "select_view",
]
