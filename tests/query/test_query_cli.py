"""The query and queries commands: QUERY as file, expression or name; parameters; formats; errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
import rdflib
from rdflib.term import Literal, URIRef

from claimgraph.cli import main
from claimgraph.errors import InputError, QueryError
from claimgraph.query.named import named_queries
from claimgraph.query.user import parse_term
from claimgraph.store import sparql_term
from helpers import CLAIM_HIV_PAIN, TINY

GRAPHS = ["-g", str(TINY)]


def run(runner, *args):
    return runner.invoke(main, ["query", *args, *GRAPHS])


def test_expression_with_predeclared_prefixes(runner):
    result = run(runner, "-e", "SELECT ?c WHERE { ?c a cg:Claim }", "-f", "json")
    assert result.exit_code == 0, result.output
    values = {b["c"]["value"] for b in json.loads(result.output)["results"]["bindings"]}
    assert str(CLAIM_HIV_PAIN) in values
    assert len(values) == 3


def test_named_query_and_rq_file_give_the_same_answer(runner, tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text(named_queries()["claims"].text)
    by_name, by_file = run(runner, "claims", "-f", "csv"), run(runner, str(path), "-f", "csv")
    assert by_name.exit_code == by_file.exit_code == 0
    assert by_name.output == by_file.output
    out = tmp_path / "claims.csv"
    assert run(runner, "claims", "-f", "csv", "-o", str(out)).exit_code == 0
    assert out.read_bytes().startswith(b"claim,label,type,sources,evidence_level\r\n")  # W3C CSV: CRLF


def test_param_binds_a_curie_as_an_iri(runner):
    result = run(runner, "evidence-for", "--param", "claim=claim:relieves-hiv-pain", "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows
    assert {row["claim"] for row in rows} == {str(CLAIM_HIV_PAIN)}


@pytest.mark.parametrize("hostile", [
    'x" } UNION { ?line ?p ?o } #',
    "claim:x> } UNION { ?line ?p ?o",
    "<urn:x> ?p ?o } #",
])
def test_injection_attempts_match_nothing_or_fail_cleanly(runner, hostile):
    result = run(runner, "evidence-for", "--param", f"claim={hostile}", "-f", "csv")
    if result.exit_code == 0:
        assert result.output.strip().splitlines()[1:] == []
    else:
        assert result.exit_code == 2
        assert "Traceback" not in result.output


def test_hostile_iri_is_refused_with_exit_2(runner):
    result = run(runner, "evidence-for", "--param", "claim=<http://x> } UNION { ?a ?b ?c>")
    assert result.exit_code == 2
    assert "not a valid IRI" in result.output


def test_unknown_parameter_name_is_an_error(runner):
    result = run(runner, "evidence-for", "--param", "clam=claim:x")
    assert result.exit_code == 2
    assert "?clam" in result.output
    assert "claim" in result.output


def test_syntax_error_names_the_position_and_exits_2(runner):
    result = run(runner, "-e", "SELECT ?c WHERE { ?c a }")
    assert result.exit_code == 2
    assert "line:1" in result.output
    assert "col:" in result.output
    assert result.output.count("\n") == 1


def test_unknown_named_query_lists_the_known_ones(runner):
    result = run(runner, "no-such-query")
    assert result.exit_code == 2
    assert all(name in result.output for name in ("claims", "studies", "evidence-for"))


def test_missing_rq_file_is_an_input_error(runner, tmp_path):
    result = run(runner, str(tmp_path / "absent.rq"))
    assert result.exit_code == 2
    assert "absent.rq" in result.output


@pytest.mark.parametrize("text", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }",
])
def test_updates_and_outbound_requests_are_refused(runner, text):
    result = run(runner, "-e", text)
    assert result.exit_code == 2
    assert "refused" in result.output


def test_construct_as_turtle_and_output_file(runner, tmp_path):
    import rdflib

    out = tmp_path / "claims.ttl"
    result = run(runner, "-e", "CONSTRUCT { ?c a cg:Claim } WHERE { ?c a cg:Claim }", "-o", str(out))
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(out, format="turtle")
    assert len(graph) == 3
    assert (CLAIM_HIV_PAIN, rdflib.RDF.type, rdflib.URIRef(str(CLAIM_HIV_PAIN).replace(
        "id/claim/relieves-hiv-pain", "ns#Claim"))) in graph


def test_wrong_format_for_the_result_kind(runner):
    result = run(runner, "-e", "CONSTRUCT { ?c a cg:Claim } WHERE { ?c a cg:Claim }", "-f", "csv")
    assert result.exit_code == 2
    assert "use one of: turtle, nt" in result.output


def test_queries_lists_every_named_query_with_its_description(runner):
    result = runner.invoke(main, ["queries"])
    assert result.exit_code == 0
    for name, query in named_queries().items():
        assert any(line.startswith(name) and query.description in line for line in result.output.splitlines())
    assert "--param claim=" in result.output


@pytest.mark.parametrize(("text", "expected"), [
    ("<https://example.org/a>", "URIRef('https://example.org/a')"),
    ("https://example.org/a", "URIRef('https://example.org/a')"),
    ("claim:x", f"URIRef('{str(CLAIM_HIV_PAIN).rsplit('/', 1)[0]}/x')"),
    ('"text"@en', "Literal('text', lang='en')"),
    ('"5"^^xsd:integer', "Literal('5', datatype=URIRef('http://www.w3.org/2001/XMLSchema#integer'))"),
    ("42", "Literal('42', datatype=URIRef('http://www.w3.org/2001/XMLSchema#integer'))"),
    ("true", "Literal('true', datatype=URIRef('http://www.w3.org/2001/XMLSchema#boolean'))"),
    ("unknownprefix:x", "Literal('unknownprefix:x')"),
    ("plain words", "Literal('plain words')"),
])
def test_parameter_values_are_written_as_in_turtle(text, expected):
    assert repr(parse_term(text)).replace("rdflib.term.", "") == expected


@pytest.mark.parametrize("hostile", [
    '"nomatch"^^<http://x>) (UNDEF) (<http://y>',
    '"nomatch"^^<http://x> ) (UNDEF) ( <http://y>',
    '"nomatch"^^xsd:string>) (UNDEF) (<http://y',
    '"nomatch"@en) (UNDEF) ("x"',
    "<http://x>) (UNDEF) (<http://y>",
    "claim:x>)(UNDEF)(<http://y",
    '"unterminated',
    '"bad escape \\q"',
    "<relative>",
])
@pytest.mark.parametrize("query", ["evidence-for", "rq-file", "expression"])
def test_param_that_is_not_one_term_is_refused_with_one_line_and_exit_2(runner, tmp_path, hostile, query):
    text = named_queries()["evidence-for"].text
    if query == "rq-file":
        (tmp_path / "q.rq").write_text(text)
        args = [str(tmp_path / "q.rq")]
    else:
        args = ["-e", text] if query == "expression" else [query]
    result = run(runner, *args, "--param", f"claim={hostile}", "-f", "csv")
    assert result.exit_code == 2, result.output
    assert result.output.startswith("claimgraph: error: --param claim: ")
    assert result.output.count("\n") == 1


@pytest.mark.parametrize(("text", "expected"), [
    ('"a \\" quote"', Literal('a " quote')),
    ('"back\\\\slash \\u00e9 \\U0001F600 tab\\t"', Literal("back\\slash \u00e9 \U0001F600 tab\t")),
    ('"Text"@EN-gb', Literal("Text", lang="en-gb")),
    ('"01"^^xsd:integer', Literal("1", datatype=rdflib.XSD.integer)),
    ('"1.50"^^<http://www.w3.org/2001/XMLSchema#decimal>', Literal("1.5", datatype=rdflib.XSD.decimal)),
    ('"x"^^xsd:string', Literal("x")),
    ("-007", Literal("-7", datatype=rdflib.XSD.integer)),
    ("+.50", Literal("0.5", datatype=rdflib.XSD.decimal)),
    ("\u0661\u0662", Literal("\u0661\u0662")),
])
def test_literals_are_parsed_with_escapes_tags_and_canonical_numbers(text, expected):
    term = parse_term(text)
    assert term == expected
    assert type(term) is type(expected)


@pytest.mark.parametrize("text", [
    '"x"^^<http://a b>', '"x"^^<http://x>y>', '"x"@1en', '"x"@en--us', '"x"^^rdf:langString',
    '"\\ud800"', '"x" "y"', "<http://x/{y}>", "claim:a|b", "https://example.org/a\\b", "\udcff",
])
def test_values_that_are_not_valid_terms_raise_input_errors(text):
    with pytest.raises(InputError):
        parse_term(text)


def test_sparql_term_escapes_lexical_forms_and_checks_iris():
    literal = Literal('q" b\\u0022 n\n r\r nul\x00 del\x7f', lang="en")
    assert sparql_term(literal) == '"q\\" b\\\\\\U00000075' + '0022 n\\n r\\r nul\\U00000000 del\\U0000007F"@en'
    for term in (URIRef("http://x> ?p ?o"), Literal("x", datatype=URIRef("http://x> ) (UNDEF")), URIRef("rel")):
        with pytest.raises(QueryError, match="not a valid IRI"):
            sparql_term(term)
