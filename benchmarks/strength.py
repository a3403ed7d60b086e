"""How ingest words-strength and claim calls agree with labels nobody here wrote (issue 27).

Data: Yu, Li and Wang (2019), 3,061 PubMed conclusion sentences labelled 0 no claim, 1 direct causal, 2 conditional
causal, 3 correlational (``../shared/benchmarks/strength/``; read only to measure, never copied). claimgraph's
strength codes map as the data's README says: direct causal → strong, conditional causal → hedged, correlational
→ moderate. The split is fixed by the text alone: a sentence is ``test`` when the first byte of the SHA-256 of its
UTF-8 text is below 86 (a third of 256), ``dev`` otherwise; rules may be developed on dev only.

Each sentence is assessed alone, as ``claimgraph sentences`` does (``assess_lines``: the same calls ingest makes
for a sentence of a body paragraph). Figures per split: F1 of claim vs no claim (a claim is what ingest would
draft, ``SentenceCall.is_claim``, less the statements about the evidence: "Further studies are needed" is drafted,
with polarity ``evidence``, but claims no relationship, which is what the data's label 0 says); on the labelled
claims, macro-F1 and Cohen's kappa of strength and the confusion
matrix. The seeds' curated assertions are measured the same way (their sentence in the archived copy against
the curator's strength). Usage: ``python benchmarks/strength.py [--data CSV]``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
from collections import Counter
from pathlib import Path

import rdflib

from claimgraph.ingest.assertions.assess import assess_lines
from claimgraph.ingest.assertions.concepts import ConceptIndex
from claimgraph.ingest.assertions.lexicon import Lexicon
from claimgraph.ingest.assertions.sentences import split_sentences
from claimgraph.namespaces import CG, OA
from claimgraph.store import load
from ingest import kappa

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "benchmarks" / "strength" / "pubmed-conclusions-yu2019.csv"
SEEDS = REPO.parent / "shared" / "seeds"
STRENGTH_OF_LABEL = {"1": "strong", "2": "hedged", "3": "moderate"}
CODES = ("strong", "moderate", "hedged")
TEST_BELOW = 86
"""A sentence whose SHA-256 starts with a byte below this is test (86/256, about a third)."""


def split_of(sentence: str) -> str:
    """``test`` or ``dev``, from the sentence's text alone."""
    return "test" if hashlib.sha256(sentence.encode("utf-8")).digest()[0] < TEST_BELOW else "dev"


def f1(pairs: list[tuple[str, str]], code: str) -> float:
    """F1 of ``code`` over (gold, called) pairs."""
    hits = sum(gold == code and called == code for gold, called in pairs)
    called = sum(called == code for _, called in pairs)
    gold = sum(gold == code for gold, _ in pairs)
    return 2 * hits / (called + gold) if called + gold else float("nan")


def report(name: str, claims: list[tuple[bool, bool]], strengths: list[tuple[str, str]]) -> None:
    """One split's figures, as Markdown."""
    claim_pairs = [("claim" if gold else "no", "claim" if called else "no") for gold, called in claims]
    agree = sum(gold == called for gold, called in strengths)
    macro = sum(f1(strengths, code) for code in CODES) / len(CODES)
    print(f"\n### {name}\n")
    print("| sentences | claim vs no claim: F1 (claim) | accuracy | strength on labelled claims: n | accuracy "
          "| macro-F1 | kappa |")
    print("|---|---|---|---|---|---|---|")
    accuracy = sum(gold == called for gold, called in claim_pairs) / len(claim_pairs) if claim_pairs else float("nan")
    claim_f1 = f1(claim_pairs, "claim") if claim_pairs else float("nan")
    print(f"| {len(claims) or len(strengths)} | {claim_f1:.2f} | {accuracy:.2f} | {len(strengths)} | "
          f"{agree / len(strengths):.2f} | {macro:.2f} | {kappa(strengths):.2f} |")
    counts = Counter(strengths)
    print("\n| gold \\ called | " + " | ".join(CODES) + " |")
    print("|---" * (len(CODES) + 1) + "|")
    for gold in CODES:
        print(f"| {gold} | " + " | ".join(str(counts[(gold, called)]) for called in CODES) + " |")


def yu_figures(data: Path, lexicon: Lexicon, concepts: ConceptIndex) -> None:
    """Claim and strength figures on the Yu et al. sentences, per split."""
    with data.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for split in ("dev", "test"):
        chosen = [row for row in rows if split_of(row["sentence"]) == split]
        calls = [call for _, call in assess_lines((row["sentence"].replace("\n", " ") for row in chosen), lexicon,
                                                  concepts)]
        claims = [(row["label"] != "0", call.is_claim and call.polarity.code != "evidence")
                  for row, call in zip(chosen, calls, strict=True)]
        strengths = [(STRENGTH_OF_LABEL[row["label"]], call.strength.code)
                     for row, call in zip(chosen, calls, strict=True) if row["label"] != "0"]
        report(f"Yu et al. 2019, {split} ({len(chosen)} sentences)", claims, strengths)


def seed_figures(lexicon: Lexicon, concepts: ConceptIndex) -> None:
    """Strength of each curated assertion's sentence against the curator's strength."""
    graph = rdflib.Graph()
    for path in sorted((REPO / "graphs").glob("source-*.ttl")):
        graph.parse(path)
    pairs = []
    for assertion in graph.subjects(rdflib.RDF.type, CG.Assertion):
        target = graph.value(assertion, OA.hasTarget)
        source = graph.value(target, OA.hasSource) if target else None
        copy = graph.value(source, CG.localCopy) if source else None
        quote = graph.value(graph.value(target, OA.hasSelector), OA.exact) if target else None
        strength = graph.value(assertion, CG.strength)
        if not (copy and quote and strength) or not (SEEDS / str(copy)).exists():
            continue
        text = (SEEDS / str(copy)).read_text(encoding="utf-8")
        at = text.find(str(quote))
        sentence = next((s.text for s in split_sentences(text) if s.start <= at < s.end), None) if at >= 0 else None
        if sentence:
            call = assess_lines([sentence.replace("\n", " ")], lexicon, concepts)[0][1]
            pairs.append((str(strength).rsplit("/", 1)[-1], call.strength.code))
    report("seeds: curated assertions (their sentence, alone)", [], pairs)


POLARITY = Path(__file__).resolve().parent / "polarity"
POLARITIES = ("effect", "no-effect", "evidence")


def polarity_figures(lexicon: Lexicon, concepts: ConceptIndex, part: str = "test") -> None:
    """The polarity call against two independent labellings of 120 sentences of ``part`` (``benchmarks/polarity``:
    ``test`` held out, ``dev`` to write rules on)."""
    import json
    import sys

    sys.path.insert(0, str(POLARITY))
    from choose import chosen

    prefix = "dev-" if part == "dev" else ""
    if not (POLARITY / f"{prefix}labels-a.jsonl").exists():
        return
    rows = {row["id"]: row for row in chosen(part)}
    listed = [json.loads(line) for line in (POLARITY / f"{prefix}sentences.jsonl").read_text().splitlines()]
    if [(row["id"], row["sha256"]) for row in listed] != [(key, rows[key]["sha256"]) for key in rows]:
        raise SystemExit(f"benchmarks/polarity: the chosen sentences differ from {prefix}sentences.jsonl")
    labels = {name: {row["id"]: row["polarity"] for row in map(json.loads, (POLARITY / f"{prefix}labels-{name}.jsonl")
                                                                .read_text().splitlines())} for name in "ab"}
    calls = dict(zip(rows, (call for _, call in assess_lines((row["text"].replace("\n", " ") for row in rows.values()),
                                                             lexicon, concepts)), strict=True))
    between = [(labels["a"][key], labels["b"][key]) for key in rows]
    print(f"\n### Polarity, {part}: 120 sentences, two labellings (benchmarks/polarity)\n")
    print(f"Labellers: agreement {sum(a == b for a, b in between) / len(between):.2f}, kappa {kappa(between):.2f} "
          "(four labels: effect, no-effect, evidence, none).\n")
    print("| labels | sentences a claim by the labels | polarity accuracy | kappa | claim vs none: F1 (claim) |")
    print("|---|---|---|---|---|")
    agreed = {key for key in rows if labels["a"][key] == labels["b"][key]}
    for name, keys in (("a", set(rows)), ("b", set(rows)), ("a = b", agreed)):
        gold = labels["a"] if name != "b" else labels["b"]
        pairs = [(gold[key], calls[key].polarity.code) for key in sorted(keys) if gold[key] != "none"]
        claim_pairs = [("claim" if gold[key] != "none" else "no", "claim" if calls[key].is_claim else "no")
                       for key in sorted(keys)]
        accuracy = sum(a == b for a, b in pairs) / len(pairs)
        print(f"| {name} | {len(pairs)} | {accuracy:.2f} | {kappa(pairs):.2f} | {f1(claim_pairs, 'claim'):.2f} |")
    counts = Counter((labels["a"][key], calls[key].polarity.code) for key in agreed if labels["a"][key] != "none")
    print("\n| gold (a = b) \\ called | " + " | ".join(POLARITIES) + " |")
    print("|---" * (len(POLARITIES) + 1) + "|")
    for gold in POLARITIES:
        print(f"| {gold} | " + " | ".join(str(counts[(gold, called)]) for called in POLARITIES) + " |")


def main() -> None:
    """Print the figures as Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the Yu et al. CSV (sentence,label)")
    args = parser.parse_args()
    with load([REPO / "graphs"]) as store:
        lexicon, concepts = Lexicon.from_store(store), ConceptIndex.from_store(store)
    print("## Strength and claim calls against labelled sentences")
    yu_figures(args.data, lexicon, concepts)
    seed_figures(lexicon, concepts)
    polarity_figures(lexicon, concepts, "dev")
    polarity_figures(lexicon, concepts, "test")


if __name__ == "__main__":
    main()
