"""Query: named and user SPARQL queries, result formats, the ``.rq`` header and include tools, the endpoint.

The endpoint (:mod:`claimgraph.sparql.endpoint`) is imported on its own, by ``serve``.
"""

from claimgraph.sparql.header import HeaderError, RqHeader, parse_header
from claimgraph.sparql.named import NamedQuery, get_named, named_queries, run_named, stats
from claimgraph.sparql.results import FORMATS, ResultFormat, negotiate, render
from claimgraph.sparql.user import UserQuery, inspect_query, parse_params, resolve_query, run_query
from claimgraph.store.terms import parse_term

__all__ = [
    "FORMATS",
    "HeaderError",
    "NamedQuery",
    "ResultFormat",
    "RqHeader",
    "UserQuery",
    "get_named",
    "inspect_query",
    "named_queries",
    "negotiate",
    "parse_header",
    "parse_params",
    "parse_term",
    "render",
    "resolve_query",
    "run_named",
    "run_query",
    "stats",
]
