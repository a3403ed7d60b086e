"""ClaimReview JSON-LD export: read back as RDF, every claim has the audit's verdict, rating and appearances."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, Literal, URIRef

from claimgraph.audit import VERDICT_CLASSES, AuditReport, run_audit
from claimgraph.build import build
from claimgraph.cli import main
from claimgraph.cli.export import export
from claimgraph.network.claimreview import (
    BEST_RATING,
    RATINGS,
    WORST_RATING,
    SourceFacts,
    claimreview_document,
    claimreview_jsonld,
    rating_of,
    source_facts,
)
from claimgraph.network.formats import EXPORT_FORMATS
from claimgraph.store import load
from helpers import BLOG, CLAIM_HIV_PAIN, GRAPHS, SHEET, TINY

SCHEMA = rdflib.Namespace("http://schema.org/")
HOSTILE_LABEL = '</script><script>alert("label")</script> & <b>bold</b> \u2028 "quoted"'
HOSTILE_QUOTE = "<img src=x onerror=alert(1)> &amp; </script><!--"


@pytest.fixture(scope="module")
def tiny_audit() -> tuple[AuditReport, dict[str, SourceFacts]]:
    with load([TINY]) as store:
        return run_audit(store), source_facts(store)


@pytest.fixture(scope="module")
def curated_audit() -> tuple[AuditReport, dict[str, SourceFacts]]:
    with load([GRAPHS]) as store:
        return run_audit(store), source_facts(store)


def as_rdf(text: str) -> rdflib.Graph:
    """The JSON-LD expanded to RDF by rdflib's JSON-LD parser (the context is inline: nothing is fetched)."""
    return rdflib.Graph().parse(data=text, format="json-ld")


def review_of(graph: rdflib.Graph, claim: str) -> rdflib.term.Node:
    reviews = list(graph.subjects(SCHEMA.itemReviewed, URIRef(claim)))
    assert len(reviews) == 1, f"{claim}: {len(reviews)} ClaimReviews"
    return reviews[0]


def number(graph: rdflib.Graph, subject: rdflib.term.Node, predicate: URIRef) -> int:
    value = graph.value(subject, predicate)
    assert isinstance(value, Literal), f"{predicate} missing"
    return int(value.toPython())


def check_against_audit(text: str, report: AuditReport) -> None:
    """Every claim of the audit has one ClaimReview with its label, rating, verdict and one appearance per assertion."""
    graph = as_rdf(text)
    assert len(set(graph.subjects(RDF.type, SCHEMA.ClaimReview))) == len(report.claims)
    for claim in report.claims:
        review = review_of(graph, claim.claim)
        assert (review, RDF.type, SCHEMA.ClaimReview) in graph
        assert (URIRef(claim.claim), RDF.type, SCHEMA.Claim) in graph
        assert graph.value(review, SCHEMA.claimReviewed) == Literal(claim.label)
        assert graph.value(review, SCHEMA.url) == URIRef(claim.claim)
        rating = graph.value(review, SCHEMA.reviewRating)
        assert (rating, RDF.type, SCHEMA.Rating) in graph
        worst, best = number(graph, rating, SCHEMA.worstRating), number(graph, rating, SCHEMA.bestRating)
        value = number(graph, rating, SCHEMA.ratingValue)
        assert worst <= value <= best
        assert value == RATINGS[claim.verdict_class].value
        assert graph.value(rating, SCHEMA.alternateName) == Literal(RATINGS[claim.verdict_class].name)
        assert graph.value(rating, SCHEMA.ratingExplanation) == Literal(claim.verdict)
        appearances = set(graph.objects(URIRef(claim.claim), SCHEMA.appearance))
        assert appearances == {URIRef(str(a["assertion"])) for a in claim.assertions}
        for assertion in claim.assertions:
            node = URIRef(str(assertion["assertion"]))
            assert (node, RDF.type, SCHEMA.Quotation) in graph
            assert graph.value(node, SCHEMA.text) == Literal(assertion["quote"])
            assert graph.value(node, SCHEMA.isPartOf) == URIRef(str(assertion["source"]))
        body = str(graph.value(review, SCHEMA.reviewBody))
        assert claim.verdict in body
        for finding in claim.findings:
            assert finding.rule in body and finding.message in body
        for line in claim.evidence:
            assert (line["label"] or line["study"]) in body


def test_the_mapping_rates_every_verdict_class_worst_first() -> None:
    assert set(RATINGS) == set(VERDICT_CLASSES)
    values = [RATINGS[verdict].value for verdict in VERDICT_CLASSES]
    assert values == sorted(set(values)), "VERDICT_CLASSES is worst first: ratings must rise strictly"
    assert all(WORST_RATING <= value <= BEST_RATING for value in values)
    assert len({RATINGS[verdict].name for verdict in VERDICT_CLASSES}) == len(VERDICT_CLASSES)


def test_a_verdict_class_without_a_rating_is_refused() -> None:
    with pytest.raises(ValueError, match="no ClaimReview rating"):
        rating_of("half-true")


def test_tiny_export_matches_the_audit(runner, tiny_audit, tmp_path: Path) -> None:
    out = tmp_path / "claimreview.jsonld"
    result = runner.invoke(main, ["export", "claimreview", "-g", str(TINY), "-o", str(out)])
    assert result.exit_code == 0, result.output
    check_against_audit(out.read_text(encoding="utf-8"), tiny_audit[0])


def test_curated_export_matches_the_audit(curated_audit) -> None:
    report, sources = curated_audit
    assert len(report.claims) > 50
    check_against_audit(claimreview_jsonld(report, sources), report)


def test_hostile_labels_and_quotes_stay_data(runner, tmp_path: Path) -> None:
    text = TINY.read_text(encoding="utf-8")
    hostile = tmp_path / "hostile.ttl"
    hostile.write_text(text.replace('"Acupuncture for neuropathy is safe"', json.dumps(HOSTILE_LABEL))
                       .replace('"it may be safe"', json.dumps(HOSTILE_QUOTE)), encoding="utf-8")
    result = runner.invoke(main, ["export", "claimreview", "-g", str(hostile)])
    assert result.exit_code == 0, result.output
    assert not {"<", ">", "&", "\u2028"} & set(result.output)
    assert "&lt;" not in result.output and "&amp;amp;" not in result.output
    document = json.loads(result.output)
    assert HOSTILE_LABEL in {review["claimReviewed"] for review in document["@graph"]}
    graph = as_rdf(result.output)
    assert (None, SCHEMA.claimReviewed, Literal(HOSTILE_LABEL)) in graph
    assert (None, SCHEMA.text, Literal(HOSTILE_QUOTE)) in graph


def test_appearances_carry_the_sources_url_and_date_from_the_graph(tmp_path: Path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text(f'<{BLOG}> <http://schema.org/url> <https://example.org/blog> ;\n'
                     f'  <http://purl.org/dc/terms/date> "2012"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n',
                     encoding="utf-8")
    with load([TINY, extra]) as store:
        report, sources = run_audit(store), source_facts(store)
    assert sources[str(BLOG)].url == "https://example.org/blog"
    graph = as_rdf(claimreview_jsonld(report, sources))
    assert graph.value(URIRef(str(BLOG)), SCHEMA.url) == URIRef("https://example.org/blog")
    assert graph.value(URIRef(str(BLOG)), SCHEMA.name) == Literal(sources[str(BLOG)].title)
    claim = URIRef(str(CLAIM_HIV_PAIN))
    assert graph.value(claim, SCHEMA.firstAppearance) == URIRef(str(BLOG))
    assert graph.value(claim, SCHEMA.datePublished) == Literal("2012")


@pytest.mark.parametrize(("blog_date", "first"), [("2015-01", SHEET), ("2014-10", BLOG), ("2014", None), ("", None)])
def test_first_appearance_only_when_the_dates_decide_it(tiny_audit, blog_date: str, first) -> None:
    report, sources = tiny_audit
    dated = {**sources, str(BLOG): SourceFacts(str(BLOG), title="Tiny blog", date=blog_date)}
    assert sources[str(SHEET)].date == "2014-11"
    reviews = claimreview_document(report, dated)["@graph"]
    claim = next(review["itemReviewed"] for review in reviews if review["url"] == str(CLAIM_HIV_PAIN))
    found = claim.get("firstAppearance", {}).get("@id")
    assert found == (str(first) if first else None)


def test_build_writes_the_same_claimreview_as_the_export(runner, tmp_path: Path) -> None:
    build(graphs=[TINY], out_dir=tmp_path / "build")
    result = runner.invoke(main, ["export", "claimreview", "-g", str(TINY)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "claimreview.jsonld").read_text(encoding="utf-8") == result.output


def test_the_export_registry_drives_the_cli_choices() -> None:
    assert set(export.commands) == set(EXPORT_FORMATS) | {"html"}
    assert "claimreview" in EXPORT_FORMATS
