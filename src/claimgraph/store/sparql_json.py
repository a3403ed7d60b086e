"""W3C SPARQL 1.1 Query Results JSON from a server, read strictly.

An answer that is not exactly that format (an ASK whose ``boolean`` is the string ``"false"``, a binding
whose value is a number, JSON nested thousands deep) is a one-line :class:`RemoteError` naming the server,
never a wrong answer and never a crash.
"""

from __future__ import annotations

import json
from typing import Any

from rdflib.term import BNode, Literal, URIRef

from claimgraph.errors import QueryError
from claimgraph.store.base import XSD_STRING, QueryResult, Term
from claimgraph.store.http import RemoteError
from claimgraph.store.skolem import GENID, deskolemize_term

TERM_TYPES = ("uri", "bnode", "literal", "typed-literal")


class _Malformed(ValueError):
    """What is wrong with a SPARQL JSON document, in a few words."""


def _document(payload: bytes, url: str) -> dict[str, Any]:
    try:
        document = json.loads(payload.decode("utf-8"))
    except RecursionError:
        raise RemoteError(f"SPARQL server {url} answered JSON nested too deeply to be SPARQL results") from None
    except ValueError as error:
        snippet = " ".join(payload[:80].decode("utf-8", "replace").split())
        raise RemoteError(f"SPARQL server {url} did not answer SPARQL JSON results ({error}): {snippet!r}") from None
    if not isinstance(document, dict):
        raise _malformed(url, f"a JSON {type(document).__name__}, not an object")
    return document


def _malformed(url: str, what: str) -> RemoteError:
    return RemoteError(f"SPARQL server {url} answered malformed SPARQL JSON results: {what}")


def _field(container: dict[str, Any], name: str, kind: type, where: str) -> Any:
    value = container.get(name)
    if not isinstance(value, kind):
        shown = "missing" if name not in container else f"a JSON {type(value).__name__}"
        raise _Malformed(f"{where}{name} is {shown}, not a JSON {'array' if kind is list else 'object'}")
    return value


def _bindings(document: dict[str, Any]) -> list[dict[str, dict[str, Any]]]:
    """The bindings, each a JSON object of variable names to JSON objects with a known type and a string value."""
    results = _field(document, "results", dict, "")
    bindings: list[dict[str, dict[str, Any]]] = _field(results, "bindings", list, "results.")
    for number, binding in enumerate(bindings, 1):
        if not isinstance(binding, dict):
            raise _Malformed(f"binding {number} is a JSON {type(binding).__name__}, not an object")
        for name, encoded in binding.items():
            _check_term(encoded, f"binding {number}, ?{name}")
    return bindings


def _check_term(encoded: Any, where: str) -> None:
    if not isinstance(encoded, dict):
        raise _Malformed(f"{where} is a JSON {type(encoded).__name__}, not an object")
    if encoded.get("type") not in TERM_TYPES:
        raise _Malformed(f"{where} has the type {str(encoded.get('type'))[:40]!r}, not one of {', '.join(TERM_TYPES)}")
    for key in ("value", "xml:lang", "datatype"):
        if (key == "value" or key in encoded) and not isinstance(encoded.get(key), str):
            raise _Malformed(f"{where} has a {key} that is not a JSON string")


def _term(encoded: dict[str, Any]) -> Term:
    kind, value = encoded["type"], encoded["value"]
    if kind == "uri":
        return deskolemize_term(URIRef(value))  # type: ignore[return-value]
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in encoded:
        return Literal(value, lang=encoded["xml:lang"])
    datatype = encoded.get("datatype")
    return Literal(value) if datatype in (None, XSD_STRING) else Literal(value, datatype=URIRef(datatype))


def parse_json_results(payload: bytes, url: str = "server") -> QueryResult:
    """W3C SPARQL 1.1 JSON results as a :class:`QueryResult` of rdflib terms."""
    document = _document(payload, url)
    try:
        if "boolean" in document:
            boolean = document["boolean"]
            if not isinstance(boolean, bool):
                raise _Malformed(f"the ASK answer's boolean is {json.dumps(boolean)[:40]}, not true or false")
            return QueryResult(kind="ask", boolean=boolean)
        variables = _field(_field(document, "head", dict, ""), "vars", list, "head.")
        if not all(isinstance(name, str) for name in variables):
            raise _Malformed("head.vars holds something other than strings")
        rows = [tuple(_term(binding[name]) if name in binding else None for name in variables)
                for binding in _bindings(document)]
    except _Malformed as error:
        raise _malformed(url, str(error)) from None
    except ValueError as error:  # rdflib refusing a language tag or an IRI
        raise _malformed(url, " ".join(str(error).split())[:200]) from None
    return QueryResult(kind="select", variables=list(variables), rows=rows)


def json_result_strings(payload: bytes, url: str = "server") -> list[dict[str, str]]:
    """W3C SPARQL 1.1 JSON results as rows of plain strings, bound variables only (skolem IRIs as labels)."""
    document = _document(payload, url)
    if "boolean" in document:
        raise QueryError("expected a SELECT query")
    try:
        return [{name: _plain(encoded) for name, encoded in binding.items()} for binding in _bindings(document)]
    except _Malformed as error:
        raise _malformed(url, str(error)) from None


def _plain(encoded: dict[str, Any]) -> str:
    value: str = encoded["value"]
    return value[len(GENID):] if encoded["type"] == "uri" and value.startswith(GENID) else value
