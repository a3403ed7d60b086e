"""Types of :mod:`claimgraph.validate`'s exports, read by type checkers and by the lazy loader."""

from .quotes import QuoteCheck, QuoteMiss, normalize_whitespace, verify_quotes
from .shacl import ValidationReport, Violation, shapes_graph, validate, validate_graph

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
