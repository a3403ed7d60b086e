"""Measure the language detectors (sentences, strength, claim-bearing, linking) against curated assertions.

For each source given (default: the development sources 000, 002, 003), load the curated graph without that
source's file, draft assertions from its archived text, and compare with the curated assertions:
recall (curated quotes that overlap a drafted sentence), precision (drafted sentences that hold a curated quote),
strength accuracy and Cohen's kappa on matched assertions, and claim linking (matched assertions whose curated
claim another source asserts too, linked to that claim). Usage: python benchmarks/ingest_detectors.py [000 002 003]
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

import rdflib

from claimgraph.ingest.claims import draft_assertions
from claimgraph.ingest.concepts import ConceptIndex
from claimgraph.ingest.lexicon import Lexicon
from claimgraph.ingest.linking import ClaimIndex
from claimgraph.store import load

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
CURATED = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX cg: <https://w3id.org/claimgraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?assertion ?exact ?strength ?claim WHERE {
  ?assertion oa:hasBody ?claim ; oa:hasTarget/oa:hasSelector/oa:exact ?exact ; cg:strength/skos:notation ?strength .
}"""


def normalised(text: str) -> tuple[str, list[int]]:
    """Text with runs of whitespace folded to one space, and each kept character's offset in the original."""
    chars, offsets = [], []
    for match in re.finditer(r"\s+|\S", text):
        chars.append(" " if match.group(0).isspace() else match.group(0))
        offsets.append(match.start())
    return "".join(chars), offsets


def kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of (curated, drafted) label pairs."""
    total = len(pairs)
    if not total:
        return 0.0
    observed = sum(a == b for a, b in pairs) / total
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[label] * right[label] for label in left) / total / total
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def measure(number: str) -> dict[str, float]:
    """The figures for one source."""
    seed = next(SEEDS.glob(f"{number}_*.txt"))
    text = seed.read_text(encoding="utf-8")
    own = REPO / "graphs" / f"source-{number}.ttl"
    others = [path for path in sorted((REPO / "graphs").glob("*.ttl")) if path != own]
    curated_graph = rdflib.Graph().parse(own)
    curated_graph.parse(REPO / "ontology" / "vocabularies.ttl")
    with load(others) as store:
        lexicon, concepts = Lexicon.from_store(store), ConceptIndex.from_store(store)
        claims = ClaimIndex.from_store(store)
        started = time.perf_counter()
        drafts = draft_assertions(text, lexicon, concepts, claims)
        elapsed = time.perf_counter() - started
    known_claims = {claim.iri for claim in claims.claims}
    flat, offsets = normalised(text)
    curated = []
    for row in curated_graph.query(CURATED):
        quote = " ".join(str(row.exact).split())
        at = flat.find(quote)
        if at >= 0:
            curated.append((offsets[at], offsets[at + len(quote) - 1] + 1, str(row.strength), str(row.claim)))
    matched, pairs, linked, linkable = 0, [], 0, 0
    held = set()
    for start, end, strength, claim in curated:
        hits = [index for index, d in enumerate(drafts) if d.sentence.start < end and start < d.sentence.end]
        if not hits:
            continue
        matched += 1
        held.update(hits)
        draft = drafts[hits[0]]
        pairs.append((strength, draft.strength.code))
        if claim in known_claims:
            linkable += 1
            linked += any(drafts[index].claim.iri == claim for index in hits)
    by_sentence: dict[int, set[str]] = {}
    for start, end, _, claim in curated:
        for index, d in enumerate(drafts):
            if d.sentence.start < end and start < d.sentence.end and claim in known_claims:
                by_sentence.setdefault(index, set()).add(claim)
    sentence_linked = sum(drafts[index].claim.iri in wanted for index, wanted in by_sentence.items())
    return {
        "curated": len(curated), "drafted": len(drafts),
        "recall": matched / len(curated) if curated else 0.0,
        "precision": len(held) / len(drafts) if drafts else 0.0,
        "strength_accuracy": sum(a == b for a, b in pairs) / len(pairs) if pairs else 0.0,
        "kappa": kappa(pairs), "linkable": linkable,
        "linking": linked / linkable if linkable else 0.0,
        "linking_per_sentence": sentence_linked / len(by_sentence) if by_sentence else 0.0, "seconds": elapsed,
    }


def main(numbers: list[str]) -> None:
    """Print the figures per source."""
    for number in numbers:
        figures = measure(number)
        print(number, " ".join(f"{name}={value:.3f}" if isinstance(value, float) else f"{name}={value}"
                               for name, value in figures.items()))


if __name__ == "__main__":
    main(sys.argv[1:] or ["000", "002", "003"])
