"""The reviewer's pages in a real headless Chromium, offline: the evidence map, the audit table, a study page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claimgraph.build import build
from helpers import FIXTURES, GRAPHS

pytestmark = pytest.mark.browser

CLINIC = "https://w3id.org/claimgraph/id/source/clinic-guide"



@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "build"
    build([GRAPHS], out)
    return out


@pytest.fixture(scope="module")
def audit(site: Path) -> dict[str, Any]:
    return json.loads((site / "audit.json").read_text(encoding="utf-8"))


def test_evidence_map_counts_equal_the_audit_and_a_click_lists_the_cell(open_page, site, audit) -> None:
    page = open_page(site / "index.html")
    cells = page.eval_on_selector_all("#map a.bubble", """els => els.map(e => [e.dataset.condition, e.dataset.type,
        Number(e.dataset.count)])""")
    for condition, claim_type, count in cells:
        assert count == sum(condition in (c["conditions"] or ["no condition named"]) and c["type"] == claim_type
                            for c in audit["claims"])
    assert sum(count for *_, count in cells) == sum(max(1, len(c["conditions"])) for c in audit["claims"])
    bubble = page.locator("#map a.bubble").first
    count = int(bubble.get_attribute("data-count"))
    target = bubble.get_attribute("href")
    assert not page.locator(target).is_visible()
    bubble.click()
    listed = page.locator(f"{target} li a")
    assert page.locator(target).is_visible()
    assert listed.count() == count
    listed.first.click()
    page.wait_for_load_state("load")
    assert "/claim-" in page.url
    assert page.errors == []
    assert all(url.startswith("file://") for url in page.requests), page.requests


def _shown(page: Any) -> int:
    return int(page.evaluate("document.documentElement.dataset.shown"))


def test_audit_table_filters_by_source_and_verdict_as_the_json_counts(open_page, site, audit) -> None:
    page = open_page(site / "audit.html", ready=True)
    assert _shown(page) == audit["summary"]["claims"]
    clinic = [c for c in audit["claims"] if any(a["source"] == CLINIC for a in c["assertions"])]
    title = clinic[0]["assertions"][[a["source"] for a in clinic[0]["assertions"]].index(CLINIC)]["source_title"]
    page.select_option("#f-source", title)
    assert _shown(page) == len(clinic)
    page.select_option("#f-verdict", "unsupported")
    expected = sum(c["verdict_class"] == "unsupported" for c in clinic)
    assert _shown(page) == expected > 0
    assert page.locator("#count").inner_text().startswith(f"{expected} of {audit['summary']['claims']} claims")
    page.select_option("#f-verdict", "")
    page.select_option("#f-rule", "no-supporting-trial")
    assert _shown(page) == sum(any(f["rule"] == "no-supporting-trial" for f in c["findings"]) for c in clinic)
    assert page.errors == []
    assert all(url.startswith("file://") for url in page.requests), page.requests


def _matches(audit: dict[str, Any], *words: str) -> int:
    import unicodedata

    def fold(text: str) -> str:
        return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)).lower()

    def text(claim: dict[str, Any]) -> str:
        return fold(" ".join([claim["label"]] + [a["quote"] or "" for a in claim["assertions"]]
                             + [e["label"] or e["study"] for e in claim["evidence"]]))

    return sum(all(word in text(claim) for word in words) for claim in audit["claims"])


def test_audit_search_ignores_accents_case_and_word_order(open_page, site, audit) -> None:
    page = open_page(site / "audit.html", ready=True)
    page.fill("#q", "Schroder")
    expected = _matches(audit, "schroder")
    assert _shown(page) == expected > 0
    page.fill("#q", "placebo acupuncture")
    forward = _shown(page)
    page.fill("#q", "ACUPUNCTURE Placebo")
    assert _shown(page) == forward == _matches(audit, "placebo", "acupuncture") > 0
    quote_word = "amitriptyline"
    page.fill("#q", quote_word)
    assert _shown(page) == _matches(audit, quote_word) > 0
    href = page.locator("#table tbody tr a").first.get_attribute("href")
    assert href.startswith("claim-") and (site / href).is_file()
    assert page.errors == []


def test_study_page_shows_both_reports_of_shlay_1998_with_the_discrepancy(open_page, site) -> None:
    page = open_page(site / "study-shlay-1998.html")
    headers = page.locator("#reports tr").first.locator("th a").all_inner_texts()
    assert len(headers) == 2
    notes = page.locator("#reports td.discrepancy-note").all_inner_texts()
    assert any("three separate" in note for note in notes)
    assert any("250" in cell for cell in page.locator("#reports td").all_inner_texts())
    assert page.errors == []


def test_hostile_labels_stay_text_in_the_pages_and_the_table(open_page, tmp_path) -> None:
    out = tmp_path / "build"
    build([FIXTURES / "xss.ttl"], out)
    for path in [out / "index.html", out / "audit.html", *sorted(out.glob("[cs]*-*.html"))]:
        page = open_page(path, ready=path.name == "audit.html")
        assert page.evaluate("window.__xss") is None, path
        assert page.errors == [], path
        assert all(url.startswith("file://") for url in page.requests), page.requests
    table = open_page(out / "audit.html", ready=True)
    assert "<script>window.__xss='claim'</script>" in table.locator("#table tbody").inner_text()
