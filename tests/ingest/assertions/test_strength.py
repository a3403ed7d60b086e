from __future__ import annotations

import pytest

from claimgraph.ingest.assertions.lexicon import Lexicon
from claimgraph.ingest.assertions.strength import (
    as_reported_result,
    cites_inline,
    classify_claim_type,
    classify_strength,
    reports_figures,
)
from claimgraph.ingest.model import ConceptMention


@pytest.mark.parametrize(("text", "code"), [
    ("Clinical work has proven that needling calms burning feet.", "strong"),
    ("Research proves that the method eases numb toes.", "strong"),
    ("Trials were found to be safe and effective in older adults.", "moderate"),
    ("Studies show that needling lowers foot pain.", "moderate"),
    ("It has been shown to lessen tingling in the hands.", "moderate"),
    ("The team found that sleep got better.", "moderate"),
    ("Needling may ease numb feet.", "hedged"),
    ("The method is believed to calm nerves.", "hedged"),
    ("Early trials look promising for tingling hands.", "hedged"),
    ("It can help people sleep.", "hedged"),
])
def test_each_cue_class(lexicon: Lexicon, text: str, code: str) -> None:
    call = classify_strength(text, lexicon)
    assert call.code == code
    assert call.cue is not None
    assert call.confidence >= 0.85


@pytest.mark.parametrize(("text", "code", "cue"), [
    ("It may sound strange, but previous studies have found that pink noise improves memory.", "moderate",
     "studies have found"),                                                 # the aside's hedge governs nothing
    ("The agency strongly recommends a flu shot as soon as possible.", "strong", None),  # an idiom, no hedge
    ("One theory is that the needles cause tight muscles to twitch.", "hedged", "theory"),
    ("A flu shot is possibly the best protection.", "hedged", "possibly"),
])
def test_an_aside_and_an_idiom_hedge_nothing_and_a_theory_does(lexicon: Lexicon, text: str, code: str,
                                                                  cue: str | None) -> None:
    call = classify_strength(text, lexicon)
    assert (call.code, call.cue) == (code, cue)


def test_a_flat_statement_is_strong_with_lower_confidence(lexicon: Lexicon) -> None:
    call = classify_strength("Needling relieves burning pain in the feet.", lexicon)
    assert (call.code, call.cue) == ("strong", None)
    assert call.confidence < classify_strength("Needling is proven to relieve pain.", lexicon).confidence


def test_the_weakest_wording_governs_conflicting_cues(lexicon: Lexicon) -> None:
    hedged = classify_strength("Research suggests that needling may ease foot pain.", lexicon)
    assert hedged.code == "hedged"
    assert classify_strength("Doctors have proven that it may help.", lexicon).code == "hedged"
    assert classify_strength("Studies show encouraging results for tingling.", lexicon).code == "hedged"
    moderate = classify_strength("Studies show that the method is effective.", lexicon)
    assert moderate.code == "moderate"
    assert moderate.confidence < classify_strength("Studies show a gain.", lexicon).confidence


@pytest.mark.parametrize(("text", "cue"), [
    ("Coffee drinking was associated with fewer falls in older women.", "was associated with"),
    ("Coffee drinking may be associated with fewer falls.", "be associated with"),
    ("Smokers were more likely to report foot pain.", "more likely"),
    ("Poor sleep is a risk factor for migraine.", "risk factor"),
    ("Walkers had lower rates of heart failure than sitters.", "had lower"),
    ("Low vitamin D might predict poorer healing.", "predict"),
])
def test_a_relation_cue_claims_an_association_whatever_modal_stands_beside_it(lexicon: Lexicon, text: str,
                                                                              cue: str) -> None:
    call = classify_strength(text, lexicon)
    assert (call.code, call.cue) == ("moderate", cue)


def test_a_paper_s_own_suggestion_is_no_hedge_but_an_appeal_to_studies_is(lexicon: Lexicon) -> None:
    """"Our data suggest that X reduces Y" states the paper's conclusion (the claim has no modal); "studies suggest"
    appeals to research with reserve, and a modal in the claim hedges it either way."""
    assert classify_strength("Our data suggest that walking reduces back pain.", lexicon).code == "strong"
    assert classify_strength("Studies suggest that walking reduces back pain.", lexicon).code == "hedged"
    assert classify_strength("Our data suggest that walking may reduce back pain.", lexicon).code == "hedged"


def test_a_negated_claim_keeps_its_strength_and_a_negated_booster_is_no_booster(lexicon: Lexicon) -> None:
    assert classify_strength("Needling is not effective for cramps.", lexicon).code == "strong"
    assert classify_strength("Studies show it is not effective for cramps.", lexicon).code == "moderate"
    call = classify_strength("The method is not proven for cramps.", lexicon)
    assert call.cue is None


def mention(kind: str, label: str = "x", iri: str | None = "urn:x") -> ConceptMention:
    return ConceptMention(kind, label, 0, 1, iri)  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "concepts", "expected"), [
    ("Needling relieves burning pain in the feet.", [mention("intervention"), mention("outcome")], "efficacy"),
    ("Needling stimulates the release of the body's own painkillers.", [mention("intervention")], "mechanism"),
    ("Needling raises levels in the spine.", [mention("intervention"), mention("mechanism")], "mechanism"),
    ("Bruising and other side effects are rare.", [], "safety"),
    ("Most plans start with two sessions per week.", [], "regimen"),
    ("The prevalence is about 8% of adults.", [], "epidemiology"),
    ("The word refers to a practice with a long history.", [], "background"),
])
def test_claim_type_by_cues_and_concepts(lexicon: Lexicon, text: str, concepts: list[ConceptMention],
                                         expected: str) -> None:
    code, confidence = classify_claim_type(text, concepts, lexicon)
    assert code == expected
    assert 0.0 < confidence <= 1.0


def test_claim_type_without_any_vote(lexicon: Lexicon) -> None:
    assert classify_claim_type("Needles go in.", [mention("intervention")], lexicon)[0] == "efficacy"
    assert classify_claim_type("Qwerty zxcv.", [], lexicon)[0] == "background"


@pytest.mark.parametrize(("text", "expected"), [
    ("Needling calms the nerves (Moreau 2012).", True),
    ("Needling calms the nerves (Moreau et al. 2012; Lind 2013);", True),
    ("Needling calms the nerves (Moreau and Lind, 2012).", True),
    ("Pain fell sharply (p=0.002).", False),
    ("Needling calms the nerves (in 2012 at least).", False),
])
def test_inline_citations(text: str, expected: bool) -> None:
    assert cites_inline(text) is expected


def test_a_flat_reported_result_is_moderate_and_a_cued_one_keeps_its_cue(lexicon: Lexicon) -> None:
    flat = classify_strength("Pain fell in the needling group.", lexicon)
    assert (flat.code, as_reported_result(flat).code) == ("strong", "moderate")
    hedged = classify_strength("Pain may have fallen in the needling group.", lexicon)
    assert as_reported_result(hedged) == hedged


@pytest.mark.parametrize(("text", "expected"), [
    ("82% of those treated lost the allergy.", True),
    ("Memory scores improved by 28 percent over 18 months.", True),
    ("Carriers are seven times more likely to fall ill.", True),
    ("Men are twice as likely to die.", True),
    ("The gain was small (p < 0.05).", True),
    ("Needling relieves burning feet.", False),
    ("The 2010 trial enrolled 450 children.", False),
])
def test_a_result_in_figures_is_reported(text: str, expected: bool) -> None:
    assert reports_figures(text) is expected
