"""A news story's headline: whether it states a claim, and the treatment or exposure it is about.

A story's headline is often its strongest claim ("Tomatoes May Lower Your Risk for Stroke"), about something the
vocabularies do not know yet. Two rules read it:

* the headline (the document's first line) states a claim when it is no question, has at least three words and a
  strength or claim-type cue of the lexicon ("may lower", "improves"): it is drafted as the source's assertion,
  whatever concepts it names; a bare topic ("Acupuncture for Neuropathy: A Guide") has no cue and is not;
* the words before that cue are the story's subject ("Tomatoes", "Magnesium-rich diet", "Curcumin"): each of its
  content words is a term of the story's intervention, so the sentences that name it ("men with the most
  lycopene from tomatoes", "the walnut group") bear a claim about it, drafted as a new intervention concept.
"""

from __future__ import annotations

import re

from claimgraph.ingest.assertions.lexicon import Lexicon
from claimgraph.ingest.model import ConceptMention, Sentence

MIN_WORDS = 3
"""The fewest words a headline that states a claim has."""
MIN_TERM_LETTERS = 4
"""The shortest subject word taken as a term of the story's intervention."""
_SUBJECT_STOP = frozenset([
    "new", "novel", "early", "small", "large", "big", "more", "less", "some", "many", "most", "your", "their",
    "this", "that", "these", "those", "generic", "common", "popular", "simple", "daily", "regular", "study",
    "studies", "trial", "trials", "research", "researchers", "scientists", "experts", "doctors", "report",
    "reports", "finds", "find", "found", "shows", "show", "says", "say", "suggests", "suggest", "hints",
    "hint", "evidence", "data", "analysis", "review", "approach", "method", "treatment", "treatments",
    "therapy", "drug", "drugs", "pill", "pills", "medicine", "medicines", "test", "tests", "people",
    "patients", "women", "children", "adults", "kids", "increases", "increase", "decrease", "level", "levels",
    "rich", "high", "higher", "low", "lower", "based", "free", "plus", "with", "without", "from", "into",
    "over", "under", "about", "after", "before", "among", "against", "what", "when",
])
_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def _first_line_span(text: str) -> tuple[int, int]:
    first = len(text) - len(text.lstrip())
    end = text.find("\n", first)
    return first, len(text) if end == -1 else end


def headline_states_claim(sentence: Sentence, text: str, lexicon: Lexicon) -> bool:
    """True when ``sentence`` is the whole first line of ``text`` (its headline) and states a claim (see the
    module docstring)."""
    first, line_end = _first_line_span(text)
    if sentence.start != first or sentence.end < line_end - 1:
        return False
    return (len(sentence.text.split()) >= MIN_WORDS and not sentence.text.rstrip().endswith("?")
            and bool(lexicon.strength_matches(sentence.text) or lexicon.claim_type_matches(sentence.text)))


def subject_terms(text: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The stems of the content words before the first cue of the headline that states a claim (empty when the
    first line states none): "Tomatoes May Lower Your Risk" gives ("tomato",)."""
    first, line_end = _first_line_span(text)
    headline = text[first:line_end]
    if len(headline.split()) < MIN_WORDS or headline.rstrip().endswith("?"):
        return ()
    cues = [match.start for match in (*lexicon.strength_matches(headline), *lexicon.claim_type_matches(headline))]
    if not cues:
        return ()
    stems = []
    for word in _WORD.findall(headline[:min(cues)]):
        stems.extend(_terms_of(word))
    return tuple(dict.fromkeys(stems))


def _terms_of(word: str) -> list[str]:
    """The subject terms of one headline word: a compound whose parts all count is one term ("warm-needle");
    otherwise the parts that count ("magnesium-rich" gives "magnesium")."""
    parts = [part.lower().strip("’'") for part in word.split("-")]
    kept = [part for part in parts if len(part) >= MIN_TERM_LETTERS and part not in _SUBJECT_STOP]
    if len(parts) > 1 and len(kept) == len(parts):
        return [_stem("-".join(parts))]
    return [_stem(part) for part in kept]


def _stem(word: str) -> str:
    """A word without its plural ending: "tomatoes" → "tomato", "walnuts" → "walnut"."""
    if word.endswith("oes") or word.endswith("ches") or word.endswith("shes"):
        return word[:-2]
    if word.endswith("ies") and len(word) > MIN_TERM_LETTERS + 1:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > MIN_TERM_LETTERS:
        return word[:-1]
    return word


def subject_mentions(sentence: Sentence, terms: tuple[str, ...]) -> list[ConceptMention]:
    """The places ``sentence`` names the story's subject (a word whose stem is one of ``terms``), as mentions of a
    new intervention."""
    if not terms:
        return []
    found = []
    for match in _WORD.finditer(sentence.text):
        whole = _stem(match.group().lower().strip("’'"))
        pieces = [(whole, match.start(), match.end())] if whole in terms else [
            (_stem(part.group().lower().strip("’'")), match.start() + part.start(), match.start() + part.end())
            for part in re.finditer(r"[^-]+", match.group())]
        found += [ConceptMention("intervention", stem, sentence.start + begin, sentence.start + end)
                  for stem, begin, end in pieces if stem in terms]
    return found
