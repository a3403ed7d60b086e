"""Stable skolem IRIs for blank nodes (RDF 1.1 §3.5), so pushing the same data twice adds nothing.

A blank node sent to a server twice becomes two nodes there; an IRI stays one. Before
``claimgraph load --to`` sends a graph, :func:`skolemize` replaces every blank node by
``https://w3id.org/claimgraph/.well-known/genid/<digest>``. The digest is a hash of the node's
description: its own triples, the triples that point at it, and, refined round by round, the
descriptions of the blank nodes next to it (an annotation target, its selector, and the assertion
IRI that names the target). So the same data gives the same IRIs in every run and process, and a
different quote or a different assertion gives different ones. A node's digest depends only on its
connected group of blank nodes and the IRIs and literals around it, never on the rest of the graph:
adding another source leaves the IRIs of the others as they were. Nodes no description tells apart
(automorphic ones) get numbered in turn; any numbering gives the same triples.

:func:`deskolemize` (and :func:`deskolemize_term`) turn those IRIs back into blank nodes when a
remote store answers, so a graph read back is isomorphic to the graph that was pushed.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

import rdflib
from rdflib.term import BNode, Node, URIRef

GENID = "https://w3id.org/claimgraph/.well-known/genid/"
"""The skolem IRI prefix: RDF 1.1's ``/.well-known/genid/`` under claimgraph's namespace host."""
DIGEST_CHARS = 32
"""Hex digits of SHA-256 kept in a skolem IRI (128 bits)."""

_Edge = tuple[str, str, str]


def is_skolem(term: Node) -> bool:
    """Whether ``term`` is one of claimgraph's skolem IRIs."""
    return isinstance(term, URIRef) and term.startswith(GENID)


def deskolemize_term(term: Node) -> Node:
    """A claimgraph skolem IRI as the blank node it stands for (labelled by its digest); any other term as is."""
    return BNode(str(term)[len(GENID):]) if is_skolem(term) else term


def deskolemize(graph: rdflib.Graph) -> rdflib.Graph:
    """``graph`` with claimgraph's skolem IRIs turned back into blank nodes (in place; returned for chaining)."""
    skolem = [triple for triple in graph if is_skolem(triple[0]) or is_skolem(triple[2])]
    for subject, predicate, obj in skolem:
        graph.remove((subject, predicate, obj))
        graph.add((deskolemize_term(subject), predicate, deskolemize_term(obj)))
    return graph


def skolemize(graph: rdflib.Graph) -> rdflib.Graph:
    """A copy of ``graph`` with every blank node replaced by its stable skolem IRI (prefixes kept); ``graph``
    itself when it has no blank node."""
    iris = skolem_iris(graph)
    if not iris:
        return graph
    copy = rdflib.Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True, replace=True)
    for subject, predicate, obj in graph:
        copy.add((iris.get(subject, subject), predicate, iris.get(obj, obj)))  # type: ignore[arg-type]
    return copy


def skolem_iris(graph: rdflib.Graph) -> dict[Node, URIRef]:
    """The skolem IRI of each blank node in ``graph``."""
    own: dict[Node, list[_Edge]] = defaultdict(list)
    blank_edges: dict[Node, list[tuple[str, str, Node]]] = defaultdict(list)
    for subject, predicate, obj in graph:
        subject_blank, object_blank = isinstance(subject, BNode), isinstance(obj, BNode)
        if subject_blank:
            own[subject].append(("out", predicate.n3(), "_" if object_blank else obj.n3()))
        if object_blank:
            own[obj].append(("in", predicate.n3(), "_" if subject_blank else subject.n3()))
        if subject_blank and object_blank:
            blank_edges[subject].append(("out", predicate.n3(), obj))
            blank_edges[obj].append(("in", predicate.n3(), subject))
    iris: dict[Node, URIRef] = {}
    copies: dict[bytes, int] = defaultdict(int)
    for group in _groups(own, blank_edges):
        colours = _canonical_colours(group, own, blank_edges)
        shape = _digest(sorted(colours.values()))  # the whole group: each node's IRI depends on all of it
        copy = copies[shape]  # an identical group seen before: number this copy so the two stay two
        copies[shape] += 1
        for node in group:
            iris[node] = URIRef(GENID + _digest([colours[node], shape, str(copy)]).hex()[:DIGEST_CHARS])
    return iris


def _groups(own: dict[Node, list[_Edge]], blank_edges: dict[Node, list[tuple[str, str, Node]]]) -> list[list[Node]]:
    """The connected groups of blank nodes (joined by triples between two blank nodes)."""
    seen: set[Node] = set()
    groups: list[list[Node]] = []
    for start in own:
        if start in seen:
            continue
        seen.add(start)
        group, frontier = [start], [start]
        while frontier:
            for _, _, neighbour in blank_edges.get(frontier.pop(), ()):
                if neighbour not in seen:
                    seen.add(neighbour)
                    group.append(neighbour)
                    frontier.append(neighbour)
        groups.append(group)
    return groups


def _digest(parts: Iterable[str | bytes]) -> bytes:
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.digest()


def _canonical_colours(group: list[Node], own: dict[Node, list[_Edge]],
                       blank_edges: dict[Node, list[tuple[str, str, Node]]]) -> dict[Node, bytes]:
    """One distinct colour per node: descriptions refined until stable, ties broken one node at a time."""
    colours = {node: _digest(["\t".join(edge) for edge in sorted(own[node])]) for node in group}
    colours = _refine(colours, blank_edges)
    while len(set(colours.values())) < len(group):
        counts: dict[bytes, int] = defaultdict(int)
        for colour in colours.values():
            counts[colour] += 1
        tied = min(colour for colour, count in counts.items() if count > 1)
        chosen = next(node for node in group if colours[node] == tied)  # tied nodes are interchangeable
        colours[chosen] = _digest([tied, "chosen"])
        colours = _refine(colours, blank_edges)
    return colours


def _refine(colours: dict[Node, bytes], blank_edges: dict[Node, list[tuple[str, str, Node]]]) -> dict[Node, bytes]:
    """Recolour each node by its colour and its blank neighbours' colours until no class splits further."""
    classes = len(set(colours.values()))
    while True:
        refined = {
            node: _digest([colour, *sorted(_digest([way, predicate, colours[other]])
                                           for way, predicate, other in blank_edges.get(node, ()))])
            for node, colour in colours.items()
        }
        refined_classes = len(set(refined.values()))
        if refined_classes == classes:
            return colours
        colours, classes = refined, refined_classes
