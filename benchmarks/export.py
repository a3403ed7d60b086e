"""Benchmark the HTML export: export time, file size and time-to-interactive in headless Chromium.

Runs on the curated graph (``graphs/``, or the tiny fixture when the curated graph does not load)
and on synthetic claim graphs of 1,000, 5,000 and 20,000 nodes, generated as Turtle and loaded
into an in-memory Oxigraph store so that the whole path (SPARQL → networkx → vis-network page) is timed.

    .venv/bin/python benchmarks/export.py [--sizes 1000 5000 20000] [--runs 3] [--chromium /usr/bin/chromium]

Time-to-interactive (TTI) is what a user feels: from navigation start until the page has drawn the network,
its main thread is free to take input, and a real click on a node has been answered on screen.
Targets: the 5,000-node view interactive in under 2 s, the 20,000-node view in under 6 s.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimgraph.errors import ClaimgraphError
from claimgraph.network import build_network, render_view, select_view
from claimgraph.store import Store, load

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
PREFIXES = """\
@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix cito: <http://purl.org/spar/cito/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix design: <https://w3id.org/claimgraph/vocab/design/> .
@prefix strength: <https://w3id.org/claimgraph/vocab/strength/> .
@prefix direction: <https://w3id.org/claimgraph/vocab/direction/> .
@prefix directness: <https://w3id.org/claimgraph/vocab/directness/> .
@prefix condition: <https://w3id.org/claimgraph/id/condition/> .
@prefix mechanism: <https://w3id.org/claimgraph/id/mechanism/> .
@prefix source: <https://w3id.org/claimgraph/id/source/> .
@prefix study: <https://w3id.org/claimgraph/id/study/> .
@prefix claim: <https://w3id.org/claimgraph/id/claim/> .
@prefix assertion: <https://w3id.org/claimgraph/id/assertion/> .
@prefix evidence: <https://w3id.org/claimgraph/id/evidence/> .
"""
SHARES = {"source": 0.02, "claim": 0.3, "study": 0.6, "mechanism": 0.05, "condition": 0.03}
DESIGNS = ("rct", "systematic-review", "animal", "case-series", "observational", "unknown")


def synthetic_turtle(size: int, seed: int = 7) -> str:
    """A claim graph of about ``size`` nodes with the proportions and links of the curated one."""
    rng = random.Random(seed)
    count = {kind: max(1, round(size * share)) for kind, share in SHARES.items()}
    lines = [PREFIXES]
    for index in range(count["condition"]):
        lines.append(f'condition:c{index} a cg:Condition ; '
                     f'skos:prefLabel "condition {index}"@en .')
    for index in range(count["mechanism"]):
        lines.append(f'mechanism:m{index} a cg:Mechanism ; '
                     f'skos:prefLabel "mechanism {index}"@en .')
    for index in range(count["source"]):
        lines.append(f'source:s{index} a cg:Source ; dcterms:title "source {index}" .')
    for index in range(count["study"]):
        facts = [f'rdfs:label "study {index} of an acupuncture trial"', f"cg:design design:{rng.choice(DESIGNS)}",
                 f'dcterms:issued "{rng.randint(1990, 2020)}"^^xsd:gYear', f"cg:participants {rng.randint(10, 500)}",
                 f"cg:aboutCondition condition:c{rng.randrange(count['condition'])}"]
        if rng.random() < 0.15:
            facts.append(f"cg:showsMechanism mechanism:m{rng.randrange(count['mechanism'])}")
        lines.append(f"study:t{index} a cg:Study ; {' ; '.join(facts)} .")
    for index in range(count["claim"]):
        claim = f"claim:k{index}"
        lines.append(f'{claim} a cg:Claim ; rdfs:label "claim {index}: acupuncture relieves neuropathy pain" ; '
                     f"cg:aboutCondition condition:c{rng.randrange(count['condition'])} .")
        for number in range(rng.randint(1, 2)):
            study = f"study:t{rng.randrange(count['study'])}"
            lines.append(
                f"assertion:a{index}-{number} a cg:Assertion ; oa:hasBody {claim} ; "
                f"oa:hasTarget [ oa:hasSource source:s{rng.randrange(count['source'])} ; "
                f'oa:hasSelector [ oa:exact "quote {index}-{number}" ] ] ; cg:strength strength:moderate ; '
                f"cito:citesAsEvidence {study} .")
            lines.append(
                f"evidence:e{index}-{number} a cg:EvidenceLine ; cg:fromStudy {study} ; "
                f"cg:bearsOn {claim} ; cg:direction direction:{rng.choice(['supports', 'disputes'])} ; "
                "cg:directness directness:direct .")
    return "\n".join(lines) + "\n"


def curated_store() -> tuple[str, Store]:
    """The curated graph, or the tiny fixture when the curated graph is not loadable yet."""
    try:
        return "curated graphs/", load([REPO / "graphs"], "oxigraph:")
    except ClaimgraphError as error:
        print(f"(curated graph not loadable: {error}; using the tiny fixture)")
        return "tiny fixture", load([REPO / "tests" / "fixtures" / "tiny.ttl"], "oxigraph:")


READY_PROBE = """
new MutationObserver(function (changes, observer) {
  if (document.documentElement.dataset.ready !== "true") { return; }
  observer.disconnect();
  setTimeout(function () { window.__benchIdleAt = performance.now(); }, 0);
}).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-ready"] });
"""
"""Injected before the page runs: when the page marks itself ready (its first frame drawn), note when the
main thread is next free to take input (a zero-delay timeout behind whatever work the page queued)."""

CLICK_TARGET = """() => {
  const net = window.claimgraph.network;
  const ids = net.body.nodeIndices;
  const id = ids[Math.floor(ids.length / 2)];
  const dom = net.canvasToDOM(net.getPosition(id));
  const box = document.getElementById("graph").getBoundingClientRect();
  window.__benchClick = {};
  net.once("afterDrawing", () => { window.__benchClick.drawn = performance.now(); });
  document.getElementById("graph").addEventListener("pointerdown",
    (event) => { window.__benchClick.input = event.timeStamp; }, { once: true, capture: true });
  return [box.left + dom.x, box.top + dom.y, id];
}"""
"""Where a node in the middle of the list is drawn; arms a recorder of the pointerdown and the next frame."""


@dataclass(frozen=True)
class PageTiming:
    """One page load, in ms from navigation start."""

    drawn: float
    """The page's own mark: vis-network's first frame drawn (after physics froze, for small views)."""
    idle: float
    """The main thread first free to take input after that."""
    click: float
    """A real click on a node: pointerdown to the redrawn frame showing it selected."""

    @property
    def interactive(self) -> float:
        """What a user feels: the page can take a click, and the click's answer is on screen."""
        return self.idle + self.click


def time_to_interactive(browser: Any, path: Path) -> PageTiming:
    """Load ``path`` in a fresh browser context, wait for the first frame, then click a node."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.add_init_script(READY_PROBE)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_function("() => window.__benchIdleAt !== undefined", timeout=180_000)
    x, y, node = page.evaluate(CLICK_TARGET)
    page.mouse.click(x, y)
    page.wait_for_function("() => window.__benchClick.drawn !== undefined", timeout=180_000)
    click = page.evaluate("window.__benchClick")
    timing = PageTiming(float(page.evaluate("window.claimgraphReadyAt")), float(page.evaluate("window.__benchIdleAt")),
                        float(click["drawn"] - click["input"]))
    selected = page.evaluate("window.claimgraph.network.getSelectedNodes()")
    context.close()
    if errors or selected != [node]:
        raise SystemExit(f"{path.name}: page errors {errors} or the click did not select {node} ({selected})")
    return timing


def measure(name: str, store: Store, browser: Any, folder: Path, runs: int) -> str:
    """One row of the report for one graph: medians over ``runs`` page loads."""
    started = time.perf_counter()
    graph = build_network(store)
    built = time.perf_counter()
    html = render_view(select_view(graph, "full"))
    rendered = time.perf_counter()
    path = folder / f"{name.replace(' ', '-').replace('/', '')}.html"
    path.write_text(html, encoding="utf-8")
    timings = [time_to_interactive(browser, path) for _ in range(runs)]
    drawn, interactive, click = (statistics.median(values) / 1000 for values in zip(
        *((t.drawn, t.interactive, t.click) for t in timings), strict=True))
    return (f"{name:<18}{graph.number_of_nodes():>7}{graph.number_of_edges():>7}{built - started:>9.2f}"
            f"{rendered - built:>9.2f}{path.stat().st_size / 1e6:>7.2f}{drawn:>8.2f}{interactive:>8.2f}"
            f"{click * 1000:>8.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000, 20000])
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--runs", type=int, default=3, help="page loads per graph (the median is printed)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs (timings need a quiet machine)")
    print(f"{'graph':<18}{'nodes':>7}{'edges':>7}{'network':>9}{'render':>9}{'MB':>7}{'drawn':>8}"
          f"{'TTI':>8}{'click':>8}")
    print(f"{'':<32}{'s':>9}{'s':>9}{'':>7}{'s':>8}{'s':>8}{'ms':>8}")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        name, store = curated_store()
        print(measure(name, store, browser, Path(tmp), args.runs), flush=True)
        for size in args.sizes:
            store = load([], "oxigraph:")
            started = time.perf_counter()
            store.load_turtle_text(synthetic_turtle(size), f"synthetic-{size}")
            print(f"  (synthetic {size}: Turtle loaded in {time.perf_counter() - started:.2f} s)")
            print(measure(f"synthetic {size}", store, browser, Path(tmp), args.runs), flush=True)
        browser.close()
    print(f"load average {os.getloadavg()[0]:.2f}")
    print("network: SPARQL → networkx; render: layout + template; MB: the HTML file. Browser times are\n"
          f"medians of {args.runs} loads, each in a fresh context, from navigation start: drawn = vis-network's first\n"
          "frame (the page's own mark, after physics froze for small views); TTI = the main thread next free to\n"
          "take input, plus click; click = a real click on a node, pointerdown → the frame showing it selected.")


if __name__ == "__main__":
    main()
