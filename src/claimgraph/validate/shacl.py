"""SHACL validation of a loaded graph against ontology/shapes.ttl; results carry the audit's Severity."""

from __future__ import annotations

from dataclasses import dataclass

import rdflib
import rdflib.collection

from claimgraph.namespaces import PREFIXES, SH
from claimgraph.resources import shapes_text
from claimgraph.severity import Severity
from claimgraph.store import Store


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property path, the shape's message and its severity."""

    focus: str
    path: str
    message: str
    severity: Severity
    value: str | None = None


@dataclass
class ValidationReport:
    """The outcome of SHACL validation, with the W3C report graph kept for export."""

    conforms: bool
    violations: list[Violation]
    graph: rdflib.Graph

    def to_turtle(self) -> str:
        """The W3C report as Turtle, blank nodes labelled canonically so the same results give the same bytes."""
        from rdflib.compare import to_canonical_graph

        canonical = rdflib.Graph()
        for prefix, namespace in self.graph.namespaces():
            canonical.bind(prefix, namespace)
        for triple in to_canonical_graph(self.graph):
            canonical.add(triple)
        return canonical.serialize(format="turtle")

    def to_json(self) -> dict[str, object]:
        """``validate --format json``: conforms, and each result with its severity."""
        return {"conforms": self.conforms, "violations": [{**vars(v), "severity": str(v.severity)}
                                                          for v in self.violations]}


def shapes_graph() -> rdflib.Graph:
    """The SHACL shapes shipped with claimgraph."""
    graph = rdflib.Graph()
    graph.parse(data=shapes_text(), format="turtle")
    return graph


COMPILED_CHECK_ENGINES = frozenset({"oxigraph"})
"""Stores on which the shapes compiled to SPARQL decide conformance first (``shacl_sparql``): Oxigraph answers
them in milliseconds. rdflib's engine takes longer on them than pyshacl does (10 s against 0.6 s on the curated
graph); a remote store's data was never checked for ill-typed literals by claimgraph's loader."""


def validate(store: Store, data: rdflib.Graph | None = None) -> ValidationReport:
    """Validate the store's content against the shapes; never raises on violations.

    On an Oxigraph store the shapes compiled to SPARQL run first: when they find no violation the report is
    the conforming one pyshacl gives; when they find any, or cannot translate a shape, pyshacl validates
    ``data`` (the store's content as rdflib, copied when not given) and its report is returned as it is.
    """
    if store.name in COMPILED_CHECK_ENGINES:
        from claimgraph.validate.shacl_sparql import check_conformance

        shapes = shapes_graph()
        if check_conformance(store, shapes).conforms:
            return conforming_report()
    return validate_graph(data if data is not None else store.to_rdflib())


def conforming_report() -> ValidationReport:
    """The W3C report of a graph that conforms: one sh:ValidationReport with sh:conforms true."""
    report_graph = rdflib.Graph()
    report = rdflib.BNode()
    report_graph.add((report, rdflib.RDF.type, SH.ValidationReport))
    report_graph.add((report, SH.conforms, rdflib.Literal(True)))
    report_graph.bind("sh", str(SH))
    for prefix, iri in PREFIXES.items():
        report_graph.bind(prefix, iri)
    return ValidationReport(conforms=True, violations=[], graph=report_graph)


def validate_graph(data: rdflib.Graph) -> ValidationReport:
    """Validate an rdflib graph (ontology included) against the shapes."""
    from pyshacl import validate as pyshacl_validate

    conforms, report_graph, _text = pyshacl_validate(
        data, shacl_graph=shapes_graph(), advanced=False, inference="none"
    )
    for prefix, iri in PREFIXES.items():
        report_graph.bind(prefix, iri)
    violations = sorted(_violations(report_graph), key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(conforms=bool(conforms), violations=violations, graph=report_graph)


def _violations(report: rdflib.Graph) -> list[Violation]:
    found = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        found.append(
            Violation(
                focus=_show(report, report.value(result, SH.focusNode)),
                path=_path_text(report, path) if path is not None else "",
                message=str(report.value(result, SH.resultMessage) or ""),
                severity=Severity.parse(str(report.value(result, SH.resultSeverity))),
                value=_show(report, value) if value is not None else None,
            )
        )
    return found


def _path_text(graph: rdflib.Graph, path: rdflib.term.Node) -> str:
    """A SHACL property path in SPARQL path syntax (``a/b``, ``^a``, ``a|b``)."""
    if isinstance(path, rdflib.BNode):
        if graph.value(path, rdflib.RDF.first) is not None:
            return "/".join(_path_text(graph, step) for step in rdflib.collection.Collection(graph, path))
        inverse = graph.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + _path_text(graph, inverse)
        alternatives = graph.value(path, SH.alternativePath)
        if alternatives is not None:
            return "|".join(_path_text(graph, step) for step in rdflib.collection.Collection(graph, alternatives))
    return _show(graph, path)


def _show(graph: rdflib.Graph, term: object) -> str:
    if isinstance(term, rdflib.URIRef):
        return graph.namespace_manager.normalizeUri(term)
    if isinstance(term, rdflib.BNode):
        return "[blank node]"
    return str(term)
