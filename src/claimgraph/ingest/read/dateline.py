"""The date a news story or press release was published, from its metadata or its dateline.

HTML pages bring a date in their metadata (trafilatura reads it). A text brings it in its first lines: a
dateline ("MONDAY, Aug. 30, 2010 (HealthDay News) --", "Wilmington, DE, December 17, 2018 -", "Oct. 8, 2018 –").
Candidate dates are found by one linear scan of the opening and parsed by dateparser; the first that parses wins.
"""

from __future__ import annotations

import re

OPENING_CHARS = 600
"""How far into the text a dateline may stand."""

_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
_CANDIDATE = re.compile(
    rf"\b(?:{_MONTH}[ \t]+\d{{1,2}},?[ \t]+(?:19|20)\d\d|\d{{1,2}}[ \t]+{_MONTH}[ \t]+(?:19|20)\d\d"
    r"|(?:19|20)\d\d-\d\d-\d\d)\b")


_DATELINE = re.compile(
    rf"^[^\n]{{0,80}}?(?:{_CANDIDATE.pattern}|\((?:Reuters|AP|AFP|HealthDay News|UPI|Xinhua)\))[^\n]{{0,60}}?"
    r"[ \t](?:--|–|—|-)[ \t]+")
DATELINE_CHARS = 200
"""The longest dateline a sentence may open with ("MONDAY, Aug. 30, 2010 (HealthDay News) -- ")."""


def dateline_length(sentence: str) -> int:
    """How many characters of ``sentence`` are a dateline it opens with (0 when none): a date or a news agency
    followed by a dash ("TUESDAY, March 3, 2015 (HealthDay News) -- ", "LONDON (Reuters) - ")."""
    found = _DATELINE.match(sentence[:DATELINE_CHARS])
    return found.end() if found else 0


def dateline_date(text: str) -> str | None:
    """The ISO date (``YYYY-MM-DD``) of the first date written in the opening of ``text``, else None."""
    import dateparser

    for found in _CANDIDATE.finditer(text, 0, min(len(text), OPENING_CHARS)):
        parsed = dateparser.parse(found.group(), languages=["en"], settings={"STRICT_PARSING": True,
                                                                              "REQUIRE_PARTS": ["day", "month",
                                                                                                "year"]})
        if parsed is not None:
            return str(parsed.date().isoformat())
    return None
