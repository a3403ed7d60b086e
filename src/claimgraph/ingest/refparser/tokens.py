"""A reference string as tokens, and the features the sequence labeller reads for each.

Tokens are the runs of non-space characters, as AnyStyle's training data splits them ("Romero,", "C.,", "(2011)."),
a Vancouver run cut where its fields meet. Each token is described by what it looks like (its letters folded, the
shape of its characters, its leading and trailing punctuation, whether it is a year, an initial, a page range, a
number, a URL or a DOI), by a few words that mark fields ("vol", "pp", "eds", "in", "doi"), by where it stands in
the reference, and by the same for its neighbours. Every feature is computed from the token alone in constant time
per character, so a reference's features cost time linear in its length (a 40-author entry takes milliseconds).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_TOKEN = re.compile(r"\S+")
_CUT = re.compile(r"(?<=[\d)][;:])(?=[\d(])|(?<=\d)(?=\(\d)")
"""Where a run of non-space characters is two tokens: after a number's ";" or ":" before a number or "(", and
before "(" after a number."""
_LETTERS = re.compile(r"[^\W\d_]+")
_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")
_PAGES = re.compile(r"\d+\s*[-–—]+\s*\d+")
_INITIAL = re.compile(r"^[(\[]?(?:[A-Z]\.(?:-?[A-Z]\.)*|[A-Z]{1,3})[,;:.)]*$")
_URL = re.compile(r"^(?:https?://|www\.)|\.(?:com|org|net|edu|gov)\b", re.IGNORECASE)
_DOI = re.compile(r"\b10\.\d{4,9}/", re.IGNORECASE)
MARKER_WORDS = frozenset({
    "vol", "volume", "no", "nr", "issue", "pp", "p", "pages", "ed", "eds", "edn", "edition", "in", "and", "et", "al",
    "journal", "proc", "proceedings", "press", "university", "doi", "retrieved", "available", "from", "accessed",
    "conference", "thesis", "dissertation", "report", "chapter", "trans", "editor", "editors", "hrsg", "verlag",
    "isbn", "http", "https", "online", "epub", "suppl", "supplement", "pmid", "publishing", "publishers", "review",
})
"""Words that mark a field wherever they stand ("pp." before pages, "eds" after editors, "In" before a book)."""
POSITION_BUCKETS = 10


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """The tokens of ``text``: (start, end, token) for each run of non-space characters, a Vancouver run cut where
    its fields meet ("2015;16(3):456-62." -> "2015;", "16", "(3):", "456-62.")."""
    tokens = []
    for match in _TOKEN.finditer(text):
        start = match.start()
        for cut in _CUT.finditer(match.group()):
            if cut.start() > 0:
                tokens.append((start, match.start() + cut.start(), text[start:match.start() + cut.start()]))
                start = match.start() + cut.start()
        tokens.append((start, match.end(), text[start:match.end()]))
    return tokens


def shape(token: str) -> str:
    """The token's characters as classes, repeats folded: "Romero," -> "Aa,", "(2011)." -> "(0).", "J.-P." ->
    "A.-A."."""
    classes: list[str] = []
    for character in token:
        if character.isupper():
            kind = "A"
        elif character.isalpha():
            kind = "a"
        elif character.isdigit():
            kind = "0"
        else:
            kind = character
        if not classes or classes[-1] != kind:
            classes.append(kind)
    return "".join(classes)[:12]


def _own(token: str) -> dict[str, str | float]:
    """The features of one token by itself."""
    letters = "".join(_LETTERS.findall(token))
    word = letters.lower()
    features: dict[str, str | float] = {
        "word": word[:20],
        "shape": shape(token),
        "first": token[0] if not token[0].isalnum() else "w",
        "last": token[-1] if not token[-1].isalnum() else "w",
        "suffix": word[-3:],
        "prefix": word[:3],
        "length": str(min(len(token), 12)),
    }
    if _YEAR.search(token):
        features["year"] = 1.0
    if _PAGES.search(token):
        features["pages"] = 1.0
    if _INITIAL.match(token):
        features["initial"] = 1.0
    if token.strip("().,;:[]").isdigit():
        features["number"] = 1.0
    if _URL.search(token):
        features["url"] = 1.0
    if _DOI.search(token):
        features["doi"] = 1.0
    if word in MARKER_WORDS:
        features["marker"] = word
    if letters and letters[0].isupper():
        features["capital"] = 1.0
    if letters.isupper() and len(letters) > 1:
        features["caps"] = 1.0
    return features


def features(tokens: Sequence[str]) -> list[dict[str, str | float]]:
    """The labeller's features of each token: its own, its position, and its neighbours' (one and two away)."""
    own = [_own(token) for token in tokens]
    described: list[dict[str, str | float]] = []
    count = len(tokens)
    for index, mine in enumerate(own):
        item = dict(mine)
        item["position"] = str(index * POSITION_BUCKETS // max(count, 1))
        if index == 0:
            item["start"] = 1.0
        if index == count - 1:
            item["end"] = 1.0
        for offset in (-2, -1, 1, 2):
            other = index + offset
            if 0 <= other < count:
                neighbour = own[other]
                for key in ("word", "shape", "last"):
                    item[f"{offset}:{key}"] = neighbour[key]
                for key in ("year", "initial", "marker", "number", "pages"):
                    if key in neighbour:
                        item[f"{offset}:{key}"] = neighbour[key]
        described.append(item)
    return described
