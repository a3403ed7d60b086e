"""The command line: thin click commands over the library, one module per area."""

from claimgraph.cli.main import main, run

__all__ = ["main", "run"]
