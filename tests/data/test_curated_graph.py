"""The curated graph, record by record: each source, claim, study, report and evidence line is checked.

What the SHACL shapes check is reported per record from the SHACL results, with the shape's
sh:message; the tests here add only what the shapes cannot say. Each record test lists every
problem of its record. Failure messages say how to fix it (see docs/curation-guide.md).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from claimgraph.namespaces import CG, CITO, OA, PRISM, SH, STUDY, TAXON
from claimgraph.store import load
from claimgraph.validate import normalize_whitespace, validate_graph, verify_quotes
from helpers import REPO

GRAPHS = REPO / "graphs"
GRAPH = load([GRAPHS]).to_rdflib()
SHACL = validate_graph(GRAPH)


def _shacl_messages() -> dict[rdflib.term.Node, list[str]]:
    """Each focus node's SHACL results, read from the W3C report graph: "path: sh:message"."""
    report = SHACL.graph
    messages: dict[rdflib.term.Node, list[str]] = defaultdict(list)
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        where = report.namespace_manager.normalizeUri(path) if isinstance(path, rdflib.URIRef) else "node"
        messages[report.value(result, SH.focusNode)].append(f"{where}: {report.value(result, SH.resultMessage)}")
    return messages


SHACL_MESSAGES = _shacl_messages()


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
    assert SHACL.conforms, f"{len(SHACL.violations)} SHACL results; the record tests below name each"


def _assert_no_problems(record: rdflib.term.Node, problems: list[str]) -> None:
    everything = SHACL_MESSAGES.get(record, []) + problems
    assert everything == [], f"{record}:\n  " + "\n  ".join(everything)


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
    asserted = [a for a in ASSERTIONS if _assertion_source(a) == source]
    problems = [f"only {len(asserted)} assertions curated; expect at least 5"] if len(asserted) < 5 else []
    _assert_no_problems(source, problems)


@pytest.mark.parametrize("source", SOURCES, ids=_short)
def test_source_files_live_beside_their_source(source, seeds_dir: Path):
    assert (seeds_dir / str(GRAPH.value(source, CG.localCopy))).is_file()


@pytest.mark.parametrize("claim", CLAIMS, ids=_short)
def test_claim_record(claim):
    problems = []
    if len(str(GRAPH.value(claim, RDFS.label) or "").split()) < 3:
        problems.append("rdfs:label should be a paraphrase of at least three words")
    if _code(GRAPH.value(claim, CG.claimType)) == "mechanism" and GRAPH.value(claim, CG.aboutMechanism) is None:
        problems.append("a mechanism claim needs cg:aboutMechanism")
    _assert_no_problems(claim, problems)


@pytest.mark.parametrize("claim", CLAIMS, ids=_short)
def test_claim_is_paraphrased_not_copied(claim, seeds_dir: Path):
    label = normalize_whitespace(str(GRAPH.value(claim, RDFS.label))).lower()
    copied = [path.name for path in sorted(seeds_dir.glob("*.txt"))
              if label in normalize_whitespace(path.read_text(encoding="utf-8")).lower()]
    assert copied == [], f"{claim}: label copies these sources verbatim; paraphrase it"


@pytest.mark.parametrize("assertion", ASSERTIONS, ids=_short)
def test_assertion_record(assertion):
    problems = []
    if not _quote(assertion).strip():
        problems.append("the quote (oa:exact) is empty")
    if _assertion_source(assertion) is not None and _assertion_source(assertion) not in SOURCES:
        problems.append("its target's oa:hasSource is not a curated cg:Source")
    _assert_no_problems(assertion, problems)


def test_every_quote_found_in_its_archived_source(seeds_dir: Path):
    result = verify_quotes(load([GRAPHS]), seeds_dir)
    assert result.checked == len(ASSERTIONS)
    assert result.misses == [], "\n".join(f"{m.local_copy}: {m.quote!r}" for m in result.misses)


@pytest.mark.parametrize("study", STUDIES, ids=_short)
def test_study_record(study):
    problems = []
    if GRAPH.value(study, CG.identifiable) == rdflib.Literal(False) and GRAPH.value(study, CG.citedAs) is None:
        problems.append("an unidentifiable study needs cg:citedAs (how the source cites it)")
    cited = (
        list(GRAPH.subjects(CITO.citesAsEvidence, study))
        or list(GRAPH.subjects(CG.reportOf, study))
        or list(GRAPH.subjects(CG.fromStudy, study))
    )
    if not cited:
        problems.append("no source cites or reports it and no evidence line uses it")
    _assert_no_problems(study, problems)


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
    garbled = [f"{study} {prop}: {GRAPH.value(study, prop)}"
               for study in STUDIES for prop in (CG.firstAuthor, RDFS.label)
               if re.search("Ã|â€", str(GRAPH.value(study, prop) or ""))]
    assert garbled == [], "fix the mis-encoding:\n" + "\n".join(garbled)


@pytest.mark.parametrize("report", REPORTS, ids=_short)
def test_report_record(report):
    _assert_no_problems(report, [])


def test_reports_keep_disagreements_between_sources():
    per_study = Counter(GRAPH.value(r, CG.reportOf) for r in REPORTS)
    assert sum(1 for count in per_study.values() if count >= 2) >= 4, "studies reported by two sources"
    assert any(GRAPH.value(r, CG.discrepancy) for r in REPORTS), "record discrepancies with cg:discrepancy"


@pytest.mark.parametrize("line", LINES, ids=_short)
def test_evidence_line_record(line):
    problems = []
    if _code(GRAPH.value(line, CG.directness)) == "indirect" and GRAPH.value(line, CG.indirectBecause) is None:
        problems.append("say why it is indirect (cg:indirectBecause)")
    _assert_no_problems(line, problems)


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
    stated = STATED_FACTS[slug]
    curated = {
        "design": _code(GRAPH.value(study, CG.design)),
        "n": (GRAPH.value(study, CG.participants) or rdflib.Literal(None)).toPython(),
        "year": str(GRAPH.value(study, DCTERMS.issued)),
        "species": GRAPH.value(study, CG.species),
    }
    wrong = {fact: (value, curated[fact]) for fact, value in stated.items() if curated[fact] != value}
    assert wrong == {}, f"{slug}: (stated, curated) differ"


def test_studies_not_stated_as_randomized_are_not_rcts():
    slugs = ("tong-2010", "garrow-2014", "lu-2016", "bailey-2017", "abuaisha-1998", "bao-2014", "han-2017")
    rcts = [slug for slug in slugs if _code(GRAPH.value(STUDY[slug], CG.design)) == "rct"]
    assert rcts == [], "no source says these were randomized"


def test_vague_citations_stay_unidentified():
    slugs = ("unidentified-pain-medicine-rct", "unidentified-jacm-sr-ma", "unidentified-nutr-diabetes-2016")
    identified = [slug for slug in slugs if GRAPH.value(STUDY[slug], CG.identifiable) != rdflib.Literal(False)]
    assert identified == [], "a vague citation cannot be identified"
