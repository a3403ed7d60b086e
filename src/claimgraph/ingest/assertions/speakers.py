"""Who says each sentence: the source itself, or a person or group it quotes or reports.

News stories and press releases quote people ("…," said lead author Dr. Ada Okafor) and report what they said
("Brandt said the trial was small"). A sentence is attributed to a speaker when

* it carries an attribution of its own: a speech verb beside a speaker (a name, with or without a title; a
  pronoun; a group such as "the researchers"), before or after what is said, or "according to" a speaker;
* it lies in a quotation whose attribution is in another sentence of the same paragraph
  ("First sentence. Second one," Okafor said.);
* it lies in a quotation with no attribution of its own: the speaker of an attribution opening the next sentence
  ("…." Said co-author X), else the speaker of the sentence right before it (a second quote of the same person,
  or a quote continued in the next paragraph, as news style does).

A pronoun ("he said") names the last person named as a speaker before it. The words beside the name give the role:
"lead author", "co-author", "who led the study" make a study author (so do "the researchers", "the authors");
"not involved in", "independent", "commentary", "editorial" an independent expert. Every pattern is bounded:
the work is linear in the text's length.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from claimgraph.ingest.model import Sentence, Speaker

STUDY_AUTHOR = "study-author"
INDEPENDENT_EXPERT = "independent-expert"
"""Notations of cg:SpeakerRoles (ontology/vocabularies.ttl)."""

_VERB = (r"(?:said|says|say|told|tells|added|adds|explained|explains|noted|notes|wrote|writes|warned|warns|"
         r"cautioned|cautions|stated|states|argued|argues|believes|believe|concluded|conclude|concludes|"
         r"commented|comments|emphasi[sz]ed|emphasi[sz]es|stressed|stresses|acknowledged|acknowledges|urged|urges|"
         r"predicted|predicts|pointed out|points out|contends|contended|insists|insisted|agreed|agrees|"
         r"recommend|recommends|recommended)")
_TITLE = r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir)\.?\s+)"
_NOT_A_NAME = (r"(?!(?:The|This|That|These|Those|A|An|It|Its|In|On|But|And|Or|So|He|She|They|We|Our|Study|Studies|"
               r"Research|Results?|Findings?|Data|Evidence|Reports?|Analysis|Experts?|Researchers|Scientists|"
               r"Doctors|Officials|Authors|Both|Some|Many|Most|Other|Others|According|Previous|Earlier|New|"
               r"Now|Then|Still|Yet|However|Also|Even|If|When|While|After|Before|Because|Although|Though|Today|"
               r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)")
_WORD = r"[A-Z][\w'’-]{1,30}"
_PERSON = (rf"{_TITLE}?{_NOT_A_NAME}{_WORD}(?:\s+(?:[A-Z]\.\s+)?(?:(?:de|van|von|der|la|le|du|da|del|di)\s+){{0,2}}"
           rf"{_WORD}){{0,3}}")
_GROUP = (r"(?:the\s+|other\s+|some\s+|many\s+|several\s+)?(?:study[’']?s?\s+|(?:[A-Z][\w.-]{1,30}\s+){1,2})?"
          r"(?i:researchers|authors|scientists|investigators|experts|doctors|physicians|critics|advocates|"
          r"officials|team)")
_PRONOUN = r"(?i:he|she|they)"
_ROLE_BEFORE = (r"(?:(?:the\s+)?(?:study[’']s\s+)?(?:(?:lead|senior|first|co-?|principal|corresponding)[\s-]?"
                r"(?:author|researcher|investigator)|study\s+(?:co-?)?(?:author|researcher|investigator)|researcher|"
                r"professor|spokes(?:wo)?man|spokesperson),?\s+)")
_SPEAKER = rf"(?P<speaker>{_PRONOUN}|{_GROUP}|{_PERSON})"

_TRAILING_VERB_FIRST = re.compile(rf"[,”\"]\s*{_VERB}\s+(?P<role>{_ROLE_BEFORE})?{_SPEAKER}")
_TRAILING_SPEAKER_FIRST = re.compile(rf"[,”\"]\s*(?P<role>{_ROLE_BEFORE})?{_SPEAKER}\s+{_VERB}\s*(?:[.,;:]|$)")
_LEADING = re.compile(
    rf"^\W{{0,3}}(?:(?P<apposition>[^,“”\"]{{1,60}}),\s*)?(?P<role>{_ROLE_BEFORE})?{_SPEAKER}"
    rf"(?P<aside>,[^“”\"]{{1,200}}?(?:,|\s+and))?,?\s+(?:also\s+|further\s+)?{_VERB}\b"
)
_ACCORDING = re.compile(rf"\b[Aa]ccording to\s+(?P<role>{_ROLE_BEFORE})?{_SPEAKER}")
_SAID_FIRST = re.compile(rf"^\W{{0,3}}(?:[Ss]aid|[Ss]ays|[Aa]dded|[Ee]xplained)\s+(?P<role>{_ROLE_BEFORE})?{_SPEAKER}")
"""An attribution opening its own sentence after a quote that closed in the one before ("…." Said co-author X)."""
_PATTERNS = (_TRAILING_VERB_FIRST, _TRAILING_SPEAKER_FIRST, _LEADING, _ACCORDING, _SAID_FIRST)

_STUDY_AUTHOR_CUE = re.compile(
    r"\b(?:(?:lead|senior|first|co-?|principal|corresponding)[\s-]?(?:author|researcher|investigator)|"
    r"author of the (?:study|research|paper|report|analysis|trial|review)|study\s+(?:co-?)?author|"
    r"(?:who\s+)?led the (?:study|research|trial|work|team)|researchers|authors|investigators|team)\b",
    re.IGNORECASE,
)
_INDEPENDENT_CUE = re.compile(
    r"\b(?:not\s+involved|n[’']t\s+involved|independent|not\s+part\s+of|n[’']t\s+part\s+of|did\s+not\s+"
    r"(?:take\s+part|participate)|commentary|editorial|reviewed\s+the\s+(?:findings|study|results))\b",
    re.IGNORECASE,
)
_ROLE_REACH = 120
"""How many characters after the speaker's name its role may be stated ("…, a professor at X who was not…")."""
_GROUP_NAME = re.compile(_GROUP, re.IGNORECASE)
_STUDY_TEAM = re.compile(r"researchers|authors|investigators|team", re.IGNORECASE)
_TRAILING_WORDS = re.compile(r"(?:\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|In|At|The|This))+$")
_TITLED_NAME = re.compile(rf"{_TITLE}{_WORD}(?:\s+{_WORD}){{0,2}}")
_QUOTE_OPEN, _QUOTE_CLOSE, _QUOTE_EITHER = "“", "”", '"'


def _role(context: str) -> str | None:
    """The speaker role the words beside a name state, if any (independent before author: "not involved in the
    study" also names the study)."""
    if _INDEPENDENT_CUE.search(context):
        return INDEPENDENT_EXPERT
    if _STUDY_AUTHOR_CUE.search(context):
        return STUDY_AUTHOR
    return None


def own_attribution(sentence: Sentence) -> Speaker | None:
    """The speaker a sentence names with a speech verb or "according to" (a pronoun is left for the caller to
    resolve: its ``name`` is the pronoun)."""
    text = sentence.text
    for pattern in _PATTERNS:
        found = pattern.search(text)
        if found is None:
            continue
        name = _TRAILING_WORDS.sub("", found.group("speaker").strip())
        begin = found.start("speaker")
        end = begin + len(name)
        group = _GROUP_NAME.fullmatch(name) is not None
        before = (found.groupdict().get("role") or "") + (found.groupdict().get("apposition") or "")
        role = _role(before) or _role(text[end:end + _ROLE_REACH])
        if group and role is None and _STUDY_TEAM.search(name):
            role = STUDY_AUTHOR
        return Speaker(name, role, sentence.start + begin, sentence.start + end, group)
    return None


def said_words(sentence: Sentence) -> Sentence | None:
    """The words a speaker says in ``sentence``, without the attribution: those inside quotation marks (a quote
    may open before the sentence or close after it), else those a leading attribution introduces ("Brandt said
    [that] …", "According to the researchers, …") or a trailing one follows ("…, Okafor said."). ``None`` when
    fewer than three words remain or nothing would be cut."""
    text = sentence.text
    quoted = _quoted_span(text)
    for begin, end in ([quoted] if quoted else _reported_spans(text)):
        inner = text[begin:end]
        stripped = inner.strip().strip(",;:").strip()
        if len(stripped.split()) >= 3 and len(stripped) < len(text.strip()) - 2:
            begin += inner.find(stripped)
            return Sentence(sentence.start + begin, sentence.start + begin + len(stripped), stripped)
    return None


def _quoted_span(text: str) -> tuple[int, int] | None:
    """Offsets of the quoted words of a sentence: between its first opening and the next closing mark; a lone
    straight mark after some words closes a quote opened in an earlier sentence, at the start opens one."""
    marks = [index for index, char in enumerate(text) if char in (_QUOTE_OPEN, _QUOTE_CLOSE, _QUOTE_EITHER)]
    if not marks:
        return None
    first = marks[0]
    closes_earlier = text[first] == _QUOTE_CLOSE or (
        text[first] == _QUOTE_EITHER and len(marks) % 2 == 1 and text[:first].strip() != "")
    if closes_earlier:
        return 0, first
    return first + 1, marks[1] if len(marks) > 1 else len(text)


def _reported_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of what an attribution without quotation marks may report: after a leading one, before a trailing
    one (both tried: "The trial was small, Brandt said." reads as either)."""
    spans = []
    for pattern in (_LEADING, _ACCORDING):
        found = pattern.search(text)
        if found is not None:
            after = re.match(r"[\s,]*(?:that\b)?", text[found.end():])
            spans.append((found.end() + (after.end() if after else 0), len(text.rstrip().rstrip("."))))
    for pattern in (_TRAILING_VERB_FIRST, _TRAILING_SPEAKER_FIRST):
        found = pattern.search(text)
        if found is not None:
            spans.append((0, found.start() + 1))
    return spans


def _quote_regions(text: str) -> list[tuple[int, int]]:
    """Spans of quotations, each within one paragraph (a quote still open at a line break ends there)."""
    regions = []
    opened: int | None = None
    for index, char in enumerate(text):
        if char == "\n":
            if opened is not None:
                regions.append((opened, index))
            opened = None
        elif opened is None and char in (_QUOTE_OPEN, _QUOTE_EITHER):
            opened = index
        elif opened is not None and char in (_QUOTE_CLOSE, _QUOTE_EITHER):
            regions.append((opened, index + 1))
            opened = None
    if opened is not None:
        regions.append((opened, len(text)))
    return regions


def _continued_from(inside: list[int], sentences: Sequence[Sentence], speakers: list[Speaker | None],
                    resolved: list[Speaker | None]) -> Speaker | None:
    """Who says a quotation without an attribution of its own: the speaker the sentence right after it names when
    that sentence opens with one ("Said co-author X"); else the speaker of the sentence right before it (a second
    quote of the same person, or a quote continued in the next paragraph)."""
    after = inside[-1] + 1
    if after < len(sentences) and resolved[after] is not None and _SAID_FIRST.match(sentences[after].text):
        return resolved[after]
    before = inside[0] - 1
    if before < 0:
        return None
    return speakers[before]


def attribute(text: str, sentences: Sequence[Sentence]) -> list[Speaker | None]:
    """The speaker of each of ``sentences`` (``None``: the source itself), in order; see the module docstring."""
    resolved: list[Speaker | None] = []
    last_person: Speaker | None = None
    last_any: Speaker | None = None
    for sentence in sentences:
        speaker = own_attribution(sentence)
        if speaker is not None and speaker.name.lower() in ("he", "she", "they"):
            speaker = last_person if speaker.name.lower() != "they" else last_any
        resolved.append(speaker)
        named = [found for found in _TITLED_NAME.finditer(sentence.text)
                 if speaker is None or sentence.start + found.start() > speaker.end]
        if named:
            speaker = Speaker(named[-1].group(), _role(sentence.text[named[-1].end():][:_ROLE_REACH]),
                              sentence.start + named[-1].start(), sentence.start + named[-1].end())
        if speaker is not None:
            last_any = speaker
            if not speaker.group:
                last_person = speaker
    speakers = list(resolved)
    starts = [sentence.start for sentence in sentences]
    unattributed = []
    for region_start, region_end in _quote_regions(text):
        first = max(0, bisect.bisect_right(starts, region_start) - 1)
        inside = [i for i in range(first, bisect.bisect_left(starts, region_end))
                  if sentences[i].start < region_end and region_start < sentences[i].end]
        speaker = next((resolved[i] for i in inside if resolved[i] is not None), None)
        if speaker is None and inside:
            unattributed.append(inside)
        for i in inside:
            speakers[i] = speakers[i] or speaker
    for inside in unattributed:
        speaker = _continued_from(inside, sentences, speakers, resolved)
        for i in inside:
            speakers[i] = speakers[i] or speaker
    return speakers
