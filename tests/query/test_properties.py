"""Properties, checked with hypothesis: a --param value is one term or a clean refusal; writers round-trip terms."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rdflib.query import Result
from rdflib.term import BNode, Literal, URIRef

from claimgraph.errors import InputError, QueryError
from claimgraph.query.results import render
from claimgraph.query.user import parse_params
from claimgraph.store import QueryResult, Store, load
from helpers import TINY

pytestmark = pytest.mark.filterwarnings("ignore:Parsing weird boolean:UserWarning")  # ill-typed xsd:boolean

PARAM_EXAMPLES = 200
WRITER_EXAMPLES = 150
SETTINGS = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.too_slow]}
XSD = "http://www.w3.org/2001/XMLSchema#"
FRESH = URIRef("urn:claimgraph:test:fresh-term-that-matches-nothing")
STORE_SPECS = {"rdflib": "rdflib", "oxigraph": "memory"}
MATCH = "SELECT ?s ?p ?x WHERE { ?s ?p ?x }"

# Pieces an attacker (or a careless shell) would combine: quotes, escapes, brackets, VALUES syntax.
TRICKY = [
    '"', "'", "\\", "<", ">", "^^", "@", "(", ")", "{", "}", " ", "\n", "\r", "\t", "\x00", "#", ".", ";",
    "UNDEF", ") (UNDEF) (", "} UNION {", "?s ?p ?o", "u0022", "U0000003E", "\\u0022", "\\\\", "en", "en-GB",
    "1", "-0", ".50", "true", "xsd:integer", "xsd:string", "rdf:langString", "claim:", "foo:", "http://x",
    "https://example.org/a", "urn:x", "_:b", "\u00e9", "\U0001F600", "\u2028", "\ufffe", "%zz", "[", "|",
]
hostile_text = st.one_of(
    st.text(),
    st.lists(st.sampled_from(TRICKY), max_size=8).map("".join),
    st.tuples(st.sampled_from(['"', "<", "claim:", "http://x/"]), st.lists(st.sampled_from(TRICKY), max_size=6),
              st.sampled_from(['"', '">', '"@en', '"^^<http://x>', '"^^xsd:integer', ">", ""]))
    .map(lambda parts: parts[0] + "".join(parts[1]) + parts[2]),
)


@pytest.fixture(scope="module")
def stores() -> Iterator[dict[str, Store]]:
    """The tiny graph (no ontology: fewer triples, faster examples) in rdflib and in an in-memory Oxigraph."""
    opened = {kind: load([TINY], spec, include_ontology=False) for kind, spec in STORE_SPECS.items()}
    yield opened
    for store in opened.values():
        store.close()


def objects_equal_to(graph: rdflib.Graph, term: object) -> int:
    return sum(1 for _ in graph.triples((None, None, term)))  # type: ignore[arg-type]


@settings(max_examples=PARAM_EXAMPLES, **SETTINGS)
@given(value=hostile_text)
def test_a_param_value_is_one_term_on_every_store_or_a_clean_refusal(stores, value):
    try:
        term = parse_params([f"x={value}"])["x"]
    except (InputError, QueryError):
        event("refused")
        return
    event(f"accepted {type(term).__name__}")
    expected = objects_equal_to(stores["rdflib"].to_rdflib(), term)
    for name, store in stores.items():
        echoed = store.query("SELECT ?x WHERE {}", {"x": term})
        assert echoed.rows == [(term,)], f"{name}: {value!r} came back as {echoed.rows!r}"
        matched = store.query(MATCH, {"x": term})
        assert all(row[2] == term for row in matched.rows), f"{name}: {value!r} matched other terms"
        assert len(matched.rows) == expected, f"{name}: {value!r} matched {len(matched.rows)} rows, not {expected}"
        if expected == 0:
            assert len(matched.rows) <= len(store.query(MATCH, {"x": FRESH}).rows) == 0


# Terms for the writers: valid IRIs, blank nodes, plain, language-tagged and typed literals of any text.
iri_text = st.text(alphabet=st.characters(blacklist_characters='<>"{}|^`\\ %', min_codepoint=0x21), max_size=20)
iris = iri_text.map(lambda path: "http://example.org/" + path).filter(lambda iri: _valid_iri(iri)).map(URIRef)
languages = st.from_regex(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}", fullmatch=True).filter(lambda tag: _valid_tag(tag))
datatypes = st.one_of(iris, st.sampled_from([URIRef(XSD + name) for name in ("integer", "date", "boolean")]))
literals = st.one_of(
    st.text().map(Literal),
    st.builds(lambda text, tag: Literal(text, lang=tag), st.text(), languages),
    st.builds(lambda text, datatype: Literal(text, datatype=datatype), st.text(), datatypes),
)
terms = st.one_of(iris, st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,8}", fullmatch=True).map(BNode), literals)
VARIABLES = ["a", "b", "c"]
results = st.lists(st.tuples(*(st.none() | terms for _ in VARIABLES)), max_size=4).map(
    lambda rows: QueryResult(kind="select", variables=VARIABLES, rows=rows))


def _valid_iri(iri: str) -> bool:
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


def _valid_tag(tag: str) -> bool:
    try:
        ox.Literal("", language=tag)
    except ValueError:
        return False
    return True


def comparable(term: object) -> object:
    """A term as the W3C formats carry it: blank nodes as a marker, xsd:string as a plain literal."""
    if isinstance(term, BNode):
        return "bnode"
    if isinstance(term, Literal) and term.datatype == URIRef(XSD + "string"):
        return Literal(str(term))
    return term


def read_back(written: str, fmt: str) -> list[tuple[object, ...]]:
    parsed = Result.parse(io.StringIO(written), format=fmt)
    return [tuple(comparable(row.get(rdflib.Variable(name))) for name in VARIABLES) for row in parsed.bindings]


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@settings(max_examples=WRITER_EXAMPLES, **SETTINGS)
@given(result=results)
@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_writers_round_trip_every_term(fmt, result):
    expected = [tuple(comparable(term) for term in row) for row in result.rows]
    if fmt == "xml" and any(_NOT_XML.search(str(term)) for row in result.rows for term in row if term is not None):
        with pytest.raises(QueryError, match=r"XML 1\.0 cannot carry"):
            render(result, fmt)
        return
    assert read_back(render(result, fmt), fmt) == expected


@settings(max_examples=WRITER_EXAMPLES, **SETTINGS)
@given(result=results)
def test_csv_round_trips_string_values(result):
    rows = list(csv.reader(io.StringIO(render(result, "csv"), newline="")))
    assert rows[0] == VARIABLES
    expected = [["" if term is None else f"_:{term}" if isinstance(term, BNode) else str(term) for term in row]
                for row in result.rows]
    assert rows[1:] == expected
