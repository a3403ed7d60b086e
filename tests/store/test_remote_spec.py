"""The ``sparql:`` store spec: URLs, graph=, and the limits timeout= and max-bytes= (defaults from one place)."""

from __future__ import annotations

import pytest

from claimgraph.errors import InputError
from claimgraph.store import open_store
from claimgraph.store.http import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Limits
from claimgraph.store.remote import SparqlStore
from claimgraph.store.remote_spec import parse_spec
from helpers import REPO

URL = "http://127.0.0.1:7878/query"


def test_a_spec_with_every_option():
    spec = parse_spec(f"{URL}, http://127.0.0.1:7878/update ,graph=urn:g,timeout=2.5,max-bytes=3MiB")
    assert (spec.query_url, spec.update_url, spec.graph) == (URL, "http://127.0.0.1:7878/update", "urn:g")
    assert spec.limits == Limits(timeout=2.5, max_bytes=3 * 1024 * 1024)


def test_the_limits_default_to_the_http_defaults():
    store = open_store(f"sparql:{URL}")
    assert isinstance(store, SparqlStore)
    assert store.limits == Limits()
    assert parse_spec(f"{URL},max-bytes=1000").limits == Limits(max_bytes=1000)
    assert parse_spec(f"{URL},max-bytes=2 KiB").limits.max_bytes == 2048


@pytest.mark.parametrize(("arg", "message"), [
    ("", "needs a URL"),
    ("graph=urn:g", "takes one or two URLs"),
    (f"{URL},{URL},{URL}", "takes one or two URLs"),
    (f"{URL},timeout=0", "timeout= takes a number of seconds above 0, not '0'"),
    (f"{URL},timeout=soon", "not 'soon'"),
    (f"{URL},timeout=inf", "not 'inf'"),
    (f"{URL},timeout=nan", "not 'nan'"),
    (f"{URL},max-bytes=0", "max-bytes= takes a number of bytes"),
    (f"{URL},max-bytes=1.5GiB", "not '1.5GiB'"),
    (f"{URL},max-bytes=10TB", "not '10TB'"),
    (f"{URL},timeout=1,timeout=2", "gives timeout= twice"),
    (f"{URL},graph=", "not an absolute IRI for graph="),
    ("ftp://example.org/x", "not an http(s) URL"),
])
def test_bad_specs_are_one_line_input_errors(arg, message):
    with pytest.raises(InputError) as caught:
        SparqlStore.from_spec(arg)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_limits_table_in_the_docs_gives_the_defaults_of_the_code():
    text = (REPO / "docs" / "engines.md").read_text()
    assert f"| `timeout=SECONDS` | {DEFAULT_TIMEOUT:g} s |" in text
    assert f"| {DEFAULT_MAX_BYTES // 1024 // 1024} MiB |" in text
