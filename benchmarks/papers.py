"""How ingest reads research papers it was not built on: real open-access PDFs, labelled by hand (issue 28).

Data: six articles from the test resources and web examples of GitHub ``CeON/CERMINE`` (open-access papers), read
from a local mirror of that repository and checked against the SHA-256 each label records; the PDFs are not copied
into this project. ``benchmarks/papers/labels/<name>.json`` holds each paper's title, authors, year, journal, DOI,
reference list (first author, year and DOI of every entry, in order) and 3-5 main findings (a quote of at most 15
words, its section, a paraphrase), labelled from the PDFs alone by people who had not read the ingest code.
``sundstrom-2014`` is ``dev`` (the rules for papers were written on it, as issue 28's example); the others are
``test``.

Figures per paper and overall: the title read right; reference first author + year recall and precision (a drafted
reference-list entry against the gold entries, as multisets of (folded surname, year)); study records per reference
(drafted identified studies, the paper's own left out, over gold entries; 1.0 is right); findings recall (a gold
finding is drafted when an assertion's sentence holds its quote, compared with spaces and hyphen breaks folded);
time per paper through ``claimgraph ingest`` (the CLI, start-up included, the draft written).

    python benchmarks/papers.py [--mirror GITDIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from claimgraph.ingest.names import fold_name
from claimgraph.ingest.pipeline import GraphContext, analyse
from claimgraph.ingest.read.extract import extract
from claimgraph.store import load

REPO = Path(__file__).resolve().parents[1]
LABELS = Path(__file__).resolve().parent / "papers" / "labels"
MIRROR = "/work/.mirror/CeON+CERMINE/repo"
DEV = frozenset({"sundstrom-2014"})
UNIDENTIFIED = "/study/unidentified-"


def folded(text: str) -> str:
    """Text compared as quotes are: lower case, hyphen line breaks and all whitespace folded away."""
    return re.sub(r"\s+", "", re.sub(r"-\s*\n\s*", "", text)).lower()


def pdf_of(label: dict, mirror: str, workspace: Path) -> Path:
    """The labelled PDF, from the mirror, checked against its SHA-256."""
    shown = subprocess.run(["git", f"--git-dir={mirror}", "show", f"HEAD:{label['path']}"], capture_output=True,
                           check=True)
    if hashlib.sha256(shown.stdout).hexdigest() != label["sha256"]:
        raise SystemExit(f"{label['name']}: the mirror's PDF differs from the one labelled")
    path = workspace / f"{label['name']}.pdf"
    path.write_bytes(shown.stdout)
    return path


def measure(label: dict, path: Path, context: GraphContext) -> dict:
    """One paper's figures."""
    document = extract(path)
    draft = analyse(document, context, "paper")
    gold = Counter((fold_name(ref["first_author"] or ""), ref["year"]) for ref in label["references"])
    drafted = Counter((fold_name(citation.first_author or ""), citation.year)
                      for study in draft.studies for citation in study.citations if citation.kind == "reference")
    right = sum((gold & drafted).values())
    own = (label.get("doi") or "").lower()
    identified = [study for study in draft.studies if UNIDENTIFIED not in study.match.iri
                  and study.match.status != "vague"
                  and not any(citation.doi and citation.doi.lower() == own for citation in study.citations)]
    sentences = [folded(assertion.sentence.text) for assertion in draft.assertions]
    found = [any(folded(finding["quote"]) in sentence for sentence in sentences) for finding in label["findings"]]
    return {"name": label["name"], "split": "dev" if label["name"] in DEV else "test",
            "title": fold_name(document.title or "") == fold_name(label["title"]), "gold": sum(gold.values()),
            "drafted": sum(drafted.values()), "right": right, "studies": len(identified),
            "findings": len(found), "findings_found": sum(found)}


def cli_seconds(path: Path, workspace: Path) -> float:
    """Seconds ``claimgraph ingest`` takes on the paper (the draft written), start-up included."""
    binary = Path(sys.executable).parent / "claimgraph"
    started = time.perf_counter()
    subprocess.run([str(binary), "ingest", str(path), "--id", path.stem, "-g", str(REPO / "graphs")], cwd=workspace,
                   capture_output=True, check=False)
    return time.perf_counter() - started


def ratio(part: int, whole: int) -> str:
    """A share with its counts."""
    return f"{part / whole:.2f} ({part}/{whole})" if whole else "—"


def main() -> None:
    """Print the figures as Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", default=MIRROR, help="CeON/CERMINE git dir (default: %(default)s)")
    arguments = parser.parse_args()
    labels = [json.loads(path.read_text("utf-8")) for path in sorted(LABELS.glob("*.json"))]
    workspace = Path(tempfile.mkdtemp(prefix="claimgraph-papers-"))
    rows = []
    try:
        with load([REPO / "graphs"]) as store:
            context = GraphContext.from_store(store)
        for label in labels:
            path = pdf_of(label, arguments.mirror, workspace)
            row = measure(label, path, context)
            row["seconds"] = cli_seconds(path, workspace)
            rows.append(row)
    finally:
        shutil.rmtree(workspace)
    print("| paper | split | title right | reference first author + year: recall | precision | study records per "
          "reference | findings drafted | CLI seconds |\n|---|---|---|---|---|---|---|---|")
    for row in rows:
        title = "yes" if row["title"] else "no"
        print(f"| {row['name']} | {row['split']} | {title} | {ratio(row['right'], row['gold'])}"
              f" | {ratio(row['right'], row['drafted'])} | {row['studies'] / max(row['gold'], 1):.2f} "
              f"({row['studies']}/{row['gold']}) | {ratio(row['findings_found'], row['findings'])} | "
              f"{row['seconds']:.2f} |")
    for split in ("dev", "test"):
        chosen = [row for row in rows if row["split"] == split]
        if not chosen:
            continue
        total = {key: sum(row[key] for row in chosen) for key in ("gold", "drafted", "right", "studies", "findings",
                                                                  "findings_found")}
        titles = sum(row["title"] for row in chosen)
        print(f"| **{split}** ({len(chosen)}) | | {titles}/{len(chosen)} | "
              f"**{ratio(total['right'], total['gold'])}** | "
              f"{ratio(total['right'], total['drafted'])} | **{total['studies'] / max(total['gold'], 1):.2f}** | "
              f"**{ratio(total['findings_found'], total['findings'])}** | "
              f"{max(row['seconds'] for row in chosen):.2f} max |")


if __name__ == "__main__":
    main()
