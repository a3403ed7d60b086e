"""The claim-support fragment asked once per audit and joined into the queries that embed it, to the same report."""

from __future__ import annotations

import pytest

from claimgraph.audit import run_audit
from claimgraph.audit.shared import SHARED_FRAGMENT
from claimgraph.store import load
from helpers import GRAPHS, TINY, TINY_COUNTS, store_spec

EMBEDDING = 5
"""The audit's queries that embed the fragment: facts/levels and the no-supporting-trial, overstated,
indirect-evidence and evidence-contested rules."""


def asked_queries(store, monkeypatch) -> list[str]:
    """Every query text the store is asked during one audit, and the number of fragment answers it gives."""
    asked: list[str] = []
    answer = store.select_strings

    def recording(sparql: str) -> list[dict[str, str]]:
        asked.append(sparql)
        return answer(sparql)

    monkeypatch.setattr(store, "select_strings", recording)
    return asked


@pytest.mark.parametrize("store_kind", ["memory", "rdflib", "oxigraph-direct"])
def test_the_fragment_is_asked_once_and_the_report_is_the_one_of_the_queries_as_shipped(
        store_kind, tmp_path, monkeypatch):
    with load([GRAPHS], store_spec(store_kind, tmp_path)) as store:
        values_asked = []
        values = store.select_values
        monkeypatch.setattr(store, "select_values", lambda sparql: values_asked.append(sparql) or values(sparql))
        asked = asked_queries(store, monkeypatch)
        shared = run_audit(store).to_json()
        assert len(values_asked) == 1
        assert sum("VALUES (?claim ?level ?direct_level ?trial_lines)" in text for text in asked) == EMBEDDING
        assert not any(f"# include: {SHARED_FRAGMENT}" in text for text in asked)
        monkeypatch.setattr(store, "remote", True)  # a remote store gets the queries as shipped
        asked.clear()
        shipped = run_audit(store).to_json()
        assert sum(f"# include: {SHARED_FRAGMENT}" in text for text in asked) == EMBEDDING
    assert shared == shipped
    assert shared["summary"]["findings"] > 0


def test_a_claim_that_is_a_blank_node_sends_the_queries_as_shipped(tmp_path, monkeypatch):
    blank = tmp_path / "blank-claim.ttl"
    blank.write_text("@prefix cg: <https://w3id.org/claimgraph/ns#> .\n"
                     "[] a cg:Claim ; cg:claimType <https://w3id.org/claimgraph/vocab/claim-type/efficacy> .\n")
    with load([TINY, blank]) as store:
        asked = asked_queries(store, monkeypatch)
        report = run_audit(store).to_json()
        assert sum(f"# include: {SHARED_FRAGMENT}" in text for text in asked) == EMBEDDING
        monkeypatch.setattr(store, "remote", True)
        assert run_audit(store).to_json() == report
    assert report["summary"]["claims"] == TINY_COUNTS["claims"] + 1


ODD_GRAPHS = {
    "no claim at all": "<urn:a> <urn:b> <urn:c> .\n",
    "a claim written as an xsd:string literal": (
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<urn:line> cg:fromStudy <https://w3id.org/claimgraph/id/study/rat2011> ;\n"
        '  cg:bearsOn "odd claim"^^xsd:string ;\n'
        "  cg:direction <https://w3id.org/claimgraph/vocab/direction/supports> ;\n"
        "  cg:directness <https://w3id.org/claimgraph/vocab/directness/direct> .\n"),
    "a claim written as a triple term": (
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n"
        "<urn:line> cg:fromStudy <https://w3id.org/claimgraph/id/study/rat2011> ;\n"
        "  cg:bearsOn <<( <urn:a> <urn:b> <urn:c> )>> ;\n"
        "  cg:direction <https://w3id.org/claimgraph/vocab/direction/supports> ;\n"
        "  cg:directness <https://w3id.org/claimgraph/vocab/directness/direct> .\n"),
}


@pytest.mark.parametrize(("store_kind", "odd"), [(kind, odd) for kind in ("memory", "rdflib") for odd in ODD_GRAPHS
                                                  if not (kind == "rdflib" and "triple term" in odd)])
def test_odd_graphs_give_the_report_of_the_queries_as_shipped(store_kind, odd, tmp_path, monkeypatch):
    """rdflib 7 reads no RDF 1.2 triple terms, so that graph runs on the default store only."""
    extra = tmp_path / "odd.ttl"
    extra.write_text(ODD_GRAPHS[odd])
    graphs = [extra] if odd == "no claim at all" else [TINY, extra]
    with load(graphs, store_spec(store_kind, tmp_path)) as store:
        shared = run_audit(store).to_json()
        monkeypatch.setattr(store, "remote", True)
        assert run_audit(store).to_json() == shared
    assert shared["summary"]["claims"] == (0 if odd == "no claim at all" else TINY_COUNTS["claims"] + 1)
