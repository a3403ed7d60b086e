"""How well ingest drafts a document it has not seen: leave-one-out over the five curated sources.

For each source, the curated graph is loaded without that source's file, its study reports, the claims only
it asserts, the studies only it reports or cites, and the evidence lines that lean on those; ingest's
``analyse`` then drafts the source's archived text against that graph, and the draft is compared with the
curated records:

* citations: recall of the identifiable studies the curated source cites or reports, resolved to the right
  study IRI (a study only this source knows must come out as a new draft under the same minted IRI: the curated
  ``<author>-<year>``, with the key of its journal appended when the text names it);
  precision of the matches to known studies (a match to a study the curated source does not cite is a wrong
  merge);
* assertions: recall of curated assertions whose quote overlaps a drafted assertion's sentence; precision of
  drafted assertions (share whose sentence holds a curated quote);
* strength: accuracy and Cohen's kappa on matched pairs; claim linking: share of matched pairs linked to the
  curated claim, among those whose claim another source asserts too (so it is in the graph); link precision:
  of the drafted assertions linked to an existing claim whose sentence holds a curated quote, the share linked to
  a claim the curated source asserts there;
* time per document (extract + analyse, the store already loaded).

The detectors were developed on 000, 002 and 003; 001 and 004 were held out (never read while tuning): the
figures are printed for each group separately. Usage: ``python benchmarks/ingest.py [--sources 000 001 …]``.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import rdflib

from claimgraph.ingest.journals import journal_key
from claimgraph.ingest.pipeline import GraphContext, analyse
from claimgraph.ingest.read.extract import extract
from claimgraph.ingest.review.anchor import locate_quote
from claimgraph.namespaces import CG, CITO, OA, PRISM
from claimgraph.store import open_store
from claimgraph.store.base import bind_prefixes

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
DEVELOPMENT, HELD_OUT = ("000", "002", "003"), ("001", "004")


def _minted_as(iri: str, graph: rdflib.Graph) -> set[str]:
    """The IRIs ingest may mint for a curated study: its own, or with its journal's key appended."""
    journal = graph.value(rdflib.URIRef(iri), PRISM.publicationName)
    return {iri, f"{iri}-{journal_key(str(journal))}"} if journal else {iri}


def leave_one_out(number: str) -> tuple[rdflib.Graph, rdflib.Graph, rdflib.URIRef]:
    """(graph without the source, the source's own records, the source IRI)."""
    own = rdflib.Graph().parse(REPO / "graphs" / f"source-{number}.ttl")
    source = next(iter(own.subjects(rdflib.RDF.type, CG.Source)))
    rest = rdflib.Graph()
    for path in sorted((REPO / "graphs").glob("*.ttl")):
        if path.name != f"source-{number}.ttl":
            rest.parse(path)
    for report in list(rest.subjects(CG.reportedIn, source)):
        own += rest.triples((report, None, None))
        rest.remove((report, None, None))
    asserted = set(rest.objects(None, OA.hasBody))
    for claim in set(own.objects(None, OA.hasBody)) - asserted:
        rest.remove((claim, None, None))
    known = set(rest.objects(None, CG.reportOf)) | set(rest.objects(None, CITO.citesAsEvidence))
    for study in set(rest.subjects(rdflib.RDF.type, CG.Study)) - known:
        rest.remove((study, None, None))
    kept_claims, kept_studies = set(rest.subjects(rdflib.RDF.type, CG.Claim)), set(rest.subjects(rdflib.RDF.type,
                                                                                                   CG.Study))
    for line in list(rest.subjects(rdflib.RDF.type, CG.EvidenceLine)):
        if rest.value(line, CG.bearsOn) not in kept_claims or rest.value(line, CG.fromStudy) not in kept_studies:
            rest.remove((line, None, None))
    return rest, own, source


def kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of (curated, drafted) labels."""
    if not pairs:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / len(pairs)
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[label] * right[label] for label in left) / len(pairs) ** 2
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def measure(number: str) -> dict[str, float | int]:
    """Every figure for one source."""
    rest, own, _ = leave_one_out(number)
    full = rdflib.Graph()
    for path in (REPO / "graphs").glob("*.ttl"):
        full.parse(path)
    store = open_store("memory")
    from claimgraph.resources import ontology_texts

    for name, text in ontology_texts():
        store.load_turtle_text(text, name)
    store.load_turtle_text(bind_prefixes(rest).serialize(format="turtle"), f"graphs without {number}")
    context = GraphContext.from_store(store)
    seed = next(SEEDS.glob(f"{number}_*.txt"))
    started = time.perf_counter()
    document = extract(seed)
    draft = analyse(document, context, f"benchmark-{number}")
    seconds = time.perf_counter() - started
    text = document.text

    cited = set(own.objects(None, CG.reportOf)) | set(own.objects(None, CITO.citesAsEvidence))
    gold_studies = {str(s) for s in cited if full.value(s, CG.identifiable) == rdflib.Literal(True)}
    drafted_studies = {study.match.iri: study.match.status for study in draft.studies}
    found = {iri for iri in gold_studies if _minted_as(iri, full) & drafted_studies.keys()}
    matched_known = [iri for iri, status in drafted_studies.items() if status == "matched"]
    right_merges = [iri for iri in matched_known if iri in {str(s) for s in cited}]

    curated = []
    for assertion in own.subjects(rdflib.RDF.type, CG.Assertion):
        exact = str(own.value(own.value(own.value(assertion, OA.hasTarget), OA.hasSelector), OA.exact))
        span = locate_quote(text, exact)
        strength = str(own.value(assertion, CG.strength)).rsplit("/", 1)[-1]
        curated.append((span, strength, own.value(assertion, OA.hasBody)))
    drafted = draft.assertions
    pairs, linked, linkable, recalled = [], 0, 0, 0
    for span, strength, claim in curated:
        hits = [a for a in drafted if span and a.sentence.start < span[1] and span[0] < a.sentence.end]
        if not hits:
            continue
        recalled += 1
        best = max(hits, key=lambda a: min(a.sentence.end, span[1]) - max(a.sentence.start, span[0]))
        pairs.append((strength, best.strength.code))
        if (claim, rdflib.RDF.type, CG.Claim) in rest:
            linkable += 1
            linked += any(a.claim.iri == str(claim) for a in hits)
    precise = sum(1 for a in drafted if any(span and a.sentence.start < span[1] and span[0] < a.sentence.end
                                            for span, _, _ in curated))
    links = right_links = 0
    for a in drafted:
        said = {str(claim) for span, _, claim in curated if span and a.sentence.start < span[1]
                and span[0] < a.sentence.end}
        if a.claim.iri and said:
            links += 1
            right_links += a.claim.iri in said
    return {
        "studies": len(gold_studies), "studies found": len(found),
        "matches": len(matched_known), "right matches": len(right_merges),
        "curated": len(curated), "drafted": len(drafted), "recalled": recalled, "precise": precise,
        "strength agree": sum(a == b for a, b in pairs), "pairs": len(pairs), "kappa": kappa(pairs),
        "linkable": linkable, "linked": linked, "links": links, "right links": right_links, "seconds": seconds,
        "_pairs": pairs,  # type: ignore[dict-item]
    }


def ratio(part: float, whole: float) -> str:
    """A share with its counts."""
    return f"{part / whole:.2f} ({part:.0f}/{whole:.0f})" if whole else "—"


def row(name: str, figures: list[dict[str, float | int]]) -> str:
    """One table row summing the figures of several sources."""
    total = {key: sum(f[key] for f in figures) for key in figures[0] if not key.startswith("_") and key != "kappa"}
    pairs = [pair for f in figures for pair in f["_pairs"]]  # type: ignore[attr-defined]
    return (f"| {name} | {ratio(total['studies found'], total['studies'])} | "
            f"{ratio(total['right matches'], total['matches'])} | {ratio(total['recalled'], total['curated'])} | "
            f"{ratio(total['precise'], total['drafted'])} | {ratio(total['strength agree'], total['pairs'])} | "
            f"{kappa(pairs):.2f} | {ratio(total['linked'], total['linkable'])} | "
            f"{ratio(total['right links'], total['links'])} | "
            f"{total['seconds'] / len(figures):.2f} s |")


def main() -> None:
    """Measure each source and print the table (per source, development, held out)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", nargs="+", default=[*DEVELOPMENT, *HELD_OUT])
    chosen = parser.parse_args().sources
    results = {number: measure(number) for number in chosen}
    print("| source | citation recall | match precision | assertion recall | assertion precision "
          "| strength accuracy | kappa | claim linking | link precision | time per document |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for number, figures in results.items():
        group = "held out" if number in HELD_OUT else "development"
        print(row(f"{number} ({group})", [figures]))
    for name, group in (("development (000, 002, 003)", DEVELOPMENT), ("held out (001, 004)", HELD_OUT)):
        members = [results[n] for n in group if n in results]
        if members:
            print(row(f"**{name}**", members))


if __name__ == "__main__":
    main()
