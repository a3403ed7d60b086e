"""The reviewer's pages rendered in Python: names, the evidence map's counts, report cards, study reports, escaping."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from html import unescape

import pytest

from claimgraph.audit import REPORT_FORMATS, run_audit
from claimgraph.network.pages import html_views
from claimgraph.report import site_outputs
from claimgraph.report.names import page_path
from claimgraph.resources import package_dir
from claimgraph.store import load
from helpers import FIXTURES, GRAPHS, TINY

SHLAY = "https://w3id.org/claimgraph/id/study/shlay-1998"


@pytest.fixture(scope="module")
def curated() -> tuple[dict[str, str], dict]:
    """The curated graph's pages and its audit as JSON."""
    store = load([GRAPHS])
    report = run_audit(store)
    _, listed = html_views(store, report)
    pages = site_outputs(store, report, listed)
    store.close()
    return pages, json.loads(REPORT_FORMATS["json"](report))


def test_page_names_are_the_local_name_or_a_hashed_clean_name() -> None:
    assert page_path("claim", "https://w3id.org/claimgraph/id/claim/relieves-cipn-pain") == \
        "claim-relieves-cipn-pain.html"
    odd = {page_path("study", iri) for iri in ("https://w3id.org/claimgraph/id/study/Foo_Bar",
                                                "https://w3id.org/claimgraph/id/study/foo-bar-x/..",
                                                "urn:x:foo-bar", "https://example.org/study/foo-bar")}
    assert len(odd) == 4
    assert all(re.fullmatch(r"study-[a-z0-9-]+\.html", name) for name in odd), odd
    with pytest.raises(ValueError):
        page_path("mechanism", "urn:x")


def test_every_claim_source_and_study_has_a_page_and_every_link_resolves(curated) -> None:
    pages, audit = curated
    assert len([name for name in pages if name.startswith("claim-")]) == audit["summary"]["claims"]
    for name, html in pages.items():
        for link in re.findall(r'href="([^"#]+\.html)"', html):
            if not link.startswith("graph-"):
                assert link in pages, (name, link)


def test_evidence_map_cells_count_the_audit_claims(curated) -> None:
    pages, audit = curated
    expected = Counter((condition, claim["type"]) for claim in audit["claims"]
                       for condition in claim["conditions"] or ["no condition named"])
    cells = re.findall(r'data-condition="([^"]*)" data-type="([^"]*)" data-count="(\d+)"', pages["index.html"])
    assert {(unescape(c), unescape(t)): int(n) for c, t, n in cells} == dict(expected)


def test_shlay_study_page_shows_both_reports_with_their_discrepancies(curated) -> None:
    pages, _ = curated
    page = pages[page_path("study", SHLAY)]
    reports = page.split('id="reports"')[1].split("</table>")[0]
    assert "three separate, independent clinical trials" in reports
    assert "250" in reports
    assert reports.count('class="discrepancy-note"') == 2
    assert 'href="source-proven-benefits-blog.html"' in reports
    assert 'href="source-bacc-factsheet.html"' in reports
    assert 'id="used-for"' in page


def test_source_card_counts_claims_without_trials(curated) -> None:
    pages, audit = curated
    source = "https://w3id.org/claimgraph/id/source/clinic-guide"
    mine = [c for c in audit["claims"] if any(a["source"] == source for a in c["assertions"])]
    no_trial = sum(any(f["rule"] == "no-supporting-trial" and source in f["sources"] for f in c["findings"])
                   for c in mine)
    card = pages[page_path("source", source)].split('id="card"')[1].split("</table>")[0]
    assert re.search(rf"lack a supporting trial</td><td class=\"n\">{no_trial}</td>", card)
    assert f"{len(mine)} claims checked" in pages[page_path("source", source)]


def test_doi_links_point_out_as_plain_links(curated) -> None:
    pages, _ = curated
    linked = [html for html in pages.values() if 'href="https://doi.org/10.1111/j.1526-4637.2011.01230.x"' in html]
    assert len(linked) == 1


def test_hostile_labels_stay_text_in_every_page() -> None:
    store = load([FIXTURES / "xss.ttl"])
    report = run_audit(store)
    pages = site_outputs(store, report, [])
    for name, html in pages.items():
        without_scripts = re.sub(r"<script>.*?</script>", "", html, flags=re.S)
        assert "<img" not in without_scripts and "<svg" not in without_scripts and "<b " not in without_scripts, name
        assert without_scripts.count("<script") == (1 if name == "audit.html" else 0), name
    assert "&lt;script&gt;window.__xss=" in pages["claim-hostile.html"]


def test_tiny_graph_pages_build_without_the_audit_html_format() -> None:
    store = load([TINY])
    pages = site_outputs(store, run_audit(store), [])
    assert {"index.html", "audit.html"} <= set(pages)
    assert any(name.startswith("study-") for name in pages)


def vendored_rows() -> dict[str, str]:
    """Each row of the table in claimgraph/vendor/README.md by its file: the row's text."""
    readme = package_dir("vendor").joinpath("README.md").read_text(encoding="utf-8")
    return {match[1]: match[0] for match in re.finditer(r"^\| `([^`]+)` \|.*$", readme, flags=re.MULTILINE)}


def test_every_vendored_script_has_a_row_in_the_vendor_readme() -> None:
    scripts = {entry.name for entry in package_dir("vendor").iterdir() if entry.name.endswith(".js")}
    assert scripts == set(vendored_rows())


@pytest.mark.parametrize("name", sorted(vendored_rows()))
def test_vendored_script_matches_its_recorded_hash_and_ships_its_licence(name: str) -> None:
    row = vendored_rows()[name]
    recorded = re.search(r"\| `([0-9a-f]{64})` \|", row).group(1)
    assert hashlib.sha256(package_dir("vendor").joinpath(name).read_bytes()).hexdigest() == recorded
    licences = re.findall(r"`([^`]*LICENSE[^`]*)`", row)
    assert licences
    for licence in licences:
        assert package_dir("vendor").joinpath(licence).is_file(), licence
