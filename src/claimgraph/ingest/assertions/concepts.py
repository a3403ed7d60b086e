"""Recognise the conditions, interventions, mechanisms and outcomes a sentence names.

Known concepts come from the graph: every ``skos:prefLabel`` and ``skos:altLabel`` of ``cg:Condition``,
``cg:Intervention`` and ``cg:Mechanism`` (query ``ingest/assertions/queries/concepts.rq``). Labels match on word
boundaries, case-insensitively, except acronyms (labels in capitals such as "DPN", "EA", "HIV"), which match
only in capitals; a space in a label also matches a hyphen or line break; where labels overlap the longest wins.

Terms the vocabulary does not know are reported with ``iri=None`` (drafted as new concepts for review), by a
deliberately narrow set of patterns:

* conditions: a word ending in -itis, -pathy, -algia, -emia/-aemia, -oma (with one modifier word before it
  when that word is not a function word), or one or two words before "syndrome", "disease", "disorder",
  "cancer" or a body-site "pain" ("back pain");
* interventions: one or two words before "therapy" or "supplementation" ("heat therapy", "vitamin B
  supplementation"), and drug names by their suffix (-mab, -pril, -olol, -statin, -azole, -mycin, -cillin,
  -zepine, -tyline, -entin, -balin, -formin, -caine, -zomib, -taxel, -platin, -cobalamin, -oxetine, -profen);
* outcomes: a fixed list of outcome words (pain, numbness, tingling, sleep, quality of life, nerve
  conduction, nerve function, mortality, …), kind ``outcome``: outcomes are literals in the model.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimgraph.ingest.assertions import QUERIES
from claimgraph.ingest.assertions.lexicon import PhraseMatcher
from claimgraph.ingest.model import ConceptKind, ConceptMention
from claimgraph.namespaces import CG

if TYPE_CHECKING:
    from claimgraph.store.base import Store

_KIND_OF_CLASS: dict[str, ConceptKind] = {
    str(CG.Condition): "condition",
    str(CG.Intervention): "intervention",
    str(CG.Mechanism): "mechanism",
}
OUTCOME_WORDS = (
    "pain", "pain scores", "pain intensity", "pain severity", "pain relief", "numbness", "tingling", "burning",
    "allodynia", "hyperalgesia", "sleep", "quality of life", "nerve conduction", "nerve conduction velocity",
    "nerve function", "mortality", "death rate", "survival", "survival rate", "daily function", "symptoms",
    "depression", "anxiety", "attrition", "medication use", "analgesic use", "side effects", "mobility",
)
_FUNCTION_WORDS = frozenset(
    [
        "a", "an", "the", "of", "and", "or", "in", "on", "for", "to", "with", "by", "from", "as", "at", "is",
        "are", "was", "were", "be", "been", "this", "that", "these", "those", "its", "their", "his", "her", "our",
        "your", "my", "no", "not", "any", "some", "many", "most", "more", "less", "all", "both", "each", "other",
        "such", "than", "into", "after", "before", "under", "over", "also", "only", "very", "which", "who",
        "whose"
    ]
)
_NON_MODIFIERS = _FUNCTION_WORDS | frozenset(
    [
        "traditional", "add-on", "adjunct", "adjunctive", "standard", "combination", "combined", "conventional",
        "drug", "medical", "this", "alternative", "complementary", "same", "new", "current", "usual", "effective",
        "physical", "the"
    ]
)
_TERM_MAX_LETTERS = 40
"""The longest word the patterns for unknown terms take: a bound, so that a long hyphenated run ("well-well-…") is
not read again from each of its parts."""
_WORD = rf"[A-Za-z][A-Za-z0-9'-]{{0,{_TERM_MAX_LETTERS - 1}}}"
_CONDITION_SUFFIX = re.compile(
    rf"\b(?:({_WORD})\s+)?([A-Za-z-]{{3,{_TERM_MAX_LETTERS}}}(?:itis|pathy|pathies|algia|emia|aemia))\b")
_CONDITION_HEAD = re.compile(rf"\b(?:({_WORD})\s+)?({_WORD})\s+(syndrome|disease|disorder|cancer)\b", re.IGNORECASE)
_BODY_SITE_PAIN = re.compile(
    r"\b((?:low(?:er)?\s+)?(?:back|neck|knee|shoulder|joint|hip|pelvic|menstrual|chest|abdominal|muscle|"
    r"phantom\s+limb|arthritis|cancer)\s+pain)\b",
    re.IGNORECASE,
)
_INTERVENTION_HEAD = re.compile(rf"\b(?:({_WORD})\s+)?({_WORD})\s+(therapy|supplementation)\b", re.IGNORECASE)
_DRUG = re.compile(
    r"\b[A-Za-z]{3,}(?:mab|pril|olol|statin|azole|mycin|cillin|zepine|tyline|entin|balin|formin|caine|zomib|"
    r"taxel|platin|cobalamin|oxetine|profen)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ConceptIndex:
    """Labels of known concepts, compiled into one matcher, plus the patterns for unknown terms."""

    labels: tuple[tuple[str, str, ConceptKind], ...]
    _pattern: PhraseMatcher = field(init=False, repr=False, compare=False)
    _acronyms: PhraseMatcher = field(init=False, repr=False, compare=False)
    _owners: dict[str, tuple[str, ConceptKind]] = field(init=False, repr=False, compare=False)
    """The concept (IRI, or "" for an outcome word) and kind of each label the matchers hold, by the label as given:
    a match is looked up by the label it matched (:meth:`PhraseMatcher.phrase`), never by its text, so a text in
    capitals or any other case cannot miss the table."""

    def __post_init__(self) -> None:
        keys: set[str] = set()
        owners: dict[str, tuple[str, ConceptKind]] = {}
        plain: list[str] = []
        acronyms: list[str] = []
        for label, iri, kind in (*self.labels, *((word, "", "outcome") for word in OUTCOME_WORDS)):
            if _key(label) in keys:
                continue
            keys.add(_key(label))
            owners[label] = (iri, kind)
            (acronyms if _is_acronym(label) else plain).append(label)
        object.__setattr__(self, "_owners", owners)
        object.__setattr__(self, "_pattern", PhraseMatcher(plain, re.IGNORECASE))
        object.__setattr__(self, "_acronyms", PhraseMatcher(acronyms, 0))

    @classmethod
    def from_store(cls, store: Store) -> ConceptIndex:
        """The labels of every condition, intervention and mechanism in ``store`` (``concepts.rq``)."""
        rows = store.select_strings(QUERIES.text("concepts"))
        return cls(tuple((row["label"], row["concept"], _KIND_OF_CLASS[row["class"]]) for row in rows
                         if row.get("class") in _KIND_OF_CLASS))

    def find(self, text: str, offset: int = 0) -> list[ConceptMention]:
        """Concepts named in ``text``, in text order, offsets shifted by ``offset`` (the text's own start)."""
        spans: list[ConceptMention] = []
        for pattern in (self._acronyms, self._pattern):
            for found in pattern.finditer(text):
                iri, kind = self._owners[pattern.phrase(found)]
                spans.append(ConceptMention(kind, found.group(0), found.start(), found.end(), iri or None))
        vocabulary = _longest_first([mention for mention in spans if mention.iri is not None])
        outcomes = [mention for mention in spans if mention.iri is None]
        others = _longest_first(outcomes + unknown_terms(text))
        mentions = vocabulary + [term for term in others if not _overlaps_any(term, vocabulary)]
        return sorted(
            (ConceptMention(m.kind, m.label, m.start + offset, m.end + offset, m.iri) for m in mentions),
            key=lambda mention: (mention.start, mention.end),
        )


def unknown_terms(text: str) -> list[ConceptMention]:
    """Condition and intervention terms the vocabulary may not know, by the module's patterns (``iri=None``)."""
    found: list[ConceptMention] = []
    for match in _CONDITION_SUFFIX.finditer(text):
        found.append(_with_modifier(text, match, "condition"))
    for match in _CONDITION_HEAD.finditer(text):
        if match.group(2).lower() not in _FUNCTION_WORDS:
            found.append(_with_modifier(text, match, "condition"))
    for match in _BODY_SITE_PAIN.finditer(text):
        found.append(ConceptMention("condition", match.group(0), match.start(), match.end()))
    for match in _INTERVENTION_HEAD.finditer(text):
        if match.group(2).lower() not in _NON_MODIFIERS:
            found.append(_with_modifier(text, match, "intervention"))
    for match in _DRUG.finditer(text):
        found.append(ConceptMention("intervention", match.group(0), match.start(), match.end()))
    return found


def _with_modifier(text: str, match: re.Match[str], kind: ConceptKind) -> ConceptMention:
    """The match, with its optional first word dropped when that word is a function word or a generic modifier."""
    start = match.start()
    modifier = match.group(1)
    if modifier is not None and (modifier.lower() in _NON_MODIFIERS or modifier.lower().endswith(("ed", "ing", "ly"))):
        start = match.start(2)
    return ConceptMention(kind, text[start : match.end()], start, match.end())


def _key(label: str) -> str:
    """A label folded to tell duplicates apart: acronyms as they are, other labels lower-cased; hyphens and spaces
    alike (the first label of a key is kept)."""
    folded = " ".join(re.split(r"[\s-]+", label.strip()))
    return folded if _is_acronym(label) else folded.lower()


def _is_acronym(label: str) -> bool:
    """True for a label written in capitals (with digits or signs), such as "DPN", "EA" or "Bcl-2" is not."""
    letters = [char for char in label if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters) and len(label) <= 10


def _overlaps(one: ConceptMention, other: ConceptMention) -> bool:
    """True when the two spans share a character."""
    return one.start < other.end and other.start < one.end


def _overlaps_any(mention: ConceptMention, spans: Sequence[ConceptMention]) -> bool:
    """True when ``mention`` shares a character with one of ``spans`` (none overlapping, sorted by start)."""
    index = bisect.bisect_left(spans, mention.end, key=lambda span: span.start) - 1
    return index >= 0 and _overlaps(mention, spans[index])


def _longest_first(mentions: Sequence[ConceptMention]) -> list[ConceptMention]:
    """Non-overlapping mentions, a longer one kept over any shorter one it overlaps; sorted by start."""
    kept: list[ConceptMention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if not _overlaps_any(mention, kept):
            bisect.insort(kept, mention, key=lambda span: span.start)
    return kept
