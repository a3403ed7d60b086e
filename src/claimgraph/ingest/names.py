"""Author names: mojibake repaired for display, folded to lowercase ASCII for matching and IRIs."""

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
