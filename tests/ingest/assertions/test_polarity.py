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
    ("It was no better than placebo, but larger trials are needed.", "no-effect", "no better than"),
    ("There weren't differences between the three groups.", "no-effect", "differences"),
    ("Adding chemo would not improve their survival.", "no-effect", "improve"),
    ("It's unclear whether the gain will last.", "evidence", "unclear"),
    ("Being observational, the study cannot prove cause and effect.", "evidence", "cannot prove"),
    ("She could not say whether diet explained the finding.", "evidence", "could not say whether"),
    ("No single study can definitively show whether the drug lowers risk.", "evidence", "definitively"),
    ("The findings need to be replicated in larger groups.", "evidence", "be replicated"),
    ("Prospective studies are needed to confirm it.", "evidence", "studies are needed"),
    ("The pill did not increase the risk of falls.", "no-effect", "increase"),
    ("Coffee wasn't linked to heart rhythm problems.", "no-effect", "linked"),
    ("The trial definitively shows that the drug lowers risk.", "effect", None),
])
def test_each_polarity_and_the_cue_that_decides_it(lexicon: Lexicon, text: str, code: str, cue: str | None) -> None:
    call = classify_polarity(text, lexicon)
    assert (call.code, call.cue) == (code, cue)


@pytest.mark.parametrize(("text", "code"), [
    ("Needling cut pain by half, though more research is needed.", "effect"),          # a trailing concession
    ("Although needling is popular, there is little evidence it works.", "evidence"),    # the main clause decides
    ("While screening did not reduce all fractures, it cut hip fractures.", "effect"),
    ("It relieves pain without side effects.", "effect"),                                # "without" negates nothing
    ("There is no doubt it is effective.", "effect"),
    ("Not only does it improve sleep, it also cuts pain.", "effect"),
    ("A researcher not involved in the study said the gain was real.", "effect"),
    ("The treatment made a big difference.", "effect"),                                  # no negation before it
])
def test_only_the_main_clause_and_a_real_negation_decide(lexicon: Lexicon, text: str, code: str) -> None:
    assert classify_polarity(text, lexicon).code == code
