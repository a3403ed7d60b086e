"""The compiled SHACL check against pyshacl on mutants of the tiny fixture and of the curated graph: a triple
deleted, a literal retyped, a property pointed at a node of the wrong class, a type dropped or added, a
second value where one is allowed. Verdicts must agree; compiled focus nodes must be among pyshacl's."""

from __future__ import annotations

import warnings
from functools import cache

import rdflib
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from rdflib.namespace import RDF, XSD

from claimgraph.namespaces import SH
from claimgraph.resources import ontology_texts
from claimgraph.store import open_store
from claimgraph.store.open import turtle_files
from claimgraph.validate import shapes_graph
from claimgraph.validate.shacl_sparql import check_conformance
from helpers import GRAPHS, TINY

Triple = tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]
KINDS = ("delete", "retype", "repoint", "drop type", "add type", "second value")
DATATYPES = (XSD.string, XSD.integer, XSD.boolean, XSD.gYear, XSD.decimal, XSD.date, None)
"""None stands for a language-tagged string."""
MUTATIONS = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 10**6), st.integers(0, 10**6)),
                     min_size=1, max_size=3)


@cache
def base_triples(name: str) -> tuple[Triple, ...]:
    """The ontology and the named graph's triples, in a fixed order."""
    graph = rdflib.Graph()
    for _, text in ontology_texts():
        graph.parse(data=text, format="turtle")
    for path in turtle_files([TINY] if name == "tiny" else [GRAPHS]):
        graph.parse(path, format="turtle")
    return tuple(sorted(graph, key=lambda triple: tuple(map(str, triple))))


def mutate(triples: tuple[Triple, ...], mutations: list[tuple[str, int, int]]) -> list[Triple]:
    """The triples after each mutation in turn (indices wrap around the candidates)."""
    current = list(triples)
    for kind, i, j in mutations:
        subjects = sorted({s for s, _, _ in current if isinstance(s, rdflib.URIRef)})
        classes = sorted({o for _, p, o in current if p == RDF.type})
        if kind == "delete":
            current.pop(i % len(current))
        elif kind == "retype":
            literals = [t for t in current if isinstance(t[2], rdflib.Literal)]
            s, p, o = literals[i % len(literals)]
            current[current.index((s, p, o))] = (s, p, retyped(str(o), j))
        elif kind == "repoint":
            links = [t for t in current if isinstance(t[2], rdflib.URIRef) and t[1] != RDF.type]
            s, p, o = links[i % len(links)]
            current[current.index((s, p, o))] = (s, p, subjects[j % len(subjects)])
        elif kind == "drop type":
            typings = [t for t in current if t[1] == RDF.type]
            current.remove(typings[i % len(typings)])
        elif kind == "add type":
            current.append((subjects[i % len(subjects)], RDF.type, classes[j % len(classes)]))
        else:
            s, p, _ = current[i % len(current)]
            others = sorted({o for _, q, o in current if q == p}, key=str)
            current.append((s, p, others[j % len(others)]))
    return current


def retyped(lexical: str, choice: int) -> rdflib.Literal:
    """The lexical form with another datatype under which it is well formed (a string always is)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rdflib warns while it parses a lexical form it then marks ill-typed
        candidates = [rdflib.Literal(lexical, lang="en") if datatype is None
                      else rdflib.Literal(lexical, datatype=datatype) for datatype in DATATYPES]
        valid = [literal for literal in candidates if not literal.ill_typed]
    return valid[choice % len(valid)]


def agree(triples: list[Triple], kind: str) -> None:
    """Load the triples into a store of ``kind``; the compiled check and pyshacl must agree on them."""
    from pyshacl import validate as pyshacl_validate

    data = rdflib.Graph()
    for triple in triples:
        data.add(triple)
    shapes = shapes_graph()
    with open_store(kind) as store:
        store.load_turtle_text(data.serialize(format="nt"), "mutant")
        compiled = check_conformance(store, shapes)
    conforms, report, text = pyshacl_validate(data, shacl_graph=shapes, advanced=False, inference="none")
    assert compiled.conforms is bool(conforms), text
    named = {node for node in compiled.focus_nodes if node.startswith(("http:", "https:"))}
    assert named <= {str(node) for node in report.objects(None, SH.focusNode)}, text


SETTINGS = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.too_slow]}


@seed(20261203)
@settings(max_examples=150, **SETTINGS)
@given(MUTATIONS)
def test_tiny_mutants_on_oxigraph(mutations: list[tuple[str, int, int]]) -> None:
    agree(mutate(base_triples("tiny"), mutations), "memory")


@seed(20261204)
@settings(max_examples=5, **SETTINGS)
@given(MUTATIONS)
def test_tiny_mutants_on_rdflib(mutations: list[tuple[str, int, int]]) -> None:
    agree(mutate(base_triples("tiny"), mutations), "rdflib")


@seed(20261205)
@settings(max_examples=15, **SETTINGS)
@given(MUTATIONS)
def test_curated_mutants_on_oxigraph(mutations: list[tuple[str, int, int]]) -> None:
    agree(mutate(base_triples("curated"), mutations), "memory")


def test_mutations_change_the_verdict_often() -> None:
    """The mutants are not all harmless: some single deletions of the data's triples (not the ontology's, which
    outnumber them) break a shape (the check can fail)."""
    triples = base_triples("tiny")
    ontology = rdflib.Graph()
    for _, text in ontology_texts():
        ontology.parse(data=text, format="turtle")
    data = [index for index, triple in enumerate(triples)
            if not any(isinstance(term, rdflib.BNode) for term in triple) and triple not in ontology]
    broken = 0
    for index in data[::max(1, len(data) // 20)]:
        with open_store("memory") as store:
            data = rdflib.Graph()
            for triple in mutate(triples, [("delete", index, 0)]):
                data.add(triple)
            store.load_turtle_text(data.serialize(format="nt"), "mutant")
            broken += check_conformance(store, shapes_graph()).conforms is False
    assert broken >= 3, broken
