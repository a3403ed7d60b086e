"""Rebuild ``src/claimgraph/ingest/data/journal-titles.txt``, the journal titles ingest knows by name, from the
JabRef journal abbreviation lists (https://github.com/JabRef/abbrv.jabref.org, CC0 1.0).

    python tools/journal_titles.py MEDICUS.csv LIFESCIENCE.csv          # exit 1 when the shipped file differs
    python tools/journal_titles.py MEDICUS.csv LIFESCIENCE.csv --write  # rewrite it

``MEDICUS.csv`` is ``journals/journal_abbreviations_medicus.csv`` (Index Medicus titles): every full title and
abbreviation is kept. ``LIFESCIENCE.csv`` is ``journals/journal_abbreviations_lifescience.csv``: only its titles of
two words or more (its one-word titles include magazines such as "Time" and "Fortune") and the one-word medical
titles of :data:`LIFESCIENCE_WORDS`. A few one-word titles that
are also everyday words ("Memory", "Methods") are left out: a story's "a study in Memory" is rare and "research in
Development" common. Titles are kept folded (:func:`claimgraph.ingest.journals.fold_title`), one per line, sorted.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from claimgraph.ingest.journals import KNOWN_TITLES_FILE, fold_title

EVERYDAY_WORDS = frozenset({
    "analyst", "caduceus", "crisis", "development", "disasters", "endeavour", "inquiry", "isis", "memory", "methods",
    "perception", "practitioner", "rays", "scanning", "shock", "structure",
})
"""One-word titles that are everyday words more often than journals in a story."""
LIFESCIENCE_WORDS = frozenset({
    "autism", "climacteric", "dementia", "europace", "hematology", "hepatology", "homeopathy", "menopause",
    "neonatology", "obesity", "pharmacogenomics", "phytomedicine", "proteomics", "rheumatology",
})
"""One-word titles of the life-science list that name medical journals (the rest of its one-word titles are not
kept)."""
HEADER = "# Journal titles ingest knows by name, folded; built by tools/journal_titles.py from JabRef's CC0 lists.\n"


def titles(medicus: Path, lifescience: Path) -> list[str]:
    """The folded titles to ship, sorted."""
    kept: set[str] = set()
    for path, every_length in ((medicus, True), (lifescience, False)):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for name in row[:2]:
                    folded = fold_title(name)
                    if folded and (every_length or " " in folded or folded in LIFESCIENCE_WORDS):
                        kept.add(folded)
    return sorted(title for title in kept if title not in EVERYDAY_WORDS and len(title) > 2)


def main() -> int:
    """Compare or rewrite the shipped list."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("medicus", type=Path)
    parser.add_argument("lifescience", type=Path)
    parser.add_argument("--write", action="store_true")
    arguments = parser.parse_args()
    text = HEADER + "".join(f"{title}\n" for title in titles(arguments.medicus, arguments.lifescience))
    if arguments.write:
        KNOWN_TITLES_FILE.write_text(text, encoding="utf-8")
        return 0
    if KNOWN_TITLES_FILE.read_text(encoding="utf-8") != text:
        print(f"{KNOWN_TITLES_FILE} differs from what --write would write", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
