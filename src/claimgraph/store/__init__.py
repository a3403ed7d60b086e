"""Load: stores behind one interface (Oxigraph in memory, the default, or on disk; rdflib; a remote SPARQL server).

Every command loads the graph through :func:`load` and asks questions through
:meth:`Store.query`, so the same SPARQL runs, and gives the same answers, on every store.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
