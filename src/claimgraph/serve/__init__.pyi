"""Types of :mod:`claimgraph.serve`'s exports, read by type checkers and by the lazy loader."""

from .endpoint import LOOPBACK_HOSTS, EndpointServer, make_server
from .limits import EndpointLimits

__all__ = [
    "LOOPBACK_HOSTS",
    "EndpointLimits",
    "EndpointServer",
    "make_server",
]
