"""A drafted statement about the evidence and a drafted claim of no effect, audited with the curated graph: each is
read by its polarity, never as an unsupported claim of benefit."""

from __future__ import annotations

import json

import rdflib

from claimgraph.cli.main import main
from claimgraph.namespaces import CG, OA
from claimgraph.network.claimreview import RATINGS
from helpers import GRAPHS

STORY = ("Needles and nerves\n\n"
         "Scientific proof that dry needling relieves muscle cramps is lacking.\n\n"
         "There is little evidence that acupuncture relieves the symptoms of chemotherapy-induced peripheral "
         "neuropathy.\n\n"
         "Acupuncture was no better than placebo for pain in HIV-associated peripheral neuropathy.\n")
CLAIM_BENEFIT_RULES = {"unsupported", "no-supporting-trial", "overstated"}


def _audited(runner, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    ingested = runner.invoke(main, ["ingest", str(story), "--id", "nerves", "--sources-dir", str(tmp_path / "s"),
                                    "--drafts-dir", str(tmp_path / "d"), "-g", str(GRAPHS)])
    assert ingested.exit_code == 0, ingested.output
    draft = tmp_path / "d" / "nerves.ttl"
    audited = runner.invoke(main, ["audit", "-g", str(GRAPHS), "-g", str(draft), "-f", "json"])
    assert audited.exit_code in (0, 1), audited.output
    return rdflib.Graph().parse(draft), {claim["claim"]: claim for claim in json.loads(audited.stdout)["claims"]}


def _claim_of(draft: rdflib.Graph, words: str) -> str:
    for assertion in draft.subjects(rdflib.RDF.type, CG.Assertion):
        exact = draft.value(draft.value(draft.value(assertion, OA.hasTarget), OA.hasSelector), OA.exact)
        if words in str(exact):
            return str(draft.value(assertion, OA.hasBody))
    raise AssertionError(f"no assertion quotes {words!r}")


def test_statements_about_the_evidence_are_checked_against_it(runner, tmp_path):
    draft, claims = _audited(runner, tmp_path)
    lacking = claims[_claim_of(draft, "dry needling")]
    assert lacking["polarity"] == "evidence"
    assert lacking["verdict_class"] == "consistent", lacking["verdict"]
    assert not {finding["rule"] for finding in lacking["findings"]} & CLAIM_BENEFIT_RULES
    contested = claims[_claim_of(draft, "little evidence")]
    assert contested["verdict_class"] == "contested", contested["verdict"]
    finding = next(f for f in contested["findings"] if f["rule"] == "evidence-contested")
    assert "chemotherapy-induced peripheral neuropathy" in finding["message"]
    assert RATINGS["contested"].value < RATINGS["consistent"].value


def test_a_claim_of_no_effect_is_never_linked_to_a_claim_of_benefit(runner, tmp_path):
    draft, claims = _audited(runner, tmp_path)
    claim = _claim_of(draft, "no better than placebo")
    assert claims[claim]["polarity"] == "no-effect"
    assert not claim.endswith("/relieves-hiv-neuropathy-pain")
