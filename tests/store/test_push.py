"""What `claimgraph load --to` sends: the update requests in order, GSP URLs, and the checks before sending;
and what it says when a server redirects an update or the answer to the request that changes the target is lost."""

from __future__ import annotations

import socket
import time
import urllib.parse

import pytest
import rdflib

from claimgraph.cli import main
from claimgraph.errors import ClaimgraphError, InputError
from claimgraph.store.push import STAGING_PREFIX, check_graph_iri, graph_store_url, push_graph, update_requests
from helpers import TINY, RawRequest, http_answer, one_error_line, raw_server

LINES = [f"<urn:s{number}> <urn:p> \"{number}\" ." for number in range(7)]
STAGING = "urn:claimgraph:staging:test"


def parsed_update(update: str) -> None:
    from rdflib.plugins.sparql.parser import parseUpdate

    parseUpdate(update)


@pytest.mark.parametrize("graph_iri", [None, "urn:g"])
@pytest.mark.parametrize("replace", [True, False])
def test_a_graph_that_fits_one_batch_is_one_request_after_the_rights_check(graph_iri, replace):
    check, update = update_requests(LINES, graph_iri, replace, batch=len(LINES), staging=STAGING)
    assert check == f"DROP SILENT GRAPH <{STAGING}>"
    parsed_update(update)
    assert update.startswith("DROP SILENT") == replace
    assert all(line in update for line in LINES)
    assert STAGING not in update


@pytest.mark.parametrize("graph_iri", [None, "urn:g"])
@pytest.mark.parametrize("replace", [True, False])
def test_batches_go_through_a_staging_graph_and_land_in_one_last_request(graph_iri, replace):
    check, *inserts, finish = update_requests(LINES, graph_iri, replace, batch=3, staging=STAGING)
    assert check == f"DROP SILENT GRAPH <{STAGING}>"
    assert len(inserts) == 3
    for update in [*inserts, finish]:
        parsed_update(update)
    assert all(f"GRAPH <{STAGING}>" in update and "DROP" not in update for update in inserts)
    assert sorted(line for update in inserts for line in LINES if line in update) == sorted(LINES)
    target = f"GRAPH <{graph_iri}>" if graph_iri else "DEFAULT"
    assert finish.startswith(f"MOVE GRAPH <{STAGING}> TO {target}" if replace else f"ADD GRAPH <{STAGING}> TO {target}")
    assert replace or finish.endswith(f"DROP SILENT GRAPH <{STAGING}>")


def test_graph_store_urls_name_the_graph_or_the_default():
    assert graph_store_url("http://h/store") == "http://h/store?default"
    assert graph_store_url("http://h/store", "urn:g") == "http://h/store?graph=urn%3Ag"
    assert graph_store_url("http://h/store?graph=urn:x", "urn:g") == "http://h/store?graph=urn:x"


@pytest.mark.parametrize("bad", ["not an iri", "relative/path", "<urn:g>", "", "urn:g>"])
def test_a_graph_that_is_not_an_absolute_iri_is_refused(bad):
    with pytest.raises(InputError, match="not an absolute IRI for --graph"):
        check_graph_iri(bad, "--graph")
    assert check_graph_iri("urn:claimgraph:curated", "--graph") == "urn:claimgraph:curated"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"graph_iri": "no iri"}, "not an absolute IRI"),
    ({"batch": 0}, "batch size"),
])
def test_bad_arguments_are_refused_before_any_request(kwargs, message):
    with pytest.raises(ClaimgraphError, match=message):
        push_graph(rdflib.Graph(), "http://127.0.0.1:9/update", via="update", **kwargs)


class LosesTheAnswerTo:
    """An update endpoint that answers 204 to every request but drops the connection, unanswered, on the first
    request containing ``word``; it records each request's method and update text."""

    def __init__(self, word: str) -> None:
        self.word = word
        self.requests: list[tuple[str, str]] = []

    def __call__(self, connection: socket.socket, request: RawRequest) -> None:
        method = request[0].split(b" ", 1)[0].decode()
        fields = urllib.parse.parse_qs(request[1].decode("utf-8", "replace"))
        text = fields["update"][0] if "update" in fields else request[1].decode("utf-8", "replace")
        self.requests.append((method, text))
        if self.word not in text or any(self.word in earlier for _, earlier in self.requests[:-1]):
            connection.sendall(http_answer("204 No Content", "text/plain", b""))


@pytest.mark.parametrize(("via", "word", "more"), [
    ("update", "MOVE GRAPH", ["--batch", "40"]),  # batches through a staging graph, then MOVE onto the target
    ("update", "INSERT DATA", []),  # DROP + INSERT DATA in one request
    ("gsp", "@prefix", []),  # one PUT
])
def test_a_lost_answer_to_the_request_that_changes_the_target_says_the_outcome_is_unknown(runner, via, word, more):
    server = LosesTheAnswerTo(word)
    with raw_server(server) as url:
        result = runner.invoke(main, ["load", "--to", f"{url}/update", "--via", via, "--graph", "urn:g",
                                      "-g", str(TINY), *more])
    line = one_error_line(result, f"{url}/update", "may or may not have been carried out: check the target graph")
    assert "replaced" not in line
    if via == "update":
        staging = server.requests[0][1].removeprefix("DROP SILENT GRAPH <").removesuffix(">")
        assert staging.startswith(STAGING_PREFIX)
        assert server.requests[-1][1] == server.requests[0][1], "the staging graph is dropped afterwards"


def test_a_lost_answer_to_a_batch_into_the_staging_graph_is_a_plain_failure(runner):
    server = LosesTheAnswerTo("INSERT DATA")
    with raw_server(server) as url:
        result = runner.invoke(main, ["load", "--to", f"{url}/update", "--via", "update", "--graph", "urn:g",
                                      "--batch", "40", "-g", str(TINY)])
    line = one_error_line(result, f"{url}/update", "closed the connection without answering")
    assert "check the target" not in line
    assert not any("MOVE" in text for _, text in server.requests)


@pytest.mark.parametrize("via", ["update", "gsp"])
@pytest.mark.parametrize("status", ["301 Moved Permanently", "303 See Other", "307 Temporary Redirect"])
def test_a_redirected_update_is_an_error_never_a_success(runner, via, status):
    requests: list[bytes] = []

    def respond(connection: socket.socket, request: RawRequest) -> None:
        requests.append(request[0])
        if request[0].split(b" ")[1].startswith(b"/elsewhere"):
            connection.sendall(http_answer("200 OK", "text/plain", b"done"))
        else:
            connection.sendall(http_answer(status, "text/plain", b"", "Location: /elsewhere"))

    with raw_server(respond) as url:
        result = runner.invoke(main, ["load", "--to", f"{url}/update", "--via", via, "-g", str(TINY)])
    one_error_line(result, f"{url}/update", f"with a redirect (HTTP {status.split()[0]} to /elsewhere)",
                          "not followed, so not done")
    assert "replaced" not in result.output
    assert not any(b"/elsewhere" in request for request in requests)


def test_load_to_takes_a_time_limit_per_request(runner):
    methods: list[bytes] = []

    def silent(connection: socket.socket, request: RawRequest) -> None:
        methods.append(request[0].split(b" ", 1)[0])
        connection.recv(1)  # holds the connection open, unanswered, until the client gives up

    with raw_server(silent) as url:
        started = time.monotonic()
        result = runner.invoke(main, ["load", "--to", f"{url}/store", "-g", str(TINY), "--timeout", "0.5"])
    one_error_line(result, f"{url}/store", "did not answer within 0.5 s", "check the target graph")
    assert time.monotonic() - started < 3
    assert methods == [b"PUT"]
