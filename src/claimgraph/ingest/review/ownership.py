"""What a draft may add to the graph: the one rule ``accept`` applies, and ``ingest`` checks its new ids against.

A draft of ``source:ID`` owns that source record, the assertions and citation mentions whose target's
``oa:hasSource`` is that source, the study reports ``cg:reportedIn`` it, the evidence lines ``cg:drawnBy`` it and
the speakers its assertions are ``prov:wasAttributedTo``. It may also add new claims, studies, conditions,
interventions and mechanisms (:data:`NEW_RECORD_TYPES`) under IRIs the graph does not hold yet. A record the graph
already holds (a curated study, another source's assertion, a vocabulary term, a curator's evidence line) may only
be repeated: a triple about it that the graph lacks is a change, and refused, so a second draft citing a study the
first one added still goes in when it repeats the study's facts, and one that adds a fact the study lacked (a DOI)
is refused until that fact is added to the graph by hand. A blank node belongs to the record that points to it. A
study draft of ``import-studies`` (no source) may add new studies only (:data:`STUDY_DRAFT_TYPES`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import rdflib
from rdflib import RDF, BNode, URIRef
from rdflib.namespace import PROV

from claimgraph.namespaces import CG, OA, curie

if TYPE_CHECKING:
    from claimgraph.store import Store

NEW_RECORD_TYPES = (CG.Claim, CG.Study, CG.Condition, CG.Intervention, CG.Mechanism)
"""The kinds of record a source's draft may add under an IRI the graph does not hold yet."""
STUDY_DRAFT_TYPES = (CG.Study,)
"""The kinds of record a study draft (``import-studies``, no source) may add."""
SHOWN_ADDITIONS = 3
"""How many of the triples a change would add its refusal shows."""


def held_records(store: Store, subjects: Iterable[URIRef]) -> rdflib.Graph:
    """The triples ``store`` holds about ``subjects`` (IRIs): the records a draft would repeat or change."""
    from claimgraph.store.terms import sparql_term

    names = sorted({sparql_term(subject) for subject in subjects if isinstance(subject, URIRef)})
    held = rdflib.Graph()
    if not names:
        return held
    result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { " + " ".join(names) + " } ?s ?p ?o }")
    for triple in result.graph or ():
        held.add(triple)
    return held


def owned_by(draft: rdflib.Graph, record: URIRef, source: URIRef | None) -> bool:
    """True when ``record`` is one the draft of ``source`` may add while the graph does not hold it."""
    types = set(draft.objects(record, RDF.type))
    if source is None:
        return bool(types & set(STUDY_DRAFT_TYPES))
    if record == source or types & set(NEW_RECORD_TYPES):
        return True
    if types & {CG.Assertion, OA.Annotation}:
        return any((target, OA.hasSource, source) in draft for target in draft.objects(record, OA.hasTarget))
    if CG.StudyReport in types:
        return (record, CG.reportedIn, source) in draft
    if CG.EvidenceLine in types:
        return (record, CG.drawnBy, source) in draft
    if CG.Speaker in types:
        return any(isinstance(assertion, URIRef) and owned_by(draft, assertion, source)
                   for assertion in draft.subjects(PROV.wasAttributedTo, record))
    return False


def ownership_problems(draft: rdflib.Graph, store: Store, source: URIRef | None) -> list[str]:
    """One line for each record the draft would change or may not add (``store``: the graph without the draft)."""
    subjects = {node for node in draft.subjects() if isinstance(node, URIRef)}
    held = held_records(store, subjects)
    existing = set(held.subjects())
    problems = []
    for record in sorted(subjects):
        if record in existing:
            added = sorted((p, o) for p, o in draft.predicate_objects(record) if (record, p, o) not in held)
            if added:
                problems.append(_change_line(record, added))
        elif not owned_by(draft, record, source):
            problems.append(_foreign_line(draft, record, source))
    reached = _blank_nodes_below(draft, subjects)  # a blank node belongs to the record that points to it
    orphans = {node for node in draft.subjects() if isinstance(node, BNode)} - reached
    if orphans:
        problems.append(f"{len(orphans)} record(s) without an IRI that no record of the draft points to "
                        f"(e.g. [] {_shown_pairs(sorted(draft.predicate_objects(min(orphans))))}): "
                        "not the draft's to add")
    return problems


def _change_line(record: URIRef, added: list[tuple[rdflib.term.Node, rdflib.term.Node]]) -> str:
    return (f"{curie(str(record))} is already in the graph and a draft may not change it; it would add "
            f"{_shown_pairs(added)} (an existing record is edited in graphs/ by hand, or not at all)")


def _foreign_line(draft: rdflib.Graph, record: URIRef, source: URIRef | None) -> str:
    kinds = ", ".join(sorted(curie(str(kind)) for kind in draft.objects(record, RDF.type))) or "no rdf:type"
    if source is None:
        owns = "a study draft adds new cg:Study records only"
    else:
        owns = (f"a draft adds {curie(str(source))}, its assertions, mentions, reports, evidence lines and speakers, "
                "and new claims, studies and concepts")
    return f"{curie(str(record))} ({kinds}) is not the draft's to add: {owns}"


def _shown_pairs(pairs: list[tuple[rdflib.term.Node, rdflib.term.Node]]) -> str:
    shown = "; ".join(f"{_term(p)} {_term(o)}" for p, o in pairs[:SHOWN_ADDITIONS])
    more = len(pairs) - SHOWN_ADDITIONS
    return shown + (f" (and {more} more)" if more > 0 else "")


def _term(node: rdflib.term.Node) -> str:
    from claimgraph.store.checks import shown

    if isinstance(node, URIRef):
        return curie(str(node))
    if isinstance(node, BNode):
        return "[…]"
    return shown(str(node), '"')


def _blank_nodes_below(draft: rdflib.Graph, roots: Iterable[rdflib.term.Node]) -> set[BNode]:
    """The blank nodes reachable from ``roots`` through the draft's triples."""
    seen: set[BNode] = set()
    pending = list(roots)
    while pending:
        for value in draft.objects(pending.pop(), None):
            if isinstance(value, BNode) and value not in seen:
                seen.add(value)
                pending.append(value)
    return seen
