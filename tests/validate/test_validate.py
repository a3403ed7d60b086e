"""SHACL validation: the fixture conforms; each broken contract is reported with node, path and message."""

from __future__ import annotations

import pytest

from claimgraph.store import load
from claimgraph.validate import validate
from helpers import TINY, store_spec

PREFIXES = TINY.read_text().split("\nsource:blog")[0]


def test_fixture_conforms(tiny_store):
    report = validate(tiny_store)
    assert report.conforms, report.violations
    assert report.violations == []


BROKEN = {
    "assertion without strength": (
        "assertion:x a cg:Assertion ; oa:hasBody claim:is-safe ; oa:hasTarget [ oa:hasSource source:blog ;"
        ' oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "short quote" ] ] .',
        "assertion:x", "cg:strength",
    ),
    "quote over fifteen words": (
        "assertion:y a cg:Assertion ; oa:hasBody claim:is-safe ; cg:strength strength:hedged ;"
        " oa:hasTarget [ oa:hasSource source:blog ; oa:hasSelector [ a oa:TextQuoteSelector ;"
        ' oa:exact "one two three four five six seven eight nine ten eleven twelve thirteen fourteen'
        ' fifteen sixteen" ] ] .',
        "assertion:y", "oa:hasTarget/oa:hasSelector/oa:exact",
    ),
    "study without year": (
        'study:z a cg:Study ; rdfs:label "Z" ; cg:firstAuthor "Zed" ; cg:design design:rct ; cg:identifiable true .',
        "study:z", "",
    ),
    "code outside its scheme": (
        'study:w a cg:Study ; rdfs:label "W" ; cg:firstAuthor "Wu" ; dcterms:issued "2001"^^xsd:gYear ;'
        " cg:design strength:strong ; cg:identifiable true .",
        "study:w", "cg:design",
    ),
    "evidence line without direction": (
        "evidence:v a cg:EvidenceLine ; cg:fromStudy study:rat2011 ; cg:bearsOn claim:is-safe ;"
        " cg:directness directness:direct ; cg:drawnBy cg:curator .",
        "evidence:v", "cg:direction",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_violation_names_focus_path_and_message(case, store_kind, tmp_path):
    turtle, focus, path = BROKEN[case]
    extra = tmp_path / "extra.ttl"
    extra.write_text(PREFIXES + "\n" + turtle + "\n")
    report = validate(load([TINY, extra], store_spec(store_kind, tmp_path)))
    assert not report.conforms
    matching = [v for v in report.violations if v.focus == focus]
    assert matching, report.violations
    assert any(v.path == path and v.message and v.severity == "error" for v in matching), matching
