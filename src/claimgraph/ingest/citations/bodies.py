"""Guidelines and reports issued by a body rather than written by named authors: "In 2009, the U.S. Preventive
Services Task Force issued recommendations", "the 2004 American Academy of Pediatrics guidelines", "a World Bank
report published last week", "guidelines from the American Heart Association".

The issuing body is the document's corporate author (``Citation.organisation``); with a year it names the document
precisely enough to find it. A body is a capitalised name with a word that makes it one ("Task Force", "Academy",
"Bank") or one of a few acronyms of bodies that issue health guidance (FDA, CDC, WHO, …).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimgraph.ingest.citations.mentions import YEAR
from claimgraph.ingest.journals import WORD
from claimgraph.ingest.model import Citation
from claimgraph.ingest.names import is_body, repair_text

DOCUMENT = r"(?:guidelines?|recommendations?|report|position\s+statement|statement|advisory|guidance|statistics)"
BODY_MAX_WORDS = 8
BODY = (rf"(?:U\.\s?S\.\s+|US\s+)?{WORD}(?:[ \t]+(?:(?:of|and|for|on|the|&)[ \t]+){{0,2}}{WORD}){{0,{BODY_MAX_WORDS}}}")
"""A capitalised name, "U.S." allowed in front (bounded, so that each start position costs a fixed amount)."""
WHEN = (r"(?:\s+(?:published|released|issued)(?:\s+(?:(?:last|this)\s+week|today|yesterday|recently|"
        r"(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day))?)?")
"""When a body's document came out, as a story says it ("published last week"): the story's own days."""
BODY_DOCUMENTS = (
    re.compile(rf"\b(?:[Tt]he|[Aa]n?|[Ii]ts)\s+(?P<year>{YEAR})\s+(?P<body>{BODY})\s+{DOCUMENT}\b"),
    re.compile(rf"\b(?P<body>{BODY})(?:['’]s)?\s+(?:(?P<year>{YEAR})\s+)?(?:(?:new|updated|latest|draft|final)\s+)?"
               rf"{DOCUMENT}\b{WHEN}"),
    re.compile(rf"\b(?P<body>{BODY})\s+(?:issued|released|published|updated|revised)\s+(?:(?:new|its|an?|the|"
               rf"updated|in-depth|draft|final|[a-z]+)\s+){{0,3}}{DOCUMENT}\b"),
    re.compile(rf"\b{DOCUMENT}\s+(?:(?:issued|released|published)\s+(?:in\s+(?P<year>{YEAR})\s+)?)?(?:from|by)\s+"
               rf"the\s+(?P<body>{BODY})"),
    re.compile(rf"\b(?P<year>{YEAR})\s+{DOCUMENT}\s+(?:for|of|from|by)\s+the\s+(?P<body>{BODY})"),
    re.compile(rf"\b(?P<body>{BODY})(?:,(?:[^,;.\n]|\.(?=[\w,])){{1,80}},)?\s+(?:concluded|said|found|stated|wrote|warned|"
               rf"estimated|noted|reported|recommended)\s+in\s+(?:a|an|its|the)\s+(?P<year>{YEAR})\s+{DOCUMENT}\b"),
)
"""A body's guideline or report: "the 2004 American Academy of Pediatrics guidelines", "a World Bank report
published last week", "the Task Force's 2009 recommendations", "the U.S. Preventive Services Task Force issued
mammogram recommendations", "guidelines from the American Heart Association", "recommendations issued in 2009 by
the …", "2014 guidelines for the American College of …", "2015 statistics from the American Cancer Society", "the
Royal College of Physicians, which sets …, concluded in a 2007 report"."""
YEAR_BEFORE = re.compile(rf"\b[Ii]n\s+(?P<year>{YEAR}),?\s+(?:the\s+)?$")
YEAR_AFTER = re.compile(rf"^[^.;!?\n]{{0,60}}?\b(?:in|from|of)\s+(?P<year>{YEAR})\b(?![ \t]*(?:and|to|-|–)[ \t]*\d)")
LEADING = re.compile(r"^(?:(?:The|A|An|In|Its|Their|According|To|New)\s+|[A-Z][\w.]*-based\s+)+")
"""Words a capitalised run can start with that are not the body's name ("The Switzerland-based …")."""
POSSESSIVE_PLACE = re.compile(r"^[A-Z][\w.]*['’]s\s+")
"""A possessive before a body's name, dropped when the rest is still a body's name ("Britain's Royal College of
Physicians"; "Alzheimer's Association" keeps it)."""


def find_body_documents(text: str) -> Iterator[Citation]:
    """Each guideline or report the text names by its issuing body, with the year the text prints before or after
    it ("In 2009, the …", "… recommendations in 2009")."""
    for pattern in BODY_DOCUMENTS:
        for match in pattern.finditer(text):
            body = re.sub(r"['’]s$", "", LEADING.sub("", match.group("body")))
            if not is_body(body):
                continue
            owner = POSSESSIVE_PLACE.match(body)
            if owner and is_body(body[owner.end():]):
                body = body[owner.end():]
            printed = match.groupdict().get("year")
            year = int(printed) if printed else _year_near(text, match.start(), match.end())
            yield Citation("body", match.start(), match.end(), text[match.start():match.end()],
                           organisation=repair_text(body), year=year, confidence=0.7)


def _year_near(text: str, start: int, end: int) -> int | None:
    before = YEAR_BEFORE.search(text, max(0, start - 40), start)
    if before:
        return int(before.group("year"))
    after = YEAR_AFTER.search(text[end:end + 80])
    return int(after.group("year")) if after else None
