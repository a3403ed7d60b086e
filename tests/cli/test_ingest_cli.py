"""A user's document, end to end: ingest → review → edit → accept → build, and every refusal on the way."""

import json
import re
import shutil
from pathlib import Path

import pytest
import rdflib

from claimgraph.cli.main import main
from claimgraph.namespaces import CG, OA, SOURCE
from helpers import FIXTURES, GRAPHS, assert_isomorphic, one_error_line

PAGE = FIXTURES / "ingest" / "clinic-page.html"


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """A copy of the curated graphs in a fresh folder that is the working directory."""
    shutil.copytree(GRAPHS, tmp_path / "graphs")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def files_under(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def reviewed(draft: Path) -> None:
    """What a reviewer does: paraphrase each drafted claim label and mark every record reviewed."""
    text = draft.read_text(encoding="utf-8")
    text = re.sub(r'"TO PARAPHRASE: [^"]*"', '"Needling eases the hand symptoms of carpal tunnel syndrome"', text)
    draft.write_text(text.replace("cg:needsReview true", "cg:needsReview false"), encoding="utf-8")


def test_a_web_page_goes_from_ingest_to_the_audit(runner, workspace, request):
    result = runner.invoke(main, ["ingest", str(PAGE), "--id", "carpal", "--kind", "clinic-web-page"])
    assert result.exit_code == 0, result.output
    archive, draft = workspace / "sources" / "carpal.txt", workspace / "drafts" / "carpal.ttl"
    assert "archived sources/carpal.txt" in result.output and "drafted drafts/carpal.ttl" in result.output
    graph = rdflib.Graph().parse(draft)
    source = SOURCE["carpal"]
    assert (source, CG.localCopy, rdflib.Literal("carpal.txt")) in graph
    assertions = set(graph.subjects(rdflib.RDF.type, CG.Assertion))
    assert assertions and all((a, CG.needsReview, rdflib.Literal(True)) in graph for a in assertions)
    text = archive.read_text(encoding="utf-8")
    for exact in graph.objects(None, OA.exact):
        assert str(exact) in text and len(str(exact).split()) <= 15

    result = runner.invoke(main, ["review", str(draft)])
    assert result.exit_code == 0, result.output
    page = (workspace / "drafts" / "carpal.html").read_text(encoding="utf-8")
    assert "default-src 'none'" in page and "<script" not in page
    assert len(re.findall(r'class="quote ', page)) >= len(assertions)
    assert re.search(r'class="[^"]*mention new[^"]*"[^>]*><a href="#study:smith-2019">', page)
    assert "assertions:" in result.output and "to review:" in result.output

    refused = runner.invoke(main, ["accept", str(draft)])
    assert refused.exit_code == 1 and "still needs review" in refused.output
    assert not (workspace / "graphs" / "source-carpal.ttl").exists()

    reviewed(draft)
    expected = rdflib.Graph().parse(draft)
    for predicate in (CG.needsReview, CG.draftConfidence, CG.linkScore, rdflib.SKOS.editorialNote):
        expected.remove((None, predicate, None))
    accepted = runner.invoke(main, ["accept", str(draft)])
    assert accepted.exit_code == 0, accepted.output
    written = workspace / "graphs" / "source-carpal.ttl"
    assert_isomorphic(rdflib.Graph().parse(written), expected)
    assert not draft.exists()

    seeds = request.getfixturevalue("seeds_dir")  # the build checks the curated sources' quotes too
    built = runner.invoke(main, ["build", "--out", "out", "--sources-dir", "sources", "--sources-dir", str(seeds)])
    assert built.exit_code == 0, built.output
    assert re.search(r"quotes: \d+ checked .*, 0 not found", built.output)
    full_view = (workspace / "out" / "graph-full.html").read_text(encoding="utf-8")
    assert "https://w3id.org/claimgraph/id/source/carpal" in full_view
    audit = json.loads((workspace / "out" / "audit.json").read_text())
    assert any("Needling eases the hand symptoms" in str(claim) for claim in audit["claims"])
    rows = runner.invoke(main, ["query", "-f", "json", "-e",
                                "SELECT ?a WHERE { ?a a cg:Assertion ; oa:hasTarget/oa:hasSource source:carpal }"])
    assert len(json.loads(rows.output)["results"]["bindings"]) == len(assertions)
    (workspace / "sources" / "carpal.txt").write_text(text.replace("clinically proven", "said"), encoding="utf-8")
    rebuilt = runner.invoke(main, ["build", "--out", "out", "--sources-dir", "sources", "--sources-dir", str(seeds)])
    assert rebuilt.exit_code == 1 and "MISS carpal.txt" in rebuilt.output, "a quote not in its archive is a finding"


def test_a_pdf_is_drafted_with_its_reference_list(runner, workspace):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, "Needling for shingles pain. Acupuncture may reduce pain after shingles in older adults "
                         "(1). A small trial found that sleep improved.\n\nReferences\n1. Lopez M, Tan R. Needles "
                         "for post-herpetic pain: a pilot trial. Pain Res. 2019;12(4):100-108. "
                         "doi: 10.5555/prp.2019.004")
    pdf.set_title("Needling for shingles pain")
    path = workspace / "shingles.pdf"
    pdf.output(str(path))
    result = runner.invoke(main, ["ingest", str(path)])
    assert result.exit_code == 0, result.output
    draft = next((workspace / "drafts").glob("*.ttl"))
    graph = rdflib.Graph().parse(draft)
    study = rdflib.URIRef("https://w3id.org/claimgraph/id/study/lopez-2019-pr")
    assert (study, rdflib.URIRef("http://purl.org/ontology/bibo/doi"), rdflib.Literal("10.5555/prp.2019.004")) in graph
    citing = set(graph.subjects(rdflib.URIRef("http://purl.org/spar/cito/citesAsEvidence"), study))
    assert citing, "the assertion with the call-out (1) cites reference 1"


def test_two_drafts_citing_one_study_are_each_whole_and_the_second_may_only_repeat_it(runner, workspace):
    first = workspace / "first.txt"
    first.write_text("Wrist needling\n\nOkafor et al. (2021), published in Hand Therapy, found that needling "
                     "improved grip strength.\n")
    second = workspace / "second.txt"
    second.write_text("Hand care\n\nOkafor et al. 2021 reported in the journal Hand Therapy that needling improved "
                      "grip strength.\n")
    assert runner.invoke(main, ["ingest", str(first), "--id", "first"]).exit_code == 0
    result = runner.invoke(main, ["ingest", str(second), "--id", "second"])
    assert result.exit_code == 0, result.output
    study = rdflib.URIRef("https://w3id.org/claimgraph/id/study/okafor-2021-ht")
    one, two = (rdflib.Graph().parse(workspace / "drafts" / f"{name}.ttl") for name in ("first", "second"))
    for draft in (one, two):
        assert (study, rdflib.RDF.type, CG.Study) in draft, "each draft describes the study it cites"
        assert any(draft.triples((None, CG.reportOf, study)))
    assert "1 pending" not in result.output and "1 new" in result.output
    reviewed(workspace / "drafts" / "second.ttl")
    accepted = runner.invoke(main, ["accept", "drafts/second.ttl"])
    assert accepted.exit_code == 0, accepted.output
    reviewed(workspace / "drafts" / "first.ttl")
    refused = runner.invoke(main, ["accept", "drafts/first.ttl"])
    assert refused.exit_code == 1
    assert re.search(r"REFUSED study:okafor-2021-ht is already in the graph .* cg:citedAs \"Okafor et al\. \(2021\)\"",
                     refused.output), "the first draft names the study the other way: a new fact, refused"
    first = rdflib.Graph().parse(workspace / "drafts" / "first.ttl")
    first.remove((study, CG.citedAs, None))
    first.serialize(workspace / "drafts" / "first.ttl", format="turtle")
    accepted = runner.invoke(main, ["accept", "drafts/first.ttl"])
    assert accepted.exit_code == 0, "the study's other facts repeat the graph's: not a change"
    merged = rdflib.Graph()
    for name in ("first", "second"):
        merged.parse(workspace / "graphs" / f"source-{name}.ttl")
    assert len(set(merged.subjects(rdflib.RDF.type, CG.Study))) == 1, "accepting both merges the one study"


def test_pending_drafts_are_not_read_by_ingest(runner, workspace):
    """A draft refers only to accepted records: a pending draft's study is drafted again, not pointed to, and a
    pending draft broken by hand blocks nothing."""
    (workspace / "drafts").mkdir()
    (workspace / "drafts" / "other.ttl").write_text(
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n"
        "<https://w3id.org/claimgraph/id/study/okafor-2021-ht> a cg:Study ; cg:needsReview true .\n")
    (workspace / "drafts" / "broken.ttl").write_text("this is not Turtle at all <<<\n")
    document = workspace / "grip.txt"
    document.write_text("Grip\n\nOkafor et al. (2021), published in Hand Therapy, found that needling improved "
                        "grip strength.\n")
    result = runner.invoke(main, ["ingest", str(document), "--id", "grip"])
    assert result.exit_code == 0, result.output
    draft = rdflib.Graph().parse(workspace / "drafts" / "grip.ttl")
    study = rdflib.URIRef("https://w3id.org/claimgraph/id/study/okafor-2021-ht")
    assert (study, rdflib.RDF.type, CG.Study) in draft
    assert "pending" not in result.output


@pytest.mark.parametrize(("name", "content", "needle"), [
    ("binary.txt", b"abc\x00\x01\x02", "not UTF-8"),
    ("empty.txt", b"", "empty"),
    ("latin.txt", "Caf\u00e9 needling".encode("latin-1"), "not UTF-8"),
    ("page.html", (FIXTURES / "ingest" / "navigation-only.html").read_bytes(), "no main text"),
    ("scan.pdf", None, "no text layer"),
    ("notes.docx", b"PK\x03\x04", "accepted"),
])
def test_bad_documents_are_one_line_and_leave_nothing(runner, workspace, name, content, needle):
    path = workspace / name
    if content is None:
        from fpdf import FPDF

        pdf = FPDF()
        pdf.add_page()
        pdf.rect(20, 20, 50, 30)
        pdf.output(str(path))
    else:
        path.write_bytes(content)
    before = files_under(workspace / "graphs")
    one_error_line(runner.invoke(main, ["ingest", str(path)]), needle)
    assert not (workspace / "sources").exists() and not (workspace / "drafts").exists()
    assert files_under(workspace / "graphs") == before


@pytest.mark.parametrize(("source_id", "needles"), [
    ("clinic-guide", ("already exists", "choose another --id")),
    ("s000", ("collides with records already in the graph", "assertion:s000-01", "choose another --id")),
    ("Bad Id!", ("[a-z0-9]",)),
])
def test_a_taken_or_malformed_id_is_refused(runner, workspace, source_id, needles):
    line = one_error_line(runner.invoke(main, ["ingest", str(PAGE), "--id", source_id]), *needles)
    assert "pass --id" not in line
    assert not (workspace / "sources").exists() and not (workspace / "drafts").exists()


def test_an_id_whose_archive_exists_is_refused_and_the_archive_kept(runner, workspace):
    (workspace / "sources").mkdir()
    (workspace / "sources" / "carpal.txt").write_text("keep me")
    one_error_line(runner.invoke(main, ["ingest", str(PAGE), "--id", "carpal"]), "archived text but no draft",
                   "claimgraph discard carpal", "choose another --id")
    assert (workspace / "sources" / "carpal.txt").read_text() == "keep me"
    assert not (workspace / "drafts").exists()


@pytest.fixture
def draft(runner, workspace) -> Path:
    assert runner.invoke(main, ["ingest", str(PAGE), "--id", "carpal"]).exit_code == 0
    path = workspace / "drafts" / "carpal.ttl"
    reviewed(path)
    return path


def test_a_draft_edited_into_invalid_turtle_names_file_and_line(runner, workspace, draft):
    draft.write_text(draft.read_text() + "\nthis is not turtle .\n")
    for command in ("review", "accept"):
        one_error_line(runner.invoke(main, [command, str(draft)]), "carpal.ttl:")
    assert not (workspace / "graphs" / "source-carpal.ttl").exists()


@pytest.mark.parametrize(("edit", "needle"), [
    (lambda text: text.replace('"Needling eases the hand symptoms of carpal tunnel syndrome"',
                               '"TO PARAPHRASE: keep"', 1), "paraphrase"),
    (lambda text: text.replace("cg:strength strength:", "cg:strength claimtype:", 1), "SHACL"),
    (lambda text: re.sub(r'oa:exact "[^"]*"', 'oa:exact "words the page never says"', text, count=1),
     "quote not found"),
])
def test_accept_refuses_what_is_not_ready_and_writes_nothing(runner, workspace, draft, edit, needle):
    draft.write_text(edit(draft.read_text()))
    before = files_under(workspace / "graphs")
    result = runner.invoke(main, ["accept", str(draft)])
    assert result.exit_code == 1, result.output
    assert needle in result.output and "nothing written" in result.output
    assert files_under(workspace / "graphs") == before and draft.exists()


def test_accept_refuses_an_archive_changed_since_ingest(runner, workspace, draft):
    archive = workspace / "sources" / "carpal.txt"
    archive.write_text(archive.read_text() + "\nAdded later.\n")
    result = runner.invoke(main, ["accept", str(draft)])
    assert result.exit_code == 1 and "sha256" in result.output


def test_import_studies_drafts_only_what_the_graph_lacks(runner, workspace):
    bib = workspace / "refs.bib"
    bib.write_text("""@article{penza,
  author = {Penza, P. and Bricchi, M.},
  title = {Electroacupuncture is not effective in chronic painful neuropathies},
  journal = {Pain Medicine}, year = {2011}, doi = {10.1111/j.1526-4637.2011.01230.x}
}
@article{okafor,
  author = {Okafor, Ada and Lund, Per},
  title = {Needling and grip strength}, journal = {Hand Therapy}, year = {2021}
}
""")
    result = runner.invoke(main, ["import-studies", str(bib)])
    assert result.exit_code == 0, result.output
    assert re.search(r"matched\s+study:penza-2011", result.output)
    assert re.search(r"new\s+study:okafor-2021-ht", result.output)
    graph = rdflib.Graph().parse(workspace / "drafts" / "studies-refs.ttl")
    assert set(graph.subjects(rdflib.RDF.type, CG.Study)) == {
        rdflib.URIRef("https://w3id.org/claimgraph/id/study/okafor-2021-ht")}
    one_error_line(runner.invoke(main, ["review", "drafts/studies-refs.ttl"]), "study draft")
    refused = runner.invoke(main, ["accept", "drafts/studies-refs.ttl"])
    assert refused.exit_code == 1 and "study:okafor-2021-ht still needs review" in refused.output
    reviewed(workspace / "drafts" / "studies-refs.ttl")
    accepted = runner.invoke(main, ["accept", "drafts/studies-refs.ttl"])
    assert accepted.exit_code == 0, accepted.output
    assert (workspace / "graphs" / "studies-refs.ttl").is_file()
    again = runner.invoke(main, ["import-studies", str(bib)])
    assert re.search(r"matched\s+study:okafor-2021-ht", again.output) and "nothing new to draft" in again.output
    one_error_line(runner.invoke(main, ["import-studies", str(workspace / "missing.ris")]), "missing.ris")


def test_import_studies_reads_a_reference_list_copied_out_of_a_paper(runner, workspace):
    """A plain reference list (numbered, wrapped) is read by the trained parser and matched like a bibliography."""
    refs = workspace / "refs.txt"
    refs.write_text("1. Penza P, Bricchi M. Electroacupuncture is not effective in chronic painful neuropathies.\n"
                    "   Pain Med. 2011;12(12):1819-23.\n"
                    "2. Okafor A, Lund P. Needling and grip strength: a randomised trial. Hand Ther. 2021;9(2):\n"
                    "   44-51.\n")
    result = runner.invoke(main, ["import-studies", str(refs)])
    assert result.exit_code == 0, result.output
    assert re.search(r"matched\s+study:penza-2011", result.output)
    assert re.search(r"new\s+study:okafor-2021", result.output)
    graph = rdflib.Graph().parse(workspace / "drafts" / "studies-refs.ttl")
    assert {str(s).rsplit("/", 1)[-1] for s in graph.subjects(rdflib.RDF.type, CG.Study)} == {"okafor-2021-ht"}


def test_import_studies_refuses_a_text_that_is_no_reference_list(runner, workspace):
    refs = workspace / "notes.txt"
    refs.write_text("Lind B. Cold feet. Foot Care. 2019;3:1-5.\n\nbuy milk and bread\n")
    one_error_line(runner.invoke(main, ["import-studies", str(refs)]), "notes.txt:3", "not a reference")
    assert not (workspace / "drafts" / "studies-notes.ttl").exists()


STORY = ("Needles for numb feet\n\n"
         "A trial of weekly acupuncture sessions in adults with diabetic neuropathy found less burning pain.\n"
         "The researchers followed the patients for twelve weeks and measured their pain scores each week.\n"
         "Patients in the needling group reported better sleep than those who received usual care alone.\n"
         "An independent expert said the results were promising but that a larger trial is still needed.\n")


def test_the_same_text_again_is_refused_naming_the_earlier_source(runner, workspace):
    (workspace / "story.txt").write_text(STORY)
    (workspace / "copy.txt").write_text(STORY.replace("\n", "\r\n"))
    assert runner.invoke(main, ["ingest", "story.txt", "--id", "story"]).exit_code == 0
    before = files_under(workspace)
    line = one_error_line(runner.invoke(main, ["ingest", "copy.txt", "--id", "copy"]), "source:story",
                          "pending review in drafts/story.ttl", "copy.txt")
    assert "nothing written" in line
    assert files_under(workspace) == before
    reviewed(workspace / "drafts" / "story.ttl")
    assert runner.invoke(main, ["accept", "drafts/story.ttl"]).exit_code == 0
    one_error_line(runner.invoke(main, ["ingest", "copy.txt", "--id", "copy"]), "source:story", "archived")


def test_a_near_duplicate_is_drafted_with_a_warning_naming_the_other(runner, workspace):
    (workspace / "story.txt").write_text(STORY)
    (workspace / "release.txt").write_text("Press release\n\nMenu Home News Contact\n" + STORY.split("\n\n", 1)[1]
                                           + "About the clinic: a regional hospital.\n")
    (workspace / "other.txt").write_text("Other news\n\n" + STORY.split("\n\n", 1)[1][:120] + "\n")
    assert runner.invoke(main, ["ingest", "story.txt", "--id", "story"]).exit_code == 0
    near = runner.invoke(main, ["ingest", "release.txt", "--id", "release"])
    assert near.exit_code == 0, near.output
    assert "warning: 100% of its long sentences are in sources/story.txt (source:story)" in near.stderr
    assert (workspace / "drafts" / "release.ttl").is_file()
    unrelated = runner.invoke(main, ["ingest", "other.txt", "--id", "other"])
    assert unrelated.exit_code == 0 and "warning" not in unrelated.stderr, "too little in common to warn"


def test_a_curated_seed_ingested_again_is_refused(runner, workspace, monkeypatch, seeds_dir):
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    monkeypatch.setattr("claimgraph.cli.options.DEFAULT_SOURCES_DIRS", (Path("sources"), seeds_dir))
    result = runner.invoke(main, ["ingest", str(seed), "--id", "again"])
    one_error_line(result, "the same text is already ingested", seed.name)


def test_the_summary_and_the_review_page_say_how_much_was_drafted(runner, workspace):
    garden = "Garden notes\n\n" + "Tomatoes want sun, water at the roots and a stake against the wind. " * 40
    (workspace / "garden.txt").write_text(garden)
    result = runner.invoke(main, ["ingest", "garden.txt", "--id", "garden"])
    assert result.exit_code == 0, result.output
    characters = len(garden.rstrip()) + 1
    line = next(line for line in result.output.splitlines() if "coverage:" in line)
    assert f"{characters:,} characters, 0 assertions; no known intervention or condition found" in line
    assert "few assertions for its length" in line
    assert runner.invoke(main, ["review", "drafts/garden.ttl"]).exit_code == 0
    page = (workspace / "drafts" / "garden.html").read_text(encoding="utf-8")
    assert "no known intervention or condition found" in page
    carpal = runner.invoke(main, ["ingest", str(PAGE), "--id", "carpal"])
    line = next(line for line in carpal.output.splitlines() if "coverage:" in line)
    assert "known condition" in line and "no known" not in line and "few assertions" not in line


@pytest.mark.parametrize("name", ["hot-flashes.txt", "hot-flashes.html"])
def test_a_news_story_names_its_study_once_with_lead_author_journal_and_year(runner, workspace, name):
    result = runner.invoke(main, ["ingest", str(FIXTURES / "ingest" / "news" / name), "--id", "story",
                                  "--kind", "news-article"])
    assert result.exit_code == 0, result.output
    draft = rdflib.Graph().parse(workspace / "drafts" / "story.ttl")
    prism, dcterms = rdflib.Namespace("http://prismstandard.org/namespaces/basic/2.0/"), rdflib.namespace.DCTERMS
    studies = set(draft.subjects(rdflib.RDF.type, CG.Study))
    main_study = rdflib.URIRef("https://w3id.org/claimgraph/id/study/okafor-2010-jco")
    assert main_study in studies, sorted(studies)
    assert (main_study, CG.identifiable, rdflib.Literal(True)) in draft
    assert (main_study, prism.publicationName, rdflib.Literal("Journal of Clinical Oncology")) in draft
    assert str(draft.value(main_study, dcterms.issued)) == "2010"
    assert "inferred" in " ".join(str(note) for note in draft.objects(main_study, rdflib.namespace.SKOS.editorialNote))
    mentions = set(draft.subjects(OA.hasBody, main_study))
    assert len(mentions) >= 3, "the new study, the lead author, the journal and the researchers are one study"
    review = [study for study in studies if "Cochrane" in str(draft.value(study, prism.publicationName))]
    assert len(review) == 1 and review[0] != main_study, "the 2005 review is a study of its own"
    source = rdflib.URIRef("https://w3id.org/claimgraph/id/source/story")
    assert str(draft.value(source, dcterms.issued)).startswith("2010-08-30")
    planned = [study for study in studies if str(study) not in (str(main_study), str(review[0]))]
    cited = set(draft.objects(None, rdflib.URIRef("http://purl.org/spar/cito/citesAsEvidence")))
    assert not set(planned) & cited, "the planned trial supports no claim"


def test_a_story_with_quoted_speakers_is_accepted_with_them(runner, workspace):
    """The speakers a draft attributes its assertions to are its own new records: accept writes them."""
    story = FIXTURES / "ingest" / "news" / "quoted-experts.txt"
    assert runner.invoke(main, ["ingest", str(story), "--id", "quoted"]).exit_code == 0
    draft = workspace / "drafts" / "quoted.ttl"
    text = re.sub(r'"TO PARAPHRASE: (?:[^"\\]|\\.)*"', '"Acupuncture eases chemotherapy neuropathy"',
                  draft.read_text(encoding="utf-8"))
    draft.write_text(text.replace("cg:needsReview true", "cg:needsReview false"), encoding="utf-8")
    accepted = runner.invoke(main, ["accept", str(draft)])
    assert accepted.exit_code == 0, accepted.output
    graph = rdflib.Graph().parse(workspace / "graphs" / "source-quoted.ttl")
    speakers = {str(graph.value(node, rdflib.RDFS.label)) for node in graph.subjects(rdflib.RDF.type, CG.Speaker)}
    assert speakers == {"Dr. Mara Lindqvist", "Dr. Paul Ferreira", "the researchers"}
    attributed = set(graph.objects(None, rdflib.PROV.wasAttributedTo))
    assert attributed == set(graph.subjects(rdflib.RDF.type, CG.Speaker))


def test_a_press_release_is_drafted_without_its_boilerplate_and_names_its_study_by_doi(runner, workspace):
    """A release: the headline is the source's claim; the study is one record, identified by the DOI printed inside
    a URL and broken by spaces; the expert's caveat is his; nothing after '###' and no funding line is drafted."""
    release = FIXTURES / "ingest" / "news" / "release.txt"
    result = runner.invoke(main, ["ingest", str(release), "--id", "release", "--kind", "news-article"])
    assert result.exit_code == 0, result.output
    draft = rdflib.Graph().parse(workspace / "drafts" / "release.ttl")
    text = release.read_text(encoding="utf-8")
    quotes = {}
    for assertion in draft.subjects(rdflib.RDF.type, CG.Assertion):
        selector = draft.value(draft.value(assertion, OA.hasTarget), OA.hasSelector)
        quotes[str(draft.value(selector, OA.exact))] = draft.value(assertion, rdflib.PROV.wasAttributedTo)
    assert quotes.get("Warm-needle therapy may ease knee pain in older adults", "missing") is None
    assert not [quote for quote in quotes if text.index(quote) > text.index("###") or "funded" in quote]
    expert = [speaker for quote, speaker in quotes.items() if "benefit may fade" in quote]
    assert expert and str(draft.value(expert[0], rdflib.RDFS.label)) == "Dr. Oskar Lind"
    studies = set(draft.subjects(rdflib.RDF.type, CG.Study))
    assert len(studies) == 1, sorted(studies)
    study = next(iter(studies))
    assert (study, CG.identifiable, rdflib.Literal(True)) in draft
    assert draft.value(study, CG.design) == rdflib.URIRef("https://w3id.org/claimgraph/vocab/design/rct")
    assert "10.2147/jpr-2019-0042" in {str(doi).lower() for doi in draft.objects(study, rdflib.URIRef(
        "http://purl.org/ontology/bibo/doi"))}
    source = rdflib.URIRef("https://w3id.org/claimgraph/id/source/release")
    assert str(draft.value(source, rdflib.namespace.DCTERMS.issued)).startswith("2019-03-12")
