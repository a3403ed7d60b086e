"""The sentences of the polarity benchmark, chosen by a fixed rule from texts the rules were not written on.

Pool (``test``, the default): every sentence of at least six words (``claimgraph.ingest.assertions.sentences.
split_sentences``) of the five seed documents and of the FakeHealth development documents at positions 120-299 of
the sha256 order that ``benchmarks/news/README.md`` defines (documents no label and no rule had looked at when the
polarity rules were written). Pool ``dev`` (``--part dev``): the news benchmark's development documents, positions
0-29 and 60-119, without the seeds, for writing rules on. Each sentence is keyed by the SHA-256 of its text. 60
sentences are the first in key order; 60 more are the first in key order among those holding a word of ``BROAD``
(negation, evidence, comparison words: wider than any rule's cues, so that claims of no effect and statements about
the evidence are not too rare to measure).

Usage: ``python benchmarks/polarity/choose.py [--part dev] [--show]``: one JSON object per line (id, doc, start, end,
sha256, anchor: the first ten words); ``--show`` adds the sentence for labelling (never stored in the repository).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

from claimgraph.ingest.assertions.sentences import split_sentences

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from news_eval import DEFAULT_CORPUS, DEFAULT_POOL, Corpus  # noqa: E402

SEEDS = HERE.parents[2] / "shared" / "seeds"
FIRST, LAST = 120, 299
PER_PART = 60
MIN_WORDS = 6
BROAD = re.compile(r"\b(?:no|not|n[o']t|never|neither|nor|without|lack\w*|evidence|research|stud(?:y|ies)|proof|"
                   r"prove\w*|unclear|unknown|need(?:ed|s)?|insufficient|limited|inconclusive|same|similar|equal\w*|"
                   r"differ\w*|placebo)\b", re.IGNORECASE)


DEV_POSITIONS = (*range(0, 30), *range(60, 120))
"""The news benchmark's development documents (positions 30-59 are its test split and stay unread)."""


def documents(part: str = "test") -> list[tuple[str, str]]:
    """(document id, text) of the pool: for ``test`` the seeds, then FakeHealth positions FIRST..LAST; for ``dev``
    the news development documents (title, blank line, text)."""
    texts = [(f"seed/{path.name}", path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))]
    corpus = Corpus(DEFAULT_CORPUS, DEFAULT_POOL)
    ordered = sorted(corpus.paths, key=lambda path: hashlib.sha256(path.encode("utf-8")).hexdigest())
    positions = DEV_POSITIONS if part == "dev" else range(FIRST, LAST + 1)
    if part == "dev":
        texts = []
    for path in (ordered[position] for position in positions):
        title, body, _ = corpus.read(path)
        texts.append((f"fakehealth/{path}", title + "\n\n" + body))
    return texts


def chosen(part: str = "test") -> list[dict]:
    """The 120 chosen sentences of ``part``, in key order within each half (random first, then broad)."""
    pool: dict[str, dict] = {}
    for doc, text in documents(part):
        for sentence in split_sentences(text):
            words = sentence.text.split()
            if len(words) < MIN_WORDS:
                continue
            key = hashlib.sha256(sentence.text.encode("utf-8")).hexdigest()
            pool.setdefault(key, {"doc": doc, "start": sentence.start, "end": sentence.end, "sha256": key,
                                  "anchor": " ".join(words[:10]), "text": sentence.text})
    ordered = [pool[key] for key in sorted(pool)]
    first = ordered[:PER_PART]
    broad = [row for row in ordered[PER_PART:] if BROAD.search(row["text"])][:PER_PART]
    prefix = "d" if part == "dev" else "p"
    return [{"id": f"{prefix}{index:03d}", **row} for index, row in enumerate(first + broad)]


def main() -> None:
    """Print the chosen sentences, one JSON object per line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="include each sentence's text (for labelling only)")
    parser.add_argument("--part", choices=("test", "dev"), default="test", help="which pool (default test)")
    args = parser.parse_args()
    for row in chosen(args.part):
        if not args.show:
            row.pop("text")
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
