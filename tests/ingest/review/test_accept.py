"""accept: a draft adds only what it owns, its archive check needs exactly one checksum, and file names, symlinks and
other pending drafts never let anything else into graphs/."""

import re
import shutil
from pathlib import Path

import pytest
import rdflib

from claimgraph.cli.main import main
from claimgraph.namespaces import CG, PREFIXES
from helpers import FIXTURES, GRAPHS, one_error_line

PAGE = FIXTURES / "ingest" / "clinic-page.html"
INJECTED = (rdflib.URIRef("urn:x:injected"), rdflib.URIRef("urn:x:by"), rdflib.URIRef("urn:x:name"))
WRIST = "Wrist care\n\nNeedling may ease wrist pain in office workers, a nurse said.\n"
EVIL_NAME = "evil\n<urn:x:injected> <urn:x:by> <urn:x:name> .\r<urn:x:injected> <urn:x:by> <urn:x:name> .\n#"


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    shutil.copytree(GRAPHS, tmp_path / "graphs")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def reviewed(draft: Path, extra: str = "") -> None:
    text = draft.read_text(encoding="utf-8")
    text = re.sub(r'"TO PARAPHRASE: [^"]*"', '"Needling eases the hand symptoms of carpal tunnel syndrome"', text)
    draft.write_text(text.replace("cg:needsReview true", "cg:needsReview false") + extra, encoding="utf-8")


@pytest.fixture
def draft(runner, workspace) -> Path:
    assert runner.invoke(main, ["ingest", str(PAGE), "--id", "carpal"]).exit_code == 0
    return workspace / "drafts" / "carpal.ttl"


def graph_files(workspace: Path) -> list[str]:
    return sorted(path.name for path in (workspace / "graphs").iterdir())


def test_a_draft_that_changes_curated_records_is_refused_naming_each(runner, workspace, draft):
    reviewed(draft, "\nstudy:penza-2011 cg:design design:case-series .\n"
                    "evidence:penza-2011--not-a-cure a cg:EvidenceLine ; cg:fromStudy study:penza-2011 ;\n"
                    "    cg:bearsOn claim:not-a-cure ; cg:direction direction:supports ;\n"
                    "    cg:directness directness:direct ; cg:drawnBy cg:curator .\n"
                    "design:rct cg:evidenceLevel 1 .\n")
    before = graph_files(workspace)
    result = runner.invoke(main, ["accept", str(draft)])
    assert result.exit_code == 1, result.output
    refused = [line for line in result.output.splitlines()
               if line.startswith("REFUSED ") and not line.startswith("REFUSED SHACL")]
    assert len(refused) == 3, result.output
    assert any("study:penza-2011 is already in the graph" in line and "design:case-series" in line for line in refused)
    assert any("design:rct is already in the graph" in line for line in refused)
    assert any(line.startswith("REFUSED evidence:penza-2011--not-a-cure (cg:EvidenceLine) is not the draft's")
               for line in refused)
    assert graph_files(workspace) == before and draft.exists()


@pytest.mark.parametrize(("edit", "needle"), [
    (lambda text: re.sub(r"spdx:checksumValue \"[0-9a-f]+\"\^\^xsd:hexBinary", "spdx:algorithm spdx:x", text),
     "has 0 spdx:checksumValue"),
    (lambda text: text.replace("spdx:checksumValue ", 'spdx:checksumValue "00"^^xsd:hexBinary, ', 1),
     "has 2 spdx:checksumValue"),
])
def test_the_archive_check_needs_exactly_one_checksum(runner, workspace, draft, edit, needle):
    reviewed(draft)
    draft.write_text(edit(draft.read_text()))
    result = runner.invoke(main, ["accept", str(draft)])
    assert result.exit_code == 1 and "exactly one sha256" in result.output and needle in result.output, result.output
    assert not (workspace / "graphs" / "source-carpal.ttl").exists()


def test_a_file_name_with_line_breaks_never_reaches_the_turtle_as_triples(runner, workspace, draft):
    reviewed(draft)
    renamed = draft.with_name(EVIL_NAME + ".ttl")
    draft.rename(renamed)
    result = runner.invoke(main, ["accept", str(renamed)])
    assert result.exit_code == 0, result.output
    written = rdflib.Graph().parse(workspace / "graphs" / "source-carpal.ttl")
    assert INJECTED not in written and len(written)
    bib = workspace / (EVIL_NAME + ".bib")
    bib.write_text("@article{a, author = {Okafor, Ada}, title = {Needling and grip}, journal = {Hand Therapy},"
                   " year = {2021}}\n")
    assert runner.invoke(main, ["import-studies", str(bib)]).exit_code == 0
    study_draft = next((workspace / "drafts").glob("studies-*.ttl"))
    assert INJECTED not in rdflib.Graph().parse(study_draft)


def test_accept_removes_the_review_page_with_the_draft(runner, workspace, draft):
    reviewed(draft)
    assert runner.invoke(main, ["review", str(draft)]).exit_code == 0
    assert draft.with_suffix(".html").is_file()
    assert runner.invoke(main, ["accept", str(draft)]).exit_code == 0
    assert not draft.exists() and not draft.with_suffix(".html").exists()


def test_a_record_defined_in_another_pending_draft_is_named(runner, workspace, draft):
    reviewed(draft)
    (workspace / "wrist.txt").write_text(WRIST)
    assert runner.invoke(main, ["ingest", "wrist.txt", "--id", "wrist"]).exit_code == 0
    other = workspace / "drafts" / "wrist.ttl"
    reviewed(other)
    claim = next(rdflib.Graph().parse(other).subjects(rdflib.RDF.type, CG.Claim))
    text = draft.read_text()
    draft.write_text(re.sub(r"oa:hasBody claim:[\w-]+", f"oa:hasBody <{claim}>", text, count=1))
    result = runner.invoke(main, ["accept", "drafts/carpal.ttl"])
    assert result.exit_code == 1
    local = str(claim).rsplit("/", 1)[-1]
    assert f"REFUSED claim:{local} is defined in drafts/wrist.ttl, a draft pending review: accept that draft first" \
        in result.output, result.output


def test_a_dangling_symlink_in_graphs_or_drafts_is_refused_not_written_through(runner, workspace, draft, tmp_path):
    reviewed(draft)
    outside = tmp_path.parent / f"{tmp_path.name}-outside.ttl"
    (workspace / "graphs" / "source-carpal.ttl").symlink_to(outside)
    one_error_line(runner.invoke(main, ["accept", str(draft)]), "already exists")
    (workspace / "drafts" / "wrist.ttl").symlink_to(outside)
    (workspace / "wrist.txt").write_text(WRIST)
    one_error_line(runner.invoke(main, ["ingest", "wrist.txt", "--id", "wrist"]), "already has a draft")
    draft.with_suffix(".html").symlink_to(outside)
    one_error_line(runner.invoke(main, ["review", str(draft)]), "carpal.html", "symlink")
    (workspace / "drafts" / "studies-refs.ttl").symlink_to(outside)
    (workspace / "refs.bib").write_text("@article{a, author = {Okafor, Ada}, title = {Needling and grip}, "
                                        "journal = {Hand Therapy}, year = {2021}}\n")
    one_error_line(runner.invoke(main, ["import-studies", "refs.bib"]), "studies-refs.ttl exists")
    assert not outside.exists() and not (workspace / "sources" / "wrist.txt").exists()


def test_every_draft_declares_every_prefix(runner, workspace, draft):
    text = draft.read_text()
    for name, iri in PREFIXES.items():
        assert f"@prefix {name}: <{iri}> ." in text
