"""Stable skolem IRIs: the same data gives the same IRIs, different data different ones, and the way back."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.term import BNode, URIRef

from claimgraph.store import load
from claimgraph.store.skolem import GENID, deskolemize, deskolemize_term, is_skolem, skolemize
from helpers import GRAPHS, TINY, assert_isomorphic

PREFIXES = "@prefix ex: <https://example.org/> . @prefix oa: <http://www.w3.org/ns/oa#> .\n"
TARGETS = PREFIXES + """
ex:a1 oa:hasTarget [ oa:hasSource ex:s ; oa:hasSelector [ oa:exact "the same quote" ] ] .
ex:a2 oa:hasTarget [ oa:hasSource ex:s ; oa:hasSelector [ oa:exact "the same quote" ] ] .
ex:a3 oa:hasTarget [ oa:hasSource ex:s ; oa:hasSelector [ oa:exact "another quote" ] ] .
"""


def parse(text: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=text, format="turtle")


def blank_nodes(graph: rdflib.Graph) -> set[BNode]:
    return {term for triple in graph for term in triple if isinstance(term, BNode)}


def skolem_terms(graph: rdflib.Graph) -> set[URIRef]:
    return {term for triple in graph for term in triple if is_skolem(term)}


def target_of(graph: rdflib.Graph, assertion: str) -> URIRef:
    return URIRef(str(graph.value(URIRef(f"https://example.org/{assertion}"), URIRef("http://www.w3.org/ns/oa#hasTarget"))))


@pytest.mark.parametrize("paths", [[TINY], [GRAPHS]], ids=["tiny", "curated"])
def test_the_same_data_parsed_twice_gets_the_same_iris(paths):
    first, second = load(paths).to_rdflib(), load(paths).to_rdflib()
    assert blank_nodes(first)
    assert blank_nodes(first) != blank_nodes(second)  # two parses label their blank nodes differently
    assert set(skolemize(first)) == set(skolemize(second))


@pytest.mark.parametrize("paths", [[TINY], [GRAPHS]], ids=["tiny", "curated"])
def test_skolemizing_leaves_no_blank_node_and_deskolemizing_gives_the_graph_back(paths):
    graph = load(paths).to_rdflib()
    skolemized = skolemize(graph)
    assert not blank_nodes(skolemized)
    assert len(skolem_terms(skolemized)) == len(blank_nodes(graph))
    assert all(str(term).startswith(GENID) for term in skolem_terms(skolemized))
    assert_isomorphic(deskolemize(skolemized), graph)


def test_equal_descriptions_under_different_assertions_stay_apart():
    skolemized = skolemize(parse(TARGETS))
    targets = {target_of(skolemized, name) for name in ("a1", "a2", "a3")}
    assert len(targets) == 3
    assert len(skolemized) == len(parse(TARGETS))


def test_a_changed_quote_changes_only_its_own_iris():
    before = skolemize(parse(TARGETS))
    after = skolemize(parse(TARGETS.replace("another quote", "a changed quote")))
    assert target_of(before, "a3") != target_of(after, "a3")
    assert target_of(before, "a1") == target_of(after, "a1")
    assert target_of(before, "a2") == target_of(after, "a2")


def test_adding_other_data_keeps_the_iris_of_the_rest():
    alone = skolem_terms(skolemize(parse(TARGETS)))
    extended = skolem_terms(skolemize(parse(TARGETS + 'ex:a4 ex:p [ ex:q [ ex:r [ ex:t "deep" ] ] ] .')))
    assert alone < extended


@pytest.mark.parametrize("text", [
    PREFIXES + 'ex:a ex:p [ ex:q 1 ], [ ex:q 1 ] .',
    PREFIXES + "_:x ex:next _:y . _:y ex:next _:x .",
    PREFIXES + "_:x ex:next _:y . _:y ex:next _:z . _:z ex:next _:x . ex:a ex:p _:x .",
    PREFIXES + "_:x ex:knows _:y . _:y ex:knows _:x . _:u ex:knows _:v . _:v ex:knows _:u .",
], ids=["twins", "two-cycle", "rooted-cycle", "two-components-alike"])
def test_nodes_no_description_tells_apart_stay_apart(text):
    graph = parse(text)
    skolemized = skolemize(graph)
    assert len(skolem_terms(skolemized)) == len(blank_nodes(graph))
    assert set(skolemize(parse(text))) == set(skolemized)
    assert_isomorphic(deskolemize(skolemized), graph)


def test_only_claimgraph_skolem_iris_turn_back_into_blank_nodes():
    other = URIRef("https://example.org/.well-known/genid/abc")
    assert deskolemize_term(other) == other
    assert deskolemize_term(URIRef(f"{GENID}abc")) == BNode("abc")
