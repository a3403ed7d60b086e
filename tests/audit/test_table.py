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
    """Open the ``row``-th shown claim in place; its details element."""
    details = page.locator("#table > tbody > tr").nth(row).locator("details")
    details.locator("summary").click()
    assert details.evaluate("d => d.open")
    return details


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
    details = _opened(page, index)
    assert details.locator("summary").inner_text() == claim["label"]
    assert claim["verdict"] in details.inner_text()
    assert claim["claim"] in details.inner_text()
    assertions, lines = (details.locator("table").nth(k).locator("tbody tr") for k in (0, 1))
    assert [assertions.nth(i).locator("td").nth(2).inner_text() for i in range(assertions.count())] == [
        a["quote"] for a in claim["assertions"]]
    studies = [lines.nth(i).locator("td").first.inner_text() for i in range(lines.count())]
    assert studies == [(e["label"] or e["study"]) + ("" if e["identifiable"] else " (unidentifiable)")
                       for e in claim["evidence"]]
    closed = page.locator("#table > tbody > tr").nth(index + 1).locator("details")
    assert not closed.evaluate("d => d.open") and closed.locator("table").count() == 0  # built when opened
    assert page.errors == []


def test_hostile_labels_and_quotes_show_as_text_and_never_run(open_page, tmp_path) -> None:
    from click.testing import CliRunner

    path = tmp_path / "audit.html"
    result = CliRunner().invoke(main, ["audit", "-g", str(HOSTILE), "-f", "html", "-o", str(path),
                                       "--fail-on", "never"])
    assert result.exit_code == 0
    page = open_page(path, ready=True)
    details = _opened(page, 0)
    assert details.locator("summary").inner_text() == "<script>alert(1)</script> cures [all](javascript:x) | pain"
    cells = details.locator("table").first.locator("tbody td").all_inner_texts()
    assert cells[:3] == ["<img src=x onerror=alert(2)> & Co | *bold*", "strong", "</q><script>alert(3)</script>"]
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 3
    assert page.errors == []  # no alert dialog, no script error
