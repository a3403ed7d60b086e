"""SPARQL JSON results from a server are read strictly: anything but the W3C format is a one-line RemoteError
naming the server, never a wrong answer (``"boolean": "false"`` read as true) and never a crash."""

from __future__ import annotations

import json

import pytest
from rdflib.term import BNode, Literal, URIRef

from claimgraph.errors import QueryError
from claimgraph.store.http import RemoteError
from claimgraph.store.sparql_json import json_result_strings, parse_json_results

URL = "http://127.0.0.1:9/sparql"


def encoded(document: object) -> bytes:
    return json.dumps(document).encode()


def select(*bindings: object, variables: object = ("x",)) -> bytes:
    return encoded({"head": {"vars": list(variables) if isinstance(variables, tuple) else variables},
                    "results": {"bindings": list(bindings)}})


def test_well_formed_results_are_read_as_terms_and_strings():
    payload = select({"x": {"type": "uri", "value": "urn:a"}},
                     {"x": {"type": "literal", "value": "v", "xml:lang": "en"}},
                     {"x": {"type": "bnode", "value": "b0"}}, {})
    assert parse_json_results(payload, URL).rows == [(URIRef("urn:a"),), (Literal("v", lang="en"),), (BNode("b0"),),
                                                     (None,)]
    assert json_result_strings(payload, URL) == [{"x": "urn:a"}, {"x": "v"}, {"x": "b0"}, {}]
    assert parse_json_results(encoded({"head": {}, "boolean": False}), URL).boolean is False


@pytest.mark.parametrize("value", ["false", "true", 0, 1, None, [], {}])
def test_an_ask_answer_must_be_a_json_boolean(value):
    with pytest.raises(RemoteError, match=f"SPARQL server {URL} ") as caught:
        parse_json_results(encoded({"head": {}, "boolean": value}), URL)
    assert f"boolean is {json.dumps(value)}, not true or false" in str(caught.value)


MALFORMED_SELECTS = {
    "a list": encoded([1, 2]),
    "no head": encoded({"results": {"bindings": []}}),
    "vars not a list": encoded({"head": {"vars": "x"}, "results": {"bindings": []}}),
    "a var not a string": select(variables=[1]),
    "no results": encoded({"head": {"vars": []}}),
    "bindings not a list": encoded({"head": {"vars": []}, "results": {"bindings": {}}}),
    "a binding not an object": select(["x"]),
    "a term not an object": select({"x": "urn:a"}),
    "an unknown term type": select({"x": {"type": "iri", "value": "urn:a"}}),
    "a value not a string": select({"x": {"type": "literal", "value": 5}}),
    "no value": select({"x": {"type": "uri"}}),
    "a datatype not a string": select({"x": {"type": "literal", "value": "1", "datatype": 7}}),
    "a language not a string": select({"x": {"type": "literal", "value": "1", "xml:lang": ["en"]}}),
}


@pytest.mark.parametrize("case", list(MALFORMED_SELECTS))
def test_malformed_select_results_are_one_line_naming_the_server(case):
    for read in (parse_json_results, json_result_strings):
        if read is json_result_strings and case in ("vars not a list", "a var not a string", "no head"):
            continue  # the strings are read off the bindings alone
        with pytest.raises(RemoteError, match=f"SPARQL server {URL} answered malformed SPARQL JSON") as caught:
            read(MALFORMED_SELECTS[case], URL)
        assert "\n" not in str(caught.value)


def test_json_nested_too_deeply_is_an_error_not_a_crash():
    for payload in (b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 100_000 + b"1" + b"}" * 100_000):
        for read in (parse_json_results, json_result_strings):
            with pytest.raises(RemoteError, match="nested too deeply"):
                read(payload, URL)


def test_text_that_is_not_json_shows_its_start():
    with pytest.raises(RemoteError, match=r"did not answer SPARQL JSON results .*'<html>no</html>'"):
        parse_json_results(b"<html>no</html>", URL)


def test_strings_of_an_ask_are_a_query_error():
    with pytest.raises(QueryError, match="expected a SELECT query"):
        json_result_strings(encoded({"boolean": True}), URL)
