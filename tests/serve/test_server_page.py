"""The endpoint's query page in a real headless Chromium: works offline, shows results as text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from helpers import start_serve, stop

pytestmark = [pytest.mark.browser, pytest.mark.server]

HOSTILE = "<img src=x onerror=\"window.__xss=1\">"


@pytest.fixture(scope="module")
def page_url() -> Iterator[str]:
    process, url = start_serve()
    yield url.replace("/sparql", "/")
    stop(process)


@pytest.fixture
def page(browser: Any, page_url: str) -> Iterator[Any]:
    opened = browser.new_page(bypass_csp=True)
    outside: list[str] = []
    opened.route("**/*", lambda route: route.continue_() if route.request.url.startswith(page_url)
                 else (outside.append(route.request.url), route.abort()))
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.goto(page_url)
    yield opened
    opened.close()
    assert outside == [], "the query page must fetch nothing from the network"
    assert errors == []


def test_typed_query_shows_a_table(page):
    page.fill("#query", "SELECT ?c WHERE { ?c a cg:Claim } ORDER BY ?c")
    page.click("button[type=submit]")
    page.wait_for_selector("#results table")
    assert page.locator("#results tr").count() == 1 + 3
    assert "3 rows" in page.inner_text("#status")


def test_values_are_shown_as_text_not_html(page):
    page.fill("#query", f"SELECT ?x WHERE {{ BIND('{HOSTILE}' AS ?x) }}")
    page.click("button[type=submit]")
    page.wait_for_selector("#results td")
    assert page.inner_text("#results td") == HOSTILE
    assert page.evaluate("window.__xss") is None
    assert page.locator("#results img").count() == 0


def test_named_query_fills_the_editor_and_errors_are_shown(page):
    page.select_option("#named", label="claims")
    assert page.input_value("#query").startswith("# claims:")
    page.fill("#query", "SELECT ?x WHERE { ?x }")
    page.click("button[type=submit]")
    page.wait_for_function("document.getElementById('status').className === 'error'")
    assert "HTTP 400" in page.inner_text("#status")
