"""The claim graph as a networkx network: sources, claims, studies, mechanisms and conditions.

Nodes and edges come from the ``network/views/*.rq`` package queries, so the same network is
built from every store: ``node-KIND.rq`` returns ``?node ?label`` and facts for one node
kind, ``edge-NAME.rq`` returns ``?from ?to ?relation`` and facts for one family of edges.
Adding a node kind or a relation is adding a query file.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib.term import Literal

from claimgraph.errors import InputError
from claimgraph.namespaces import CLAIM, CONDITION, SOURCE, STUDY
from claimgraph.rq.folder import QueryFolder
from claimgraph.rq.header import parse_header

if TYPE_CHECKING:
    import networkx as nx

    from claimgraph.store import Store, Term

VIEWS = QueryFolder("claimgraph.network", "views")

NODE_KINDS = ("source", "claim", "study", "mechanism", "condition")
"""Node kinds, in the order of the layers of the precomputed layout."""

RELATIONS = ("asserts", "cites", "reports", "supports", "disputes", "inconclusive", "mechanism", "about")
"""Edge labels: what a source does (asserts, cites, reports), how a study bears on a claim, and topics."""

EVIDENCE_RELATIONS = ("supports", "disputes", "inconclusive")

FOCUS_KINDS = {"claim": CLAIM, "condition": CONDITION, "source": SOURCE, "study": STUDY}
"""View kinds focused on one node (``claim:ID`` …), with the namespace their IDs live in."""

WHOLE_VIEWS = ("full", "audit")
EXPANDED_KINDS = frozenset({"claim", "study"})
"""Kinds a focused view expands through; sources, mechanisms and conditions are hubs and end a path."""

CLAIM_NEIGHBOUR_KINDS = frozenset({"source", "study", "mechanism"})
"""What a condition view shows around each of its claims: who asserts it, what it rests on, its mechanisms."""


def build_network(store: Store) -> nx.MultiDiGraph:
    """The claim graph as a directed multigraph with ``kind``/``label`` nodes and ``relation`` edges."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    queries = VIEWS.texts()
    for kind in NODE_KINDS:
        name = f"node-{kind}"
        lists = parse_header(f"{VIEWS.path}/{name}.rq", name, queries[name]).lists
        for row in sorted(store.query(queries[name]).dicts(), key=_row_key):
            if "node" not in row:
                continue  # an aggregate over no match can yield one empty row
            node = str(row.pop("node"))
            facts = _facts(row, lists)
            facts.setdefault("label", _local_name(node))
            graph.add_node(node, kind=kind, **facts)
    for name, text in queries.items():
        if not name.startswith("edge-"):
            continue
        for row in sorted(store.query(text).dicts(), key=_row_key):
            if "from" not in row or "to" not in row:
                continue
            source, target = str(row.pop("from")), str(row.pop("to"))
            if source in graph and target in graph:
                graph.add_edge(source, target, **_facts(row))
    return graph


def _row_key(row: dict[str, Term]) -> tuple[tuple[str, str], ...]:
    """Rows in a fixed order whatever the engine returns (rdflib's follows the hash seed), so builds reproduce."""
    first = ("node", "from", "to")
    return tuple((name, str(row[name])) for name in (*first, *sorted(set(row) - set(first))) if name in row)


def _facts(row: dict[str, Term], lists: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Bound values as plain Python scalars: integers and booleans typed, everything else text.

    A column the query's header declares a list (``# list: NAME "SEP"``) has its items sorted:
    ``GROUP_CONCAT`` order differs between engines and runs.
    """
    facts: dict[str, Any] = {}
    for name, term in row.items():
        value = term.toPython() if isinstance(term, Literal) else str(term)
        if not isinstance(value, bool | int):
            value = str(value)
        if lists and name in lists:
            value = lists[name].join(sorted(str(value).split(lists[name])))
        if value != "":
            facts[name] = value
    return facts


def _local_name(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def nodes_of_kind(graph: nx.MultiDiGraph, kind: str) -> list[str]:
    """The nodes of one kind, in graph order."""
    return [node for node, node_kind in graph.nodes(data="kind") if node_kind == kind]


@dataclass(frozen=True)
class View:
    """A named selection of the network: what one HTML page shows."""

    spec: str
    title: str
    graph: nx.MultiDiGraph
    focus: str | None = None


def select_view(graph: nx.MultiDiGraph, spec: str) -> View:
    """The view named by ``spec``: ``claim:ID``, ``condition:ID``, ``source:ID``, ``study:ID``, ``audit`` or ``full``.

    A claim, source or study view holds the node and everything within two steps of it, expanding only
    through the node itself and through claims and studies (a study shows the claims it bears on, the
    sources that report or cite it, and those claims' other sources and studies). A condition view holds
    only the claims about the condition, each with its sources, studies and mechanisms, and the studies
    about the condition (see :func:`condition_members`). ``audit`` and ``full`` are the whole graph.
    """
    if spec in WHOLE_VIEWS:
        title = "Claim graph: audit" if spec == "audit" else "Claim graph"
        return View(spec, title, graph)
    kind, _, ident = spec.partition(":")
    if kind not in FOCUS_KINDS or not ident:
        raise InputError(f"unknown view {spec!r}; use {VIEW_CHOICES}")
    focus = resolve_node(graph, kind, ident)
    members = condition_members(graph, focus) if kind == "condition" else neighbourhood(graph, focus)
    label = graph.nodes[focus].get("label", ident)
    return View(spec, f"{kind.capitalize()}: {label}", induced_subgraph(graph, members), focus)


VIEW_CHOICES = "condition:ID, claim:ID, source:ID, study:ID, or audit or full for the whole graph"


def view_hint(graph: nx.MultiDiGraph, examples: int = 3) -> str:
    """One line naming the view kinds and, for each, a few IDs of this graph (the best-connected first)."""
    parts = []
    for kind in ("condition", "source", "study", "claim"):
        nodes = sorted(nodes_of_kind(graph, kind), key=lambda node: (-graph.degree(node), node))[:examples]
        if nodes:
            parts.append(", ".join(f"{kind}:{_local_name(node)}" for node in nodes))
    found = f" (in this graph: {'; '.join(parts)})" if parts else ""
    return f"choose a view with --view: {VIEW_CHOICES}{found}"


def condition_members(graph: nx.MultiDiGraph, condition: str) -> set[str]:
    """The nodes of a condition view: the condition, the claims about it and the studies about it,
    each claim's sources, studies and mechanisms, and the mechanisms those studies show.

    Claims about other conditions stay out, even when they rest on the same studies.
    """
    members = {condition}
    for node in graph.predecessors(condition):
        kind = graph.nodes[node].get("kind")
        if kind == "study":
            members.add(node)
        elif kind == "claim":
            members.add(node)
            members.update(other for other in (*graph.successors(node), *graph.predecessors(node))
                           if graph.nodes[other].get("kind") in CLAIM_NEIGHBOUR_KINDS)
    studies = [node for node in members if graph.nodes[node].get("kind") == "study"]
    members.update(mechanism for study in studies for mechanism in graph.successors(study)
                   if graph.nodes[mechanism].get("kind") == "mechanism")
    return members


def induced_subgraph(graph: nx.MultiDiGraph, members: set[str]) -> nx.MultiDiGraph:
    """The subgraph on ``members`` with nodes and edges in ``graph``'s order, so every export is reproducible.

    networkx's ``subgraph`` iterates the member set, whose order changes from run to run.
    """
    import networkx as nx

    view = nx.MultiDiGraph(**graph.graph)
    view.add_nodes_from((node, data) for node, data in graph.nodes(data=True) if node in members)
    view.add_edges_from((u, v, key, data) for u, v, key, data in graph.edges(keys=True, data=True)
                        if u in members and v in members)
    return view


def resolve_node(graph: nx.MultiDiGraph, kind: str, ident: str) -> str:
    """The IRI of the ``kind`` node named by ``ident``: its local name or its full IRI."""
    for candidate in (ident, str(FOCUS_KINDS[kind][ident])):
        if candidate in graph and graph.nodes[candidate].get("kind") == kind:
            return candidate
    raise InputError(f"no {kind} {ident!r} in the graph")


def neighbourhood(graph: nx.MultiDiGraph, focus: str, radius: int = 2) -> set[str]:
    """Nodes within ``radius`` undirected steps of ``focus``, expanding only through claims and studies."""
    seen = {focus}
    queue = deque([(focus, 0)])
    while queue:
        node, distance = queue.popleft()
        if distance == radius or (node != focus and graph.nodes[node].get("kind") not in EXPANDED_KINDS):
            continue
        for neighbour in (*graph.successors(node), *graph.predecessors(node)):
            if neighbour not in seen:
                seen.add(neighbour)
                queue.append((neighbour, distance + 1))
    return seen
