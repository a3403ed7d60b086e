"""A sentence's polarity: a claim of an effect, of no effect, or a statement about the evidence itself."""

from __future__ import annotations

import pytest

from claimgraph.ingest.assertions.lexicon import Lexicon
from claimgraph.ingest.assertions.polarity import classify_polarity


@pytest.mark.parametrize(("text", "code", "cue"), [
    ("Needling relieves burning feet.", "effect", None),
    ("Needling may ease burning feet.", "effect", None),
    ("Smokers were more likely to fall.", "effect", None),
    ("Needling was no better than sham needling for burning feet.", "no-effect", "no better than"),
    ("Robotic repair was as effective as open repair.", "no-effect", "as effective as"),
    ("There were no significant differences between the groups.", "no-effect", "no significant differences"),
    ("The cream did not reduce itching.", "no-effect", "did not reduce"),
    ("Scientific proof that dry needling works is lacking.", "evidence", "is lacking"),
    ("More research is needed before doctors recommend it.", "evidence", "more research is needed"),
    ("The trials were small and of low quality.", "evidence", "low quality"),
    ("It was no better than placebo, but larger trials are needed.", "evidence", "larger trials"),
])
def test_each_polarity_and_the_cue_that_decides_it(lexicon: Lexicon, text: str, code: str, cue: str | None) -> None:
    call = classify_polarity(text, lexicon)
    assert (call.code, call.cue) == (code, cue)
