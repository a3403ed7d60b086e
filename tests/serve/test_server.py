"""The SPARQL endpoint: protocol, content negotiation, limits and refusals, against a real
`claimgraph serve` subprocess queried with SPARQLWrapper, httpx and urllib.
"""

from __future__ import annotations

import csv
import io
import json
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser

import httpx
import pytest
import rdflib

from claimgraph.serve.endpoint import Answer, run_in_worker
from helpers import CLAIM_HIV_PAIN, start_serve, stop

pytestmark = pytest.mark.server

CLAIMS = "SELECT ?c WHERE { ?c a cg:Claim } ORDER BY ?c"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    process, url = start_serve("--timeout", "2", "--max-results", "100")
    yield url
    stop(process)


def claim_iris(document: dict) -> list[str]:
    return [binding["c"]["value"] for binding in document["results"]["bindings"]]


def test_sparqlwrapper_reads_w3c_json(endpoint):
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    for method in ("GET", POST):
        client = SPARQLWrapper(endpoint)
        client.setQuery("PREFIX cg: <https://w3id.org/claimgraph/ns#> " + CLAIMS)
        client.setReturnFormat(JSON)
        client.setMethod(method)
        document = client.query().convert()
        assert str(CLAIM_HIV_PAIN) in claim_iris(document)
        assert len(claim_iris(document)) == 3


def test_sparqlwrapper_ask_and_construct(endpoint):
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setQuery("ASK { ?c a cg:Claim }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True
    client.setQuery("CONSTRUCT { ?c a cg:Claim } WHERE { ?c a cg:Claim }")
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    assert len(graph) == 3


def test_get_post_form_and_post_direct_agree(endpoint):
    accept = {"Accept": "application/sparql-results+json"}
    by_get = httpx.get(endpoint, params={"query": CLAIMS}, headers=accept)
    by_form = httpx.post(endpoint, data={"query": CLAIMS}, headers=accept)
    by_body = httpx.post(endpoint, content=CLAIMS, headers={**accept, "Content-Type": "application/sparql-query"})
    assert by_get.status_code == by_form.status_code == by_body.status_code == 200
    assert by_get.headers["content-type"].startswith("application/sparql-results+json")
    assert claim_iris(by_get.json()) == claim_iris(by_form.json()) == claim_iris(by_body.json())


def test_plain_urllib_client(endpoint):
    url = f"{endpoint}?{urllib.parse.urlencode({'query': CLAIMS})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        document = json.load(response)
    assert document["head"]["vars"] == ["c"]
    assert len(claim_iris(document)) == 3


@pytest.mark.parametrize(("accept", "media_type"), [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
])
def test_content_negotiation_for_select(endpoint, accept, media_type):
    response = httpx.get(endpoint, params={"query": CLAIMS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    if media_type == "text/csv":
        rows = list(csv.reader(io.StringIO(response.text, newline="")))
        assert rows[0] == ["c"]
        assert len(rows) == 4
    elif media_type.endswith("xml"):
        from rdflib.query import Result

        assert len(Result.parse(io.StringIO(response.text), format="xml").bindings) == 3


@pytest.mark.parametrize(("accept", "fmt"), [("text/turtle", "turtle"), ("application/n-triples", "nt")])
def test_content_negotiation_for_construct(endpoint, accept, fmt):
    response = httpx.post(endpoint, data={"query": "CONSTRUCT { ?c a cg:Claim } WHERE { ?c a cg:Claim }"},
                          headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    assert len(rdflib.Graph().parse(data=response.text, format=fmt)) == 3


def test_unacceptable_format_is_406(endpoint):
    assert httpx.get(endpoint, params={"query": CLAIMS}, headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize("request_kwargs", [
    {"data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
    {"content": "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "headers": {"Content-Type": "application/sparql-update"}},
    {"data": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
    {"data": {"query": "LOAD <http://example.org/data.ttl>"}},
    {"data": {"query": "CLEAR DEFAULT"}},
])
def test_updates_are_refused_and_change_nothing(endpoint, request_kwargs):
    response = httpx.post(endpoint, **request_kwargs)
    assert response.status_code == 403
    assert "read-only" in response.text
    count = httpx.get(endpoint, params={"query": "ASK { <urn:a> ?p ?o }"}).json()
    assert count["boolean"] is False


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }",
])
def test_outbound_requests_are_refused(endpoint, query):
    response = httpx.post(endpoint, data={"query": query})
    assert response.status_code == 400
    assert "refused" in response.text


def test_malformed_query_is_400_with_the_position(endpoint):
    response = httpx.post(endpoint, data={"query": "SELECT ?c WHERE { ?c a }"})
    assert response.status_code == 400
    assert "line:1" in response.text
    assert "col:" in response.text


def test_slow_query_is_stopped_at_the_time_limit_and_the_server_recovers(endpoint):
    started = time.monotonic()
    response = httpx.post(endpoint, data={"query": SLOW}, timeout=30)
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "2 s limit" in response.text
    assert elapsed < 6
    assert httpx.get(endpoint, params={"query": CLAIMS}).status_code == 200


def test_result_size_limit(endpoint):
    response = httpx.get(endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 500
    assert "limit of 100" in response.text


def test_missing_query_and_unknown_path(endpoint):
    assert httpx.get(endpoint).status_code == 400
    assert httpx.get(endpoint.replace("/sparql", "/nope")).status_code == 404
    assert httpx.put(endpoint, content="x").status_code == 405


def test_foreign_host_header_is_refused(endpoint):
    refused = httpx.get(endpoint, params={"query": CLAIMS}, headers={"Host": "evil.example:80"})
    assert refused.status_code == 403
    allowed = httpx.get(endpoint.replace("127.0.0.1", "localhost"), params={"query": CLAIMS},
                        headers={"Accept": "application/sparql-results+json"})
    assert allowed.status_code == 200


def test_head_runs_no_query(endpoint):
    assert httpx.head(endpoint, params={"query": SLOW}).status_code == 405
    assert httpx.head(endpoint.replace("/sparql", "/")).status_code == 200


def test_serve_on_the_oxigraph_store_answers_and_survives_a_timeout(tmp_path):
    process, url = start_serve("--store", f"oxigraph:{tmp_path / 'ox'}", "--timeout", "2")
    try:
        accept = {"Accept": "application/sparql-results+json"}
        first = httpx.get(url, params={"query": CLAIMS}, headers=accept, timeout=30)
        assert first.status_code == 200
        assert first.json()["results"]["bindings"]
        assert httpx.get(url, params={"query": SLOW}, headers=accept, timeout=30).status_code == 503
        again = httpx.get(url, params={"query": CLAIMS}, headers=accept, timeout=30)
        assert again.json() == first.json()
    finally:
        stop(process)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.references: list[str] = []
        self.has_form = False

    def handle_starttag(self, tag, attrs):
        self.has_form |= tag in ("form", "textarea")
        self.references += [value or "" for name, value in attrs if name in ("src", "href", "action")]


def test_query_page_is_offline_html(endpoint):
    response = httpx.get(endpoint.replace("/sparql", "/"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    links = _Links()
    links.feed(response.text)
    assert links.has_form
    assert not [ref for ref in links.references if "//" in ref], "the page must load nothing from the network"
    assert "claims-without-trials" in response.text


def test_binds_loopback_by_default():
    process, url = start_serve()
    try:
        assert url.startswith("http://127.0.0.1:")
    finally:
        stop(process)


def test_worker_is_killed_at_the_deadline():
    started = time.monotonic()
    answer = run_in_worker(lambda: time.sleep(30) or Answer.text(200, "late"), timeout=0.5)
    assert answer.status == 503
    assert time.monotonic() - started < 5


def test_worker_passes_its_answer_back():
    answer = run_in_worker(lambda: Answer(200, "text/plain", b"x" * 300_000), timeout=5)
    assert (answer.status, len(answer.body)) == (200, 300_000)


def raw_request(url: str, head: str, body: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    """Send ``head`` (request line and headers, CRLF added) and ``body`` on a plain socket; status, headers, body."""
    import socket

    parts = urllib.parse.urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n\r\n" + body)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head_bytes, _, payload = data.partition(b"\r\n\r\n")
    lines = head_bytes.decode("latin-1").split("\r\n")
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, payload


def host_of(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc


def test_two_host_headers_are_refused(endpoint):
    query = urllib.parse.urlencode({"query": "ASK {}"})
    status, _, body = raw_request(endpoint, f"GET /sparql?{query} HTTP/1.1\nHost: {host_of(endpoint)}\n"
                                            "Host: evil.example\nConnection: close")
    assert status == 400
    assert b"Host" in body


@pytest.mark.parametrize("target", ["http://evil.example/sparql", "https://127.0.0.1/sparql", "*"])
def test_only_origin_form_request_targets_are_answered(endpoint, target):
    status, _, body = raw_request(endpoint, f"GET {target}?query=ASK%7B%7D HTTP/1.1\nHost: {host_of(endpoint)}\n"
                                            "Connection: close")
    assert status == 400
    assert b"origin form" in body


def test_foreign_origin_runs_no_query(endpoint):
    own = f"http://{host_of(endpoint)}"
    for origin in ("http://evil.example", "null", own.replace("127.0.0.1", "127.0.0.1.evil.example")):
        by_post = httpx.post(endpoint, data={"query": CLAIMS}, headers={"Origin": origin})
        by_get = httpx.get(endpoint, params={"query": CLAIMS}, headers={"Origin": origin})
        assert by_post.status_code == by_get.status_code == 403, origin
        assert "cross-origin" in by_post.text
    assert httpx.post(endpoint, data={"query": CLAIMS}, headers={"Origin": own}).status_code == 200
    assert httpx.get(endpoint, params={"query": CLAIMS}, headers={"Origin": own}).status_code == 200


@pytest.mark.parametrize("method", ["OPTIONS", "TRACE", "CONNECT", "PUT", "DELETE", "PATCH", "PROPFIND"])
def test_other_methods_are_405_with_allow(endpoint, method):
    status, headers, body = raw_request(endpoint, f"{method} /sparql HTTP/1.1\nHost: {host_of(endpoint)}\n"
                                                  "Content-Length: 0\nConnection: close")
    assert status == 405
    assert headers["allow"] == "GET, HEAD, POST"
    assert b"<html" not in body.lower()


@pytest.mark.parametrize("request_kwargs", [
    {"data": {"query": ""}},
    {"data": {"query": "   \n"}},
    {"content": "", "headers": {"Content-Type": "application/sparql-query"}},
])
def test_empty_query_is_400(endpoint, request_kwargs):
    response = httpx.post(endpoint, **request_kwargs)
    assert response.status_code == 400
    assert "empty query" in response.text


def test_chunked_post_body_is_read(endpoint):
    form = urllib.parse.urlencode({"query": CLAIMS}).encode()
    chunked = b"".join(f"{len(part):x}\r\n".encode() + part + b"\r\n" for part in (form[:10], form[10:])) + b"0\r\n\r\n"
    status, _, body = raw_request(endpoint, f"POST /sparql HTTP/1.1\nHost: {host_of(endpoint)}\n"
                                            "Content-Type: application/x-www-form-urlencoded\n"
                                            "Accept: application/sparql-results+json\n"
                                            "Transfer-Encoding: chunked\nConnection: close", chunked)
    assert status == 200, body
    assert len(claim_iris(json.loads(body))) == 3
    status, _, body = raw_request(endpoint, f"POST /sparql HTTP/1.1\nHost: {host_of(endpoint)}\n"
                                            "Content-Type: application/sparql-query\n"
                                            "Transfer-Encoding: chunked\nConnection: close",
                                  b"zz\r\nASK {}\r\n0\r\n\r\n")
    assert status == 400
    assert b"chunked" in body
    status, _, body = raw_request(endpoint, f"POST /sparql HTTP/1.1\nHost: {host_of(endpoint)}\n"
                                            "Content-Type: application/sparql-query\nContent-Length: 6\n"
                                            "Transfer-Encoding: chunked\nConnection: close",
                                  b"6\r\nASK {}\r\n0\r\n\r\n")
    assert status == 400


def test_serves_on_ipv6_loopback():
    import socket

    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback here")
    process, url = start_serve("--host", "::1")
    try:
        assert url.startswith("http://[::1]:")
        response = httpx.get(url, params={"query": "ASK { ?c a cg:Claim }"})
        assert response.status_code == 200
        assert response.json()["boolean"] is True
        assert httpx.get(url, params={"query": CLAIMS}, headers={"Host": "evil.example"}).status_code == 403
    finally:
        stop(process)
