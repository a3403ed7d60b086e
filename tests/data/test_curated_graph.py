"""The curated graph, record by record: each source, claim, study, report and evidence line is checked.

Failure messages say which record is wrong and how to fix it (see docs/curation-guide.md).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from claimgraph.namespaces import CG, CITO, OA, PRISM, STUDY, TAXON
from claimgraph.store import load
from claimgraph.validate import normalize_whitespace, validate, verify_quotes
from helpers import REPO

GRAPHS = REPO / "graphs"
GRAPH = load([GRAPHS]).to_rdflib()


def _instances(cls: rdflib.URIRef) -> list[rdflib.term.Node]:
    return sorted(GRAPH.subjects(RDF.type, cls), key=str)


def _short(node: rdflib.term.Node) -> str:
    return str(node).rsplit("/", 1)[-1]


SOURCES = _instances(CG.Source)
CLAIMS = _instances(CG.Claim)
STUDIES = _instances(CG.Study)
ASSERTIONS = _instances(CG.Assertion)
REPORTS = _instances(CG.StudyReport)
LINES = _instances(CG.EvidenceLine)


def _code(concept: rdflib.term.Node | None) -> str | None:
    value = GRAPH.value(concept, SKOS.notation) if concept is not None else None
    return str(value) if value is not None else None


def _assertion_source(assertion: rdflib.term.Node) -> rdflib.term.Node | None:
    target = GRAPH.value(assertion, OA.hasTarget)
    return GRAPH.value(target, OA.hasSource) if target is not None else None


def _quote(assertion: rdflib.term.Node) -> str:
    target = GRAPH.value(assertion, OA.hasTarget)
    selector = GRAPH.value(target, OA.hasSelector)
    return str(GRAPH.value(selector, OA.exact))


def test_whole_graph_conforms_to_shapes():
    report = validate(load([GRAPHS]))
    assert report.conforms, "\n".join(f"{v.focus} {v.path}: {v.message}" for v in report.violations[:20])


def test_all_five_sources_present():
    copies = {str(GRAPH.value(s, CG.localCopy)) for s in SOURCES}
    assert copies == {
        "000_365db7dc301d5e29.txt",
        "001_74eb5abb4cb86062.txt",
        "002_55c440e78b44afa0.txt",
        "003_cc3137283d9f732b.txt",
        "004_48c1d238d6b5e9f3.txt",
    }


def test_scale_of_curation():
    assert len(ASSERTIONS) > 100, "expect well over a hundred assertions across the five sources"
    assert len(CLAIMS) >= 40
    assert len(STUDIES) >= 40


@pytest.mark.parametrize("source", SOURCES, ids=_short)
def test_source_record(source):
    assert GRAPH.value(source, DCTERMS.title), f"{source}: add dcterms:title"
    assert _code(GRAPH.value(source, CG.sourceKind)), f"{source}: add cg:sourceKind"
    asserted = [a for a in ASSERTIONS if _assertion_source(a) == source]
    assert len(asserted) >= 5, f"{source}: only {len(asserted)} assertions curated"


@pytest.mark.parametrize("source", SOURCES, ids=_short)
def test_source_files_live_beside_their_source(source, seeds_dir: Path):
    assert (seeds_dir / str(GRAPH.value(source, CG.localCopy))).is_file()


@pytest.mark.parametrize("claim", CLAIMS, ids=_short)
def test_claim_record(claim):
    label = GRAPH.value(claim, RDFS.label)
    assert label and len(str(label).split()) >= 3, f"{claim}: needs a paraphrased rdfs:label"
    assert _code(GRAPH.value(claim, CG.claimType)), f"{claim}: needs cg:claimType"
    assert list(GRAPH.subjects(OA.hasBody, claim)), f"{claim}: no assertion asserts it; remove it or add one"
    if _code(GRAPH.value(claim, CG.claimType)) == "mechanism":
        assert GRAPH.value(claim, CG.aboutMechanism), f"{claim}: a mechanism claim needs cg:aboutMechanism"


@pytest.mark.parametrize("claim", CLAIMS, ids=_short)
def test_claim_is_paraphrased_not_copied(claim, seeds_dir: Path):
    label = normalize_whitespace(str(GRAPH.value(claim, RDFS.label))).lower()
    for path in sorted(seeds_dir.glob("*.txt")):
        text = normalize_whitespace(path.read_text(encoding="utf-8")).lower()
        assert label not in text, f"{claim}: label copies {path.name} verbatim; paraphrase it"


@pytest.mark.parametrize("assertion", ASSERTIONS, ids=_short)
def test_assertion_record(assertion):
    assert _assertion_source(assertion) in SOURCES, f"{assertion}: target source is not a cg:Source"
    quote = _quote(assertion)
    assert 1 <= len(quote.split()) <= 15, f"{assertion}: quote must be 1-15 words, is {len(quote.split())}"
    assert _code(GRAPH.value(assertion, CG.strength)) in {"strong", "moderate", "hedged"}
    for study in GRAPH.objects(assertion, CITO.citesAsEvidence):
        assert (study, RDF.type, CG.Study) in GRAPH, f"{assertion} cites {study}, which is not a curated study"


def test_every_quote_found_in_its_archived_source(seeds_dir: Path):
    result = verify_quotes(load([GRAPHS]), seeds_dir)
    assert result.checked == len(ASSERTIONS)
    assert result.misses == [], "\n".join(f"{m.local_copy}: {m.quote!r}" for m in result.misses)


@pytest.mark.parametrize("study", STUDIES, ids=_short)
def test_study_record(study):
    assert GRAPH.value(study, RDFS.label), f"{study}: needs rdfs:label"
    assert _code(GRAPH.value(study, CG.design)), f"{study}: needs cg:design"
    identifiable = GRAPH.value(study, CG.identifiable)
    assert identifiable is not None, f"{study}: say cg:identifiable true or false"
    if identifiable.toPython():
        assert GRAPH.value(study, DCTERMS.issued), f"{study}: an identifiable study needs dcterms:issued"
    else:
        assert GRAPH.value(study, CG.citedAs), f"{study}: an unidentifiable study needs cg:citedAs"
    cited = (
        list(GRAPH.subjects(CITO.citesAsEvidence, study))
        or list(GRAPH.subjects(CG.reportOf, study))
        or list(GRAPH.subjects(CG.fromStudy, study))
    )
    assert cited, f"{study}: no source cites or reports it and no evidence line uses it"


def test_no_duplicate_studies():
    keys = Counter(
        (
            str(GRAPH.value(s, CG.firstAuthor)).lower(),
            str(GRAPH.value(s, DCTERMS.issued)),
            str(GRAPH.value(s, PRISM.publicationName)).lower(),
        )
        for s in STUDIES
        if GRAPH.value(s, CG.identifiable).toPython()
    )
    assert [key for key, count in keys.items() if count > 1] == []


def test_no_mis_encoded_names_in_study_facts():
    for study in STUDIES:
        for prop in (CG.firstAuthor, RDFS.label):
            value = str(GRAPH.value(study, prop) or "")
            assert not re.search("Ã|â€", value), f"{study} {prop}: fix the mis-encoding ({value})"


@pytest.mark.parametrize("report", REPORTS, ids=_short)
def test_report_record(report):
    assert (GRAPH.value(report, CG.reportOf), RDF.type, CG.Study) in GRAPH, f"{report}: cg:reportOf a study"
    assert GRAPH.value(report, CG.reportedIn) in SOURCES, f"{report}: cg:reportedIn a source"


def test_reports_keep_disagreements_between_sources():
    per_study = Counter(GRAPH.value(r, CG.reportOf) for r in REPORTS)
    assert sum(1 for count in per_study.values() if count >= 2) >= 4, "studies reported by two sources"
    assert any(GRAPH.value(r, CG.discrepancy) for r in REPORTS), "record discrepancies with cg:discrepancy"


@pytest.mark.parametrize("line", LINES, ids=_short)
def test_evidence_line_record(line):
    assert (GRAPH.value(line, CG.fromStudy), RDF.type, CG.Study) in GRAPH, f"{line}: cg:fromStudy a study"
    assert (GRAPH.value(line, CG.bearsOn), RDF.type, CG.Claim) in GRAPH, f"{line}: cg:bearsOn a claim"
    assert _code(GRAPH.value(line, CG.direction)) in {"supports", "disputes", "inconclusive"}
    if _code(GRAPH.value(line, CG.directness)) == "indirect":
        assert GRAPH.value(line, CG.indirectBecause), f"{line}: say why it is indirect (cg:indirectBecause)"


# Facts the sources state plainly (003's evidence table), checked one study at a time.
STATED_FACTS = {
    "penza-2011": {"design": "rct", "n": 16, "year": "2011", "species": TAXON["9606"]},
    "shlay-1998": {"design": "rct", "n": 250, "year": "1998", "species": TAXON["9606"]},
    "xu-2010": {"design": "rct", "n": 64, "year": "2010"},
    "liu-2010": {"design": "systematic-review", "year": "2010"},
    "schroeder-2007": {"n": 47, "year": "2007"},
    "cidral-filho-2011": {"design": "animal", "year": "2011", "species": TAXON["10116"]},
    "goldman-2010": {"design": "animal", "year": "2010", "species": TAXON["10090"]},
    "komori-2009": {"design": "animal", "year": "2009", "species": TAXON["9986"]},
    "hui-2009": {"n": 10, "year": "2009", "species": TAXON["9606"]},
    "dimitrova-2017": {"year": "2017"},
}


@pytest.mark.parametrize("slug", list(STATED_FACTS))
def test_study_facts_match_the_sources(slug):
    study = STUDY[slug]
    facts = STATED_FACTS[slug]
    assert (study, RDF.type, CG.Study) in GRAPH, f"{slug} missing"
    if "design" in facts:
        assert _code(GRAPH.value(study, CG.design)) == facts["design"]
    if "n" in facts:
        assert GRAPH.value(study, CG.participants).toPython() == facts["n"]
    if "year" in facts:
        assert str(GRAPH.value(study, DCTERMS.issued)) == facts["year"]
    if "species" in facts:
        assert GRAPH.value(study, CG.species) == facts["species"]


def test_studies_not_stated_as_randomized_are_not_rcts():
    for slug in ("tong-2010", "garrow-2014", "lu-2016", "bailey-2017", "abuaisha-1998", "bao-2014", "han-2017"):
        assert _code(GRAPH.value(STUDY[slug], CG.design)) != "rct", f"{slug}: no source says it was randomized"


def test_vague_citations_stay_unidentified():
    for slug in ("unidentified-pain-medicine-rct", "unidentified-jacm-sr-ma", "unidentified-nutr-diabetes-2016"):
        assert GRAPH.value(STUDY[slug], CG.identifiable) == rdflib.Literal(False)
