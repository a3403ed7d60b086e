"""What a sentence claims of the relation it names (its polarity), by the ontology's lexicon.

The codes are the notations of ``cg:ClaimPolarities`` (``ontology/vocabularies.ttl``), whose ``cg:cue`` literals are
the lexicon; the rule is stated there too: a sentence holding a cue of a statement about the evidence ("more
research is needed", "proof is lacking") is one (``evidence``); else one holding a cue of no effect ("no better
than placebo", "as effective as", "did not reduce") claims no effect (``no-effect``); else it claims an effect or a
risk (``effect``), however strongly or weakly it is worded.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph.ingest.assertions.lexicon import Lexicon

EFFECT = "effect"
NO_EFFECT = "no-effect"
EVIDENCE = "evidence"
PRECEDENCE = (EVIDENCE, NO_EFFECT)
"""The polarities a cue gives, in the order the rule tries them; a sentence with neither claims an effect."""


@dataclass(frozen=True)
class PolarityCall:
    """A sentence's polarity code and the cue that decided it (``None`` for an effect: no cue needed)."""

    code: str
    cue: str | None = None


def classify_polarity(text: str, lexicon: Lexicon) -> PolarityCall:
    """The polarity of ``text``: a statement about the evidence, a claim of no effect, or a claim of an effect."""
    matches = lexicon.polarity_matches(text)
    for code in PRECEDENCE:
        found = [match for match in matches if match.code == code]
        if found:
            return PolarityCall(code, found[0].cue)
    return PolarityCall(EFFECT)
