"""SHACL core shapes compiled into SPARQL 1.1 queries that find the focus nodes violating them.

The shapes graph stays the one statement of the contract: every query is generated from it at run time.
Each shape with a target becomes one ``SELECT DISTINCT ?this`` whose pattern binds the focus nodes that
violate it, built recursively (``sh:node``, ``sh:or``, ``sh:and``, ``sh:not``, ``sh:property``) from
joins, MINUS and FILTER over the set of candidate nodes. A shape using anything the compiler does not know (``sh:xone``,
``sh:qualifiedValueShape``, ``sh:closed``, SPARQL constraints, a blank-node value, a cycle of shapes)
raises :class:`UnsupportedShapes`: the caller must then ask a full SHACL engine, never assume conformance.

Datatype checks compare datatypes only: every claimgraph store refuses ill-typed literals when it loads
Turtle (``store/checks.py``), so a literal of the right datatype is also well formed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import rdflib
import rdflib.collection
from rdflib.namespace import RDF, RDFS
from rdflib.term import Literal, Node, URIRef

from claimgraph.namespaces import SH
from claimgraph.store import Store
from claimgraph.store.terms import sparql_string, sparql_term

MAX_COUNT_COMPARED = 6
"""The largest sh:minCount / sh:maxCount + 1 compiled (as that many pairwise distinct values)."""

TARGETS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf}
IGNORED = {SH.message, SH.name, SH.description, SH.order, SH.group, SH.severity, SH.defaultValue,
           SH.flags, SH.deactivated, *TARGETS}
"""Shape predicates that add no condition of their own (``sh:flags`` is read with ``sh:pattern``)."""

NODE_KINDS = {
    SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))", SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
COMPARISONS = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}
PATH_OPERATORS = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}


class UnsupportedShapes(Exception):
    """The shapes use a SHACL feature the compiler does not translate: only a full engine can decide."""


@dataclass(frozen=True)
class CompiledShape:
    """One shape with a target, and the SELECT that returns its violating focus nodes as ``?this``."""

    shape: str
    query: str


@dataclass(frozen=True)
class ConformanceCheck:
    """The compiled check's verdict: ``conforms`` is None when it refused to decide (``reason`` says why)."""

    conforms: bool | None
    focus_nodes: frozenset[str] = frozenset()
    reason: str = ""


def compile_shapes(shapes: rdflib.Graph) -> list[CompiledShape]:
    """One SPARQL query per targeted shape of ``shapes``; UnsupportedShapes if any shape cannot be compiled."""
    return _Compiler(shapes).compile()


def check_conformance(store: Store, shapes: rdflib.Graph) -> ConformanceCheck:
    """Run the compiled queries on ``store``: conforms True/False, or None when the shapes cannot be compiled."""
    try:
        compiled = compile_shapes(shapes)
    except UnsupportedShapes as refusal:
        return ConformanceCheck(conforms=None, reason=str(refusal))
    focus = {row["this"] for rows in store.select_strings_each([c.query for c in compiled]) for row in rows}
    return ConformanceCheck(conforms=not focus, focus_nodes=frozenset(focus))


class _Compiler:
    """Turns shapes into graph patterns whose solutions are the nodes violating them.

    Every pattern is a group ``{ … }`` built from a *domain*: the group that binds the candidate nodes
    (the targets, or the values reached from them). Constraints are set operations on that domain — a
    join for values that must not exist, MINUS for values that must, FILTER for tests of one term — so
    that the engine evaluates them as whole sets instead of one correlated EXISTS per node.
    """

    def __init__(self, shapes: rdflib.Graph) -> None:
        self.shapes = shapes
        self.counter = 0
        self.active: list[Node] = []

    def fresh(self) -> str:
        """A variable name not used elsewhere in the query."""
        self.counter += 1
        return f"?v{self.counter}"

    def compile(self) -> list[CompiledShape]:
        """A query for each shape that has a target (explicit, or implicit as an rdfs:Class)."""
        compiled = []
        for shape in sorted(self._targeted_shapes(), key=str):
            self.counter = 0
            targets = " UNION ".join(f"{{ {pattern} }}" for pattern in self._targets(shape))
            violation = self.violating(shape, f"{{ {targets} }}", "?this")
            if violation is not None:
                compiled.append(CompiledShape(shape=str(shape), query=f"SELECT DISTINCT ?this WHERE {violation}"))
        return compiled

    def _targeted_shapes(self) -> set[Node]:
        found: set[Node] = set()
        for predicate in TARGETS:
            found.update(self.shapes.subjects(predicate, None))
        for kind in (SH.NodeShape, SH.PropertyShape):
            found.update(shape for shape in self.shapes.subjects(RDF.type, kind)
                         if (shape, RDF.type, RDFS.Class) in self.shapes)
        return found

    def _targets(self, shape: Node) -> Iterator[str]:
        for cls in self.shapes.objects(shape, SH.targetClass):
            yield self._instance_of("?this", cls)
        if (shape, RDF.type, RDFS.Class) in self.shapes:
            yield self._instance_of("?this", shape)
        for node in self.shapes.objects(shape, SH.targetNode):
            yield f"VALUES ?this {{ {self.term(node)} }}"
        for predicate in self.shapes.objects(shape, SH.targetSubjectsOf):
            yield f"?this {self.term(predicate)} [] ."
        for predicate in self.shapes.objects(shape, SH.targetObjectsOf):
            yield f"[] {self.term(predicate)} ?this ."

    def _instance_of(self, node: str, cls: Node) -> str:
        """``node`` is a SHACL instance of ``cls``: its type is ``cls`` or a subclass of it."""
        kind = self.fresh()
        return f"{node} <{RDF.type}> {kind} . {kind} <{RDFS.subClassOf}>* {self.term(cls)} ."

    def term(self, node: Node) -> str:
        """An IRI or literal of the shapes graph as SPARQL text; a blank node cannot be one."""
        if not isinstance(node, URIRef | Literal):
            raise UnsupportedShapes(f"a blank node where an IRI or literal is expected: {node!r}")
        return sparql_term(node)

    def violating(self, shape: Node, domain: str, node: str) -> str | None:
        """A group whose solutions bind ``node`` to the nodes of ``domain`` violating ``shape`` (None: no node can)."""
        if shape in self.active:
            raise UnsupportedShapes(f"shapes refer to each other in a cycle through {shape}")
        if self.shapes.value(shape, SH.deactivated) == Literal(True):
            return None
        self.active.append(shape)
        try:
            self._check_known(shape)
            path = self.shapes.value(shape, SH.path)
            if path is None:
                groups = self.bad_values(shape, domain, node)
            else:
                groups = [*self._count_checks(shape, path, domain, node),
                          *self._value_checks(shape, path, domain, node)]
            groups += [self.violating(nested, domain, node) for nested in self.shapes.objects(shape, SH.property)]
        finally:
            self.active.pop()
        return _union(groups)

    def _check_known(self, shape: Node) -> None:
        for predicate in set(self.shapes.predicates(shape, None)):
            if str(predicate).startswith(str(SH)) and predicate not in IGNORED and predicate not in _HANDLED:
                raise UnsupportedShapes(f"{shape} uses {predicate}, which the SPARQL compiler does not translate")
        if self.shapes.value(shape, SH.flags) is not None and self.shapes.value(shape, SH.pattern) is None:
            raise UnsupportedShapes(f"{shape} has sh:flags without sh:pattern")

    def _count_checks(self, shape: Node, path: Node, domain: str, node: str) -> Iterator[str]:
        low = self._count(shape, SH.minCount)
        if low is not None and low > 0:
            yield f"{{ {domain} MINUS {{ {self._distinct_values(path, node, low)} }} }}"
        high = self._count(shape, SH.maxCount)
        if high is not None:
            yield f"{{ {domain} {{ {self._distinct_values(path, node, high + 1)} }} }}"

    def _count(self, shape: Node, predicate: URIRef) -> int | None:
        value = self.shapes.value(shape, predicate)
        if value is None:
            return None
        if not isinstance(value, Literal) or not isinstance(value.toPython(), int) or value.toPython() < 0:
            raise UnsupportedShapes(f"{shape}: {predicate} is not a non-negative integer")
        count = int(value.toPython())
        if count + 1 > MAX_COUNT_COMPARED:
            raise UnsupportedShapes(f"{shape}: {predicate} {count} is beyond what the compiler counts")
        return count

    def _distinct_values(self, path: Node, node: str, count: int) -> str:
        names = [self.fresh() for _ in range(count)]
        triples = " ".join(self.walk(path, node, name) for name in names)
        different = [f"!sameTerm({a}, {b})" for i, a in enumerate(names) for b in names[i + 1:]]
        return triples + (f" FILTER({' && '.join(different)})" if different else "")

    def _value_checks(self, shape: Node, path: Node, domain: str, node: str) -> list[str | None]:
        value = self.fresh()
        values = f"{{ {domain} {{ {self.walk(path, node, value)} }} }}"
        checks = self.bad_values(shape, values, value)
        checks += [f"{{ {domain} MINUS {{ {self.walk(path, node, self.term(required))} }} }}"
                   for required in self.shapes.objects(shape, SH.hasValue)]
        return checks

    def bad_values(self, shape: Node, domain: str, value: str) -> list[str | None]:
        """Groups binding ``value`` to the nodes of ``domain`` that break a value constraint of ``shape``."""
        objects = self.shapes.objects
        groups: list[str | None] = [f"{{ {domain} MINUS {{ {self._instance_of(value, cls)} }} }}"
                                    for cls in objects(shape, SH["class"])]
        tests = [f"!(isLiteral({value}) && sameTerm(datatype({value}), {self.term(datatype)}))"
                 for datatype in objects(shape, SH.datatype)]
        for kind in objects(shape, SH.nodeKind):
            if not isinstance(kind, URIRef) or kind not in NODE_KINDS:
                raise UnsupportedShapes(f"{shape}: unknown sh:nodeKind {kind}")
            tests.append("!" + NODE_KINDS[kind].format(v=value))
        for predicate, operator in COMPARISONS.items():
            tests += [f"COALESCE(!({value} {operator} {self.term(bound)}), true)"
                      for bound in objects(shape, predicate)]
        tests.extend(self._pattern_checks(shape, value))
        if self.shapes.value(shape, SH.path) is None:
            tests += [f"!sameTerm({value}, {self.term(required)})" for required in objects(shape, SH.hasValue)]
        for allowed in objects(shape, SH["in"]):
            members = " || ".join(f"sameTerm({value}, {self.term(m)})" for m in self.members(allowed))
            tests.append(f"!({members or 'false'})")
        if tests:
            groups.append(f"{{ {domain} FILTER({' || '.join(f'({test})' for test in tests)}) }}")
        groups += [self.violating(nested, domain, value) for nested in objects(shape, SH.node)]
        for nested in objects(shape, SH["not"]):
            breaking = self.violating(nested, domain, value)
            groups.append(f"{{ {domain} MINUS {breaking} }}" if breaking else domain)
        for listed in objects(shape, SH["and"]):
            groups += [self.violating(member, domain, value) for member in self.members(listed)]
        for listed in objects(shape, SH["or"]):
            groups.append(self._violating_all(self.members(listed), domain, value))
        return groups

    def _violating_all(self, shapes: list[Node], domain: str, value: str) -> str | None:
        """The nodes of ``domain`` violating every one of ``shapes`` (those that break an sh:or)."""
        remaining: str | None = domain
        for member in shapes:
            remaining = self.violating(member, remaining, value) if remaining else None
        return remaining

    def _pattern_checks(self, shape: Node, value: str) -> Iterator[str]:
        flags = self.shapes.value(shape, SH.flags)
        flag_text = f", {sparql_string(str(flags))}" if flags is not None else ""
        for pattern in self.shapes.objects(shape, SH.pattern):
            regex = f"REGEX(STR({value}), {sparql_string(str(pattern))}{flag_text})"
            yield f"COALESCE(isBlank({value}) || !{regex}, true)"

    def members(self, node: Node) -> list[Node]:
        """The members of an RDF list in the shapes graph."""
        if node != RDF.nil and self.shapes.value(node, RDF.first) is None:
            raise UnsupportedShapes(f"not an RDF list: {node}")
        return list(rdflib.collection.Collection(self.shapes, node))

    def walk(self, node: Node, start: str, end: str) -> str:
        """Triple patterns linking ``start`` to ``end`` by a SHACL property path.

        Sequences and inverses become plain triple patterns joined on fresh variables (Oxigraph then starts
        from the bound end, where a sequence path expression is evaluated as a whole); alternatives become
        UNION, and the repetition operators SPARQL property paths.
        """
        if isinstance(node, URIRef):
            return f"{start} {self.term(node)} {end} ."
        if self.shapes.value(node, RDF.first) is not None:
            steps = self.members(node)
            links = [start, *(self.fresh() for _ in steps[1:]), end]
            return " ".join(self.walk(step, links[i], links[i + 1]) for i, step in enumerate(steps))
        inverse = self.shapes.value(node, SH.inversePath)
        if inverse is not None:
            return self.walk(inverse, end, start)
        alternatives = self.shapes.value(node, SH.alternativePath)
        if alternatives is not None:
            return " UNION ".join(f"{{ {self.walk(step, start, end)} }}" for step in self.members(alternatives))
        return f"{start} {self.path(node)} {end} ."

    def path(self, node: Node) -> str:
        """A SHACL property path as a SPARQL 1.1 property path expression."""
        if isinstance(node, URIRef):
            return self.term(node)
        if self.shapes.value(node, RDF.first) is not None:
            return "(" + "/".join(self.path(step) for step in self.members(node)) + ")"
        inverse = self.shapes.value(node, SH.inversePath)
        if inverse is not None:
            return f"^({self.path(inverse)})"
        alternatives = self.shapes.value(node, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(self.path(step) for step in self.members(alternatives)) + ")"
        for predicate, operator in PATH_OPERATORS.items():
            inner = self.shapes.value(node, predicate)
            if inner is not None:
                return f"({self.path(inner)}){operator}"
        raise UnsupportedShapes(f"a property path the compiler does not know: {node!r}")


_HANDLED = {SH.path, SH.property, SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.nodeKind, SH.pattern,
            SH.hasValue, SH["in"], SH.node, SH["not"], SH["and"], SH["or"], *COMPARISONS}
"""Constraint parameters the compiler translates."""


def _union(groups: list[str | None]) -> str | None:
    present = [group for group in groups if group]
    if len(present) <= 1:
        return present[0] if present else None
    return "{ " + " UNION ".join(present) + " }"
