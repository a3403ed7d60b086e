"""rdflib's warning for a valid literal it cannot convert stays off stderr; its other warnings do not."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.rdflib_logs import CONVERSION_FAILED, quiet_valid_literal_warnings


def test_a_5000_digit_integer_comes_back_from_a_query_without_a_traceback(tmp_path):
    path = tmp_path / "big.ttl"
    digits = "7" * 5000
    path.write_text(f'<urn:a> <urn:b> "{digits}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n')
    script = Path(sys.executable).parent / "claimgraph"
    query = "SELECT ?o WHERE { <urn:a> ?p ?o } ORDER BY ?o"
    done = subprocess.run([script, "query", "-g", str(path), "-f", "json", "-e", query],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert json.loads(done.stdout)["results"]["bindings"][0]["o"]["value"] == digits


def test_the_filter_drops_only_the_conversion_warning(caplog: pytest.LogCaptureFixture) -> None:
    quiet_valid_literal_warnings()
    quiet_valid_literal_warnings()
    logger = logging.getLogger("rdflib.term")
    assert len(logger.filters) == len(set(map(id, logger.filters)))
    with caplog.at_level(logging.WARNING, logger="rdflib.term"):
        logger.warning(f"{CONVERSION_FAILED}. Datatype=xsd:integer")
        logger.warning("http://a/{x} does not look like a valid URI")
    assert [record.getMessage() for record in caplog.records] == ["http://a/{x} does not look like a valid URI"]
