"""Validate: SHACL shapes over the loaded graph, and quotes checked against the archived sources."""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
