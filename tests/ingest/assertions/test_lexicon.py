from __future__ import annotations

import re

import pytest

from claimgraph.ingest.assertions.lexicon import Lexicon, PhraseMatcher, cue_pattern, normal_cue
from claimgraph.store import load


def test_every_strength_and_claim_type_has_cues(lexicon: Lexicon) -> None:
    assert set(lexicon.strength_cues) == {"strong", "moderate", "hedged"}
    assert set(lexicon.claim_type_cues) == {"efficacy", "mechanism", "safety", "regimen", "epidemiology", "background"}
    assert lexicon.strength_ranks == {"strong": 3, "moderate": 2, "hedged": 1}


def test_the_issue_s_cues_are_in_the_ontology(lexicon: Lexicon) -> None:
    assert {"proven", "clinically proven", "research proves"} <= set(lexicon.strength_cues["strong"])
    assert {"research shows", "has been shown", "evidence supports"} <= set(lexicon.strength_cues["moderate"])
    hedges = {"may", "might", "is believed", "research suggests", "can help", "probably"}
    assert hedges <= set(lexicon.strength_cues["hedged"])


def test_from_store_reads_the_cues_a_graph_adds(tmp_path) -> None:  # type: ignore[no-untyped-def]
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n"
        "<https://w3id.org/claimgraph/vocab/strength/hedged> cg:cue \"it is conceivable\" .\n",
        encoding="utf-8",
    )
    with load([extra]) as store:
        lexicon = Lexicon.from_store(store)
    assert "it is conceivable" in lexicon.strength_cues["hedged"]
    assert [m.code for m in lexicon.strength_matches("It is conceivable that it works.")] == ["hedged"]


def test_cues_match_on_word_boundaries_case_insensitively(lexicon: Lexicon) -> None:
    assert [m.cue for m in lexicon.strength_matches("It MAY work.")] == ["may"]
    assert lexicon.strength_matches("In Mayfield the dismayed clinic.") == []


def test_the_longest_overlapping_cue_wins(lexicon: Lexicon) -> None:
    found = lexicon.strength_matches("The method is clinically proven.")
    assert [m.cue for m in found] == ["clinically proven"]
    found = lexicon.strength_matches("Research has shown a gain in adults.")
    assert [m.cue for m in found] == ["research has shown"]


def test_a_cue_matches_across_a_line_break_or_hyphen(lexicon: Lexicon) -> None:
    assert [m.cue for m in lexicon.strength_matches("research\nshows a gain")] == ["research shows"]
    assert normal_cue("Side-Effects") == "side effects"


PHRASES = ["pain", "pain relief", "nerve pain", "relief", "has been shown", "(n=", "side-effects"]


@pytest.mark.parametrize("flags", [re.IGNORECASE, 0])
@pytest.mark.parametrize("text", [
    "Nerve pain relief has-been\nshown in (n=12) cases, with pain relief and few side effects.",
    "painful pain reliefs; PAIN RELIEF; nerve  pain",
    "",
])
def test_the_phrase_matcher_finds_what_one_alternation_finds(text: str, flags: int) -> None:
    alternation = re.compile("|".join(cue_pattern(p) for p in sorted(PHRASES, key=lambda p: (-len(p), p))), flags)
    expected = [(m.start(), m.end()) for m in alternation.finditer(text)]
    assert [(m.start(), m.end()) for m in PhraseMatcher(PHRASES, flags).finditer(text)] == expected


def test_the_phrase_matcher_prefers_the_longest_phrase_at_a_position() -> None:
    found = [m.group(0) for m in PhraseMatcher(PHRASES, re.IGNORECASE).finditer("Nerve pain relief helps.")]
    assert found == ["Nerve pain", "relief"]


def test_a_cue_matched_in_capitals_counts_whatever_its_letters_fold_to(lexicon: Lexicon) -> None:
    """"IS CLEARLY EFFECTİVE" (a Turkish dotted capital I) matches the cue under the matcher's case folding, so it
    counts as that cue, though "İ" lower-cases to two characters."""
    (match,) = lexicon.strength_matches("Needling IS CLEARLY EFFECTİVE, they said.")
    assert (match.code, match.cue) == ("strong", "is clearly effective")


def test_the_phrase_matcher_tells_which_phrase_a_match_is() -> None:
    matcher = PhraseMatcher(["pain relief", "pain", "Pain Med"], re.IGNORECASE)
    found = [(match.group(0), matcher.phrase(match)) for match in matcher.finditer("PAIN RELIEF, pain med and Pain.")]
    assert found == [("PAIN RELIEF", "pain relief"), ("pain med", "Pain Med"), ("Pain", "pain")]
