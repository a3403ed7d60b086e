"""claimgraph: a knowledge graph of health claims and the evidence behind them."""

__version__ = "0.1.0"
"""The one statement of the version (pyproject.toml reads it from here)."""
