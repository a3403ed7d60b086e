"""The detectors' lexicon: the ``cg:cue`` words of the wording strengths and claim types, read from the ontology.

The lexicon is stated once, as ``cg:cue`` literals on the concepts of ``ontology/vocabularies.ttl``. The rules
that apply it (``strength.classify_strength``):

* a cue matches case-insensitively on word boundaries (a space in a cue also matches a hyphen or a line break);
  where cues overlap, the longest match wins ("research has shown" over "shown");
* a sentence with no strength cue at all is a flat statement of fact ("acupuncture relieves neuropathic pain")
  and is **strong**, as the curation guide codes it;
* a relation cue (``cg:relationCue``: "associated with", "risk factor", "more likely") names the kind of relation
  claimed, an association, and governs whatever modal stands beside it ("X may be associated with Y": moderate);
* otherwise, when cues of several strengths remain, the weakest wording governs: hedged over moderate over strong
  ("research shows it is effective" is moderate, "research suggests it may help" hedged);
* a booster negated just before it ("not proven", "never been shown") does not count as a booster.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from claimgraph.ingest.assertions import QUERIES
from claimgraph.ingest.model import ClaimTypeCode, StrengthCode
from claimgraph.namespaces import CG

if TYPE_CHECKING:
    from claimgraph.store.base import Store

STRENGTH_SCHEME = str(CG.AssertionStrengths)
CLAIM_TYPE_SCHEME = str(CG.ClaimTypes)
POLARITY_SCHEME = str(CG.ClaimPolarities)


@dataclass(frozen=True)
class CueMatch:
    """One cue found in a text: which concept's code, the cue, and where (offsets into the text)."""

    code: str
    cue: str
    start: int
    end: int


def cue_pattern(cue: str) -> str:
    """The regex for one cue: its words in order, separated by spaces, hyphens or line breaks, on word boundaries."""
    words = [re.escape(word) for word in re.split(r"[\s-]+", cue.strip()) if word]
    body = r"[\s\-]+".join(words)
    head = r"(?<![\w])" if cue[:1].isalnum() else ""
    tail = r"(?![\w])" if cue[-1:].isalnum() else ""
    return f"{head}{body}{tail}"


_WORD = re.compile(r"(?<!\w)\w+")


class PhraseMatcher:
    """Leftmost-longest, non-overlapping matches of many phrases, as one alternation would give, but fast.

    The phrases are grouped by their first word: only where a word of the text starts one of them is that
    group's (small) alternation tried, instead of every phrase at every character; a group's alternation is
    compiled the first time a word of a text starts it (most of a large lexicon's groups never meet their first word
    in one document, and compiling them all would cost more than matching). :meth:`phrase` tells which
    phrase a match is, from the alternative that matched, never from the matched text: under ``re.IGNORECASE`` a
    text may match a phrase it does not equal in any folding ("İNSOMNIA" matches "insomnia", "ſleep" "sleep").
    """

    def __init__(self, phrases: Iterable[str], flags: int) -> None:
        self._fold: Callable[[str], str] = str.lower if flags & re.IGNORECASE else str
        self._phrases = sorted(set(phrases), key=lambda phrase: (-len(phrase), phrase))
        groups: dict[str, list[int]] = {}
        others: list[int] = []
        for index, phrase in enumerate(self._phrases):
            first = _WORD.match(phrase.strip())
            if first is None:
                others.append(index)
            else:
                groups.setdefault(self._fold(first.group(0)), []).append(index)
        self._flags = flags
        self._members = groups
        self._groups: dict[str, re.Pattern[str]] = {}
        self._others = self._alternation(others, flags) if others else None

    def _alternation(self, indexes: list[int], flags: int) -> re.Pattern[str]:
        """One regex of the phrases at ``indexes`` (longest first), each alternative a group named by its index."""
        return re.compile("|".join(f"(?P<p{index}>{cue_pattern(self._phrases[index])})" for index in indexes),
                          flags)

    def _group(self, word: str) -> re.Pattern[str] | None:
        """The compiled alternation of the phrases starting with ``word``, or None when none does."""
        pattern = self._groups.get(word)
        if pattern is None and word in self._members:
            pattern = self._groups[word] = self._alternation(self._members[word], self._flags)
        return pattern

    def phrase(self, match: re.Match[str]) -> str:
        """The phrase (as given) that ``match``, one of :meth:`finditer`'s, is a match of."""
        return self._phrases[int((match.lastgroup or "p")[1:])]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches in ``text``, left to right, none overlapping an earlier one."""
        found: list[re.Match[str]] = []
        for word in _WORD.finditer(text):
            pattern = self._group(self._fold(word.group(0)))
            if pattern is not None and (match := pattern.match(text, word.start())):
                found.append(match)
        if self._others is not None:
            found.extend(self._others.finditer(text))
        end = -1
        for match in sorted(found, key=lambda match: (match.start(), -match.end())):
            if match.start() >= end:
                end = match.end()
                yield match


def _compile(cues: dict[str, tuple[str, ...]]) -> tuple[PhraseMatcher, dict[str, str]]:
    """One alternation of every cue, longest first, and the code of each lower-cased, whitespace-normalised cue."""
    owner: dict[str, str] = {}
    for code, words in cues.items():
        for cue in words:
            owner.setdefault(normal_cue(cue), code)
    return PhraseMatcher(owner, re.IGNORECASE), owner


def normal_cue(text: str) -> str:
    """A cue or matched text, lower-cased with hyphens and runs of whitespace folded to one space."""
    return " ".join(re.split(r"[\s-]+", text.lower())).strip()


@dataclass(frozen=True)
class Lexicon:
    """Cue words per strength code (with each strength's rank, 3 strongest) and per claim-type code."""

    strength_cues: dict[str, tuple[str, ...]]
    strength_ranks: dict[str, int]
    claim_type_cues: dict[str, tuple[str, ...]]
    relation_cues: frozenset[str] = frozenset()
    """The strength cues (normalised: :func:`normal_cue`) that name the kind of relation claimed (cg:relationCue)."""
    polarity_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Cue words per polarity code (cg:ClaimPolarities)."""
    negated_cues: frozenset[str] = frozenset()
    """The polarity cues (normalised) that count only after a negation (cg:negatedCue)."""
    idioms: frozenset[str] = frozenset()
    """Fixed phrases (normalised) holding a strength cue that signals nothing there (cg:idiom): "as soon as
    possible". They are matched with the strength cues, so that the longest match takes them, then dropped."""

    @classmethod
    def from_store(cls, store: Store) -> Lexicon:
        """The lexicon the ontology in ``store`` states (query ``ingest/assertions/queries/lexicon.rq``)."""
        strength: dict[str, list[str]] = {}
        ranks: dict[str, int] = {}
        claim_type: dict[str, list[str]] = {}
        relation: set[str] = set()
        polarity: dict[str, list[str]] = {}
        negated: set[str] = set()
        idioms: set[str] = set()
        for row in store.select_strings(QUERIES.text("lexicon")):
            code, cue = row["notation"], row["cue"]
            if row["scheme"] == STRENGTH_SCHEME:
                strength.setdefault(code, []).append(cue)
                ranks[code] = int(row.get("rank", "0"))
                if row.get("kind") == "relation":
                    relation.add(normal_cue(cue))
                elif row.get("kind") == "idiom":
                    idioms.add(normal_cue(cue))
            elif row["scheme"] == CLAIM_TYPE_SCHEME:
                claim_type.setdefault(code, []).append(cue)
            elif row["scheme"] == POLARITY_SCHEME:
                polarity.setdefault(code, []).append(cue)
                if row.get("kind") == "negated":
                    negated.add(normal_cue(cue))
        return cls(
            {code: tuple(cues) for code, cues in strength.items()},
            ranks,
            {code: tuple(cues) for code, cues in claim_type.items()},
            frozenset(relation),
            {code: tuple(cues) for code, cues in polarity.items()},
            frozenset(negated),
            frozenset(idioms),
        )

    @classmethod
    def from_graphs(cls) -> Lexicon:
        """The lexicon of the packaged ontology, loaded into a fresh default store."""
        from claimgraph.store import load

        with load([], include_ontology=True) as store:
            return cls.from_store(store)

    @cached_property
    def _strength_matcher(self) -> tuple[PhraseMatcher, dict[str, str]]:
        return _compile(self.strength_cues)

    @cached_property
    def _claim_type_matcher(self) -> tuple[PhraseMatcher, dict[str, str]]:
        return _compile(self.claim_type_cues)

    @cached_property
    def _polarity_matcher(self) -> tuple[PhraseMatcher, dict[str, str]]:
        return _compile(self.polarity_cues)

    def strength_matches(self, text: str) -> list[CueMatch]:
        """Strength cues in ``text``, left to right, overlaps resolved in favour of the longest cue; an idiom
        ("as soon as possible") takes its words and is dropped."""
        return [match for match in _matches(text, *self._strength_matcher) if normal_cue(match.cue) not in self.idioms]

    def claim_type_matches(self, text: str) -> list[CueMatch]:
        """Claim-type cues in ``text``, left to right, overlaps resolved in favour of the longest cue."""
        return list(_matches(text, *self._claim_type_matcher))

    def names_relation(self, cue: str | None) -> bool:
        """True when ``cue`` (as matched) is a relation cue: it names the kind of relation claimed."""
        return cue is not None and normal_cue(cue) in self.relation_cues

    def polarity_matches(self, text: str) -> list[CueMatch]:
        """Polarity cues in ``text``, left to right, overlaps resolved in favour of the longest cue."""
        return list(_matches(text, *self._polarity_matcher))

    def rank(self, code: StrengthCode) -> int:
        """The rank of a strength code (3 strong, 2 moderate, 1 hedged)."""
        return self.strength_ranks.get(code, 0)

    def claim_types(self) -> tuple[ClaimTypeCode, ...]:
        """The claim-type codes the lexicon has cues for."""
        return tuple(sorted(self.claim_type_cues))


def _matches(text: str, pattern: PhraseMatcher, owner: dict[str, str]) -> Iterator[CueMatch]:
    """Leftmost-longest matches: the alternation lists longer cues first, so at each position the longest wins."""
    for found in pattern.finditer(text):
        cue = pattern.phrase(found)
        yield CueMatch(owner[cue], cue, found.start(), found.end())
