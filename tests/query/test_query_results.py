"""The W3C SPARQL 1.1 results writers, checked by reading them back with independent parsers."""

from __future__ import annotations

import csv
import io
import json

import pytest
import rdflib
from rdflib.query import Result
from rdflib.term import BNode, Literal, URIRef

from claimgraph.cli import main
from claimgraph.errors import QueryError
from claimgraph.query.results import FORMATS, negotiate, render
from claimgraph.store import QueryResult
from claimgraph.store.remote import parse_json_results
from helpers import TINY

AWKWARD = QueryResult(
    kind="select",
    variables=["iri", "text", "other"],
    rows=[
        (URIRef("https://w3id.org/claimgraph/id/claim/x"), Literal('quote " comma, tab\tand\nnewline'), None),
        (BNode("b1"), Literal("neuropathie", lang="fr"), Literal(250)),
        (None, Literal("<script>&amp;</script>"), Literal("1998", datatype=rdflib.XSD.gYear)),
    ],
)


def comparable(rows):
    """Rows with blank nodes reduced to a marker (their labels are local to a document)."""
    return [tuple("bnode" if isinstance(term, BNode) else term for term in row) for row in rows]


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_select_round_trips_through_rdflib_parsers(fmt):
    written = render(AWKWARD, fmt)
    read = [tuple(row.get(rdflib.Variable(n)) for n in AWKWARD.variables)
            for row in Result.parse(io.StringIO(written), format=fmt).bindings]
    assert comparable(read) == comparable(AWKWARD.rows)


def test_json_follows_the_w3c_shape_and_reads_back_with_our_parser():
    document = json.loads(render(AWKWARD, "json"))
    assert document["head"]["vars"] == AWKWARD.variables
    first, second, third = document["results"]["bindings"]
    assert first["iri"] == {"type": "uri", "value": str(AWKWARD.rows[0][0])}
    assert "other" not in first
    assert second["text"] == {"type": "literal", "value": "neuropathie", "xml:lang": "fr"}
    assert second["other"]["datatype"] == str(rdflib.XSD.integer)
    assert "datatype" not in third["text"]
    assert parse_json_results(render(AWKWARD, "json").encode()).rows[2] == AWKWARD.rows[2]


def test_csv_is_lexical_values_with_crlf_and_quoting():
    written = render(AWKWARD, "csv")
    assert written.startswith("iri,text,other\r\n")
    rows = list(csv.reader(io.StringIO(written, newline="")))
    assert rows[1] == [str(AWKWARD.rows[0][0]), 'quote " comma, tab\tand\nnewline', ""]
    assert rows[2] == ["_:b1", "neuropathie", "250"]


def test_ask_in_every_select_format():
    for value in (True, False):
        result = QueryResult(kind="ask", boolean=value)
        assert json.loads(render(result, "json")) == {"head": {}, "boolean": value}
        assert Result.parse(io.StringIO(render(result, "xml")), format="xml").askAnswer is value
        assert render(result, "csv").split("\r\n")[1] == str(value).lower()


def test_xml_escapes_markup():
    written = render(AWKWARD, "xml")
    assert "<script>" not in written
    assert "&lt;script&gt;" in written


def test_graph_results_only_in_rdf_formats():
    graph = rdflib.Graph()
    graph.add((URIRef("http://example.org/a"), rdflib.RDF.type, URIRef("http://example.org/B")))
    result = QueryResult(kind="graph", graph=graph)
    for fmt in ("turtle", "nt"):
        parsed = rdflib.Graph().parse(data=render(result, fmt), format=fmt)
        assert set(parsed) == set(graph)
    with pytest.raises(QueryError, match="turtle, nt"):
        render(result, "json")
    with pytest.raises(QueryError, match="cannot hold"):
        render(AWKWARD, "turtle")


def test_table_shows_curies_and_counts_rows():
    table = render(AWKWARD)
    assert "claim:x" in table
    assert table.rstrip().endswith("(3 rows)")


def test_table_wraps_long_literals_between_words_and_keeps_every_word():
    words = [f"word{number}" for number in range(40)]
    long = QueryResult(kind="select", variables=["text", "n"], rows=[(Literal(" ".join(words)), Literal(7))])
    lines = render(long).splitlines()
    assert max(len(line) for line in lines) <= 50 + len("  7")
    body = " ".join(line.split("  ")[0].strip() for line in lines[2:-1])
    assert body.split() == words
    assert lines[2].rstrip().endswith("7") and not lines[3].rstrip().endswith("7")
    assert " ".join(words) in render(long, "csv")


def test_table_never_cuts_or_wraps_an_iri():
    iri = "https://w3id.org/claimgraph/id/claim/" + "-".join(["very-long-claim-name"] * 6)
    other = "https://example.org/" + "x" * 80
    table = render(QueryResult(kind="select", variables=["claim", "other"], rows=[(URIRef(iri), URIRef(other))]))
    assert f"claim:{iri.rsplit('/', 1)[1]}" in table.splitlines()[2]
    assert f"<{other}>" in table.splitlines()[2]
    assert "…" not in table


@pytest.mark.parametrize(
    ("accept", "kind", "expected"),
    [
        (None, "select", "json"),
        ("application/sparql-results+xml", "select", "xml"),
        ("text/csv;q=0.5, text/tab-separated-values", "select", "tsv"),
        ("application/sparql-results+json,application/json,text/javascript", "ask", "json"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "select", "json"),
        ("application/n-triples", "graph", "nt"),
        ("*/*", "graph", "turtle"),
        ("image/png", "select", None),
        ("text/csv", "graph", None),
    ],
)
def test_content_negotiation(accept, kind, expected):
    chosen = negotiate(accept, kind)
    assert (chosen.name if chosen else None) == expected


def test_every_format_is_reachable_from_the_registry():
    assert {"text", "json", "xml", "csv", "tsv", "turtle"} <= set(FORMATS)


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff", "\ud800"])
def test_xml_refuses_a_character_xml_cannot_carry(char):
    result = QueryResult(kind="select", variables=["text"], rows=[(Literal(f"a{char}b"),)])
    with pytest.raises(QueryError, match=f"U\\+{ord(char):04X}"):
        render(result, "xml")


def test_xml_keeps_carriage_returns_and_other_whitespace():
    text = "cr\r crlf\r\n tab\t nl\n  spaces  "
    result = QueryResult(kind="select", variables=["text"], rows=[(Literal(text),)])
    read = Result.parse(io.StringIO(render(result, "xml")), format="xml").bindings
    assert str(read[0][rdflib.Variable("text")]) == text


def test_query_cli_refuses_nul_in_xml_with_one_line_and_exit_2(runner):
    args = ["query", "-g", str(TINY), "-e", 'SELECT ("a\\u0000b" AS ?x) {}']
    xml = runner.invoke(main, [*args, "-f", "xml"])
    assert xml.exit_code == 2
    assert xml.output.startswith("claimgraph: error: xml: cannot write literal")
    assert xml.output.count("\n") == 1
    assert runner.invoke(main, [*args, "-f", "json"]).exit_code == 0


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv", "text"])
def test_lone_surrogate_is_refused_in_every_format(runner, fmt):
    # rdflib's engine lets the lone surrogate through to the writers (Oxigraph's parser refuses the query)
    result = runner.invoke(main, ["query", "-g", str(TINY), "--store", "rdflib", "-e",
                                  'SELECT ("a\\uD800b" AS ?x) {}', "-f", fmt])
    assert result.exit_code == 2, result.output
    assert "U+D800" in result.output
    assert result.output.count("\n") == 1
