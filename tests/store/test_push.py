"""What `claimgraph load --to` sends: the update requests in order, GSP URLs, and the checks before sending."""

from __future__ import annotations

import pytest
import rdflib

from claimgraph.errors import ClaimgraphError, InputError
from claimgraph.store.push import check_graph_iri, graph_store_url, push_graph, update_requests

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
