"""How the trained reference parser reads references nobody here tagged: AnyStyle's gold set (issue 28).

Data: ``res/parser/gold.xml`` of GitHub ``inukshuk/anystyle`` (BSD-2-Clause), 1,669 hand-tagged references of all
disciplines. The model is trained on AnyStyle's ``core.xml`` and ``good.xml`` only (``make model``); 222 gold
references are also, word for word, in those training files, so they are left out here: the figures are on the
1,447 the model never saw. Read from the FakeHealth-style local mirror by default (``--gold`` to point elsewhere);
never copied into the project.

Figures, overall and on the biomedical (Vancouver) subset (a reference whose authors are written "Surname AB"):
per field, precision, recall and F1 of the field's text (exact after trimming the punctuation that separates
fields), their micro-average; whole-entry accuracy (every token labelled right); first author + year accuracy
(the surname the parser reads from its author field and the year of its date, against the same read of the gold
fields); time per entry and for a 40-author entry, through :func:`parse_reference` as ingest calls it.

    python benchmarks/references.py [--gold FILE]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import time
from collections import Counter
from pathlib import Path

from claimgraph.ingest.refparser.fields import clean, read_fields, runs
from claimgraph.ingest.refparser.model import label_tokens, parse_reference
from claimgraph.ingest.refparser.training import TRAINING_FILES, read_sequences

MIRROR = Path("/work/.mirror/inukshuk+anystyle/repo")
VANCOUVER = re.compile(r"^[A-Z][\w'’-]+(?:\s[a-z]+)*\s[A-Z]{1,3}[,.]")


def gold_file(path: Path | None) -> Path:
    """The gold file: given, or written from the mirror's ``res/parser/gold.xml`` to a temporary file."""
    if path is not None:
        return path
    target = Path("/tmp/claimgraph-anystyle-gold.xml")
    shown = subprocess.run(["git", f"--git-dir={MIRROR}", "show", "HEAD:res/parser/gold.xml"], capture_output=True,
                           check=True)
    target.write_bytes(shown.stdout)
    return target


def field_values(tokens: list[str], labels: list[str]) -> Counter[tuple[str, str]]:
    """Each field's cleaned text, as a multiset of (label, text)."""
    return Counter((label, clean(text).lower()) for label, text in runs(tokens, labels))


def measure(name: str, sequences: list[tuple[list[str], list[str]]]) -> None:
    """Print one set's figures."""
    true: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    right: Counter[str] = Counter()
    whole = author_year = 0
    seconds: list[float] = []
    for tokens, gold_labels in sequences:
        text = " ".join(tokens)
        started = time.perf_counter()
        parse_reference(text)
        seconds.append(time.perf_counter() - started)
        labels = label_tokens(tokens)
        gold, found = field_values(tokens, gold_labels), field_values(tokens, labels)
        for (label, _), count in gold.items():
            true[label] += count
        for (label, _), count in found.items():
            predicted[label] += count
        for key, count in (gold & found).items():
            right[key[0]] += count
        whole += labels == gold_labels
        want, got = read_fields(text, tokens, gold_labels).citation, read_fields(text, tokens, labels).citation
        author_year += (want.first_author, want.year) == (got.first_author, got.year)
    print(f"\n### {name}: {len(sequences)} references\n")
    print("| field | gold | parsed | precision | recall | F1 |\n|---|---|---|---|---|---|")
    for label in sorted(true, key=lambda label: -true[label]):
        p = right[label] / predicted[label] if predicted[label] else 0.0
        r = right[label] / true[label]
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"| {label} | {true[label]} | {predicted[label]} | {p:.3f} | {r:.3f} | {f:.3f} |")
    p, r = sum(right.values()) / sum(predicted.values()), sum(right.values()) / sum(true.values())
    print(f"| **micro** | {sum(true.values())} | {sum(predicted.values())} | {p:.3f} | {r:.3f} | "
          f"**{2 * p * r / (p + r):.3f}** |")
    print(f"\nWhole entries right: {whole / len(sequences):.3f}; first author + year right: "
          f"**{author_year / len(sequences):.3f}**; time per entry: median "
          f"{1000 * statistics.median(seconds):.2f} ms, max {1000 * max(seconds):.2f} ms.")


def main() -> None:
    """Print the figures as Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=None, help="AnyStyle's gold.xml (default: from the mirror)")
    arguments = parser.parse_args()
    seen = {" ".join(tokens) for source in TRAINING_FILES for tokens, _ in read_sequences(source)}
    gold = list(read_sequences(gold_file(arguments.gold)))
    unseen = [sequence for sequence in gold if " ".join(sequence[0]) not in seen]
    print(f"## Reference parser on AnyStyle's gold set ({len(gold)} references, {len(gold) - len(unseen)} also in "
          "the training files and left out)")
    measure("All unseen gold references", unseen)
    measure("Biomedical (Vancouver) subset", [s for s in unseen if VANCOUVER.match(" ".join(s[0]))])
    long_entry = ", ".join(f"Author{index} AB" for index in range(40)) + ". A title. J Foo. 2012;3:1-2."
    started = time.perf_counter()
    parsed = parse_reference(long_entry).citation
    print(f"\nA 40-author entry: {1000 * (time.perf_counter() - started):.1f} ms, {len(parsed.authors)} authors read.")


if __name__ == "__main__":
    main()
