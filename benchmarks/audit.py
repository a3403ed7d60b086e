"""Benchmark the audit on synthetic claims graphs of about 10^4, 10^5 and 10^6 triples.

    .venv/bin/python benchmarks/audit.py                        # 1e5 (3 runs) 1e6 (1 run); rdflib up to 1e5
    .venv/bin/python benchmarks/audit.py --sizes 1e7 --stores memory   # 10^7 on the default store
    .venv/bin/python benchmarks/audit.py --sizes 1e5 --per-rule        # each rule and the facts queries too
    .venv/bin/python benchmarks/audit.py --sizes 1e5 --repeat 7        # medians of 7 interleaved runs

The graphs have the curated graph's shape: sources, assertions (Web Annotations with quotes
and strengths), claims of every type, studies of every design (some unidentifiable), study
reports that sometimes disagree, and evidence lines. Each is written as N-Triples (which
is Turtle) to a temporary directory and loaded the way ``claimgraph`` loads it. For each
store (``memory``, the default: Oxigraph in memory; ``oxigraph:DIR`` on disk, queries on its
in-memory copy; ``oxigraph:DIR,memory-copy=off``, queries on the directory; ``rdflib``) the
script prints the load time, the whole ``run_audit`` (every rule and the facts queries) and
``close`` (an on-disk store flushes) and, as ratios, their sum against the time bare
``pyoxigraph.Store().bulk_load`` needs for the same file and against the in-memory store's run,
both measured in the same run (the second as the median of the ratios of interleaved runs).
Each measurement runs in a forked child, so its peak RSS (``wait4``'s ``ru_maxrss``) and its CPU time
(user + system, all its threads) are its own; on a machine shared with other jobs the CPU ratios
wander less than the wall-time ones.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from claimgraph.audit import rules, run_audit, run_rule
from claimgraph.audit.ruleset import FACTS
from claimgraph.audit.run import FACT_QUERIES
from claimgraph.store import Store, load

CG = "https://w3id.org/claimgraph/ns#"
ID = "https://w3id.org/claimgraph/id/"
VOCAB = "https://w3id.org/claimgraph/vocab/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
OA = "http://www.w3.org/ns/oa#"
CITO_EVIDENCE = "http://purl.org/spar/cito/citesAsEvidence"
DCTERMS = "http://purl.org/dc/terms/"
TAXON = "http://purl.obolibrary.org/obo/NCBITaxon_"
XSD = "http://www.w3.org/2001/XMLSchema#"

DESIGNS = ["systematic-review", "meta-analysis", "rct", "rct", "rct", "controlled-trial", "reanalysis",
           "observational", "case-series", "survey", "case-report", "narrative-review", "guideline",
           "human-mechanistic", "animal", "animal", "animal", "in-vitro", "unknown"]
CLAIM_TYPES = ["efficacy"] * 5 + ["mechanism", "mechanism", "safety", "regimen", "epidemiology", "background"]
STRENGTHS = ["strong", "strong", "moderate", "hedged"]
DIRECTIONS = ["supports"] * 5 + ["disputes", "inconclusive"]
RESULTS = ["positive", "positive", "null", "negative", "mixed"]
MECHANISMS = ["endogenous-opioids", "serotonin", "adenosine-a1", "neurotrophic-factors", "microcirculation"]
CONDITIONS = ["diabetic-neuropathy", "cipn", "hiv-neuropathy", "peripheral-neuropathy", "chronic-pain"]
TRIPLES_PER_CLAIM = 50


def iri(value: str) -> str:
    return f"<{value}>"


def text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def synthetic_triples(claims: int, seed: int = 7) -> Iterator[str]:
    """N-Triples lines of a claims graph with ``claims`` claims, shaped like the curated one."""
    rng = random.Random(seed)
    sources = max(1, claims // 10)
    studies = max(1, (claims * 6) // 10)
    for s in range(sources):
        source = iri(f"{ID}source/s{s}")
        yield f"{source} {iri(RDF_TYPE)} {iri(CG + 'Source')} ."
        yield f"{source} {iri(DCTERMS + 'title')} {text(f'Source {s}')} ."
        yield f"{source} {iri(CG + 'sourceKind')} {iri(VOCAB + 'source-kind/blog-post')} ."
        yield f"{source} {iri(CG + 'localCopy')} {text(f'{s:03d}_synthetic.txt')} ."
    for m in MECHANISMS:
        yield f"{iri(ID + 'mechanism/' + m)} {iri(RDF_TYPE)} {iri(CG + 'Mechanism')} ."
        yield f"{iri(ID + 'mechanism/' + m)} {iri(SKOS_PREF_LABEL)} {text(m.replace('-', ' '))} ."
    for condition in CONDITIONS:
        yield f"{iri(ID + 'condition/' + condition)} {iri(RDF_TYPE)} {iri(CG + 'Condition')} ."
        yield f"{iri(ID + 'condition/' + condition)} {iri(SKOS_PREF_LABEL)} {text(condition.replace('-', ' '))} ."
    for t in range(studies):
        yield from _study(rng, t, sources)
    for c in range(claims):
        yield from _claim(rng, c, sources, studies)


def _study(rng: random.Random, t: int, sources: int) -> Iterator[str]:
    study = iri(f"{ID}study/t{t}")
    design = rng.choice(DESIGNS)
    identifiable = rng.random() > 0.1
    species = "10116" if design in ("animal", "in-vitro") else "9606"
    yield f"{study} {iri(RDF_TYPE)} {iri(CG + 'Study')} ."
    yield f"{study} {iri(RDFS_LABEL)} {text(f'Study {t} ({design})')} ."
    yield f"{study} {iri(CG + 'design')} {iri(VOCAB + 'design/' + design)} ."
    yield f"{study} {iri(CG + 'identifiable')} {typed(str(identifiable).lower(), 'boolean')} ."
    if not identifiable:
        yield f"{study} {iri(CG + 'citedAs')} {text(f'a study in journal {t % 50}')} ."
        return
    year = 1990 + t % 30
    n = rng.randint(10, 400)
    yield f"{study} {iri(CG + 'firstAuthor')} {text(f'Author{t}')} ."
    yield f"{study} {iri(DCTERMS + 'issued')} {typed(year, 'gYear')} ."
    yield f"{study} {iri(CG + 'species')} {iri(TAXON + species)} ."
    yield f"{study} {iri(CG + 'participants')} {typed(n, 'integer')} ."
    yield f"{study} {iri(CG + 'resultDirection')} {iri(VOCAB + 'result/' + rng.choice(RESULTS))} ."
    yield f"{study} {iri(CG + 'aboutCondition')} {iri(ID + 'condition/' + rng.choice(CONDITIONS))} ."
    if design in ("animal", "in-vitro", "human-mechanistic"):
        yield f"{study} {iri(CG + 'showsMechanism')} {iri(ID + 'mechanism/' + rng.choice(MECHANISMS))} ."
    for r in range(rng.randint(1, 3)):
        report = iri(f"{ID}report/t{t}-r{r}")
        yield f"{report} {iri(RDF_TYPE)} {iri(CG + 'StudyReport')} ."
        yield f"{report} {iri(CG + 'reportOf')} {study} ."
        yield f"{report} {iri(CG + 'reportedIn')} {iri(f'{ID}source/s{rng.randrange(sources)}')} ."
        yield f"{report} {iri(CG + 'reportedParticipants')} {typed(n if rng.random() > 0.1 else n + 10, 'integer')} ."
        yield f"{report} {iri(CG + 'reportedYear')} {typed(year, 'gYear')} ."
        yield f"{report} {iri(CG + 'reportedDesign')} {iri(VOCAB + 'design/' + design)} ."
        yield f"{report} {iri(CG + 'reportedFinding')} {text(f'finding {t}-{r}')} ."


def _claim(rng: random.Random, c: int, sources: int, studies: int) -> Iterator[str]:
    claim = iri(f"{ID}claim/c{c}")
    claim_type = rng.choice(CLAIM_TYPES)
    yield f"{claim} {iri(RDF_TYPE)} {iri(CG + 'Claim')} ."
    yield f"{claim} {iri(RDFS_LABEL)} {text(f'Claim {c}')} ."
    yield f"{claim} {iri(CG + 'claimType')} {iri(VOCAB + 'claim-type/' + claim_type)} ."
    yield f"{claim} {iri(CG + 'aboutCondition')} {iri(ID + 'condition/' + rng.choice(CONDITIONS))} ."
    if claim_type == "mechanism" or rng.random() < 0.1:
        yield f"{claim} {iri(CG + 'aboutMechanism')} {iri(ID + 'mechanism/' + rng.choice(MECHANISMS))} ."
    cited = [rng.randrange(studies) for _ in range(rng.choice([0, 1, 1, 2, 3]))]
    for a in range(rng.randint(1, 3)):
        assertion, target, selector = (iri(f"{ID}assertion/c{c}-{a}{part}") for part in ("", "-t", "-q"))
        yield f"{assertion} {iri(RDF_TYPE)} {iri(CG + 'Assertion')} ."
        yield f"{assertion} {iri(OA + 'hasBody')} {claim} ."
        yield f"{assertion} {iri(OA + 'hasTarget')} {target} ."
        yield f"{target} {iri(RDF_TYPE)} {iri(OA + 'SpecificResource')} ."
        yield f"{target} {iri(OA + 'hasSource')} {iri(f'{ID}source/s{rng.randrange(sources)}')} ."
        yield f"{target} {iri(OA + 'hasSelector')} {selector} ."
        yield f"{selector} {iri(RDF_TYPE)} {iri(OA + 'TextQuoteSelector')} ."
        yield f"{selector} {iri(OA + 'exact')} {text(f'acupuncture is proven to help ({c}-{a})')} ."
        yield f"{assertion} {iri(CG + 'strength')} {iri(VOCAB + 'strength/' + rng.choice(STRENGTHS))} ."
        for t in cited:
            yield f"{assertion} {iri(CITO_EVIDENCE)} {iri(f'{ID}study/t{t}')} ."
    for t in dict.fromkeys(cited + [rng.randrange(studies) for _ in range(rng.choice([0, 1]))]):
        line = iri(f"{ID}evidence/t{t}--c{c}")
        yield f"{line} {iri(RDF_TYPE)} {iri(CG + 'EvidenceLine')} ."
        yield f"{line} {iri(CG + 'fromStudy')} {iri(f'{ID}study/t{t}')} ."
        yield f"{line} {iri(CG + 'bearsOn')} {claim} ."
        yield f"{line} {iri(CG + 'direction')} {iri(VOCAB + 'direction/' + rng.choice(DIRECTIONS))} ."
        directness = "direct" if rng.random() > 0.3 else "indirect"
        yield f"{line} {iri(CG + 'directness')} {iri(VOCAB + 'directness/' + directness)} ."
        if directness == "indirect":
            yield f"{line} {iri(CG + 'indirectBecause')} {text('another condition')} ."
        yield f"{line} {iri(CG + 'drawnBy')} {iri(CG + 'curator')} ."


def write_graph(folder: Path, target_triples: int) -> tuple[Path, int]:
    """Write a synthetic graph of about ``target_triples`` triples; return its path and triple count."""
    path = folder / f"synthetic-{target_triples}.ttl"
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for line in synthetic_triples(max(1, target_triples // TRIPLES_PER_CLAIM)):
            handle.write(line + "\n")
            count += 1
    return path, count


def timed(action):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def bare_bulk_load(path: Path, directory: Path | None = None) -> float:
    """Seconds pyoxigraph alone needs to bulk-load ``path``: in memory, or on disk in ``directory``."""
    import pyoxigraph

    def bulk_load() -> None:
        store = pyoxigraph.Store(str(directory)) if directory else pyoxigraph.Store()
        store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
        store.flush()

    _, seconds = timed(bulk_load)
    return seconds


class Run(NamedTuple):
    """One measurement in a child: what it returned (seconds), its peak RSS in MB, its CPU seconds."""

    seconds: float
    rss: float
    cpu: float


def in_child(action):  # type: ignore[no-untyped-def]
    """Run ``action`` in a forked child; return a :class:`Run` of what it returns (a float), the child's peak
    RSS and CPU time.

    A child per measurement gives each its own peak memory (ru_maxrss only ever grows in one process)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        status = 1
        try:
            os.write(write_fd, repr(action()).encode())
            sys.stdout.flush()
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        answer = pipe.read().decode()
    _, status, usage = os.wait4(pid, 0)
    if status != 0 or not answer:
        raise SystemExit(f"measurement failed in child {pid} (status {status})")
    return Run(float(answer), usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def measure(store_spec: str, path: Path, per_rule: bool) -> float:
    """Print load, run_audit and close (and with ``per_rule`` each rule and the facts queries) for one store;
    return load + run_audit + close in seconds."""
    store, load_seconds = timed(lambda: load([path], store_spec))
    report, audit_seconds = timed(lambda: run_audit(store))
    print(f"  {_store_name(store_spec):<22} load {load_seconds:7.2f} s   run_audit {audit_seconds:7.2f} s", end="")
    if per_rule:
        rules_total = 0.0
        for rule in rules().values():
            findings, seconds = timed(lambda rule=rule: run_rule(store, rule))
            rules_total += seconds
            print(f"    {rule.id:<22}{seconds:7.2f} s {len(findings):>8} findings")
        print(f"    {'all rules':<22}{rules_total:7.2f} s   facts queries {_facts_seconds(store):.2f} s")
    _, close_seconds = timed(store.close)
    print(f"   close {close_seconds:5.2f} s   ({len(report.claims):,} claims, {len(report.findings):,} findings)")
    sys.stdout.flush()
    return load_seconds + audit_seconds + close_seconds


def _store_name(spec: str) -> str:
    kind, _, arg = spec.partition(":")
    if kind == "oxigraph" and arg:
        return "disk, queries on disk" if arg.endswith(",memory-copy=off") else "disk (memory copy)"
    return "memory (default)" if kind in ("memory", "oxigraph") else kind


def _spec(kind: str, folder: Path, size: float) -> str:
    """The --store spec of a benchmark store kind (the on-disk ones in their own directory)."""
    directory = folder / f"ox-{int(size)}"
    return {"oxigraph": f"oxigraph:{directory}", "disk-direct": f"oxigraph:{directory},memory-copy=off"}.get(kind, kind)


def _facts_seconds(store: Store) -> float:
    total = 0.0
    texts = FACTS.texts()
    for name in FACT_QUERIES:
        _, seconds = timed(lambda text_=texts[name]: store.query(text_).rows)
        total += seconds
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e5, 1e6], help="target triple counts")
    parser.add_argument("--rdflib-max", type=float, default=1e5,
                        help="skip the rdflib store above this many triples (it parses 10^6 in ~30 s)")
    parser.add_argument("--disk-max", type=float, default=1e6, help="skip the on-disk stores above this many triples")
    parser.add_argument("--stores", nargs="+", default=["memory", "oxigraph", "disk-direct", "rdflib"],
                        choices=["memory", "oxigraph", "disk-direct", "rdflib"],
                        help="memory: the default (Oxigraph in memory); oxigraph: on disk (--store oxigraph:DIR, "
                             "queries on its in-memory copy); disk-direct: on disk, queries on the directory "
                             "(--store oxigraph:DIR,memory-copy=off)")
    parser.add_argument("--per-rule", action="store_true", help="also time each rule and the facts queries")
    parser.add_argument("--repeat", type=int, default=3, help="measure each store this many times at sizes up to "
                        "10^5, interleaved with the bare load; report medians")
    parser.add_argument("--repeat-large", type=int, default=1, help="the same above 10^5 triples")
    args = parser.parse_args(argv)
    limits = {"rdflib": args.rdflib_max, "oxigraph": args.disk_max, "disk-direct": args.disk_max}
    rows: list[str] = []
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        folder = Path(tmp)
        for size in args.sizes:
            path, count = write_graph(folder, int(size))
            kinds = [kind for kind in args.stores if size <= limits.get(kind, float("inf"))]
            for kind in sorted(set(args.stores) - set(kinds)):
                print(f"  {kind:<18} skipped above {limits[kind]:.0e} triples")
            specs = {kind: _spec(kind, folder, size) for kind in kinds}
            runs: dict[str, list[Run]] = {"bare": [], **{kind: [] for kind in kinds}}
            repeat = args.repeat if size <= 1e5 else args.repeat_large
            for _ in range(repeat):
                bare = in_child(lambda path=path: bare_bulk_load(path))
                print(f"synthetic graph: {count:,} triples ({path.stat().st_size / 1e6:.1f} MB N-Triples);"
                      f" bare pyoxigraph bulk_load {bare.seconds:.2f} s in memory (peak RSS {bare.rss:,.0f} MB)"
                      f"   load average {os.getloadavg()[0]:.1f}")
                sys.stdout.flush()
                runs["bare"].append(bare)
                for kind, spec in specs.items():
                    runs[kind].append(in_child(lambda spec=spec, path=path: measure(spec, path, args.per_rule)))
            rows += _rows(count, runs, specs, repeat)
    print("\n| triples | store | runs | load + run_audit + close (median) | × bare bulk load | × in-memory run"
          " (median of paired ratios) | CPU (median) | CPU × in-memory run | peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


def _rows(count: int, runs: dict[str, list[Run]], specs: dict[str, str], repeat: int) -> list[str]:
    """The summary table's rows for one graph size: each store's median, its ratio to the bare bulk load's
    median, and the medians of its runs' wall and CPU ratios to the in-memory store's run in the same repetition."""
    bare = statistics.median(run.seconds for run in runs["bare"])
    memory = runs.get("memory", [])
    rows = []
    for kind, measured in runs.items():
        seconds = statistics.median(run.seconds for run in measured)
        cpu = statistics.median(run.cpu for run in measured)
        name = "bare pyoxigraph bulk_load (memory)" if kind == "bare" else _store_name(specs[kind])
        wall_ratio, cpu_ratio = "—", "—"
        if memory and kind != "bare":
            pairs = list(zip(measured, memory, strict=True))
            wall_ratio = f"{statistics.median(run.seconds / base.seconds for run, base in pairs):.2f}x"
            cpu_ratio = f"{statistics.median(run.cpu / base.cpu for run, base in pairs):.2f}x"
        rows.append(f"| {count:,} | {name} | {repeat} | {seconds:.2f} s | {seconds / bare:.2f}x | {wall_ratio} |"
                    f" {cpu:.2f} s | {cpu_ratio} | {max(run.rss for run in measured):,.0f} MB |")
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
