"""What a sentence claims of the relation it names (its polarity), by the ontology's lexicon.

The codes are the notations of ``cg:ClaimPolarities`` (``ontology/vocabularies.ttl``), whose ``cg:cue`` literals are
the lexicon; the rule is stated there too: a sentence holding a cue of a statement about the evidence ("more
research is needed", "proof is lacking") is one (``evidence``); else one holding a cue of no effect ("no better
than placebo", "as effective as", "did not reduce") claims no effect (``no-effect``); else it claims an effect or a
risk (``effect``), however strongly or weakly it is worded.

Two scopes apply, as a reader reads the sentence:

* a negated cue (``cg:negatedCue``: "differences", "improve") counts only after a negation at most four words
  before it ("there weren't differences", "would not improve");
* only the main clause decides (:mod:`claimgraph.ingest.assertions.clauses`): a cue in a concessive or contrasting
  clause ("X cut pain by half, though more research is needed"; "While screening did not reduce all fractures, it
  cut hip fractures") does not, unless the main clause holds the same kind of cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph.ingest.assertions.clauses import main_clause
from claimgraph.ingest.assertions.lexicon import CueMatch, Lexicon, normal_cue

EFFECT = "effect"
NO_EFFECT = "no-effect"
EVIDENCE = "evidence"
PRECEDENCE = (EVIDENCE, NO_EFFECT)
"""The polarities a cue gives, in the order the rule tries them; a sentence with neither claims an effect."""
NEGATION_REACH = 40
_NEGATED_WINDOW = re.compile(r"(?:\b(?:no(?!\s+(?:longer|doubt))|not(?!\s+only)|never|none|nor|neither)\b|n[’']t\b)"
                             r"(?:\W+\w+){0,4}?\W*$", re.IGNORECASE)
"""A negation at most four words before the end of the window ("not only", "no longer", "no doubt" negate nothing;
"without" is left out: "relieves pain without side effects" claims an effect)."""
@dataclass(frozen=True)
class PolarityCall:
    """A sentence's polarity code and the cue that decided it (``None`` for an effect: no cue needed)."""

    code: str
    cue: str | None = None


def classify_polarity(text: str, lexicon: Lexicon) -> PolarityCall:
    """The polarity of ``text``: a statement about the evidence, a claim of no effect, or a claim of an effect."""
    start, end = main_clause(text)
    matches = [match for match in lexicon.polarity_matches(text)
               if start <= match.start < end and _counts(text, match, lexicon)]
    for code in PRECEDENCE:
        found = [match for match in matches if match.code == code]
        if found:
            return PolarityCall(code, found[0].cue)
    return PolarityCall(EFFECT)


def _counts(text: str, match: CueMatch, lexicon: Lexicon) -> bool:
    """True unless the cue counts only after a negation and none stands within four words before it."""
    if normal_cue(match.cue) not in lexicon.negated_cues:
        return True
    return bool(_NEGATED_WINDOW.search(text, max(0, match.start - NEGATION_REACH), match.start))
