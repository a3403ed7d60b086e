"""Types of :mod:`claimgraph.network`'s exports, read by type checkers and by the lazy loader."""

from .analysis import Analysis, analyse, format_text
from .claimreview import RATINGS, claimreview_jsonld, export_claimreview, source_facts
from .formats import EXPORT_FORMATS, GRAPH_FORMATS, ExportFormat, GraphFormat
from .graph import NODE_KINDS, RELATIONS, View, build_network, nodes_of_kind, select_view
from .pages import export_html, html_outputs, render_view
from .verdicts import ClaimVerdict, add_audit_attributes, audit_verdicts, audited_network, claim_attributes

__all__ = [
    "EXPORT_FORMATS",
    "GRAPH_FORMATS",
    "NODE_KINDS",
    "RATINGS",
    "RELATIONS",
    "Analysis",
    "ClaimVerdict",
    "ExportFormat",
    "GraphFormat",
    "View",
    "add_audit_attributes",
    "analyse",
    "audit_verdicts",
    "audited_network",
    "build_network",
    "claim_attributes",
    "claimreview_jsonld",
    "export_claimreview",
    "export_html",
    "format_text",
    "html_outputs",
    "nodes_of_kind",
    "render_view",
    "select_view",
    "source_facts",
]
