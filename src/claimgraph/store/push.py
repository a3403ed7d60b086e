"""Pushing a graph to a SPARQL server (``claimgraph load --to``): replace by default, append on request.

Blank nodes are sent as stable skolem IRIs (:mod:`claimgraph.store.skolem`), so pushing the
same data twice, even appending it, leaves one copy on the server. Replacing is all-or-nothing
as far as the protocol allows:

* ``gsp`` (SPARQL 1.1 Graph Store Protocol): one PUT (replace) or POST (append) of Turtle.
* ``update`` (SPARQL 1.1 Update): after a harmless first request that checks the server accepts
  updates, up to ``batch`` triples go in one request, ``DROP SILENT`` of the target and ``INSERT DATA``.
  A larger graph is inserted in batches into a fresh staging graph and then moved onto the target
  (``MOVE``, which replaces it) or added to it (``ADD``) in one last request; a batch that fails
  drops the staging graph and leaves the target as it was. Virtuoso 7's parser refuses an
  ``INSERT DATA`` of about 5,000 triples, hence the default of 2,000.
"""

from __future__ import annotations

import contextlib
import re
import urllib.parse
import uuid
from typing import TYPE_CHECKING, Literal

from claimgraph.errors import InputError
from claimgraph.store.http import Limits, RemoteError, post, send

if TYPE_CHECKING:
    import rdflib

DEFAULT_BATCH = 2000
"""Triples per ``INSERT DATA`` request (Virtuoso 7.2's SPARQL parser runs out of stack near 5,000)."""
STAGING_PREFIX = "urn:claimgraph:staging:"
"""Named graphs that hold a batched push until its last request moves it onto the target."""
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][\w+.-]*:[^\s<>\"{}|^`\\]+")
_REFUSED_STATUS = (401, 403)
_REFUSED_TEXT = ("SR186", "No permission", "not allowed", "Access denied")
Via = Literal["gsp", "update"]


def check_graph_iri(graph_iri: str | None, option: str) -> str | None:
    """``graph_iri`` if it is an absolute IRI (or None); otherwise a one-line InputError naming ``option``."""
    if graph_iri is not None and not _ABSOLUTE_IRI.fullmatch(graph_iri):
        raise InputError(f"not an absolute IRI for {option}: {graph_iri!r} (e.g. urn:claimgraph:curated)")
    return graph_iri


def graph_store_url(url: str, graph_iri: str | None = None) -> str:
    """A Graph Store Protocol URL addressing ``graph_iri`` or the default graph (unless the URL names a graph)."""
    query = urllib.parse.urlparse(url).query
    if "graph=" in query or "default" in query.split("&"):
        return url
    target = urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default"
    return f"{url}{'&' if query else '?'}{target}"


def update_requests(ntriples: list[str], graph_iri: str | None, replace: bool, batch: int,
                    staging: str) -> list[str]:
    """The SPARQL Update requests, in order, that put the N-Triples lines into the target graph.

    First a harmless ``DROP SILENT`` of the (fresh) ``staging`` graph, which a server without update
    rights refuses as such (Virtuoso reports a large ``INSERT DATA`` it may not run as a compiler
    error instead). Then one request when the lines fit in one batch; otherwise one ``INSERT DATA``
    per batch into ``staging`` and a last request that moves (replace) or adds (append) it onto the target.
    """
    target = f"GRAPH <{graph_iri}>" if graph_iri else "DEFAULT"
    check = f"DROP SILENT GRAPH <{staging}>"
    if len(ntriples) <= batch:
        drop = f"DROP SILENT {target} ;\n" if replace else ""
        return [check, drop + _insert_data(ntriples, graph_iri)]
    inserts = [_insert_data(ntriples[start:start + batch], staging) for start in range(0, len(ntriples), batch)]
    finish = (f"MOVE GRAPH <{staging}> TO {target}" if replace
              else f"ADD GRAPH <{staging}> TO {target} ;\n{check}")
    return [check, *inserts, finish]


def _insert_data(ntriples: list[str], graph_iri: str | None) -> str:
    block = "\n".join(ntriples)
    return f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{block}\n}} }}" if graph_iri else f"INSERT DATA {{\n{block}\n}}"


def push_graph(
    graph: rdflib.Graph,
    url: str,
    via: Via = "gsp",
    replace: bool = True,
    graph_iri: str | None = None,
    batch: int = DEFAULT_BATCH,
    limits: Limits | None = None,
) -> int:
    """Replace (or with ``replace=False`` add to) a server's default graph, or the named graph ``graph_iri``,
    with ``graph``, its blank nodes as stable skolem IRIs; return the number of triples sent.

    No request is redirected (a redirect is an error, nothing counted as done); when the answer to the request
    that changes the target is lost, the error says the target may or may not have changed.
    """
    if urllib.parse.urlparse(url).scheme not in ("http", "https"):
        raise InputError(f"not an http(s) URL: {url!r}")
    check_graph_iri(graph_iri, "--graph")
    if batch < 1:
        raise InputError(f"the batch size must be at least 1 triple, not {batch}")
    from claimgraph.store.skolem import skolemize  # rdflib: only when pushing, so the CLI starts fast

    data = skolemize(graph)
    try:
        if via == "gsp":
            _push_gsp(data, url, replace, limits or Limits(), graph_iri)
        else:
            _push_update(data, url, replace, limits or Limits(), graph_iri, batch)
    except RemoteError as error:
        raise _explained(error, url) from None
    return len(data)


def _push_gsp(data: rdflib.Graph, url: str, replace: bool, limits: Limits, graph_iri: str | None) -> None:
    try:
        send("PUT" if replace else "POST", graph_store_url(url, graph_iri), data.serialize(format="turtle").encode(),
             {"Content-Type": "text/turtle; charset=utf-8"}, limits, redirects=False)
    except RemoteError as error:
        raise _outcome_unknown(error) if error.lost else error from None


def _push_update(data: rdflib.Graph, url: str, replace: bool, limits: Limits, graph_iri: str | None,
                 batch: int) -> None:
    lines = sorted(line for line in data.serialize(format="nt").splitlines() if line.strip())
    staging = f"{STAGING_PREFIX}{uuid.uuid4()}"
    requests = update_requests(lines, graph_iri, replace, batch, staging)
    _post_update(url, requests[0], limits)
    update = requests[0]
    try:
        for update in requests[1:]:
            _post_update(url, update, limits)
    except RemoteError as error:
        with contextlib.suppress(RemoteError):  # the first error is the one to report
            _post_update(url, requests[0], limits)
        if error.lost and update is requests[-1]:  # only the last request touches the target
            raise _outcome_unknown(error) from None
        raise


def _post_update(url: str, update: str, limits: Limits) -> None:
    body = urllib.parse.urlencode({"update": update}).encode("utf-8")
    post(url, body, "application/x-www-form-urlencoded", "*/*", limits, redirects=False)


def _outcome_unknown(error: RemoteError) -> RemoteError:
    """A lost answer to the request that changes the target: the server may have carried it out or not."""
    return RemoteError(f"{error}; that request changes the target graph, so it may or may not have been carried "
                       "out: check the target graph", error.status, error.detail)


def _explained(error: RemoteError, url: str) -> RemoteError:
    """A refusal (401/403, or Virtuoso's SR186 permission error) as one line saying what to do."""
    if error.status in _REFUSED_STATUS or any(text in error.detail for text in _REFUSED_TEXT):
        return RemoteError(f"SPARQL server {url} refused to change its data (HTTP {error.status}): give the "
                           "endpoint update rights (Virtuoso: isql-vt PORT dba PASSWORD "
                           "exec='GRANT SPARQL_UPDATE TO \"SPARQL\";') or use a URL that accepts updates; "
                           "nothing was changed", error.status, error.detail)
    return error
