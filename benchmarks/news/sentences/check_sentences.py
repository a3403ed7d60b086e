#!/usr/bin/env python3
"""Check the sentence-level claim labels in benchmarks/news/sentences/ (Python 3.11, stdlib only).

    python3 benchmarks/news/sentences/check_sentences.py [--corpus GITDIR] [--docs-list FILE] [--dir DIR]

Verifies every <HealthStory|HealthRelease>__<name>.json file: keys and their order, types, that the
labelled documents are a prefix of dev-docs.txt order with matching splits, and that every anchor is
4-12 words and occurs exactly once (or exactly `repeats` times, when given) in the document text
title + "\\n\\n" + text with runs of whitespace collapsed to one space. Exits 1 listing every problem.
"""
import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = "/work/.mirror/EnyanDai+FakeHealth/repo/.git"
TOP_KEYS = ["doc", "split", "sentences", "claims", "notes"]


def collapse(s):
    return re.sub(r"\s+", " ", s).strip()


def read_doc(corpus, doc):
    out = subprocess.run(["git", "--git-dir", corpus, "show", f"HEAD:dataset/content/{doc}.json"],
                         capture_output=True, check=True).stdout
    j = json.loads(out)
    return collapse((j.get("title") or "") + "\n\n" + (j.get("text") or ""))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--docs-list", default=str(HERE.parent / "dev-docs.txt"))
    ap.add_argument("--dir", default=str(HERE))
    a = ap.parse_args()
    probs = []
    order = []
    for line in Path(a.docs_list).read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            path, split = line.split("\t")
            order.append((path, split))
    files = {p.name: p for p in Path(a.dir).glob("*.json")}
    expected = {p.replace("/", "__") + ".json": (i, p, s) for i, (p, s) in enumerate(order)}
    for name in sorted(files):
        if name not in expected:
            probs.append(f"{name}: not a document of {a.docs_list}")
    done = [name in files for name in expected]
    n_done = sum(done)
    if done != [True] * n_done + [False] * (len(done) - n_done):
        missing = [order[i][0] for i in range(n_done) if not done[i]]
        probs.append(f"labelled documents are not a prefix of the list order (first gaps: {missing[:5]})")
    totals = {"dev": [0, 0, 0, 0], "test": [0, 0, 0, 0]}
    for name, (i, path, split) in expected.items():
        if name not in files:
            continue
        where = name
        try:
            o = json.loads(files[name].read_text())
        except Exception as e:
            probs.append(f"{where}: invalid JSON ({e})")
            continue
        if list(o) != TOP_KEYS:
            probs.append(f"{where}: keys {list(o)} != {TOP_KEYS}")
        if o.get("doc") != path:
            probs.append(f"{where}: doc {o.get('doc')!r} != {path!r}")
        if o.get("split") != split:
            probs.append(f"{where}: split {o.get('split')!r} != {split!r} (position {i})")
        n = o.get("sentences")
        claims = o.get("claims")
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            probs.append(f"{where}: sentences must be a non-negative integer")
            n = 0
        if not isinstance(claims, list):
            probs.append(f"{where}: claims must be a list")
            claims = []
        if len(claims) > n:
            probs.append(f"{where}: {len(claims)} claims > {n} sentences")
        if not isinstance(o.get("notes"), str):
            probs.append(f"{where}: notes must be a string")
        try:
            text = read_doc(a.corpus, path)
        except Exception as e:
            probs.append(f"{where}: cannot read document ({e})")
            continue
        last = -1
        seen = set()
        for k, c in enumerate(claims):
            cw = f"{where} claim {k}"
            if not isinstance(c, dict) or list(c)[:2] != ["anchor", "sure"] or set(c) - {"anchor", "sure", "repeats"}:
                probs.append(f"{cw}: must be {{anchor, sure[, repeats]}} in that order")
                continue
            anc, sure, rep = c["anchor"], c["sure"], c.get("repeats", 1)
            if not isinstance(anc, str) or not isinstance(sure, bool):
                probs.append(f"{cw}: anchor must be a string and sure a boolean")
                continue
            if not isinstance(rep, int) or isinstance(rep, bool) or rep < 1 or ("repeats" in c and rep < 2):
                probs.append(f"{cw}: repeats, when given, must be an integer >= 2")
                continue
            if anc != collapse(anc):
                probs.append(f"{cw}: anchor has untrimmed or repeated whitespace: {anc!r}")
            nw = len(anc.split())
            if not 4 <= nw <= 12:
                probs.append(f"{cw}: anchor has {nw} words (4-12): {anc!r}")
            cnt = text.count(anc)
            if cnt != rep:
                probs.append(f"{cw}: anchor occurs {cnt} times, expected {rep}: {anc!r}")
                continue
            if anc in seen:
                probs.append(f"{cw}: duplicate anchor {anc!r}")
            seen.add(anc)
            pos = text.find(anc)
            if pos < last:
                probs.append(f"{cw}: claims not in text order at {anc!r}")
            last = pos
        t = totals[split]
        t[0] += 1
        t[1] += n
        t[2] += len(claims)
        t[3] += sum(1 for c in claims if isinstance(c, dict) and c.get("sure") is False)
    for s, (d, n, c, u) in totals.items():
        print(f"{s}: {d} documents, {n} sentences, {c} claims, {u} unsure")
    if probs:
        print(f"{len(probs)} problem(s):")
        for p in probs:
            print("  " + p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
