"""Network and export: the RDF graph as a networkx network, its analysis, HTML views and graph file formats."""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
