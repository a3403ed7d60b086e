"""What a draft may add: its own source's records and new claims, studies and concepts; never a change to another."""

from collections.abc import Iterator

import pytest
import rdflib

from claimgraph.ingest.review.ownership import ownership_problems
from claimgraph.namespaces import PREFIXES, SOURCE
from claimgraph.store import Store, load
from helpers import TINY

PREFIX_BLOCK = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items())

OWN = """
source:news a cg:Source ; dcterms:title "News" .
assertion:news-01 a cg:Assertion ; oa:hasBody claim:news-01 ;
    oa:hasTarget [ a oa:SpecificResource ; oa:hasSource source:news ] .
mention:news-1-5 a oa:Annotation ; oa:hasBody study:new2020 ;
    oa:hasTarget [ oa:hasSource source:news ] .
claim:news-01 a cg:Claim ; rdfs:label "Needles help" .
intervention:cupping a cg:Intervention .
study:new2020 a cg:Study ; cg:design design:rct .
report:news-trial1998 a cg:StudyReport ; cg:reportOf study:trial1998 ; cg:reportedIn source:news .
evidence:trial1998--news-01--news a cg:EvidenceLine ; cg:fromStudy study:trial1998 ; cg:bearsOn claim:news-01 ;
    cg:drawnBy source:news .
"""


@pytest.fixture(scope="module")
def graph() -> Iterator[Store]:
    with load([TINY]) as store:
        yield store


def problems(graph: Store, turtle: str, source: str | None = "news") -> list[str]:
    draft = rdflib.Graph().parse(data=PREFIX_BLOCK + turtle, format="turtle")
    return ownership_problems(draft, graph, SOURCE[source] if source else None)


def test_a_draft_adds_its_own_records_and_new_ones(graph):
    assert problems(graph, OWN) == []


def test_repeating_an_existing_record_word_for_word_is_not_a_change(graph):
    repeated = OWN + 'study:rat2011 a cg:Study ; cg:firstAuthor "Rodent" ; cg:design design:animal .\n'
    assert problems(graph, repeated) == []


@pytest.mark.parametrize(("extra", "record", "added"), [
    ("study:trial1998 cg:design design:case-series .", "study:trial1998", "cg:design design:case-series"),
    ('study:rat2011 bibo:doi "10.1/x" .', "study:rat2011", 'bibo:doi "10.1/x"'),
    ("assertion:blog-hiv cg:strength strength:hedged .", "assertion:blog-hiv", "cg:strength strength:hedged"),
    ('design:rct cg:evidenceLevel 9 .', "design:rct", "cg:evidenceLevel"),
    ("evidence:trial1998-hiv cg:direction direction:supports .", "evidence:trial1998-hiv", "direction:supports"),
    ("report:blog-trial1998 cg:reportedIn source:news .", "report:blog-trial1998", "cg:reportedIn source:news"),
])
def test_a_change_to_a_record_the_graph_holds_is_refused_naming_it_and_the_addition(graph, extra, record, added):
    found = problems(graph, OWN + extra + "\n")
    assert len(found) == 1, found
    assert found[0].startswith(f"{record} is already in the graph") and added in found[0]


@pytest.mark.parametrize(("extra", "record"), [
    ("evidence:new-line a cg:EvidenceLine ; cg:fromStudy study:trial1998 ; cg:bearsOn claim:is-safe ; "
     "cg:direction direction:supports ; cg:drawnBy cg:curator .", "evidence:new-line"),
    ("assertion:blog-99 a cg:Assertion ; oa:hasTarget [ oa:hasSource source:blog ] .", "assertion:blog-99"),
    ("report:blog-rat2011 a cg:StudyReport ; cg:reportOf study:rat2011 ; cg:reportedIn source:blog .",
     "report:blog-rat2011"),
    ("source:other a cg:Source .", "source:other"),
    ("design:new-design a skos:Concept .", "design:new-design"),
])
def test_a_record_of_another_source_or_kind_is_not_the_drafts_to_add(graph, extra, record):
    found = problems(graph, OWN + extra + "\n")
    assert len(found) == 1 and found[0].startswith(f"{record} (") and "not the draft's to add" in found[0], found


def test_a_record_without_an_iri_that_nothing_points_to_is_refused(graph):
    found = problems(graph, OWN + "[] a cg:EvidenceLine ; cg:bearsOn claim:is-safe ; cg:drawnBy cg:curator .\n")
    assert len(found) == 1 and "without an IRI" in found[0] and "cg:bearsOn claim:is-safe" in found[0]


def test_a_study_draft_adds_new_studies_only(graph):
    assert problems(graph, "study:new2020 a cg:Study .\nstudy:rat2011 cg:firstAuthor \"Rodent\" .\n", None) == []
    found = problems(graph, "study:new2020 a cg:Study .\nclaim:new a cg:Claim .\n", None)
    assert len(found) == 1 and found[0].startswith("claim:new (cg:Claim)") and "study draft" in found[0]
