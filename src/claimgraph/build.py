"""The main job: load the curated graph, validate it, and write every output to build/."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import TypeVar

import rdflib

from claimgraph.atomic import write_directory
from claimgraph.audit import REPORT_FORMATS, AuditReport, run_audit
from claimgraph.network import claimreview_jsonld, source_facts
from claimgraph.network.pages import html_views
from claimgraph.query import stats
from claimgraph.report import site_outputs
from claimgraph.store import DEFAULT_STORE, Store, load
from claimgraph.validate import QuoteCheck, ValidationReport, validate, verify_quotes

T = TypeVar("T")


@dataclass
class BuildContext:
    """What every output step can use: the loaded store and what was computed so far."""

    store: Store
    graph: rdflib.Graph
    validation: ValidationReport
    counts: dict[str, int]
    quotes: QuoteCheck | None = None

    @cached_property
    def audit(self) -> AuditReport:
        """The audit of every rule, run once per build and shared by the steps that need it."""
        return run_audit(self.store)


@dataclass
class BuildResult:
    """The written files and the facts a summary prints."""

    outputs: list[Path]
    counts: dict[str, int]
    validation: ValidationReport
    quotes: QuoteCheck | None = None
    """Every assertion's quote checked against its archived copy (None when no archive folder was given)."""
    summary_lines: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall time of each step (load, rdflib copy, SHACL, stats, audit, each output, write), for benchmarks."""


def _graph_output(context: BuildContext) -> dict[str, str | bytes]:
    return {"graph.ttl": context.graph.serialize(format="turtle")}


def _validation_output(context: BuildContext) -> dict[str, str | bytes]:
    return {"validation.ttl": context.validation.to_turtle()}


def _stats_output(context: BuildContext) -> dict[str, str | bytes]:
    return {"stats.json": json.dumps(context.counts, indent=2) + "\n"}


def _quotes_output(context: BuildContext) -> dict[str, str | bytes]:
    if context.quotes is None:
        return {}
    misses = [vars(miss) for miss in context.quotes.misses]
    return {"quotes.json": json.dumps({"checked": context.quotes.checked, "misses": misses}, indent=2) + "\n"}


def _audit_outputs(context: BuildContext) -> dict[str, str | bytes]:
    return {f"audit.{name}": REPORT_FORMATS[name](context.audit) for name in AUDIT_FORMATS}


def _html_views(context: BuildContext) -> dict[str, str | bytes]:
    views, listed = html_views(context.store, context.audit)
    return {**views, **site_outputs(context.store, context.audit, listed)}


def _claimreview_output(context: BuildContext) -> dict[str, str | bytes]:
    return {"claimreview.jsonld": claimreview_jsonld(context.audit, source_facts(context.store))}


AUDIT_FORMATS = ("json", "md")
"""The audit report formats every build writes (``audit.html``, the working table, is ``report``'s)."""

OUTPUT_STEPS: list[Callable[[BuildContext], dict[str, str | bytes]]] = [
    _graph_output,
    _validation_output,
    _stats_output,
    _quotes_output,
    _audit_outputs,
    _html_views,
    _claimreview_output,
]
"""Each step maps a file name under the output directory to its content."""


def build(
    graphs: Sequence[str | Path] = ("graphs",),
    out_dir: str | Path = "build",
    store: str | Store = DEFAULT_STORE,
    sources_dirs: Sequence[str | Path] = (),
) -> BuildResult:
    """Load, validate, check quotes and write all outputs to ``out_dir`` as one generation.

    Quotes are checked against the archived copies in ``sources_dirs`` (first folder holding a copy wins); a
    quote not found is a finding, listed in ``quotes.json``. Nothing is written unless every step succeeds
    (see ``atomic.write_directory``); identical inputs give byte-identical outputs.
    """
    seconds: dict[str, float] = {}

    def timed(name: str, action: Callable[[], T]) -> T:
        started = time.perf_counter()
        value = action()
        seconds[name] = time.perf_counter() - started
        return value

    loaded = timed("load", lambda: load(graphs, store))
    try:
        graph = timed("rdflib copy", loaded.to_rdflib)
        validation = timed("SHACL", lambda: validate(loaded, graph))
        counts = timed("stats", lambda: stats(loaded))
        quotes = timed("quotes", lambda: verify_quotes(loaded, sources_dirs)) if sources_dirs else None
        context = BuildContext(store=loaded, graph=graph, validation=validation, counts=counts, quotes=quotes)
        timed("audit", lambda: context.audit)
        contents: dict[str, str | bytes] = {}
        for step in OUTPUT_STEPS:
            contents.update(timed(step.__name__.strip("_").replace("_", " "), partial(step, context)))
        written = timed("write", lambda: write_directory(out_dir, contents))
    finally:
        loaded.close()
    by_severity = context.audit.summary["by_severity"]
    by_verdict = context.audit.summary["by_verdict"]
    checked = (f"quotes: {quotes.checked} checked against {', '.join(map(str, sources_dirs))}, "
               f"{len(quotes.misses)} not found" if quotes else "quotes: not checked (no archive folder found)")
    summary = [
        checked,
        "audit: " + ", ".join(f"{count} {severity}" for severity, count in by_severity.items()),
        "verdicts: " + ", ".join(f"{count} {verdict}" for verdict, count in by_verdict.items()),
        f"open {Path(out_dir) / 'index.html'} for the evidence map and {Path(out_dir) / 'audit.html'} "
        "for the audit table",
    ]
    return BuildResult(outputs=written, counts=context.counts, validation=context.validation, quotes=quotes,
                       summary_lines=summary, seconds=seconds)
