"""Audit: SPARQL rules over the loaded graph give each claim its findings, evidence level and verdict."""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
