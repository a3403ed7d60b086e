"""Author names: mojibake repaired for display, folded to lowercase ASCII for matching and IRIs; the names of
bodies (a task force, an association) and institutions told from people's and journals'."""

from __future__ import annotations

import re
import unicodedata

GERMAN_FOLDS = {"ö": "oe", "ä": "ae", "ü": "ue", "Ö": "Oe", "Ä": "Ae", "Ü": "Ue", "ß": "ss"}
"""Letters folded the German way (Schröder → schroeder), as curated IRIs spell them."""

LOST_BYTE = re.compile(r"Ã(?=[a-z])")
"""UTF-8 read as Latin-1 with the second byte lost ("SchrÃder"): the lead byte stands for one unknown letter."""


def ascii_fold(text: str) -> str:
    """``text`` as lowercase ASCII with accents dropped (Schröder → schroder): the one folding for slugs."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def repair_text(text: str) -> str:
    """``text`` with mojibake fixed where ftfy can ("SchrÃ¶der" → "Schröder"); unchanged otherwise."""
    if not any(ord(char) > 127 for char in text):
        return text
    import ftfy

    return str(ftfy.fix_text(text, normalization="NFC"))


def fold_name(name: str) -> str:
    """A name as lowercase ASCII for matching: accents dropped, ö ä ü → oe ae ue, ß → ss, a lost-byte
    mojibake letter ("SchrÃder") dropped so it compares close to "schroeder"; spaces become hyphens."""
    text = repair_text(name.strip())
    text = LOST_BYTE.sub("", text)
    text = "".join(GERMAN_FOLDS.get(char, char) for char in text)
    text = re.sub(r"[’'`.]", "", ascii_fold(text))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def plain_variant(folded: str) -> str:
    """A folded name with the German digraphs undone (schroeder → schroder), to compare with plain foldings."""
    return folded.replace("oe", "o").replace("ae", "a").replace("ue", "u")


BODY_WORDS = frozenset({
    "force", "academy", "association", "society", "college", "foundation", "bank", "organization", "organisation",
    "agency", "administration", "council", "committee", "commission", "panel", "centers", "centres", "institutes",
    "department", "ministry", "board", "federation", "alliance", "coalition", "service", "services", "international",
})
"""Words that make a capitalised name an issuing body's ("Task Force", "American Heart Association")."""
BODY_ACRONYMS = frozenset({"FDA", "CDC", "WHO", "USPSTF", "NICE", "NIH", "AAP", "AHA", "ACOG", "ACS", "ADA", "ACP",
                           "IARC", "EMA", "NHS", "AMA", "ACC", "ESC", "IOM"})
"""Acronyms of bodies that issue health guidance, printed alone ("the FDA recently cut recommended doses")."""
INSTITUTION_WORDS = frozenset({
    "center", "centre", "institute", "university", "hospital", "school", "clinic", "laboratory", "laboratories",
})
"""Words that make a capitalised name an institution's ("Center for Vascular Biology Research")."""
JOURNAL_TITLE_WORDS = frozenset({"journal", "proceedings", "annals", "archives", "bulletin", "transactions"})
"""Words of journal titles that a body's name does not hold ("Journal of the American Geriatrics Society")."""


def is_body(name: str) -> bool:
    """True when a capitalised name is an issuing body's: a body word in it, or a known acronym alone."""
    words = re.findall(r"[A-Za-z]+", name)
    if len(words) == 1 and words[0] in BODY_ACRONYMS:
        return True
    return len(words) >= 2 and any(word.lower() in BODY_WORDS for word in words[1:])


def names_institution(name: str) -> bool:
    """True when a capitalised name is a body's or an institution's, not a journal's: "European Society for Medical
    Oncology", "Center for Vascular Biology Research" (a journal title word keeps it a journal: "Journal of the
    American Geriatrics Society")."""
    words = {word.lower() for word in re.findall(r"[A-Za-z]+", name)}
    if words & JOURNAL_TITLE_WORDS:
        return False
    return is_body(name) or bool(words & INSTITUTION_WORDS)
