"""Serve: a read-only, bounded SPARQL 1.1 endpoint on 127.0.0.1 over a loaded store (``claimgraph serve``).

Each query runs in a forked worker process with time, memory and answer-size limits (:mod:`.worker`), admitted
fairly between clients by :mod:`.scheduler`; :mod:`.endpoint` is the HTTP layer.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
