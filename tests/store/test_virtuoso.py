"""Virtuoso 7 (Debian's virtuoso-opensource), started by the tests on 127.0.0.1, as a claimgraph store."""

from __future__ import annotations

import urllib.parse
import urllib.request

import pytest

pytestmark = pytest.mark.server


def test_virtuoso_answers_on_loopback_only(virtuoso):
    assert urllib.parse.urlparse(virtuoso.sparql_url).hostname == "127.0.0.1"
    with urllib.request.urlopen(f"{virtuoso.sparql_url}?query=ASK%7B%7D", timeout=10) as response:
        assert response.status == 200
    ini = (virtuoso.directory / "virtuoso.ini").read_text()
    assert f"DirsAllowed = {virtuoso.directory}\n" in ini
