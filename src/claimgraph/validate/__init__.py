"""Validate: SHACL shapes over the loaded graph, and quotes checked against the archived sources."""

from claimgraph.validate.quotes import QuoteCheck, QuoteMiss, normalize_whitespace, verify_quotes
from claimgraph.validate.shacl import ValidationReport, Violation, shapes_graph, validate, validate_graph

__all__ = [
    "QuoteCheck",
    "QuoteMiss",
    "ValidationReport",
    "Violation",
    "normalize_whitespace",
    "shapes_graph",
    "validate",
    "validate_graph",
    "verify_quotes",
]
