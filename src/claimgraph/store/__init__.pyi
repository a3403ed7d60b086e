"""Types of :mod:`claimgraph.store`'s exports, read by type checkers and by the lazy loader."""

from .base import XSD_STRING, QueryResult, Store, Term, bind_prefixes, with_values
from .open import DEFAULT_STORE, STORE_FACTORIES, load, open_store, turtle_files
from .oxigraph import OxigraphStore
from .rdflib_store import RdflibStore
from .remote import SparqlStore
from .terms import TermError, parse_term, sparql_term

__all__ = [
    "DEFAULT_STORE",
    "STORE_FACTORIES",
    "XSD_STRING",
    "OxigraphStore",
    "QueryResult",
    "RdflibStore",
    "SparqlStore",
    "Store",
    "Term",
    "TermError",
    "bind_prefixes",
    "load",
    "open_store",
    "parse_term",
    "sparql_term",
    "turtle_files",
    "with_values",
]
