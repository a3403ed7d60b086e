"""Types of :mod:`claimgraph.query`'s exports, read by type checkers and by the lazy loader."""

from .named import NamedQuery, get_named, named_queries, run_named, stats
from .results import FORMATS, ResultFormat, negotiate, render
from .user import UserQuery, inspect_query, parse_params, resolve_query, run_query

__all__ = [
    "FORMATS",
    "NamedQuery",
    "ResultFormat",
    "UserQuery",
    "get_named",
    "inspect_query",
    "named_queries",
    "negotiate",
    "parse_params",
    "render",
    "resolve_query",
    "run_named",
    "run_query",
    "stats",
]
