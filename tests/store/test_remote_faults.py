"""A remote store against servers that lie: a triple count of 10^12, a count that is not a number, pages that
do not add up, an ASK answered with the string "false", JSON nested for ever. Each is a one-line error naming
the server, exit 2, after a bounded number of requests."""

from __future__ import annotations

import json
import socket
import urllib.parse

import pytest

from claimgraph.cli import main
from claimgraph.store.http import Limits, RemoteError
from claimgraph.store.remote import SparqlStore
from helpers import RawRequest, http_answer, one_error_line, raw_server

JSON = "application/sparql-results+json"
NT = "application/n-triples"


def count_answer(lexical: str, datatype: str = "http://www.w3.org/2001/XMLSchema#integer") -> bytes:
    term = {"type": "literal", "value": lexical, "datatype": datatype}
    return http_answer("200 OK", JSON, json.dumps({"head": {"vars": ["n"]},
                                                   "results": {"bindings": [{"n": term}]}}).encode())


def triples(count: int, start: int = 0, padding: int = 0) -> bytes:
    return "".join(f'<urn:s{n}> <urn:p> "{"x" * padding}{n}" .\n' for n in range(start, start + count)).encode()


class Liar:
    """A server that counts ``claimed`` triples, answers the whole-graph CONSTRUCT with ``first`` triples and
    each page with ``page(limit, offset)``; it records the queries and refuses any past the 50th."""

    def __init__(self, claimed: bytes, first: int, page=lambda limit, offset: triples(limit, offset)) -> None:
        self.claimed, self.first, self.page = claimed, first, page
        self.queries: list[str] = []

    def __call__(self, connection: socket.socket, request: RawRequest) -> None:
        query = urllib.parse.parse_qs(request[1].decode())["query"][0]
        self.queries.append(query)
        if len(self.queries) > 50:
            connection.sendall(http_answer("500 Enough", "text/plain", b"too many requests"))
        elif "COUNT(*)" in query:
            connection.sendall(self.claimed)
        elif " LIMIT " in query:
            limit, offset = (int(query.split(f" {word} ")[1].split()[0]) for word in ("LIMIT", "OFFSET"))
            connection.sendall(http_answer("200 OK", NT, self.page(limit, offset)))
        else:
            connection.sendall(http_answer("200 OK", NT, triples(self.first)))


def test_a_server_claiming_a_trillion_triples_is_not_paged_for_ever(runner):
    liar = Liar(count_answer(str(10**12)), first=3)
    with raw_server(liar) as url:
        result = runner.invoke(main, ["validate", "--store", f"sparql:{url}/sparql"])
    one_error_line(result, f"{url}/sparql", "counts 1,000,000,000,000 triples", "more than the limit of")
    assert len(liar.queries) <= 3, f"{len(liar.queries)} requests"


def test_pages_shorter_than_asked_end_the_paging():
    liar = Liar(count_answer("12"), first=3, page=lambda limit, offset: triples(1, offset))
    with raw_server(liar) as url, pytest.raises(RemoteError, match="answered 1 of the 3 triples asked at offset 0"):
        SparqlStore(url).to_rdflib()
    assert len(liar.queries) == 3


def test_all_pages_together_are_held_to_the_byte_limit():
    """Small first answer, fat pages: the limit holds for the whole graph, not for each page."""
    liar = Liar(count_answer("40"), first=4, page=lambda limit, offset: triples(limit, offset, padding=200))
    with raw_server(liar) as url, pytest.raises(RemoteError, match="more than the limit of 3,000 bytes"):
        SparqlStore(url, limits=Limits(max_bytes=3000)).to_rdflib()
    assert len(liar.queries) == 2 + 4  # the fourth page of 4 × 230 bytes passes 3,000


def test_an_honest_server_that_caps_its_answers_is_paged_whole():
    liar = Liar(count_answer("10"), first=4)
    with raw_server(liar) as url:
        assert len(SparqlStore(url).to_rdflib()) == 10
    assert len(liar.queries) == 2 + 3


@pytest.mark.parametrize("count", [count_answer("1.5", "http://www.w3.org/2001/XMLSchema#decimal"),
                                   count_answer("many"), count_answer("-3"), count_answer("1" * 40)])
def test_a_count_that_is_not_a_whole_number_is_exit_2(runner, count):
    with raw_server(Liar(count, first=3)) as url:
        result = runner.invoke(main, ["validate", "--store", f"sparql:{url}/sparql"])
    one_error_line(result, f"SPARQL server {url}/sparql counted its triples as", "not a whole number")


@pytest.mark.parametrize(("body", "message"), [
    (b'{"head": {}, "boolean": "false"}', 'boolean is "false", not true or false'),
    (b"[" * 50_000 + b"]" * 50_000, "nested too deeply"),
    (b'{"head": {"vars": ["c"]}, "results": {"bindings": [{"c": {"type": "uri", "value": 7}}]}}',
     "value that is not a JSON string"),
])
def test_an_odd_answer_through_the_command_line_is_exit_2(runner, body, message):
    with raw_server(lambda connection, _request: connection.sendall(http_answer("200 OK", JSON, body))) as url:
        for query in ("ASK { ?c a cg:Claim }", "SELECT ?c WHERE { ?c a cg:Claim }"):
            result = runner.invoke(main, ["query", "-e", query, "--store", f"sparql:{url}/sparql"])
            if "boolean" in message and query.startswith("SELECT"):
                continue
            one_error_line(result, f"SPARQL server {url}/sparql", message)
