"""The shapes compiled to SPARQL agree with pyshacl: on every fixture, per constraint component, and they
refuse to decide (never pass) when a shape uses a component they do not translate."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

import claimgraph.validate.shacl as shacl_module
from claimgraph.namespaces import SH
from claimgraph.store import Store, load, open_store
from claimgraph.validate import shapes_graph, validate, validate_graph
from claimgraph.validate.shacl import conforming_report
from claimgraph.validate.shacl_sparql import UnsupportedShapes, check_conformance, compile_shapes
from helpers import FIXTURES, GRAPHS, TINY

FIXTURE_GRAPHS = {path.relative_to(FIXTURES).as_posix(): [path]
                  for path in sorted([*FIXTURES.glob("*.ttl"), *FIXTURES.glob("audit/*.ttl")])}
FIXTURE_GRAPHS["curated graph"] = [GRAPHS]


def pyshacl_focus_nodes(report_graph: rdflib.Graph) -> set[str]:
    """The IRIs pyshacl names as focus nodes of its results (blank nodes are labelled per graph)."""
    return {str(node) for node in report_graph.objects(None, SH.focusNode) if isinstance(node, rdflib.URIRef)}


def assert_agree(store: Store, data: rdflib.Graph, shapes: rdflib.Graph | None = None) -> bool:
    """Both engines give the same verdict; the compiled focus nodes (IRIs) are among pyshacl's. Returns it."""
    from pyshacl import validate as pyshacl_validate

    shapes = shapes if shapes is not None else shapes_graph()
    compiled = check_conformance(store, shapes)
    conforms, report_graph, text = pyshacl_validate(data, shacl_graph=shapes, advanced=False, inference="none")
    assert compiled.conforms is bool(conforms), (compiled, text)
    iris = {node for node in compiled.focus_nodes if node.startswith(("http:", "https:", "urn:"))}
    assert iris <= pyshacl_focus_nodes(report_graph), (iris, text)
    return bool(conforms)


@pytest.mark.parametrize("kind", ["memory", "rdflib"])
@pytest.mark.parametrize("name", list(FIXTURE_GRAPHS))
def test_fixture_graphs_agree_with_pyshacl(name: str, kind: str) -> None:
    if kind == "rdflib" and name == "curated graph":
        pytest.skip("the curated graph on rdflib's engine takes 10 s; the mutation tests cover that engine")
    with load(FIXTURE_GRAPHS[name], kind) as store:
        assert_agree(store, store.to_rdflib())


def test_conforming_report_is_byte_identical_to_pyshacls() -> None:
    with load([TINY]) as store:
        assert check_conformance(store, shapes_graph()).conforms is True
        assert conforming_report().to_turtle() == validate_graph(store.to_rdflib()).to_turtle()
        assert validate(store).to_turtle() == validate_graph(store.to_rdflib()).to_turtle()


BROKEN_STUDY = """
@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/claimgraph/id/study/broken> a cg:Study ; rdfs:label "One" , "Two" ; cg:identifiable true .
"""


def test_a_violating_graph_gets_pyshacls_own_report(tmp_path: Path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text(BROKEN_STUDY)
    with load([TINY, extra]) as store:
        check = check_conformance(store, shapes_graph())
        assert check.conforms is False
        assert check.focus_nodes == {"https://w3id.org/claimgraph/id/study/broken"}
        report = validate(store)
        assert report.to_turtle() == validate_graph(store.to_rdflib()).to_turtle()
        assert not report.conforms and report.violations


COMPONENTS = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:ThingShape a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:size ; sh:maxInclusive 10 ; sh:minExclusive 0 ; sh:datatype xsd:integer ] ,
        [ sh:path ex:colour ; sh:in ( ex:red ex:blue ) ; sh:nodeKind sh:IRI ] ,
        [ sh:path [ sh:alternativePath ( ex:part ex:piece ) ] ; sh:maxCount 2 ] ,
        [ sh:path [ sh:zeroOrMorePath ex:part ] ; sh:not [ sh:class ex:Forbidden ] ] ,
        [ sh:path [ sh:oneOrMorePath ex:part ] ; sh:and ( [ sh:nodeKind sh:BlankNodeOrIRI ] [ sh:class ex:Thing ] ) ] ,
        [ sh:path ex:code ; sh:pattern "^ab" ; sh:flags "i" ; sh:minCount 2 ] .
ex:NamedShape a sh:NodeShape ; sh:targetNode ex:special ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .
ex:SubjectShape a sh:NodeShape ; sh:targetSubjectsOf ex:owner ; sh:property [ sh:path ex:owner ; sh:class ex:Person ] .
ex:ObjectShape a sh:NodeShape ; sh:targetObjectsOf ex:owner ; sh:nodeKind sh:IRI .
ex:Person a rdfs:Class , sh:NodeShape ; sh:property [ sh:path [ sh:zeroOrOnePath ex:alias ] ; sh:minCount 1 ] .
"""

DATA = {
    "conforming": """ex:a a ex:Thing ; ex:size 3 ; ex:colour ex:red ; ex:code "AB1" , "ab2" ; ex:part ex:b .
        ex:b a ex:Thing ; ex:code "abc" , "abd" ; ex:owner ex:p . ex:p a ex:Person .
        ex:special ex:name "x" .""",
    "size too big": 'ex:a a ex:Thing ; ex:size 11 ; ex:code "ab" , "abx" .',
    "size not an integer": 'ex:a a ex:Thing ; ex:size 2.5 ; ex:code "ab" , "abx" .',
    "size a string": 'ex:a a ex:Thing ; ex:size "3" ; ex:code "ab" , "abx" .',
    "colour outside the list": 'ex:a a ex:Thing ; ex:colour ex:green ; ex:code "ab" , "abx" .',
    "three parts": 'ex:a a ex:Thing ; ex:part ex:x ; ex:piece ex:y , ex:z ; ex:code "ab" , "abx" .'
                   " ex:x a ex:Thing . ex:y a ex:Thing . ex:z a ex:Thing .",
    "forbidden part deep down": 'ex:a a ex:Thing ; ex:part ex:b ; ex:code "ab" , "abx" .'
                                ' ex:b a ex:Thing , ex:Forbidden ; ex:code "ab" , "abx" .',
    "part not a thing": 'ex:a a ex:Thing ; ex:part ex:q ; ex:code "ab" , "abx" .',
    "code not matching": 'ex:a a ex:Thing ; ex:code "ab" , "xab" .',
    "one code only": 'ex:a a ex:Thing ; ex:code "ab" .',
    "special without name": 'ex:special ex:other 1 .',
    "owner not a person": 'ex:c ex:owner ex:d .',
    "owner a literal": 'ex:c ex:owner "d" .',
    "person without alias but itself": 'ex:p a ex:Person .',
    "subclass of person": 'ex:Student rdfs:subClassOf ex:Person . ex:s a ex:Student . ex:c ex:owner ex:s .',
}


@pytest.mark.parametrize("kind", ["memory", "rdflib"])
@pytest.mark.parametrize("case", list(DATA))
def test_each_component_agrees_with_pyshacl(case: str, kind: str) -> None:
    shapes = rdflib.Graph().parse(data=COMPONENTS, format="turtle")
    prefixes = "@prefix ex: <http://example.org/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    with open_store(kind) as store:
        store.load_turtle_text(prefixes + DATA[case], case)
        conforms = assert_agree(store, store.to_rdflib(), shapes)
    assert conforms is (case == "conforming")


UNSUPPORTED = {
    "sh:xone": "sh:xone ( [ sh:path ex:a ; sh:minCount 1 ] [ sh:path ex:b ; sh:minCount 1 ] )",
    "sh:qualifiedValueShape": "sh:property [ sh:path ex:a ; sh:qualifiedValueShape [ sh:class ex:T ] ;"
                              " sh:qualifiedMinCount 1 ]",
    "sh:closed": "sh:closed true",
    "sh:sparql": 'sh:sparql [ sh:select "SELECT $this WHERE { }" ]',
    "a cycle of shapes": "sh:property [ sh:path ex:a ; sh:node ex:Shape ]",
    "a blank node value": "sh:property [ sh:path ex:a ; sh:hasValue [] ]",
    "a minCount beyond the compiled range": "sh:property [ sh:path ex:a ; sh:minCount 50 ]",
}


@pytest.mark.parametrize("case", list(UNSUPPORTED))
def test_an_unsupported_shape_makes_the_compiler_refuse(case: str) -> None:
    text = ("@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n"
            f"ex:Shape a sh:NodeShape ; sh:targetClass ex:T ; {UNSUPPORTED[case]} .")
    shapes = rdflib.Graph().parse(data=text, format="turtle")
    with pytest.raises(UnsupportedShapes):
        compile_shapes(shapes)
    with open_store("memory") as store:
        assert check_conformance(store, shapes).conforms is None


def test_validate_falls_back_to_pyshacl_when_a_shape_is_not_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    """A graph the shipped shapes accept, checked with an extra sh:xone it breaks: pyshacl must decide."""
    extra = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<urn:x:XoneShape> a sh:NodeShape ; sh:targetClass cg:Claim ;
    sh:xone ( [ sh:path rdfs:label ; sh:minCount 1 ] [ sh:path rdfs:label ; sh:maxCount 5 ] ) .
"""
    shipped = shapes_graph()
    monkeypatch.setattr(shacl_module, "shapes_graph", lambda: shipped + rdflib.Graph().parse(data=extra))
    with load([TINY]) as store:
        assert check_conformance(store, shipped).conforms is True
        report = validate(store)
    assert not report.conforms
    assert {v.message for v in report.violations}, report.violations
