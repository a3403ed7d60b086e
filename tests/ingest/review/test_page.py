"""The review page: every value escaped, quotes and mentions marked where the archive has them, offline in Chromium."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import rdflib

from claimgraph.cli.main import main
from claimgraph.ingest.review.page import read_review, render_review, summary_lines
from claimgraph.namespaces import OA
from claimgraph.store import load
from helpers import GRAPHS

HOSTILE = """Needling news <script>alert('x')</script>

Acupuncture is clinically proven to relieve wrist pain "><img src=x onerror=alert(1)> in office workers.
A trial by Okafor et al. (2021) found that grip strength improved after needling.
Some researchers think needling may ease swelling & stiffness <b>quickly</b>.
"""


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace where a hostile text document was ingested; the draft's path."""
    from click.testing import CliRunner

    root = tmp_path_factory.mktemp("review")
    shutil.copytree(GRAPHS, root / "graphs")
    (root / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(root / "hostile.txt"), "--id", "hostile",
                                       "--sources-dir", str(root / "sources"), "--drafts-dir", str(root / "drafts"),
                                       "-g", str(root / "graphs")])
    assert result.exit_code == 0, result.output
    return root / "drafts" / "hostile.ttl"


@pytest.fixture(scope="module")
def page(drafted: Path) -> tuple[str, Any]:
    with load([drafted.parent.parent / "graphs", drafted]) as store:
        review = read_review(store, drafted, [drafted.parent.parent / "sources"])
    html = render_review(review)
    path = drafted.with_suffix(".html")
    path.write_text(html, encoding="utf-8")
    return html, review


def test_nothing_from_the_document_reaches_the_page_unescaped(page) -> None:
    html, _ = page
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "default-src 'none'" in html


def test_every_quote_is_marked_exactly_where_the_archive_has_it(page, drafted) -> None:
    _, review = page
    graph = rdflib.Graph().parse(drafted)
    quotes = {str(exact) for exact in graph.objects(None, OA.exact)}
    marked = {review.text[mark.start:mark.end] for mark in review.marks if mark.kind.startswith("quote")}
    assert quotes and marked == quotes
    assert review.unanchored == []


def test_the_summary_counts_what_the_draft_holds(page) -> None:
    _, review = page
    lines = "\n".join(summary_lines(review))
    strengths = review.summary()["assertions"]
    assert sum(strengths.values()) == len(review.assertions) >= 3
    assert strengths["strong"] >= 1 and strengths["hedged"] >= 1
    assert re.search(r"citations: 1 new", lines), lines



@pytest.mark.browser
def test_the_page_works_offline_and_a_mention_leads_to_its_study(browser, page, drafted) -> None:
    context = browser.new_context(offline=True)
    tab = context.new_page()
    events: list[str] = []
    tab.on("pageerror", lambda error: events.append(f"error {error}"))
    tab.on("dialog", lambda dialog: events.append(f"dialog {dialog.message}"))
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(drafted.with_suffix(".html").as_uri())
    quotes = tab.locator(".text span.quote")
    assert quotes.count() >= 3
    tab.locator(".text span.mention a").first.click()
    assert tab.evaluate("decodeURIComponent(location.hash)") == "#study:okafor-2021"
    assert tab.locator("tr:target td.iri").first.inner_text() == "study:okafor-2021"
    assert events == [] and all(url.startswith("file://") for url in requests), (events, requests)
    context.close()


def test_each_row_shows_speaker_claim_type_concepts_and_link_score(tmp_path: Path) -> None:
    """Beside its quote, a drafted claim's speaker (with role), type, conditions and interventions, link score."""
    from click.testing import CliRunner

    from helpers import FIXTURES

    run = CliRunner().invoke(main, ["ingest", str(FIXTURES / "ingest" / "news" / "quoted-experts.txt"), "--id", "q",
                                    "--sources-dir", str(tmp_path / "sources"), "--drafts-dir", str(tmp_path / "d"),
                                    "-g", str(GRAPHS)])
    assert run.exit_code == 0, run.output
    with load([GRAPHS, tmp_path / "d" / "q.ttl"]) as store:
        html = render_review(read_review(store, tmp_path / "d" / "q.ttl", [tmp_path / "sources"]))
    rows = {re.sub(r"<[^>]+>", "", cells[2]).strip(): [re.sub(r"<[^>]+>", "", cell).strip() for cell in cells]
            for cells in (re.findall(r"<td.*?</td>", row, re.S)
                          for row in re.findall(r'<tr id="assertion:.*?</tr>', html, re.S))}
    expert = rows["acupuncture does not repair damaged nerves"]
    assert expert[3] == "Dr. Paul Ferreira (independent expert)"
    assert expert[5].startswith("efficacy · ") and "acupuncture" in expert[5]
    assert re.fullmatch(r"0\.\d\d|1\.00", expert[6])
    assert rows["Acupuncture is widely offered for peripheral neuropathy in cancer centres"][3] == "the source"
