"""Every vocabulary IRI claimgraph uses, in one place."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

CG = Namespace("https://w3id.org/claimgraph/ns#")
OA = Namespace("http://www.w3.org/ns/oa#")
CITO = Namespace("http://purl.org/spar/cito/")
SCHEMA = Namespace("http://schema.org/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
FABIO = Namespace("http://purl.org/spar/fabio/")
PRISM = Namespace("http://prismstandard.org/namespaces/basic/2.0/")
SH = Namespace("http://www.w3.org/ns/shacl#")
TAXON = Namespace("http://purl.obolibrary.org/obo/NCBITaxon_")
SPDX = Namespace("http://spdx.org/rdf/terms#")

ID = "https://w3id.org/claimgraph/id/"
VOCAB = "https://w3id.org/claimgraph/vocab/"
SOURCE = Namespace(ID + "source/")
CLAIM = Namespace(ID + "claim/")
ASSERTION = Namespace(ID + "assertion/")
STUDY = Namespace(ID + "study/")
REPORT = Namespace(ID + "report/")
EVIDENCE = Namespace(ID + "evidence/")
MECHANISM = Namespace(ID + "mechanism/")
CONDITION = Namespace(ID + "condition/")
INTERVENTION = Namespace(ID + "intervention/")
MENTION = Namespace(ID + "mention/")
SPEAKER = Namespace(ID + "speaker/")
DESIGN = Namespace(VOCAB + "design/")
STRENGTH = Namespace(VOCAB + "strength/")
CLAIM_TYPE = Namespace(VOCAB + "claim-type/")
POLARITY = Namespace(VOCAB + "polarity/")
DIRECTION = Namespace(VOCAB + "direction/")
RESULT = Namespace(VOCAB + "result/")
DIRECTNESS = Namespace(VOCAB + "directness/")
SOURCE_KIND = Namespace(VOCAB + "source-kind/")
SPEAKER_ROLE = Namespace(VOCAB + "speaker-role/")

PREFIXES: dict[str, str] = {
    "cg": str(CG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "oa": str(OA),
    "cito": str(CITO),
    "schema": str(SCHEMA),
    "bibo": str(BIBO),
    "fabio": str(FABIO),
    "prism": str(PRISM),
    "taxon": str(TAXON),
    "spdx": str(SPDX),
    "source": str(SOURCE),
    "claim": str(CLAIM),
    "assertion": str(ASSERTION),
    "study": str(STUDY),
    "report": str(REPORT),
    "evidence": str(EVIDENCE),
    "mechanism": str(MECHANISM),
    "condition": str(CONDITION),
    "intervention": str(INTERVENTION),
    "mention": str(MENTION),
    "speaker": str(SPEAKER),
    "design": str(DESIGN),
    "strength": str(STRENGTH),
    "claimtype": str(CLAIM_TYPE),
    "polarity": str(POLARITY),
    "direction": str(DIRECTION),
    "result": str(RESULT),
    "directness": str(DIRECTNESS),
    "sourcekind": str(SOURCE_KIND),
    "speakerrole": str(SPEAKER_ROLE),
}
"""Prefixes predeclared for user queries and used when serialising Turtle."""


def curie(iri: str) -> str:
    """``iri`` as a CURIE where a known prefix fits (the longest namespace wins), else as ``<iri>``."""
    matches = [(prefix, namespace) for prefix, namespace in PREFIXES.items() if iri.startswith(namespace)]
    if not matches:
        return f"<{iri}>"
    prefix, namespace = max(matches, key=lambda match: len(match[1]))
    return f"{prefix}:{iri[len(namespace):]}"
