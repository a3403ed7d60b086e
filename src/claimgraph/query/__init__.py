"""Query: named and user SPARQL queries over a store, their parameters, and the W3C result formats.

The endpoint that serves them over HTTP is :mod:`claimgraph.serve`; the ``.rq`` header and include tooling
every stage uses is :mod:`claimgraph.rq`.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
