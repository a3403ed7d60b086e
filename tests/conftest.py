"""Shared fixtures: the tiny graph loaded into every store kind, and the CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimgraph.store import Store, load
from helpers import (
    CHROMIUM_ARGS,
    SEEDS,
    STORE_KINDS,
    TINY,
    required_in_ci,
    store_spec,
)
from servers import Virtuoso, start_virtuoso, stop_group


@pytest.fixture(params=STORE_KINDS)
def store_kind(request: pytest.FixtureRequest) -> str:
    """Each store kind in turn: the contract suite runs on all of them."""
    return str(request.param)


@pytest.fixture
def tiny_store(store_kind: str, tmp_path: Path) -> Iterator[Store]:
    """The tiny fixture graph loaded into the store under test."""
    store = load([TINY], store_spec(store_kind, tmp_path))
    yield store
    store.close()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def seeds_dir() -> Path:
    """The archived source documents; required in CI, skipped with a reason elsewhere."""
    return required_in_ci(SEEDS if SEEDS.is_dir() else None, f"the archived sources are missing at {SEEDS}",
                          "they sit beside the repository in ../shared/seeds")


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    """One headless Chromium per test process (Debian's, never a downloaded one), driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Open a page offline in headless Chromium; record page errors, console errors, dialogs (an ``alert`` a
    hostile value managed to run) and every request; with ``ready``, wait until the page says it is ready."""
    contexts = []

    def opener(path: Path, ready: bool = False) -> Any:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
        contexts.append(context)
        page = context.new_page()
        page.errors, page.requests = [], []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("console", lambda m: page.errors.append(m.text) if m.type in ("error", "warning") else None)
        page.on("request", lambda request: page.requests.append(request.url))
        page.on("dialog", lambda dialog: (page.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        page.goto(path.as_uri())
        if ready:
            page.wait_for_function("() => document.documentElement.dataset.ready === 'true'", timeout=20_000)
        return page

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium; required (fail, not skip) when CI is set."""
    path = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    return required_in_ci(path, "Chromium is missing", "apt-get install chromium; .ci/run installs it")


@pytest.fixture(scope="session")
def virtuoso_path() -> str:
    """Debian's Virtuoso 7 server binary; required (fail, not skip) when CI is set."""
    return required_in_ci(shutil.which("virtuoso-t"), "Virtuoso (virtuoso-t) is missing",
                          "apt-get install virtuoso-opensource; .ci/run installs it")


@pytest.fixture(scope="session")
def virtuoso(virtuoso_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A Virtuoso 7 of this test process's own on 127.0.0.1 ports, answers capped at 5,000 rows (below the curated
    graph's size, so whole-graph fetches must page), stopped with its children at the end."""
    server = start_virtuoso(virtuoso_path, tmp_path_factory.mktemp("virtuoso"), max_rows=5000)
    try:
        yield server
    finally:
        stop_group(server.process)
