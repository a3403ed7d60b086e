"""Query: named and user SPARQL queries, result formats, the ``.rq`` header and include tools, the endpoint.

The endpoint (:mod:`claimgraph.sparql.endpoint`) is imported on its own, by ``serve``.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
