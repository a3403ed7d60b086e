"""The audit's JSON renderers: the standard library's indented text, built without cycle-collector passes."""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from claimgraph.audit import AuditReport, run_audit
from claimgraph.audit.formats import render_json, render_sarif
from claimgraph.store import load
from helpers import TINY


@pytest.fixture(scope="module")
def report() -> AuditReport:
    with load([TINY]) as store:
        return run_audit(store)


@pytest.fixture
def collections() -> Iterator[list[str]]:
    """The functions whose frames were on the stack at each cycle collection while the test runs, with a
    collection due at every new container (threshold 1), so a renderer that builds its tree with the collector
    on shows up here."""
    started: list[str] = []

    def record(phase: str, info: dict[str, Any]) -> None:
        frame = sys._getframe(1)
        while phase == "start" and frame is not None:
            started.append(frame.f_code.co_name)
            frame = frame.f_back

    thresholds, was_enabled = gc.get_threshold(), gc.isenabled()
    gc.enable()
    gc.set_threshold(1, 1, 1)
    gc.callbacks.append(record)
    try:
        yield started
    finally:
        gc.callbacks.remove(record)
        gc.set_threshold(*thresholds)
        (gc.enable if was_enabled else gc.disable)()


@pytest.mark.parametrize("build", [AuditReport.to_json, render_sarif, render_json], ids=["to_json", "sarif", "json"])
def test_the_report_trees_are_built_without_cycle_collections(report: AuditReport, collections: list[str],
                                                             build: Callable[[AuditReport], object]) -> None:
    build(report)
    assert collections, "the collector ran around the call (the check can see collections)"
    assert AuditReport.to_json.__name__ not in collections
    assert render_sarif.__name__ not in collections
    assert gc.isenabled()


def test_the_json_report_is_the_standard_librarys_indented_text(report: AuditReport) -> None:
    assert render_json(report) == json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"


def test_the_sarif_log_is_indented_json_of_every_finding(report: AuditReport) -> None:
    text = render_sarif(report)
    log = json.loads(text)
    assert text == json.dumps(log, indent=2, ensure_ascii=False) + "\n"
    assert [result["ruleId"] for result in log["runs"][0]["results"]] == [f.rule for f in report.findings]
