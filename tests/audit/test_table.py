"""``claimgraph audit -f html``: the working table on its own, in a real headless Chromium, offline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claimgraph.cli import main
from helpers import GRAPHS

pytestmark = pytest.mark.browser

HOSTILE = Path(__file__).parents[1] / "fixtures" / "audit" / "hostile-labels.ttl"


@pytest.fixture(scope="module")
def curated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The curated graph's audit as the standalone page and as JSON, from the command line."""
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("audit-html")
    runner = CliRunner()
    page = folder / "audit.html"
    assert runner.invoke(main, ["audit", "-g", str(GRAPHS), "-f", "html", "-o", str(page)]).exit_code == 1
    answer = runner.invoke(main, ["audit", "-g", str(GRAPHS), "-f", "json"])
    return page, json.loads(answer.output)


def _shown(page: Any) -> int:
    return int(page.evaluate("document.documentElement.dataset.shown"))


def _opened(page: Any, row: int) -> Any:
    """Open the ``row``-th shown claim; the dialog that shows it."""
    page.locator("#table > tbody > tr").nth(row).locator("button.open-claim").click()
    dialog = page.locator("dialog#claim")
    assert dialog.evaluate("d => d.open")
    return dialog


def test_every_claim_is_a_row_and_filters_count_as_the_json(open_page, curated) -> None:
    path, audit = curated
    page = open_page(path, ready=True)
    assert _shown(page) == audit["summary"]["claims"]
    assert page.locator("nav").count() == 0  # no site around it: nothing to link to
    page.select_option("#f-verdict", "unsupported")
    assert _shown(page) == audit["summary"]["by_verdict"]["unsupported"] > 0
    page.select_option("#f-verdict", "")
    page.fill("#q", "Schroder")
    assert 0 < _shown(page) < audit["summary"]["claims"]
    assert page.errors == []
    assert page.requests == [path.as_uri()]


def test_a_row_opens_on_its_sources_quotes_and_evidence_lines(open_page, curated) -> None:
    path, audit = curated
    page = open_page(path, ready=True)
    index = next(i for i, claim in enumerate(audit["claims"]) if claim["assertions"] and claim["evidence"])
    claim = audit["claims"][index]
    dialog = _opened(page, index)
    assert dialog.locator("h2").inner_text() == claim["label"]
    text = dialog.inner_text()
    assert claim["verdict"] in text and claim["claim"] in text
    assert dialog.locator("li").all_inner_texts() == [f"{f['severity']} {f['rule']}: {f['message']}"
                                                       for f in claim["findings"]]
    assertions, lines = (dialog.locator("table").nth(k).locator("tbody tr") for k in (0, 1))
    assert [assertions.nth(i).locator("td").nth(2).inner_text() for i in range(assertions.count())] == [
        a["quote"] for a in claim["assertions"]]
    studies = [lines.nth(i).locator("td").first.inner_text() for i in range(lines.count())]
    assert studies == [(e["label"] or e["study"]) + ("" if e["identifiable"] else " (unidentifiable)")
                       for e in claim["evidence"]]
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    other = next(i for i, c in enumerate(audit["claims"]) if not c["assertions"] or not c["evidence"])
    dialog = _opened(page, other)
    assert dialog.locator("h2").inner_text() == audit["claims"][other]["label"]
    assert dialog.locator("table").count() == bool(audit["claims"][other]["assertions"]) + bool(
        audit["claims"][other]["evidence"])
    assert page.errors == []


def test_hostile_labels_and_quotes_show_as_text_and_never_run(open_page, tmp_path) -> None:
    from click.testing import CliRunner

    path = tmp_path / "audit.html"
    result = CliRunner().invoke(main, ["audit", "-g", str(HOSTILE), "-f", "html", "-o", str(path),
                                       "--fail-on", "never"])
    assert result.exit_code == 0
    page = open_page(path, ready=True)
    dialog = _opened(page, 0)
    assert dialog.locator("h2").inner_text() == "<script>alert(1)</script> cures [all](javascript:x) | pain"
    cells = dialog.locator("table").first.locator("tbody td").all_inner_texts()
    assert cells[:3] == ["<img src=x onerror=alert(2)> & Co | *bold*", "strong", "</q><script>alert(3)</script>"]
    study = dialog.locator("table").nth(1).locator("tbody td").first.inner_text()
    assert study == "<svg onload=alert(4)> Smith | 2020 & co"
    assert page.locator("img, svg").count() == 0
    assert page.locator("script").count() == 3
    assert page.errors == []  # no alert dialog, no script error


def test_a_graph_without_claims_gives_an_empty_table_that_still_works(open_page, tmp_path) -> None:
    from click.testing import CliRunner

    graph, path = tmp_path / "empty.ttl", tmp_path / "audit.html"
    graph.write_text("<urn:a> <urn:b> <urn:c> .\n")
    result = CliRunner().invoke(main, ["audit", "-g", str(graph), "-f", "html", "-o", str(path)])
    assert result.exit_code == 0, result.output
    page = open_page(path, ready=True)
    assert _shown(page) == 0
    assert page.locator("#count").inner_text() == "0 of 0 claims · 0 findings"
    assert page.locator("#table > tbody").inner_text().strip() == "No claims in this graph."
    page.fill("#q", "anything")
    page.select_option("#f-verdict", "unsupported")
    assert _shown(page) == 0
    assert page.errors == []
