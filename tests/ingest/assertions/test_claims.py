from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.ingest.assertions.assess import CLAIM_THRESHOLD, claim_bearing
from claimgraph.ingest.assertions.claims import ClaimIndex, choose_quote, draft_assertions
from claimgraph.ingest.assertions.concepts import ConceptIndex
from claimgraph.ingest.assertions.lexicon import Lexicon
from claimgraph.ingest.assertions.strength import classify_claim_type, classify_strength
from claimgraph.ingest.matching.linking import LINK_THRESHOLD
from claimgraph.ingest.model import Sentence, StrengthCall

CLAIM = "https://w3id.org/claimgraph/id/claim/"
QUOTE_PATTERN = re.compile(r"^\s*\S+(\s+\S+){0,14}\s*$")  # the SHACL pattern of ontology/shapes.ttl






def bearing(text: str, lexicon: Lexicon, concepts: ConceptIndex) -> float:
    sentence = Sentence(0, len(text), text)
    mentions = concepts.find(text)
    _, type_confidence = classify_claim_type(text, mentions, lexicon)
    return claim_bearing(sentence, mentions, classify_strength(text, lexicon), type_confidence)


@pytest.mark.parametrize("text", [
    "Acupuncture eases burning pain in people with DPN.",
    "Research shows that electroacupuncture may lessen CIPN symptoms.",
    "It stimulates the release of endorphins in the spinal cord.",
])
def test_claims_about_an_intervention_bear_a_claim(lexicon: Lexicon, concepts: ConceptIndex, text: str) -> None:
    assert bearing(text, lexicon, concepts) >= CLAIM_THRESHOLD


@pytest.mark.parametrize("text", [
    "Does acupuncture help with DPN?",
    "Schedule a consultation and explore your acupuncture options today.",
    "Please leave your comments below.",
    "Lopez M, Chan K. Needling for DPN. J Pain Res 2015;8:101-109.",
    "Contact us",
    "We would love to show you how acupuncture can ease your DPN pain.",
    "Forty adults with DPN were randomly allocated to acupuncture or to usual care for pain.",
    "For help with DPN pain and acupuncture, ring 020 7946 0018 or see www.example.org today.",
    "This leaflet looks at the evidence on acupuncture for DPN pain and CIPN.",
])
def test_questions_calls_to_action_references_and_fragments_do_not(lexicon: Lexicon, concepts: ConceptIndex,
                                                                   text: str) -> None:
    assert bearing(text, lexicon, concepts) < CLAIM_THRESHOLD


def test_a_short_sentence_is_quoted_whole_without_final_punctuation() -> None:
    text = "Needling eases foot pain."
    start, end = choose_quote(Sentence(10, 10 + len(text), text), StrengthCall("strong", None, 0.6), [])
    assert (start, end) == (10, 10 + len("Needling eases foot pain"))


def test_a_long_sentence_is_quoted_around_the_cue_and_concepts(lexicon: Lexicon, concepts: ConceptIndex) -> None:
    text = ("After a long winter of trying creams, braces, warm baths, massage and many other things at home, "
            "the group found that acupuncture lessened pain in DPN within weeks.")
    sentence = Sentence(0, len(text), text)
    start, end = choose_quote(sentence, classify_strength(text, lexicon), concepts.find(text))
    quote = text[start:end]
    assert "found that acupuncture" in quote
    assert "DPN" in quote
    assert QUOTE_PATTERN.match(quote)


def test_a_list_mark_is_left_out_of_the_quote() -> None:
    text = "• Needling eased tingling in most hands."
    start, end = choose_quote(Sentence(0, len(text), text), StrengthCall("strong", None, 0.6), [])
    assert text[start:end] == "Needling eased tingling in most hands"


WORD = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Zs", "Zl", "Zp", "Cc"]),
               min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(WORD, min_size=1, max_size=40), gaps=st.lists(st.sampled_from([" ", "  ", "\n", " \n "]),
                                                                     min_size=40, max_size=40),
       lead=st.integers(min_value=0, max_value=500))
def test_quotes_are_verbatim_short_and_never_cut_a_word(words: list[str], gaps: list[str], lead: int) -> None:
    text = "".join(word + gap for word, gap in zip(words, gaps, strict=False)).strip()
    sentence = Sentence(lead, lead + len(text), text)
    start, end = choose_quote(sentence, StrengthCall("hedged", "may", 0.9), [])
    quote = text[start - lead : end - lead]
    assert lead <= start < end <= lead + len(text)
    assert quote in text
    assert len(quote.split()) <= 15
    assert QUOTE_PATTERN.match(quote)
    assert start == lead or text[start - lead - 1].isspace() or not text[start - lead - 1].isalnum()
    assert end == lead + len(text) or text[end - lead].isspace() or not text[end - lead].isalnum()


def test_a_paraphrase_links_to_its_claim(claims: ClaimIndex, concepts: ConceptIndex) -> None:
    text = "Acupuncture lessened the pain of diabetic neuropathy in most patients."
    link = claims.link(text, concepts.find(text), "efficacy")
    assert link.iri == CLAIM + "relieves-dpn-pain"
    assert link.score >= LINK_THRESHOLD


def test_a_mechanism_sentence_links_by_its_mechanism(claims: ClaimIndex, concepts: ConceptIndex) -> None:
    text = "Needling makes the body release its own opioids, the endorphins."
    context = concepts.find("About acupuncture")
    assert claims.link(text, concepts.find(text), "mechanism", context).iri == CLAIM + "releases-endorphins"
    assert claims.link(text, concepts.find(text), "mechanism").iri is None, "nothing says needling is acupuncture"


def test_a_condition_mismatch_is_refused(claims: ClaimIndex, concepts: ConceptIndex) -> None:
    text = "Acupuncture lessens pain in chemotherapy-induced neuropathy."
    link = claims.link(text, concepts.find(text), "efficacy")
    assert link.iri == CLAIM + "relieves-cipn-pain"
    text = "Acupuncture lessens pain in people with a broken wrist and DPN."
    assert claims.link(text, concepts.find(text), "efficacy").iri != CLAIM + "relieves-cipn-pain"


def test_an_unrelated_sentence_is_not_linked_but_keeps_its_best_score(claims: ClaimIndex,
                                                                      concepts: ConceptIndex) -> None:
    text = "The clinic car park opens at nine on weekdays."
    link = claims.link(text, concepts.find(text), "background")
    assert (link.iri, link.candidate, link.score) == (None, None, 0.0), "no claim about its intervention"


def test_a_claim_no_assertion_restates_is_not_indexed(claims: ClaimIndex) -> None:
    iris = {claim.iri for claim in claims.claims}
    assert CLAIM + "never-asserted" not in iris
    assert CLAIM + "relieves-cipn-pain" in iris


def test_draft_assertions_in_text_order(lexicon: Lexicon, concepts: ConceptIndex, claims: ClaimIndex) -> None:
    text = ("Needling Guide\n\nBook your visit today.\n\nResearch shows that acupuncture lessens pain in DPN. "
            "Is it right for you? Electroacupuncture may ease pain in CIPN.")
    drafts = draft_assertions(text, lexicon, concepts, claims)
    assert [d.sentence.text for d in drafts] == [
        "Research shows that acupuncture lessens pain in DPN.", "Electroacupuncture may ease pain in CIPN."
    ]
    first, second = drafts
    assert (first.strength.code, second.strength.code) == ("moderate", "hedged")
    assert first.claim_type == second.claim_type == "efficacy"
    assert (first.claim.iri, first.claim.candidate) == (None, CLAIM + "relieves-dpn-pain")
    assert (second.claim.iri, second.claim.candidate) == (None, CLAIM + "relieves-cipn-pain")
    assert first.citations == ()
    for draft in drafts:
        assert text[draft.quote_start : draft.quote_end] in draft.sentence.text
        assert all(text[m.start : m.end] == m.label for m in draft.concepts)


def test_a_clinic_speaking_of_itself_without_the_reader_still_bears_a_claim(lexicon: Lexicon,
                                                                          concepts: ConceptIndex) -> None:
    assert bearing("In our clinic we see acupuncture ease DPN pain within weeks.", lexicon, concepts) >= CLAIM_THRESHOLD


def test_a_title_bears_a_claim_only_with_a_booster(lexicon: Lexicon, concepts: ConceptIndex,
                                                    claims: ClaimIndex) -> None:
    text = ("Acupuncture for Diabetic Neuropathy\n\nAcupuncture lessens pain in DPN.\n\n"
            "Acupuncture Is Clinically Proven for DPN Pain\n\nElectroacupuncture may ease pain in CIPN.")
    drafted = [draft.sentence.text for draft in draft_assertions(text, lexicon, concepts, claims)]
    assert "Acupuncture for Diabetic Neuropathy" not in drafted
    assert "Acupuncture Is Clinically Proven for DPN Pain" in drafted
    assert "Acupuncture lessens pain in DPN." in drafted


def test_an_unknown_topics_headline_becomes_an_assertion_of_the_source(lexicon: Lexicon, concepts: ConceptIndex,
                                                                         claims: ClaimIndex) -> None:
    text = "Tomatoes may lower the risk of stroke, study finds\n\nThe men were followed for twelve years."
    drafted = draft_assertions(text, lexicon, concepts, claims)
    assert [a.sentence.text for a in drafted][:1] == ["Tomatoes may lower the risk of stroke, study finds"]
    assert drafted[0].speaker is None
    assert drafted[0].strength.code == "hedged"


def test_a_dateline_is_not_part_of_the_sentence(lexicon: Lexicon, concepts: ConceptIndex, claims: ClaimIndex) -> None:
    text = ("Title line\n\nTUESDAY, March 3, 2015 (HealthDay News) -- Weekly acupuncture reduced tingling in "
            "peripheral neuropathy, a small trial found.")
    drafted = [a for a in draft_assertions(text, lexicon, concepts, claims) if "tingling" in a.sentence.text]
    assert drafted
    assert drafted[0].sentence.text.startswith("Weekly acupuncture")
    assert text[drafted[0].sentence.start:drafted[0].sentence.end] == drafted[0].sentence.text


@pytest.mark.parametrize("text", [
    "Funding for this study was from the Lakeside Centre for Regenerative Medicine.",
    "This study was supported by a grant from the Walnut Growers Council and acupuncture clinics.",
    "Additional authors on this study are Ana Ruiz, Bo Chen and Li Wei of the acupuncture unit.",
    "Okafor, A.B., Chen, B., Ruiz, A. (2017) Acupuncture for chemotherapy neuropathy. Pain 12:3-9.",
    "Media contact: Jo Smith, Lakeside acupuncture press office.",
])
def test_funding_author_lists_contacts_and_reference_entries_bear_no_claim(lexicon: Lexicon, concepts: ConceptIndex,
                                                                          text: str) -> None:
    sentence = Sentence(0, len(text), text)
    mentions = concepts.find(text)
    strength = classify_strength(text, lexicon)
    _, type_confidence = classify_claim_type(text, mentions, lexicon)
    assert claim_bearing(sentence, mentions, strength, type_confidence) < CLAIM_THRESHOLD


@pytest.mark.parametrize(("text", "claim"), [
    ("Biological therapies increased the level of the lipid apoA1.", True),      # an effect verb, concepts unknown
    ("Gastrin secretion was associated with faster weight loss.", True),           # a relation cue
    ("The trial enrolled adults from four clinics last year.", False),             # a method
    ("The clinic opens at nine on weekdays.", False),
])
def test_a_relation_about_things_the_graph_does_not_know_bears_a_claim(lexicon: Lexicon, concepts: ConceptIndex,
                                                                      text: str, claim: bool) -> None:
    from claimgraph.ingest.assertions.assess import assess_sentence

    call = assess_sentence(Sentence(0, len(text), text), concepts.find(text), lexicon)
    assert call.is_claim is claim, call.confidence


@pytest.mark.parametrize(("text", "claim"), [
    ("Awareness about breast self-examination should be emphasized.", False),   # an impersonal recommendation
    ("More emphasis should be given to diet in schools.", False),
    ("Acupuncture should be considered for burning pain in DPN.", True),          # about a treatment: a claim
    ("Their preliminary findings need to be replicated in the future.", True),     # about the evidence: drafted
    ("Cyanosis does not affect clotting in children with heart disease.", True),   # a relation verb
])
def test_an_impersonal_recommendation_is_no_claim_unless_it_words_a_relation_or_the_evidence(
        lexicon: Lexicon, concepts: ConceptIndex, text: str, claim: bool) -> None:
    from claimgraph.ingest.assertions.assess import assess_sentence

    call = assess_sentence(Sentence(0, len(text), text), concepts.find(text), lexicon)
    assert call.is_claim is claim, call.confidence


def test_a_subject_term_overlapping_a_known_concept_is_left_out() -> None:
    from claimgraph.ingest.assertions.claims import _outside
    from claimgraph.ingest.model import ConceptMention

    known = [ConceptMention("condition", "neuropathy", 10, 20, "x"), ConceptMention("outcome", "pain", 40, 44, None)]
    terms = [ConceptMention("intervention", "a", 0, 9, None), ConceptMention("intervention", "b", 15, 25, None),
             ConceptMention("intervention", "c", 20, 40, None), ConceptMention("intervention", "d", 43, 50, None)]
    assert [term.label for term in _outside(terms, known)] == ["a", "c"]
