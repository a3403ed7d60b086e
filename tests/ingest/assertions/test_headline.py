"""A news story's headline: a claim of the source when it has a cue, and the subject its sentences are about."""

from __future__ import annotations

import pytest

from claimgraph.ingest.assertions.claims import ClaimIndex, draft_assertions
from claimgraph.ingest.assertions.concepts import ConceptIndex
from claimgraph.ingest.assertions.headline import headline_states_claim, subject_mentions, subject_terms
from claimgraph.ingest.assertions.lexicon import Lexicon
from claimgraph.ingest.assertions.sentences import split_sentences
from claimgraph.ingest.model import Sentence


@pytest.mark.parametrize(("text", "states"), [
    ("Tomatoes may lower the risk of stroke\n\nA study of 1,000 men followed them for 12 years.", True),
    ("Needling improves sleep in nurses, trial finds\n\nBody.", True),
    ("Acupuncture for Neuropathy: A Comprehensive Guide\n\nBody.", False),   # a topic: no cue
    ("Can needling lower the risk of stroke?\n\nBody.", False),               # a question
    ("Intro line.\nTomatoes may lower the risk of stroke.", False),          # not the first line
])
def test_a_headline_is_drafted_when_it_states_a_claim(lexicon: Lexicon, text: str, states: bool) -> None:
    """The first line with a strength or claim-type cue is a claim of the source, whatever concepts it names."""
    sentences = split_sentences(text)
    target = next(s for s in sentences if "stroke" in s.text or "Needling" in s.text or "Neuropathy" in s.text)
    assert headline_states_claim(target, text, lexicon) is states



@pytest.mark.parametrize(("text", "terms"), [
    ("Tomatoes May Lower Your Risk for Stroke\n\nBody.", ("tomato",)),
    ("Magnesium-rich diet may lower stroke risk: study\n\nBody.", ("magnesium", "diet")),
    ("New Study: Walnuts improve memory in older adults\n\nBody.", ("walnut",)),
    ("Warm-needle therapy may ease knee pain\n\nBody.", ("warm-needle",)),     # a compound is one term
    ("Acupuncture for Neuropathy: A Comprehensive Guide\n\nBody.", ()),       # no cue: no claim, no subject
    ("Can berries lower the risk of stroke?\n\nBody.", ()),                    # a question
])
def test_the_subject_is_the_content_words_before_the_headlines_cue(lexicon: Lexicon, text: str,
                                                                   terms: tuple[str, ...]) -> None:
    assert subject_terms(text, lexicon) == terms


def test_a_sentence_naming_the_subject_mentions_a_new_intervention() -> None:
    sentence = Sentence(100, 152, "Men who ate the most tomato-based food had fewer strokes.")
    found = subject_mentions(sentence, ("tomato",))
    assert [(m.kind, m.label, m.iri) for m in found] == [("intervention", "tomato", None)]
    assert sentence.text[found[0].start - 100:found[0].end - 100] == "tomato"


def test_a_story_about_an_unknown_food_drafts_its_result_sentences(lexicon: Lexicon, concepts: ConceptIndex,
                                                                   claims: ClaimIndex) -> None:
    """Without the headline's subject, a result about tomatoes names no known concept and is not drafted."""
    text = ("Tomatoes may lower the risk of stroke\n\nMen with the most lycopene from tomatoes were 55% less likely "
            "to have a stroke than men with the least.")
    drafted = draft_assertions(text, lexicon, concepts, claims)
    result = [a for a in drafted if "lycopene" in a.sentence.text]
    assert result
    assert ("intervention", "tomato") in {(m.kind, m.label) for m in result[0].concepts}
