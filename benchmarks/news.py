"""How ingest drafts health news it was not built for: 60 labelled FakeHealth stories and press releases (issue 25).

**A. Quality on the labelled documents** (``--split dev|test|all``; labels in ``benchmarks/news/labels``, read
as ``benchmarks/news/README.md`` describes). The curated graph (``graphs/``, about acupuncture for neuropathy)
is loaded once; each document, ``title + "\\n\\n" + text``, is drafted in memory by ``analyse`` and compared:

* studies: a drafted study *names* a gold study when its mentions (pooled: every first author, year, journal and
  DOI any mention parses) give the gold first author (``fold_name``) with the gold year or no year on one side,
  or the gold DOI, or a journal ``same_journal`` as the gold one with the year equal or unknown on one side.
  A drafted study is *identified* unless its match is ``vague`` or its IRI is ``study/unidentified-…``.
  *Identifiable recall*: gold ``identifiable: true`` studies some identified drafted study names.
  *Identified precision*: identified drafted studies that name some gold study (identifiable or not).
  *Drafts per real study*: for each gold study some drafted study (identified or vague) names, how many do;
  the mean (1.0 is right). *Design right*: for each gold study some drafted study names, the first such study's
  design notation equals the gold one (``unknown`` when none). *Merged into curated*: drafted studies matched to
  a curated study (status matched).
* claim links: drafted assertions whose ``claim.iri`` is an existing curated claim. A link is *wrong
  (document)* when the text never says acupunct…/needling, *wrong (sentence)* when neither the sentence nor a
  gold claim whose quote overlaps it names acupuncture, else *to check* by hand (``--show-links`` lists all).
* assertions: a gold claim is *recalled* when its quote (every place it occurs after whitespace collapsing, not inside
  a longer word unless that is the only place) overlaps a drafted assertion's sentence; the strength pair is (gold,
  the overlapping drafted assertion sharing most characters), scored as accuracy and Cohen's kappa over
  strong/moderate/hedged. *Headline recall*: gold ``headline: true`` claims recalled. *Boilerplate drafted*: drafted
  assertions whose sentence overlaps a labelled boilerplate anchor (the anchor only, not the rest of its block). *Same
  sentence twice*: drafted assertions whose sentence span or text repeats an earlier one of the same document, over
  drafted.
* assertions against every claim sentence (``benchmarks/news/sentences``: each document's claim-making sentences,
  by anchor): *recall*, labelled claim sentences a drafted assertion's sentence overlaps (also on those the labeller
  was sure of); *precision*, drafted assertions whose sentence overlaps a claim sentence's anchor.
* speakers: scored only if ``DraftAssertion`` has a ``speaker`` field (gold "source" against none, else the gold
  surname inside the drafted speaker, on recalled pairs), split into claims the gold gives a quoted speaker and the
  source's own, beside the baseline of drafting every claim as the source's; otherwise reported as not modelled.
* time: seconds of ``analyse`` per document (the store already loaded, one warm-up call made first).

**B. Robustness** (``--run-all``): in a temporary workspace holding a copy of ``graphs/``, the real CLI ``claimgraph
ingest FILE --id fh-NNN --kind news-article`` runs on all 300 pool texts in pool order, one after another (drafts
and archived texts accumulate). Exit codes: 0 drafted (with any near-duplicate warning), 2 refused (its one-line
reason), else a crash (stderr). Wall time per run (process start included): median, p95, max, by blocks of 50. Peak
RSS of the ingest children. Links to curated claims in the written drafts. Then ``claimgraph audit -f json`` on
graphs alone and on graphs with every draft: curated claims (those of the first audit) whose findings (rule,
severity, message, evidence, sources) changed, and whose verdict changed. ``claimgraph validate`` (SHACL) on 20
drafts evenly spaced over those written, each alone with graphs.

Only the 300 paths of ``--pool`` are ever read from the corpus. Usage:
``python benchmarks/news.py [--split dev] [--per-document] [--show-links] [--run-all [--keep]]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import rdflib

from claimgraph.ingest.model import Document
from claimgraph.ingest.pipeline import GraphContext, analyse
from claimgraph.namespaces import OA
from claimgraph.store import load
from ingest import kappa, ratio
from news_eval import (
    ACUPUNCTURE,
    DEFAULT_CORPUS,
    DEFAULT_POOL,
    SPEAKER_MODELLED,
    Corpus,
    Result,
    labelled,
    measure,
    percentile,
)

REPO = Path(__file__).resolve().parents[1]
SPLITS = {"dev": ["dev"], "test": ["test"], "all": ["dev", "test", "all"]}
PARTS = (("dev", 0, 29), ("dev", 60, 119), ("dev", 180, 239), ("test", 30, 59), ("test", 120, 179))
"""The batches the documents were labelled in (positions in dev-docs.txt, README): each is shown on its own row
too, so that a batch's first measurement, taken before any rule was written on it, can be read apart."""


def mean(values: list[int] | list[float]) -> str:
    """A mean with two decimals, or a dash."""
    return f"{statistics.fmean(values):.2f}" if values else "—"


def speaker_split(results: list[Result]) -> list[str]:
    """Speaker agreement on the recalled claims someone the source quotes makes, then on the source's own."""
    pairs = [(gold, right) for r in results for gold, right in zip(r.gold_is_source, r.speakers or [], strict=True)]
    return [ratio(sum(right for gold, right in pairs if not gold), sum(not gold for gold, _ in pairs)),
            ratio(sum(right for gold, right in pairs if gold), sum(gold for gold, _ in pairs))]


def table(head: list[str], rows: list[list[str]]) -> None:
    """Print a Markdown table."""
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for cells in rows:
        print("| " + " | ".join(cells) + " |")
    print()


def quality(groups: dict[str, list[Result]], per_document: bool, show_links: bool) -> None:
    """Print part A: one table per measured aspect, per-document rows first when asked."""
    rows = [(r.doc, [r]) for name, rs in groups.items() if name in ("dev", "test") for r in rs] if per_document else []
    rows += [(f"**{name}**", results) for name, results in groups.items()]

    def total(results: list[Result], key: str) -> int:
        return sum(getattr(r, key) for r in results)

    print("### Studies\n")
    table(["documents", "n", "gold studies (identifiable)", "drafted (identified / vague)", "merged into curated",
           "identifiable recall", "identified precision", "drafts per real study", "design right"],
          [[name, str(len(rs)), f"{total(rs, 'gold_studies')} ({total(rs, 'gold_identifiable')})",
            f"{total(rs, 'drafted_studies')} ({total(rs, 'identified')} / "
            f"{total(rs, 'drafted_studies') - total(rs, 'identified')})", str(total(rs, 'to_curated')),
            ratio(total(rs, "identifiable_found"), total(rs, "gold_identifiable")),
            ratio(total(rs, "identified_right"), total(rs, "identified")),
            f"{mean([n for r in rs for n in r.drafts_per_study])} "
            f"({sum(len(r.drafts_per_study) for r in rs)} studies named)",
            ratio(sum(gold == drafted for r in rs for gold, drafted in r.designs),
                  sum(len(r.designs) for r in rs))] for name, rs in rows])

    print("### Claim links to curated claims\n")
    verdicts = ("wrong (document)", "wrong (sentence)", "check")
    table(["documents", "drafted assertions", "links", "wrong: document never names acupuncture",
           "wrong: neither sentence nor its label names it", "to check by hand"],
          [[name, str(total(rs, "drafted")), str(sum(len(r.links) for r in rs)),
            *(str(sum(link[4] == v for r in rs for link in r.links)) for v in verdicts)] for name, rs in rows])
    if show_links:
        every = [link for results in groups.values() for r in results for link in r.links]
        table(["document", "sentence start", "claim", "score", "verdict", "sentence (first 90 characters)"],
              [[doc, str(start), iri.rsplit("/", 1)[-1], f"{score:.2f}", verdict, sentence.replace("|", "/")]
               for doc, start, iri, score, verdict, sentence in dict.fromkeys(every)])

    print("### Assertions\n")
    table(["documents", "gold claims", "recall", "strength accuracy", "kappa", "headline recall",
           "drafted per document", "boilerplate drafted", "same sentence twice"],
          [[name, str(total(rs, "claims")), ratio(total(rs, "recalled"), total(rs, "claims")),
            ratio(sum(a == b for r in rs for a, b in r.pairs), sum(len(r.pairs) for r in rs)),
            f"{kappa([p for r in rs for p in r.pairs]):.2f}".replace("nan", "—"),
            ratio(total(rs, "headlines_recalled"), total(rs, "headlines")),
            f"{mean([r.drafted for r in rs])} ({total(rs, 'drafted')})",
            ratio(total(rs, "boilerplate"), total(rs, "drafted")), ratio(total(rs, "duplicates"), total(rs, "drafted"))]
           for name, rs in rows])

    print("### Assertions against every claim sentence\n")
    table(["documents", "labelled documents", "claim sentences (sure)", "recall", "recall on sure", "drafted",
           "precision"],
          [[name, str(sum(r.sentence_labelled for r in rs)),
            f"{total(rs, 'claim_sentences')} ({total(rs, 'claim_sentences_sure')})",
            ratio(total(rs, "claim_sentences_found"), total(rs, "claim_sentences")),
            ratio(total(rs, "claim_sentences_sure_found"), total(rs, "claim_sentences_sure")),
            str(sum(r.drafted for r in rs if r.sentence_labelled)),
            ratio(total(rs, "drafted_on_claims"), sum(r.drafted for r in rs if r.sentence_labelled))]
           for name, rs in rows])

    print("### Speakers\n")
    if not SPEAKER_MODELLED:
        print("not modelled (DraftAssertion has no speaker)\n")
    else:
        table(["documents", "speaker agreement on recalled claims", "quoted claims attributed right",
               "source's own claims left to the source", "baseline: every claim the source's"],
              [[name, ratio(sum(s for r in rs for s in r.speakers or []), sum(len(r.speakers or []) for r in rs)),
                *speaker_split(rs), ratio(sum(g for r in rs for g in r.gold_is_source),
                                          sum(len(r.gold_is_source) for r in rs))]
               for name, rs in rows])

    print("### Time of analyse per document\n")
    table(["documents", "median", "max", "total"],
          [[name, f"{statistics.median([r.seconds for r in rs]):.3f} s", f"{max(r.seconds for r in rs):.3f} s",
            f"{sum(r.seconds for r in rs):.2f} s"] for name, rs in rows])


def cli(binary: Path, workspace: Path, *args: str) -> tuple[int, str, str, float]:
    """Run ``claimgraph ARGS`` in the workspace: (exit code, stdout, stderr, seconds). Python caches the compiled
    modules as it does on a user's machine (``PYTHONDONTWRITEBYTECODE``, which some sandboxes set, is left out: with
    it every run compiles the package's source again, about 0.1 s)."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    done = subprocess.run([str(binary), *args], cwd=workspace, capture_output=True, text=True, env=environment)
    return done.returncode, done.stdout, done.stderr, time.perf_counter() - started


def findings(report: dict) -> dict[str, tuple[set[tuple], str]]:
    """Each claim's findings as comparable tuples, and its verdict class."""
    return {claim["claim"]: ({(f["rule"], f["severity"], f["message"], tuple(sorted(f["evidence"])),
                               tuple(sorted(f.get("sources", [])))) for f in claim["findings"]},
                             claim["verdict_class"]) for claim in report["claims"]}


def rule_changes(before: set[tuple], after: set[tuple]) -> str:
    """The rules whose findings differ, with their counts before and after (marked when only their content changed)."""
    rules = sorted({f[0] for f in before ^ after})
    counts = [(rule, sum(f[0] == rule for f in before), sum(f[0] == rule for f in after)) for rule in rules]
    return ", ".join(f"{rule} {b}→{a}" + (" (same count, content changed)" if a == b else "") for rule, b, a in counts)


def seconds_row(name: str, values: list[float]) -> list[str]:
    """Median, p95 and max of some run times."""
    return [name, str(len(values)), f"{statistics.median(values):.2f} s", f"{percentile(values, 0.95):.2f} s",
            f"{max(values):.2f} s"]


def robustness(corpus: Corpus, keep: bool) -> None:
    """Print part B in a temporary workspace, removed afterwards (also on failure) unless ``keep``."""
    binary = Path(sys.executable).parent / "claimgraph"
    if not binary.exists():
        raise SystemExit(f"no claimgraph command beside {sys.executable}: run with the project's .venv python")
    workspace = Path(tempfile.mkdtemp(prefix="claimgraph-news-"))
    try:
        run_all(corpus, binary, workspace)
    finally:
        if keep:
            print(f"workspace kept: {workspace}\n")
        else:
            shutil.rmtree(workspace)


def run_all(corpus: Corpus, binary: Path, workspace: Path) -> None:
    """Ingest every pool text with the CLI, then audit and validate what was drafted; print the tables."""
    shutil.copytree(REPO / "graphs", workspace / "graphs")
    (workspace / "in").mkdir()
    runs: list[tuple[str, str, int, str, float]] = []
    for number, path in enumerate(corpus.paths):
        source_id = f"fh-{number:03d}"
        title, body, date = corpus.read(path)
        file = workspace / "in" / f"{source_id}.txt"
        file.write_text(title + "\n\n" + body, encoding="utf-8")
        dated = ["--date", date] if date else []
        code, _, err, took = cli(binary, workspace, "ingest", str(file.relative_to(workspace)), "--id", source_id,
                                 "--kind", "news-article", "-g", "graphs", *dated)
        file.unlink()
        lines = [line for line in err.splitlines() if line.strip()]
        warning = next((line for line in lines if "warning:" in line), "")
        why = warning if code == 0 else lines[-1] if code == 2 and lines else " / ".join(lines[-6:])
        runs.append((path, source_id, code, why, took))
        print(f"{source_id} {path} exit {code} {took:.2f} s", file=sys.stderr, flush=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(f"### Ingest of the {len(runs)} pool texts (CLI, one after another)\n")
    codes = [run[2] for run in runs]
    warned = sum(code == 0 and bool(why) for _, _, code, why, _ in runs)
    table(["texts", "drafted (exit 0)", "of them with a warning", "refused (exit 2)", "crashed (other exit)",
           "peak RSS of a run"],
          [[str(len(runs)), str(codes.count(0)), str(warned), str(codes.count(2)),
            str(sum(c not in (0, 2) for c in codes)), f"{peak:.0f} MiB"]])
    if any(why for *_, why, _ in runs):
        table(["id", "document", "exit", "reason / warning / stderr"],
              [[sid, path, str(code), why.replace("|", "/")] for path, sid, code, why, _ in runs if why])
    times = [run[4] for run in runs]
    table(["runs", "n", "median", "p95", "max"],
          [seconds_row("all", times), seconds_row("first 50", times[:50]), seconds_row("last 50", times[-50:]),
           *(seconds_row(f"{start + 1}–{min(start + 50, len(times))}", times[start:start + 50])
             for start in range(0, len(times), 50))])

    code_g, out_g, err_g, took_g = cli(binary, workspace, "audit", "-f", "json", "-g", "graphs", "--fail-on", "never")
    drafts = sorted((workspace / "drafts").glob("*.ttl"))
    code_d, out_d, err_d, took_d = cli(binary, workspace, "audit", "-f", "json", "-g", "graphs", "-g", "drafts",
                                       "--fail-on", "never")
    print("### Audit of the curated claims with all drafts loaded\n")
    reports = [json.loads(out) if code == 0 else None for code, out in ((code_g, out_g), (code_d, out_d))]
    table(["graphs", "exit", "claims", "findings", "time"],
          [[name, str(code), *(map(str, (r["summary"]["claims"], r["summary"]["findings"])) if r else ("—", "—")),
            f"{took:.1f} s"] for name, code, r, took in (("graphs", code_g, reports[0], took_g),
                                                          (f"graphs + {len(drafts)} drafts", code_d, reports[1],
                                                           took_d))])
    for code, err in ((code_g, err_g), (code_d, err_d)):
        if code:
            print(f"audit failed (exit {code}): {' / '.join(err.splitlines()[-3:])}\n")
    if reports[0] and reports[1]:
        before, after = findings(reports[0]), findings(reports[1])
        changed = [iri for iri in sorted(before) if before[iri][0] != after.get(iri, (set(), ""))[0]]
        verdicts = [iri for iri in sorted(before) if before[iri][1] != after.get(iri, (set(), ""))[1]]
        print(f"curated claims whose findings changed: {len(changed)} of {len(before)}; "
              f"whose verdict class changed: {len(verdicts)}\n")
        if changed or verdicts:
            table(["curated claim", "findings before → after", "rules whose findings changed (before→after)",
                   "verdict"],
                  [[iri.rsplit("/", 1)[-1], f"{len(before[iri][0])} → {len(after.get(iri, (set(),))[0])}",
                    rule_changes(before[iri][0], after.get(iri, (set(),))[0]),
                    f"{before[iri][1]} → {after.get(iri, (set(), '—'))[1]}"]
                   for iri in sorted(set(changed) | set(verdicts))])
        linked, offtopic, drafts_linking = 0, 0, 0
        for draft in drafts:
            graph = rdflib.Graph().parse(draft, format="turtle")
            links = sum(str(body) in before for body in graph.objects(None, OA.hasBody))
            archived = workspace / "sources" / f"{draft.stem}.txt"
            linked, drafts_linking = linked + links, drafts_linking + bool(links)
            if links and not ACUPUNCTURE.search(archived.read_text(encoding="utf-8")):
                offtopic += links
        print(f"assertions linked to curated claims in the drafts: {linked} (in {drafts_linking} drafts); "
              f"of them in texts that never name acupuncture/needling: {offtopic}\n")

    print("### SHACL validation of 20 drafts, each alone with graphs\n")
    sample = [drafts[i * len(drafts) // 20] for i in range(20)] if len(drafts) >= 20 else drafts
    checked = []
    for draft in sample:
        code, out, err, _ = cli(binary, workspace, "validate", "-f", "json", "-g", "graphs", "-g",
                                str(draft.relative_to(workspace)))
        violations = json.loads(out)["violations"] if code in (0, 1) and out.strip() else None
        first = (violations[0].get("message", str(violations[0])) if violations
                 else " / ".join(err.splitlines()[-2:]) if code not in (0, 1) else "")
        checked.append((draft.stem, code, violations, str(first)))
    table(["sampled drafts", "conform (exit 0)", "violations (exit 1)", "failed (other exit)"],
          [[str(len(checked)), str(sum(c == 0 for _, c, _, _ in checked)), str(sum(c == 1 for _, c, _, _ in checked)),
            str(sum(c not in (0, 1) for _, c, _, _ in checked))]])
    if any(code for _, code, _, _ in checked):
        table(["draft", "exit", "violations", "first"],
              [[stem, str(code), str(len(v)) if v is not None else "—", first[:160].replace("|", "/")]
               for stem, code, v, first in checked if code])


def main() -> None:
    """Parse the options, run part A and, with ``--run-all``, part B."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=sorted(SPLITS), default="dev", help="labelled documents to measure")
    parser.add_argument("--corpus", default=DEFAULT_CORPUS, help="FakeHealth git dir (default: %(default)s)")
    parser.add_argument("--pool", default=DEFAULT_POOL, help="the 300 readable paths (default: %(default)s)")
    parser.add_argument("--per-document", action="store_true", help="a row per document in every table")
    parser.add_argument("--show-links", action="store_true", help="list every link to a curated claim")
    parser.add_argument("--run-all", action="store_true", help="part B: the CLI on all 300 pool texts")
    parser.add_argument("--keep", action="store_true", help="keep part B's temporary workspace")
    parser.add_argument("--undated", action="store_true",
                        help="ingest the text alone, without the publication date its page's metadata states")
    options = parser.parse_args()
    corpus = Corpus(options.corpus, options.pool)
    context = GraphContext.from_store(load([REPO / "graphs"]))
    analyse(Document("Warm-up. A study found that it works.", "text/plain", "warm-up"), context, "warm-up")
    results = {name: [measure(label, corpus, context, not options.undated) for label in labelled(name)]
               for name in SPLITS[options.split] if name != "all"}
    positions = {label["doc"]: index for index, label in enumerate(labelled("all"))}
    for split, first, last in PARTS:
        if split in results:
            results[f"{split} {first}-{last}"] = [r for r in results[split] if first <= positions[r.doc] <= last]
    if options.split == "all":
        results["all"] = [r for name in ("dev", "test") for r in results[name]]
    print(f"## A. Quality on the labelled documents ({options.split})\n")
    quality(results, options.per_document, options.show_links)
    if options.run_all:
        print("## B. Robustness over the 300 development texts\n")
        robustness(corpus, options.keep)


if __name__ == "__main__":
    main()
