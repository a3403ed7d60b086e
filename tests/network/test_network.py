"""The RDF → networkx network, its views and its layout, on every store."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest

from claimgraph.errors import InputError
from claimgraph.namespaces import CONDITION, MECHANISM
from claimgraph.network.graph import NODE_KINDS, VIEWS, build_network, neighbourhood, nodes_of_kind, select_view
from claimgraph.network.layout import layered_positions
from claimgraph.store import Store
from helpers import (
    BLOG,
    CLAIM_HIV_PAIN,
    CLAIM_OPIOIDS,
    CLAIM_SAFE,
    SHEET,
    STUDY_NULL_RCT,
    STUDY_RAT,
    STUDY_VAGUE,
    TINY_COUNTS,
)

HIV = str(CONDITION["hiv-neuropathy"])
OPIOIDS = str(MECHANISM["endogenous-opioids"])


def _edges(graph) -> Counter[tuple[str, str, str]]:
    return Counter((u, v, relation) for u, v, relation in graph.edges(data="relation"))


def test_nodes_of_each_kind_match_the_fixture_counts(tiny_store: Store) -> None:
    graph = build_network(tiny_store)
    assert len(nodes_of_kind(graph, "source")) == TINY_COUNTS["sources"]
    assert len(nodes_of_kind(graph, "claim")) == TINY_COUNTS["claims"]
    assert len(nodes_of_kind(graph, "study")) == TINY_COUNTS["studies"]
    assert len(nodes_of_kind(graph, "mechanism")) == TINY_COUNTS["mechanisms"]
    assert nodes_of_kind(graph, "condition") == [HIV]
    assert {kind for _, kind in graph.nodes(data="kind")} == set(NODE_KINDS)


def test_edges_follow_assertions_citations_reports_evidence_and_topics(tiny_store: Store) -> None:
    edges = _edges(build_network(tiny_store))
    assert sum(count for (_, _, relation), count in edges.items() if relation == "asserts") == TINY_COUNTS["assertions"]
    assert sum(count for (_, _, relation), count in edges.items() if relation == "reports") == TINY_COUNTS[
        "study_reports"]
    evidence = {key for key in edges if key[2] in ("supports", "disputes", "inconclusive")}
    assert evidence == {
        (str(STUDY_NULL_RCT), str(CLAIM_HIV_PAIN), "disputes"),
        (str(STUDY_RAT), str(CLAIM_OPIOIDS), "supports"),
        (str(STUDY_VAGUE), str(CLAIM_HIV_PAIN), "supports"),
    }
    assert {key for key in edges if key[2] == "cites"} == {
        (str(BLOG), str(STUDY_VAGUE), "cites"), (str(BLOG), str(STUDY_RAT), "cites"),
        (str(SHEET), str(STUDY_NULL_RCT), "cites"),
    }
    assert {key for key in edges if key[2] == "mechanism"} == {
        (str(STUDY_RAT), OPIOIDS, "mechanism"), (str(CLAIM_OPIOIDS), OPIOIDS, "mechanism"),
    }
    assert {key for key in edges if key[2] == "about"} == {
        (str(CLAIM_HIV_PAIN), HIV, "about"), (str(STUDY_NULL_RCT), HIV, "about"),
    }


def test_nodes_and_edges_carry_the_facts_tooltips_show(tiny_store: Store) -> None:
    graph = build_network(tiny_store)
    trial = graph.nodes[str(STUDY_NULL_RCT)]
    assert (trial["design"], trial["evidence_level"], trial["year"], trial["participants"], trial["result"]) == (
        "Randomized controlled trial", 2, "1998", 250, "Null")
    assert graph.nodes[str(STUDY_VAGUE)]["identifiable"] is False
    quotes = {data["quote"]: data["strength"] for u, v, data in graph.edges(data=True)
              if data["relation"] == "asserts" and v == str(CLAIM_HIV_PAIN)}
    assert quotes == {"acupuncture is proven to relieve HIV neuropathy pain": "strong",
                      "not more effective than placebo": "moderate"}


def test_the_same_network_comes_from_every_store(tmp_path) -> None:
    from claimgraph.store import load
    from helpers import STORE_KINDS, TINY, store_spec

    default = build_network(load([TINY]))
    for kind in STORE_KINDS:
        with load([TINY], store_spec(kind, tmp_path)) as store:
            other = build_network(store)
        assert dict(other.nodes(data=True)) == dict(default.nodes(data=True)), kind
        assert sorted(map(repr, other.edges(data=True))) == sorted(map(repr, default.edges(data=True))), kind


@pytest.fixture(scope="module")
def tiny_graph():
    from claimgraph.store import load
    from helpers import TINY

    return build_network(load([TINY]))


def test_full_and_audit_views_hold_the_whole_graph(tiny_graph) -> None:
    for spec in ("full", "audit"):
        view = select_view(tiny_graph, spec)
        assert view.graph is tiny_graph
        assert view.focus is None


def test_claim_view_shows_what_the_claim_rests_on(tiny_graph) -> None:
    view = select_view(tiny_graph, "claim:relieves-hiv-pain")
    assert view.focus == str(CLAIM_HIV_PAIN)
    nodes = set(view.graph)
    assert {str(BLOG), str(SHEET), str(STUDY_NULL_RCT), str(STUDY_VAGUE), HIV} <= nodes
    assert str(CLAIM_SAFE) not in nodes, "sources are hubs: a view does not expand through them"
    assert view.title.startswith("Claim: Acupuncture relieves pain")


def test_condition_view_reaches_sources_through_claims(tiny_graph) -> None:
    view = select_view(tiny_graph, f"condition:{HIV}")
    assert {HIV, str(CLAIM_HIV_PAIN), str(STUDY_NULL_RCT), str(BLOG), str(SHEET), str(STUDY_VAGUE)} == set(view.graph)


def test_source_view_by_local_name(tiny_graph) -> None:
    view = select_view(tiny_graph, "source:sheet")
    assert {str(SHEET), str(CLAIM_HIV_PAIN), str(STUDY_NULL_RCT)} <= set(view.graph)
    assert str(CLAIM_OPIOIDS) not in view.graph


@pytest.mark.parametrize("spec", ["bogus", "claim:", "claim:no-such-claim", "source:relieves-hiv-pain", "study:x"])
def test_bad_view_specs_are_input_errors(tiny_graph, spec: str) -> None:
    with pytest.raises(InputError):
        select_view(tiny_graph, spec)


def test_neighbourhood_radius_zero_is_the_node(tiny_graph) -> None:
    assert neighbourhood(tiny_graph, str(CLAIM_SAFE), radius=0) == {str(CLAIM_SAFE)}


def test_layered_layout_places_every_node_in_bands_by_kind(tiny_graph) -> None:
    positions = layered_positions(tiny_graph)
    assert set(positions) == set(tiny_graph)
    band_tops = {}
    for node, kind in tiny_graph.nodes(data="kind"):
        band_tops.setdefault(kind, []).append(positions[node][1])
    ordered = [band_tops[kind] for kind in NODE_KINDS]
    for upper, lower in itertools.pairwise(ordered):
        assert max(upper) < min(lower)
    assert len(set(positions.values())) == len(positions), "no two nodes share a position"


@pytest.mark.parametrize("name", sorted(VIEWS.texts()))
def test_view_queries_are_standalone_sparql_with_a_header(name: str) -> None:
    import pyoxigraph

    text = VIEWS.text(name)
    assert text.startswith(f"# {name}: "), "first line: '# name: one-line description'"
    pyoxigraph.Store().query(text)  # no predeclared prefixes: every PREFIX must be declared in the file


def test_study_view_shows_the_claims_it_bears_on_and_the_sources_that_report_it(tiny_graph) -> None:
    view = select_view(tiny_graph, "study:trial1998")
    assert view.focus == str(STUDY_NULL_RCT)
    assert view.title == f"Study: {tiny_graph.nodes[str(STUDY_NULL_RCT)]['label']}"
    reporting = {u for u, _, r in tiny_graph.in_edges(str(STUDY_NULL_RCT), data="relation")
                 if r in ("reports", "cites")}
    borne_on = {v for _, v, r in tiny_graph.out_edges(str(STUDY_NULL_RCT), data="relation") if r == "disputes"}
    assert reporting and borne_on
    assert reporting | borne_on | {HIV} <= set(view.graph)
    assert str(STUDY_VAGUE) in view.graph, "the other study its claim rests on, two steps away"
    assert str(CLAIM_OPIOIDS) not in view.graph, "a claim it has nothing to do with"


@pytest.fixture(scope="module")
def two_conditions_graph(tmp_path_factory):
    """The tiny graph plus a second condition whose claim rests on the same null trial."""
    from claimgraph.store import load
    from helpers import TINY

    extra = tmp_path_factory.mktemp("two-conditions") / "other.ttl"
    extra.write_text("""
@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix claim: <https://w3id.org/claimgraph/id/claim/> .
@prefix condition: <https://w3id.org/claimgraph/id/condition/> .
@prefix study: <https://w3id.org/claimgraph/id/study/> .
@prefix evidence: <https://w3id.org/claimgraph/id/evidence/> .
@prefix direction: <https://w3id.org/claimgraph/vocab/direction/> .
condition:foot-numbness a cg:Condition ; skos:prefLabel "Numb feet" .
claim:eases-numb-feet a cg:Claim ; rdfs:label "Needling eases numb feet" ; cg:aboutCondition condition:foot-numbness .
evidence:numb-feet-trial a cg:EvidenceLine ; cg:fromStudy study:trial1998 ; cg:bearsOn claim:eases-numb-feet ;
    cg:direction direction:inconclusive .
""", encoding="utf-8")
    return build_network(load([TINY, extra]))


def test_condition_view_leaves_out_claims_about_other_conditions(two_conditions_graph) -> None:
    graph = two_conditions_graph
    other_claim = "https://w3id.org/claimgraph/id/claim/eases-numb-feet"
    assert graph.has_edge(str(STUDY_NULL_RCT), other_claim), "the other claim rests on a study of the HIV view"
    hiv = select_view(graph, "condition:hiv-neuropathy")
    assert nodes_of_kind(hiv.graph, "claim") == [str(CLAIM_HIV_PAIN)]
    assert other_claim not in hiv.graph
    numb = select_view(graph, "condition:foot-numbness")
    assert nodes_of_kind(numb.graph, "claim") == [other_claim]
    assert str(STUDY_NULL_RCT) in numb.graph and HIV not in numb.graph, "other conditions stay out"


def test_view_hint_names_ids_that_open_views(tiny_graph) -> None:
    from claimgraph.network.graph import view_hint

    hint = view_hint(tiny_graph)
    specs = re.findall(r"\b((?:condition|source|study|claim):[\w-]+)", hint.split("in this graph:")[1])
    assert {spec.split(":")[0] for spec in specs} == {"condition", "source", "study", "claim"}
    for spec in specs:
        assert select_view(tiny_graph, spec).focus in tiny_graph
