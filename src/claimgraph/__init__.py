"""claimgraph: a knowledge graph of health claims and the evidence behind them."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("claimgraph")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"
