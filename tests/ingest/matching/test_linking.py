from __future__ import annotations

from claimgraph.ingest.assertions.claims import draft_assertions
from claimgraph.ingest.assertions.concepts import ConceptIndex
from claimgraph.ingest.assertions.lexicon import Lexicon
from claimgraph.ingest.matching.linking import LINK_THRESHOLD, MAX_CLAIMS_PER_SENTENCE, ClaimIndex, stems

CLAIM = "https://w3id.org/claimgraph/id/claim/"
CONDITION = "https://w3id.org/claimgraph/id/condition/"






def test_the_index_knows_which_conditions_are_broader(claims: ClaimIndex) -> None:
    assert (CONDITION + "cipn", CONDITION + "peripheral-neuropathy") in claims.broader
    assert (CONDITION + "peripheral-neuropathy", CONDITION + "cipn") not in claims.broader


def test_stems_fold_word_forms_and_outcome_synonyms() -> None:
    assert stems("relieves") == stems("relief")
    assert stems("the death rate") == stems("mortality rate")
    assert stems("of the and acupuncture") == ()


def test_a_context_condition_decides_between_claims_of_two_conditions(claims: ClaimIndex,
                                                                      concepts: ConceptIndex) -> None:
    text = "Acupuncture lessens the pain."
    dpn, cipn = concepts.find("a note on DPN"), concepts.find("a note on CIPN")
    assert claims.link(text, concepts.find(text), "efficacy", dpn).iri == CLAIM + "relieves-dpn-pain"
    assert claims.link(text, concepts.find(text), "efficacy", cipn).iri == CLAIM + "relieves-cipn-pain"


def test_a_paraphrase_is_only_offered_as_a_candidate(claims: ClaimIndex, concepts: ConceptIndex) -> None:
    text = "Needling lessened the pain in most of the group."
    dpn, cipn = concepts.find("acupuncture for DPN"), concepts.find("acupuncture for CIPN")
    for context, claim in ((dpn, "relieves-dpn-pain"), (cipn, "relieves-cipn-pain")):
        link = claims.link(text, concepts.find(text), "efficacy", context)
        assert (link.iri, link.candidate) == (None, CLAIM + claim)
        assert link.score >= LINK_THRESHOLD, "it scores like a match, yet its wording is not the claim's"


def test_a_claim_about_another_intervention_is_never_linked_or_offered(claims: ClaimIndex,
                                                                      concepts: ConceptIndex) -> None:
    for text in ("Marijuana lessens pain in chemotherapy-induced neuropathy.",
                 "The new pill lessens pain in chemotherapy-induced neuropathy."):
        link = claims.link(text, concepts.find(text), "efficacy")
        assert (link.iri, link.candidate) == (None, None), text


def test_a_broader_condition_is_narrowed_by_its_context(claims: ClaimIndex, concepts: ConceptIndex) -> None:
    text = "Acupuncture lessened the pain of neuropathy."
    mentions = concepts.find(text)
    ranked = claims.ranked(text, mentions, "efficacy", concepts.find("CIPN"), minimum=0.0)
    assert ranked[0][1].iri == CLAIM + "relieves-cipn-pain"
    without = dict((claim.iri, score) for score, claim in claims.ranked(text, mentions, "efficacy", minimum=0.0))
    assert ranked[0][0] > without[CLAIM + "relieves-cipn-pain"]


def test_a_sentence_naming_another_condition_ignores_the_context(claims: ClaimIndex, concepts: ConceptIndex) -> None:
    text = "Acupuncture lessens pain in diabetic neuropathy."
    link = claims.link(text, concepts.find(text), "efficacy", concepts.find("CIPN"))
    assert link.iri == CLAIM + "relieves-dpn-pain"


def test_ranked_is_best_first_and_above_the_minimum(claims: ClaimIndex, concepts: ConceptIndex) -> None:
    text = "Acupuncture lessens pain and helps sleep in CIPN."
    ranked = claims.ranked(text, concepts.find(text), "efficacy")
    scores = [score for score, _ in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(score >= LINK_THRESHOLD for score in scores)
    assert {claim.iri for _, claim in ranked} >= {CLAIM + "relieves-cipn-pain", CLAIM + "improves-cipn-sleep"}


def test_a_sentence_with_two_outcomes_links_to_two_claims(claims: ClaimIndex, concepts: ConceptIndex) -> None:
    text = "Needling lessens pain and helps people with chemotherapy-induced neuropathy sleep."
    links = claims.links(text, concepts.find(text), "efficacy", concepts.find("About acupuncture"))
    assert {link.iri for link, _ in links} == {CLAIM + "relieves-cipn-pain", CLAIM + "improves-cipn-sleep"}
    second_link, anchors = links[1]
    assert [mention.label for mention in anchors] == (["sleep"] if second_link.iri.endswith("sleep") else ["pain"])
    assert len(links) <= MAX_CLAIMS_PER_SENTENCE


def test_a_sentence_with_one_outcome_links_to_one_claim(claims: ClaimIndex, concepts: ConceptIndex) -> None:
    text = "Acupuncture lessens pain in chemotherapy-induced neuropathy."
    assert [link.iri for link, _ in claims.links(text, concepts.find(text), "efficacy")] == [
        CLAIM + "relieves-cipn-pain"
    ]


def test_an_unlinked_sentence_gives_one_unlinked_link(claims: ClaimIndex, concepts: ConceptIndex) -> None:
    text = "The car park opens at nine."
    links = claims.links(text, concepts.find(text), "background")
    assert len(links) == 1
    assert links[0][0].iri is None


def test_a_heading_governs_the_sentences_below_it(lexicon: Lexicon, concepts: ConceptIndex,
                                                  claims: ClaimIndex) -> None:
    text = "Needling for CIPN\n\nAcupuncture lessens the pain.\n\nNeedling for DPN\n\nAcupuncture lessens the pain."
    drafts = draft_assertions(text, lexicon, concepts, claims)
    assert [draft.claim.iri for draft in drafts] == [CLAIM + "relieves-cipn-pain", CLAIM + "relieves-dpn-pain"]


def test_a_sentence_asserting_two_claims_is_drafted_twice(lexicon: Lexicon, concepts: ConceptIndex,
                                                          claims: ClaimIndex) -> None:
    text = ("Trials found that acupuncture lessens pain in chemotherapy-induced neuropathy, and that needling helps "
            "people sleep.")
    drafts = draft_assertions(text, lexicon, concepts, claims)
    assert {draft.claim.iri for draft in drafts} == {CLAIM + "relieves-cipn-pain", CLAIM + "improves-cipn-sleep"}
    assert len({draft.sentence for draft in drafts}) == 1
    sleep = next(draft for draft in drafts if draft.claim.iri == CLAIM + "improves-cipn-sleep")
    assert "sleep" in text[sleep.quote_start : sleep.quote_end]


def test_a_claim_of_another_polarity_is_never_linked_or_offered(claims: ClaimIndex, concepts: ConceptIndex) -> None:
    """"No better than sham" says the opposite of a claim of benefit: with the same words and concepts, the claim
    is offered only to a sentence claiming an effect."""
    text = "Acupuncture lessens the pain of DPN no better than sham."
    mentions = concepts.find(text)
    assert claims.link(text, mentions, "efficacy").candidate == CLAIM + "relieves-dpn-pain"
    for polarity in ("no-effect", "evidence"):
        link = claims.link(text, mentions, "efficacy", polarity=polarity)
        assert (link.iri, link.candidate) == (None, None), polarity
