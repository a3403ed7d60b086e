"""In-text mentions of studies: author forms, journal + year, news-style attribution and vague appeals.

Confidence by form (how sure the detector is that the span names one particular study):
parenthetical author-year ``(Liu 2010)`` 0.9; ``Phillips et al. (2004)`` / table rows ``Ahn et al. 2007`` 0.85;
year earlier in the clause ``In 2014, Bao et al.`` 0.8; narrative ``Smith (2010)`` 0.75; news attribution 0.7;
author without year ``Cha et al.`` 0.6; journal + year after a cue (``published in JAMA 1998``) or year before
it (``a 2019 study in the Journal of Pain``) 0.6, without a cue 0.5; journal without year 0.4; vague appeals
(``research shows``) 0.3.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator

from claimgraph.ingest.citations.references import SURNAME
from claimgraph.ingest.journals import JOURNAL_PHRASE, has_journal_words, looks_like_journal
from claimgraph.ingest.model import Citation
from claimgraph.ingest.names import names_institution, repair_text

YEAR = r"(?:19|20)\d{2}"
NOT_NAMES = frozenset({
    "The", "In", "A", "An", "This", "These", "Those", "Our", "Their", "His", "Her", "Its", "Further", "However",
    "Also", "And", "But", "For", "From", "With", "Both", "Many", "Most", "Some", "Other", "Others", "Several",
    "Researchers", "Scientists", "Studies", "Authors", "Doctors", "Experts", "See", "Table", "Figure", "Fig",
})
"""Capitalised words that start sentences, never a cited author."""
ACRONYM = r"[A-Z]{2,8}"
ET_AL = re.compile(
    rf"(?P<name>{SURNAME})(?:\s+(?:and|&)\s+(?P<second>{SURNAME}))?\s+et\s+al\b\.?"
    rf"(?:[ \t]*+,?[ \t]*+(?P<open>\()?[ \t]*+(?P<year>{YEAR})[a-z]?\b(?(open)\)))?")
COLLEAGUES = re.compile(
    rf"(?P<name>{SURNAME})\s+and\s+(?:(?:his|her|their)\s+(?:colleagues|co-?workers|team)|colleagues|co-?workers"
    r"|an?\s+(?:international\s+)?team\s+of\s+(?:scientists|researchers|investigators))"
    rf"(?:\s*\(\s*(?P<year>{YEAR})\s*\))?")
"""A researcher and their team: "Kong and his colleagues", "Smith and colleagues (2010)", "Roy and a team of
scientists"."""

NARRATIVE = re.compile(rf"(?P<name>{SURNAME})(?:\s+(?:and|&)\s+(?P<second>{SURNAME}))?\s+\((?P<year>{YEAR})[a-z]?\)")
PARENTHESES = re.compile(r"\(([^()]{4,400})\)")
PARENTHETICAL_PART = re.compile(
    rf"^(?:(?:see|e\.g\.,?|cf\.|also)\s+)*(?P<name>{SURNAME}|{ACRONYM})"
    rf"(?:\s+(?:and|&)\s+(?P<second>{SURNAME})|\s+et\s+al\.?)?,?\s+(?P<year>{YEAR})[a-z]?$")
YEAR_BEFORE = re.compile(rf"\b[Ii]n\s+(?P<year>{YEAR}),?\s+(?:[a-z]+\s+){{0,3}}$")
YEAR_NEAR = re.compile(rf"\b(?P<year>{YEAR})\b")
STATED_YEAR = re.compile(rf"\b(?:in|published|reported)\s+(?P<year>{YEAR})\b(?![ \t]*(?:and|to|-|–)[ \t]*\d)")
"""A year the words after "X and colleagues" give their work ("reported in 2010"), not a span of data ("studies
published between 1966 and 2009")."""
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
"""A day of the month as a story prints it ("13", "13th")."""
CUE = (r"(?:(?:(?:recently|just|newly)\s+)?(?:published|appears?|appeared|reported|printed|described)\s+"
       r"(?:(?:it|them|online|on|today|yesterday|recently|this\s+week|"
       rf"ahead\s+of\s+print|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?|{MONTH}\s+{DAY},?|(?:in\s+)?(?P<cue_year>{YEAR}),?)\s+)"
       r"{0,4}"
       r"(?:in|by)|[Ww]riting\s+in|(?:online\s+)?publication\s+in|\b[Ii]n(?=\s+the\s+(?:[A-Za-z]+\.?\s+){1,2}(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?issue\s+of\s)"
       rf"|(?i:find\s+this\s+study):?(?:\s+{MONTH}\s+{DAY},?(?:\s+{YEAR},?)?\s+(?:issue\s+of|in))?)\s+(?:the\s+)?"
       rf"(?:(?:(?:[A-Za-z]+\.?|{DAY},?|(?P<issue_year>{YEAR}),?)\s+){{1,3}}(?:issue|edition)\s+of\s+"
       r"(?:the\s+)?)?(?:(?:peer-reviewed|medical|scientific|open[- ]access)\s+)?"
       r"(?:(?:[A-Z][A-Za-z]+\s+)?journal\s+)?")
"""What cues a journal's name: "published in", "appears online Monday in the journal", "reported today in",
"published online Jan. 19 in", "published on Monday, February 19, in", "published today online ahead of print in",
"FIND THIS STUDY Feb. 28 issue of",
"appear in the Oct. 9 issue of", "published online by the medical journal", "writing in the April issue of",
"published in the December 13th online issue of", "published in 2009 in", "described in", "Find this study May 1
in",
"published in peer-reviewed journal", "recently appeared in", "receiving online publication in", "published in the
Nature journal Biomedical Engineering" (the publisher's name is not the journal's)."""
NOT_JOURNAL_WORD = re.compile(r"\b(?:on|in)?\s*\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|"
                              r"July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
                              r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b\.?.*$"
                              r"|\s+(?:on|in)\s*$", re.DOTALL)
"""A month or weekday name and what follows it in a captured journal name ("PLOS ONE on Aug" and "Pediatrics on
Monday" are PLOS ONE and Pediatrics; "Oct" is none)."""
PRINTED_DATE = (rf"(?:(?:in|online)[ \t]+)?(?:{MONTH}[ \t]+(?:\d{{1,2}},?[ \t]+)?)?(?P<year>{YEAR})\b"
                r"(?![ \t]*(?:and|to|-|–)[ \t]*\d)")
"""The date printed after a journal's name: "2016", "in 2016", "February 2016", "online August 30, 2010"; not the
start of a span of years ("Menopause, in 2013 and 2014 Davis …")."""
CUED_JOURNAL = re.compile(
    rf"(?:{CUE}|\bin\s+the\s+journal\s+)(?P<journal>{JOURNAL_PHRASE})"
    rf"(?:,?[ \t]*+\n?[ \t]*+{PRINTED_DATE})?")
FINDINGS_IN = re.compile(
    r"\b(?:[Ff]indings|[Rr]esults|[Ss]tudy|[Rr]esearch|[Pp]aper|[Rr]eport|[Aa]nalysis|[Tt]rial),?\s+in\s+(?:the\s+)?"
    rf"(?:journal\s+)?(?P<journal>{JOURNAL_PHRASE})(?:,?[ \t]+{PRINTED_DATE})?")
"""A journal named without "published": "The findings in The American Journal of Sports Medicine", "The study, in
Experimental Biology and Medicine," (only a name that looks like a journal's: not "the study in Denmark")."""
YEAR_FIRST = re.compile(
    rf"\b(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother)\s+(?P<year>{YEAR})\s+(?:[a-z-]+\s+){{0,3}}?"
    r"(?:study|trial|review|meta-analysis|analysis|paper|survey|report),?\s+"
    r"(?:(?P<cue>published|appearing|appeared|reported)\s+(?:online\s+)?)?in\s+(?:the\s+)?(?:journal\s+)?"
    rf"(?P<journal>{JOURNAL_PHRASE})")
"""A year before the journal: "a 2019 study in the Journal of Pain", "a 2021 trial published in Pain", "The 2007
study, published in the American Journal of Clinical Nutrition"."""
BARE_JOURNAL_YEAR = re.compile(
    rf"(?P<journal>{JOURNAL_PHRASE}),?[ \t]+{PRINTED_DATE}"
    r"(?![ \t]+(?:held|meeting|conference|congress|symposium|annual|summit|in\s+[A-Z])\b)")
"""A journal and the year it printed the paper ("Pediatrics, 2016"), not a meeting named by its year ("…
Conference, Nutrition 2018 held in Boston")."""
NOT_JOURNALS = frozenset({"Table", "Tables", "Figure", "Figures", "Fig", "Appendix", "Section", "Supplementary",
                          "Chapter", "Box", "Panel", "Equation"})
"""Parts of a document a cue may name ("described in Table 1"): never a journal."""
JOURNAL_AFTER = re.compile(rf"\s*(?:in\s+)?(?P<journal>{JOURNAL_PHRASE}),?\s+(?P<year>{YEAR})\b")
NEWS_ROLE = r"(?:lead|senior|first|principal|corresponding|co-?)"
NOT_THIS_STUDY = (r"(?!\s+of\s+(?:an?\s+|the\s+)?(?:accompanying\s+|related\s+)?(?:editorial|commentary|previous|"
                  r"earlier|another|separate|different|other)\b)")
"""After "lead author": not of this study ("the lead author of an accompanying editorial")."""
TITLE = r"(?:Dr\.?\s+|Prof(?:essor|\.)?\s+)?(?:[A-Z][a-z]+\s+)?(?:[A-Z]\.\s+)?"
"""A title, a given name and an initial before a surname, each optional."""
NEWS = re.compile(
    r"\b(?:said|says|according\s+to|explained|added|writes?|wrote|conclude[sd]?|noted|notes)\s+(?:the\s+)?"
    rf"(?:study['’]s\s+)?(?:{NEWS_ROLE}(?:\s+and\s+{NEWS_ROLE})?\s*)?(?:(?:study\s+)?(?:author|researcher|investigator)s?"
    rf"|(?:study|project|research|trial)\s+leader),?\s+(?:[a-z]+\s+){{0,2}}{TITLE}(?P<name>{SURNAME})"
    rf"|\b(?:Dr\.?|Prof(?:essor|\.)?)\s+(?:[A-Z][a-z]+\s+)?(?P<name2>{SURNAME}),\s+(?:the\s+)?(?:study['’]s\s+)?"
    rf"(?:lead|senior|first|principal)\s+(?:author|researcher|investigator){NOT_THIS_STUDY}"
    r"|\b(?:researchers|team|study|trial|scientists)\s+(?:was\s+|were\s+)?led\s+by\s+"
    rf"(?:(?:[A-Z][\w&.-]*\s+){{0,3}}[A-Z][\w&.-]*(?:['’]s\s+|\s+(?:[a-z]+\s+){{1,2}}))?{TITLE}(?P<name3>{SURNAME})"
    rf"|\b(?:[Tt]he\s+)?study['’]s\s+{NEWS_ROLE}\s+(?:author|researcher|investigator),?\s+{TITLE}(?P<name4>{SURNAME})"
    rf"|(?P<name5>{SURNAME})\s+(?:was|is)\s+(?:the\s+)?(?:study['’]s\s+)?(?:lead|first)\s+(?:author|researcher)\b"
    rf"{NOT_THIS_STUDY}")
"""A news story naming one of its study's authors: "said lead author Dr. X", "first and corresponding author X",
"write researcher X", "said study leader neuroscientist Professor X", "Dr. X, the study's lead author",
"researchers led by Dr. X", "a study led by McLean Hospital's X", "led by Harvard neurologist Dr. X", "The study's
lead researcher, X", "X was the lead author of" (:func:`_leads` says which make X the first author)."""
INSTITUTION_AFTER = re.compile(
    r"['’]s\b|\s+(?:[A-Z][a-z]+\s+){0,3}?(?:Hospital|University|College|Institute|Medical|General|Center|Centre|"
    r"School|Clinic|Foundation|researchers|scientists|investigators|team)\b")
"""After a captured name, what makes it an institution's ("led by Harvard researchers", "led by Massachusetts
General Hospital", "led by McLean Hospital's …")."""
APPOSITION_REACH = 240
"""The longest description between a speaker's name and the role that makes them the study's author."""
AUTHOR_BY_APPOSITION = re.compile(
    r"(?:\b(?:said|says|according\s+to|explained|added|noted|notes)\s+(?:[a-z]+\s+){0,3}"
    r"(?:(?:[A-Z][\w&.-]*\s+){0,3}[A-Z][\w&.-]*['’]s\s+)?(?:Dr\.?\s+|Prof(?:essor|\.)?\s+)?"
    r"|\b(?:Dr\.?\s+|Prof(?:essor|\.)?\s+))(?:[A-Z][a-z]+\s+){0,2}(?:[A-Z]\.\s+)?"
    rf"(?P<name>{SURNAME})(?:,|\s+(?:of|at|from)\b)[^.!?\n]{{0,{APPOSITION_REACH}}}?"
    r"(?:\b(?:the\s+)?(?:study['’]s\s+)?(?:lead|first|main)\s+(?:author|researcher|investigator)\b"
    rf"{NOT_THIS_STUDY}"
    r"|\bwho\s+(?:led|leads|headed|heads|directed)\s+the\s+(?:[\w-]+\s+){0,2}?(?:study|research|trial|analysis|"
    r"work|review|team)\b)")
"""A speaker, or a titled researcher, whose description makes them the study's author: "said Dr. Gary Small,
director of …, and the study's first author", "said Martha Clare Morris, PhD, the lead author of the MIND diet
study", "said Ana Ruiz of the University of X, who led the study", "said Duke University's Dr. Kenneth Mahaffey,
who led the rivaroxaban study", "Dr. Gust Bardy of the Seattle Institute …, who led the study" (not the lead
author of an accompanying editorial)."""
AUTHOR_POSSESSIVE = re.compile(
    r"\b(?:Dr\.?|Prof(?:essor|\.)?)\s+(?:[A-Z][a-z]+\s+)?(?:[A-Z]\.\s+)?(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)['’]s\s+"
    r"(?:new\s+|latest\s+)?(?:study|findings|research|trial|paper|team|results)\b")
"""A titled researcher's own study: "Dr. Henderson's findings", "Prof. Lee's team"."""
NEWS_REACH = 400
LEADING_WORDS = re.compile(r"(?:(?:That|This|These|Those|A|An|In|Our|Their|Its|His|Her|Both|Each)\s+)+")
"""Sentence words a capitalised run can start with that are not part of the journal's name."""
VAGUE_MAX_MODIFIERS = 6
"""The most words an appeal puts before "studies" ("several large-scale randomized controlled studies"): a bound, so
that a long run of such words is not tried again from each of its words."""
VAGUE = re.compile(
    r"\b(?:(?:research|science|(?:scientific\s+)?evidence|data)\s+(?:now\s+|also\s+)?"
    r"(?:shows?|suggests?|proves?|indicates?|reveals?|states?|has\s+(?:shown|found|proven|demonstrated))"
    r"|(?:(?:recent|several|many|some|various|multiple|numerous|other|clinical|experimental|few|most|large-scale|"
    rf"randomi[sz]ed|controlled|research|scientific|modern)\s+){{0,{VAGUE_MAX_MODIFIERS}}}"
    r"(?:studies|trials|reviews|researchers|scientists|meta-analyses)(?:\s+and\s+meta-analyses)?\s+(?:have\s+|has\s+)?"
    r"(?:also\s+|consistently\s+|already\s+)?(?:found|shown|show|suggest|suggested|report|reported|demonstrate|"
    r"demonstrated|proven|indicate|indicated|find|state|highlight|confirm|point)"
    r"|(?:a|one|another)\s+(?:recent\s+|new\s+|large\s+|small\s+)?(?:study|trial|systematic\s+review|review|"
    r"meta-analysis|survey)\s+(?:has\s+)?(?:found|showed|shown|reported|suggests|suggested|demonstrated|revealed)"
    r"|(?:a|one)\s+recent\s+(?:study|trial|review)"
    r"|experts?\s+(?:say|said|agree|believe|suggest))\b", re.IGNORECASE)


def _person(name: str) -> bool:
    return name not in NOT_NAMES and not has_journal_words(name)


def _year_before(text: str, start: int) -> int | None:
    window = text[max(0, start - 80):start]
    window = re.split(r"[.;!?]\s|\n\s*\n", window)[-1]
    found = YEAR_BEFORE.search(window)
    return int(found.group("year")) if found else None


def _sentence_end(text: str, start: int, reach: int = 160) -> int:
    found = re.compile(r"(?<!et al)(?<!Dr)[.!?](?=\s|$)").search(text, start, min(len(text), start + reach))
    return found.start() if found else min(len(text), start + reach)


def _authored(kind_year: int | None, start: int, end: int, text: str, names: tuple[str, ...],
              confidence: float, **fields: object) -> Citation:
    authors = tuple(repair_text(name) for name in names if name)
    return Citation("author-year" if kind_year else "author", start, end, text[start:end], authors=authors,
                    first_author=authors[0], year=kind_year, confidence=confidence, **fields)  # type: ignore[arg-type]


def find_author_mentions(text: str) -> Iterator[Citation]:
    """"Cha et al.", "Phillips et al. (2004)", "In 2014, Bao et al.", table rows, "Kong and his colleagues"."""
    for match in ET_AL.finditer(text):
        if not _person(match.group("name")):
            continue
        year = int(match.group("year")) if match.group("year") else _year_before(text, match.start())
        confidence = 0.85 if match.group("year") else 0.8 if year else 0.6
        yield _authored(year, match.start(), match.end(), text, (match.group("name"), match.group("second")),
                        confidence)
    for match in COLLEAGUES.finditer(text):
        if not _person(match.group("name")):
            continue
        end, journal = match.end(), None
        year = int(match.group("year")) if match.group("year") else _year_before(text, match.start())
        after = JOURNAL_AFTER.match(text, end)
        if after and after.end() <= _sentence_end(text, end) + 1 and looks_like_journal(after.group("journal")):
            end, journal, year = after.end(), repair_text(after.group("journal")), int(after.group("year"))
        elif year is None and (near := STATED_YEAR.search(text, end, _sentence_end(text, end))):
            end, year = near.end(), int(near.group("year"))
        yield _authored(year, match.start(), end, text, (match.group("name"),), 0.8 if year else 0.6,
                        journal=journal)
    for match in NARRATIVE.finditer(text):
        if _person(match.group("name")):
            yield _authored(int(match.group("year")), match.start(), match.end(), text,
                            (match.group("name"), match.group("second")), 0.75)


def find_parenthetical(text: str) -> Iterator[Citation]:
    """Each part of "(Liu 2010)", "(Shlay 1998; Shiflett 2011)", "(Smith and Torrance 2010)", "(NICE 2010)"."""
    for group in PARENTHESES.finditer(text):
        offset = group.start(1)
        for part in re.finditer(r"[^;]+", group.group(1)):
            stripped = part.group().strip()
            found = PARENTHETICAL_PART.match(stripped)
            if found is None or not (_person(found.group("name")) or re.fullmatch(ACRONYM, found.group("name"))):
                continue
            start = offset + part.start() + (len(part.group()) - len(part.group().lstrip()))
            yield _authored(int(found.group("year")), start, start + len(stripped), text,
                            (found.group("name"), found.group("second")), 0.9)


def _covering(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The spans' starts, sorted, and for each the furthest end of the spans starting there or before."""
    ordered = sorted(spans)
    return [begin for begin, _ in ordered], list(itertools.accumulate((end for _, end in ordered), max))


def _inside(position: int, covering: tuple[list[int], list[int]]) -> bool:
    """True when ``position`` lies in one of the spans :func:`_covering` summarised (a binary search)."""
    starts, reach = covering
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and position < reach[index]


def _printed_year(match: re.Match[str]) -> int | None:
    """The year a cued journal mention prints: after the name, in the issue named, or in the cue ("published in
    2009 in")."""
    printed = match.group("year") or match.group("issue_year") or match.group("cue_year")
    return int(printed) if printed else None


def find_journal_mentions(text: str) -> Iterator[Citation]:
    """"A study published in JAMA 1998", "Neural Regeneration Research 2016", "published in Pain Medicine",
    "a 2019 study in the Journal of Pain"."""
    cued_spans: list[tuple[int, int]] = []
    for match in CUED_JOURNAL.finditer(text):
        journal = NOT_JOURNAL_WORD.sub("", repair_text(match.group("journal"))).strip()
        if not journal or journal.split()[0] in NOT_JOURNALS:
            continue
        year = _printed_year(match)
        cued_spans.append((match.start("journal"), match.end()))
        yield Citation("journal-year", match.start(), match.end(), match.group(), journal=journal, year=year,
                       confidence=0.6 if year else 0.4)
    for match in YEAR_FIRST.finditer(text):
        journal = repair_text(match.group("journal"))
        if match.group("cue") or looks_like_journal(journal):
            cued_spans.append((match.start("journal"), match.end()))
            yield Citation("journal-year", match.start(), match.end(), match.group(), journal=journal,
                           year=int(match.group("year")), confidence=0.6)
    covered = _covering(cued_spans)
    for match in FINDINGS_IN.finditer(text):
        journal = NOT_JOURNAL_WORD.sub("", repair_text(match.group("journal"))).strip()
        if (_inside(match.start("journal"), covered) or not journal or not looks_like_journal(journal)
                or names_institution(journal)):
            continue
        cued_spans.append((match.start("journal"), match.end()))
        year = int(match.group("year")) if match.group("year") else None
        yield Citation("journal-year", match.start(), match.end(), match.group(), journal=journal, year=year,
                       confidence=0.6 if year else 0.4)
    covered = _covering(cued_spans)
    for match in BARE_JOURNAL_YEAR.finditer(text):
        lead = LEADING_WORDS.match(match.group("journal"))
        start = match.start() + (lead.end() if lead else 0)
        journal = text[start:match.end("journal")]
        inside = _inside(start, covered)
        if inside or names_institution(journal) or not any(
                word.lower() in JOURNAL_CUES for word in re.findall(r"[A-Za-z]+", journal)):
            continue
        yield Citation("journal-year", start, match.end(), text[start:match.end()], journal=repair_text(journal),
                       year=int(match.group("year")), confidence=0.5)


NEWS_NAMES = ("name", "name2", "name3", "name4", "name5")


def _named_authors(text: str) -> Iterator[tuple[re.Match[str], str, bool]]:
    """Each news phrase naming one of the study's authors (a person, not an institution), with the surname it names
    and whether it makes them the first author, in text order."""
    found = [(match, next(key for key in NEWS_NAMES if match.group(key)), _leads(text[match.start():match.end() + 30]))
             for match in NEWS.finditer(text)]
    found += [(match, "name", True) for match in AUTHOR_BY_APPOSITION.finditer(text)]
    kept: list[tuple[re.Match[str], str, bool]] = []
    for match, key, leads in sorted(found, key=lambda found: found[0].start()):
        name = match.group(key)
        if not _person(name) or INSTITUTION_AFTER.match(text, match.end(key)):
            continue
        if kept and kept[-1][1] == name and match.start() < kept[-1][0].end():
            kept[-1] = (kept[-1][0], name, kept[-1][2] or leads)
        else:
            kept.append((match, name, leads))
    kept += [(match, match.group("name"), True) for match in AUTHOR_POSSESSIVE.finditer(text)
             if _person(match.group("name"))]
    kept.sort(key=lambda found: found[0].start())
    return iter(kept)


def find_news_attributions(text: str) -> Iterator[Citation]:
    """"said lead author Dr. Maria Lopez … The study appears in the journal Pain": author, journal, year near."""
    for match, name, leads in _named_authors(text):
        end = match.end()
        journal = year = None
        cued = CUED_JOURNAL.search(text, end, min(len(text), end + NEWS_REACH))
        if cued:
            journal, end = NOT_JOURNAL_WORD.sub("", repair_text(cued.group("journal"))).strip() or None, cued.end()
            year = _printed_year(cued)
        if year is None and (near := YEAR_NEAR.search(text, _sentence_start(text, match.start()),
                                                       _sentence_end(text, end))):
            year = int(near.group("year"))
        surname = repair_text(name)
        yield Citation("news", match.start(), end, text[match.start():end], authors=(surname,),
                       first_author=surname if leads else None, journal=journal, year=year,
                       confidence=0.7)


LEAD_ROLE = re.compile(r"\b(?:lead|first|main|leader|led|leads)\b|\band\s+(?:(?:his|her|their)\s+)?colleagues\b")
"""Words that make a named researcher the study's first author whatever else the phrase says."""
AUTHOR_ROLE = re.compile(r"\b(?:heads?|headed|directed|author)\b|\bstudy(?:['’]s)?\s+(?:researcher|investigator)\b")
"""Words that make them the first author unless :data:`OTHER_AUTHOR_ROLE` says otherwise."""
OTHER_AUTHOR_ROLE = re.compile(r"\b(?:senior|co-?author|co-?researcher|co-?investigator|corresponding|principal)\b")


def _leads(phrase: str) -> bool:
    """True when a news phrase (and the words after it) names the study's first author: lead, first or main
    author, "led by", "X and colleagues", a study author or study researcher; not a senior author, a co-author, a
    principal investigator or a bare "researcher" (the paper's first author is often someone else)."""
    if LEAD_ROLE.search(phrase):
        return True
    return not OTHER_AUTHOR_ROLE.search(phrase) and bool(AUTHOR_ROLE.search(phrase))


def _sentence_start(text: str, position: int, reach: int = 200) -> int:
    """Where the sentence holding ``position`` starts (at most ``reach`` characters before it)."""
    floor = max(0, position - reach)
    return max(floor, *(text.rfind(mark, floor, position) + len(mark) for mark in (". ", "! ", "? ", "\n")))


DATED_STUDY = re.compile(
    rf"\b(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother)\s+(?P<year>{YEAR})\s+(?:[a-z-]+\s+){{0,3}}?"
    r"(?:study|trial|review|meta-analysis|analysis|paper|survey)\b")
"""A study named by its year alone, "A 2010 study of 450 children": no study yet, but its year is a fact a journal
named beside it ("As reported in the journal …") completes."""


def find_vague_appeals(text: str) -> Iterator[Citation]:
    """"research shows", "studies have found", "a recent study", "experts say": appeals naming no study; "a 2010
    study": an appeal with its year."""
    for match in VAGUE.finditer(text):
        yield Citation("vague", match.start(), match.end(), match.group(), confidence=0.3)
    for match in DATED_STUDY.finditer(text):
        yield Citation("vague", match.start(), match.end(), match.group(), year=int(match.group("year")),
                       confidence=0.3)


JOURNAL_CUES = frozenset({"journal", "medicine", "research", "neuroscience", "jama", "bmj", "lancet", "nejm",
                          "oncologist", "oncology", "neurology", "diabetes", "nutrition", "regeneration", "annals",
                          "archives", "bulletin", "proceedings", "pain", "palliative", "plos", "reviews"})
"""The stricter cue words for a journal named with a year and no "published in" before it."""
