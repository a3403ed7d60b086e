"""Benchmark the HTML export: export time, file size and time-to-interactive in headless Chromium.

Runs on the curated graph (``graphs/``, or the tiny fixture when the curated graph does not load)
and on synthetic claim graphs of 1,000, 5,000 and 20,000 nodes, generated as Turtle and loaded
into an in-memory Oxigraph store so that the whole path (SPARQL → networkx → pyvis → page) is timed.

    .venv/bin/python benchmarks/export.py [--sizes 1000 5000 20000] [--chromium /usr/bin/chromium]

Targets: the 5,000-node view interactive in under 2 s, the 20,000-node view in under 6 s.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from claimgraph.errors import ClaimgraphError
from claimgraph.html_export import render_view
from claimgraph.network import build_network, select_view
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


def time_to_interactive(browser: object, path: Path) -> tuple[float, float]:
    """(ms from navigation start to the page's ready mark, wall-clock seconds until then)."""
    page = browser.new_page()  # type: ignore[attr-defined]
    started = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("() => document.documentElement.dataset.ready === 'true'", timeout=120_000)
    wall = time.perf_counter() - started
    ready_ms = float(page.evaluate("window.claimgraphReadyAt"))
    page.close()
    return ready_ms, wall


def measure(name: str, store: Store, browser: object, folder: Path) -> str:
    """One row of the report for one graph."""
    started = time.perf_counter()
    graph = build_network(store)
    built = time.perf_counter()
    html = render_view(select_view(graph, "full"))
    rendered = time.perf_counter()
    path = folder / f"{name.replace(' ', '-').replace('/', '')}.html"
    path.write_text(html, encoding="utf-8")
    ready_ms, wall = time_to_interactive(browser, path)
    return (f"{name:<18}{graph.number_of_nodes():>8}{graph.number_of_edges():>8}{built - started:>10.2f}"
            f"{rendered - built:>10.2f}{path.stat().st_size / 1e6:>10.2f}{ready_ms / 1000:>10.2f}{wall:>10.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000, 20000])
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"{'graph':<18}{'nodes':>8}{'edges':>8}{'network s':>10}{'render s':>10}{'MB':>10}"
          f"{'ready s':>10}{'wall s':>10}")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        name, store = curated_store()
        print(measure(name, store, browser, Path(tmp)))
        for size in args.sizes:
            store = load([], "oxigraph:")
            started = time.perf_counter()
            store.load_turtle_text(synthetic_turtle(size), f"synthetic-{size}")
            print(f"  (synthetic {size}: Turtle loaded in {time.perf_counter() - started:.2f} s)")
            print(measure(f"synthetic {size}", store, browser, Path(tmp)))
        browser.close()
    print("network s: SPARQL → networkx; render s: layout + pyvis + template; "
          "ready s: navigation start → first frame drawn (page's own mark); wall s: goto → ready seen by Playwright")


if __name__ == "__main__":
    main()
