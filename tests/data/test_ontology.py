"""The published ontology: metadata, documented minted terms, and the concept schemes' codes."""

from __future__ import annotations

import re

import pytest
import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from claimgraph.namespaces import CG
from claimgraph.resources import ontology_texts, shapes_text
from helpers import REPO

VANN = rdflib.Namespace("http://purl.org/vocab/vann/")


def ontology() -> rdflib.Graph:
    graph = rdflib.Graph()
    for _name, text in ontology_texts():
        graph.parse(data=text, format="turtle")
    return graph


GRAPH = ontology()
MINTED = sorted(
    {s for s in GRAPH.subjects() if isinstance(s, rdflib.URIRef) and str(s).startswith(str(CG))}, key=str
)
EXPECTED_CODES = {
    CG.StudyDesigns: {
        "systematic-review", "meta-analysis", "rct", "controlled-trial", "observational", "case-series",
        "case-report", "survey", "retrospective", "reanalysis", "animal", "in-vitro", "human-mechanistic",
        "narrative-review", "guideline", "unknown",
    },
    CG.AssertionStrengths: {"strong", "moderate", "hedged"},
    CG.ClaimTypes: {"efficacy", "mechanism", "safety", "regimen", "epidemiology", "background"},
    CG.EvidenceDirections: {"supports", "disputes", "inconclusive"},
}


def test_ontology_metadata():
    (onto,) = list(GRAPH.subjects(RDF.type, OWL.Ontology))
    for prop in (OWL.versionInfo, DCTERMS.title, DCTERMS.license, VANN.preferredNamespacePrefix):
        assert GRAPH.value(onto, prop) is not None, f"ontology lacks {prop}"
    assert str(GRAPH.value(onto, VANN.preferredNamespacePrefix)) == "cg"


@pytest.mark.parametrize("term", MINTED, ids=lambda t: str(t).split("#")[-1])
def test_every_minted_term_is_documented(term):
    assert GRAPH.value(term, RDFS.label) is not None, f"{term} needs rdfs:label"
    assert GRAPH.value(term, RDFS.comment) is not None, f"{term} needs rdfs:comment"


def test_required_classes_exist():
    for name in ("Source", "Assertion", "Claim", "Study", "StudyReport", "EvidenceLine", "Mechanism"):
        assert (CG[name], RDF.type, OWL.Class) in GRAPH


@pytest.mark.parametrize("scheme", list(EXPECTED_CODES), ids=lambda s: str(s).split("#")[-1])
def test_concept_scheme_codes(scheme):
    codes = {str(GRAPH.value(c, SKOS.notation)) for c in GRAPH.subjects(SKOS.inScheme, scheme)}
    assert codes == EXPECTED_CODES[scheme]


def test_every_design_has_an_evidence_level():
    for concept in GRAPH.subjects(SKOS.inScheme, CG.StudyDesigns):
        level = GRAPH.value(concept, CG.evidenceLevel)
        assert level is not None and 1 <= int(level) <= 7, concept


def test_trial_evidence_is_exactly_reviews_and_rcts():
    trial = {str(GRAPH.value(c, SKOS.notation)) for c in GRAPH.subjects(CG.isTrialEvidence, rdflib.Literal(True))}
    assert trial == {"systematic-review", "meta-analysis", "rct"}


def test_shapes_parse():
    shapes = rdflib.Graph().parse(data=shapes_text(), format="turtle")
    assert len(list(shapes.subjects(RDF.type, rdflib.URIRef("http://www.w3.org/ns/shacl#NodeShape")))) >= 7


def _cg_terms_used() -> set[str]:
    """Every cg: term used by the curated graph, the shipped queries and the library code."""
    from pathlib import Path

    import claimgraph

    repo = REPO
    package = Path(claimgraph.__file__).parent
    texts = [p.read_text(encoding="utf-8") for p in (repo / "graphs").glob("*.ttl")]
    texts += [p.read_text(encoding="utf-8") for p in package.rglob("*.rq")]
    texts += [p.read_text(encoding="utf-8") for p in package.rglob("*.py")]
    used = set()
    for text in texts:
        used |= {f"{CG}{name}" for name in re.findall(r"\bcg:([A-Za-z][A-Za-z0-9]*)", text)}
        used |= {f"{CG}{name}" for name in re.findall(r"\bCG\.([A-Za-z][A-Za-z0-9]*)", text)}
    return used


def test_every_cg_term_in_use_is_declared_in_the_ontology():
    declared = {str(term) for term in MINTED}
    undeclared = sorted(_cg_terms_used() - declared)
    assert undeclared == [], f"declare these in ontology/claimgraph.ttl with rdfs:label and rdfs:comment: {undeclared}"
