"""Journal names: the cue words that make a capitalised phrase look like a journal, and a comparison that
tolerates abbreviations ("Pain Med" ~ "Pain Medicine", "JAMA" ~ "Journal of the American Medical Association")."""

from __future__ import annotations

import functools
import re
from pathlib import Path

JOURNAL_WORDS = frozenset({
    "journal", "medicine", "medical", "research", "pain", "neuroscience", "neurosciences", "neurology",
    "lancet", "jama", "bmj", "nejm", "oncologist", "oncology", "cancer", "diabetes", "diabetologia",
    "nutrition", "therapy", "therapies", "therapeutics", "reviews", "review", "annals", "archives", "bulletin",
    "proceedings", "science", "sciences", "nature", "cell", "brain", "plos", "acupuncture", "anesthesia",
    "anesthesiology", "analgesia", "regeneration", "palliative", "complementary", "alternative", "integrative",
    "clinical", "physiology", "pharmacology", "explore", "trials", "health", "care", "neurol", "med", "res",
    "j", "neurosci", "ther", "altern", "complement", "clin",
})
"""Words whose presence makes a capitalised phrase a journal name when no cue ("published in") precedes it:
generic words of journal titles and their usual abbreviations, not a list of particular journals."""

CONNECTORS = frozenset({"of", "and", "the", "for", "in", "&", "on"})

WORD = r"[A-Z][A-Za-z’'\-]*"
JOURNAL_MAX_WORDS = 12
"""The most capitalised words a journal's name runs to ("Evidence-Based Complementary and Alternative Medicine" has
four): a bound, so that trying a longer run of capitalised words at each of its words costs a fixed amount."""
JOURNAL_PHRASE = (rf"(?<![\w’'\-])(?:The\s+)?{WORD}(?:[ \t]+(?:(?:of|and|&|for|on|the|in)[ \t]+){{0,2}}{WORD})"
                  rf"{{0,{JOURNAL_MAX_WORDS - 1}}}(?:[ \t]*\([A-Z][A-Za-z]{{0,5}}\))?")
"""A run of capitalised words with lowercase connectors (one or two: "Journal of the American Medical
Association"), optionally ending in a bracketed place: "(NY)"; it starts
at a word's start."""


def journal_words(name: str) -> list[str]:
    """The lowercase words of a journal name without connectors, punctuation or a bracketed place."""
    name = re.sub(r"\([^)]*\)", " ", name)
    words = re.findall(r"[A-Za-z]+", name.lower())
    return [word for word in words if word not in CONNECTORS]


KNOWN_TITLES_FILE = Path(__file__).parent / "data" / "journal-titles.txt"
"""Journal titles known by name (Index Medicus and life-science titles, folded): "Atherosclerosis", "Pediatrics",
"Obstetrics and Gynecology" carry no generic journal word. Built by ``tools/journal_titles.py``."""


def fold_title(name: str) -> str:
    """A journal title as the known-titles list keeps it: lower case, "&" as "and", no leading "the", letters, digits
    and single spaces only."""
    words = re.findall(r"[a-z0-9]+", name.lower().replace("&", " and "))
    return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


@functools.cache
def known_titles() -> frozenset[str]:
    """The folded journal titles of :data:`KNOWN_TITLES_FILE`."""
    lines = KNOWN_TITLES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def has_journal_words(name: str) -> bool:
    """True when a capitalised phrase contains a journal cue word, or is an all-capitals acronym (BMJ)."""
    words = journal_words(name)
    if not words:
        return False
    if any(word in JOURNAL_WORDS for word in words):
        return True
    bare = re.sub(r"\W", "", name)
    return bare.isupper() and 2 <= len(bare) <= 6


def looks_like_journal(name: str) -> bool:
    """True when a capitalised phrase has a journal cue word (:func:`has_journal_words`) or is a journal title known
    by name ("Atherosclerosis")."""
    return has_journal_words(name) or fold_title(name) in known_titles()


def _abbreviates(short: list[str], full: list[str]) -> bool:
    if len(short) != len(full):
        return False
    return all(whole.startswith(part) for part, whole in zip(short, full, strict=True))


def same_journal(first: str | None, second: str | None) -> bool:
    """True when two journal names are the same journal, one possibly abbreviated or an acronym of the other.

    Words must appear in the same order ("Complementary and Alternative" is not "Alternative and
    Complementary"): a wrong merge is worse than a missed one."""
    if not first or not second:
        return False
    one, two = journal_words(first), journal_words(second)
    if not one or not two:
        return False
    if one == two or _abbreviates(one, two) or _abbreviates(two, one):
        return True
    for acronym, full in ((one, two), (two, one)):
        if len(acronym) == 1 and len(full) > 1 and acronym[0] == "".join(word[0] for word in full):
            return True
    return False


def journal_key(name: str) -> str:
    """A short key one journal keeps under its usual spellings, for minting IRIs: a one-word name itself
    ("lancet"), else the initials of its words with all-capitals words whole ("JAMA Internal Medicine",
    "JAMA Intern Med" -> "jamaim"; "New England Journal of Medicine", "N Engl J Med", "NEJM" -> "nejm")."""
    stripped = re.sub(r"\([^)]*\)", " ", name)
    words: list[str] = [word for word in re.findall(r"[A-Za-z]+", stripped) if word.lower() not in CONNECTORS]
    if not words:
        return ""
    if len(words) == 1:
        return words[0].lower()
    return "".join(word.lower() if word.isupper() and len(word) > 1 else word[0].lower() for word in words)
