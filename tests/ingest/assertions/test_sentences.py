from __future__ import annotations

from claimgraph.ingest.assertions.sentences import is_heading_line, split_sentences


def texts(text: str) -> list[str]:
    found = split_sentences(text)
    assert all(text[s.start : s.end] == s.text for s in found)
    return [" ".join(s.text.split()) for s in found]


def test_offsets_index_the_text_and_sentences_split_at_full_stops() -> None:
    text = "Needles were placed in the hand. Patients rested for an hour! Did it help?"
    assert texts(text) == ["Needles were placed in the hand.", "Patients rested for an hour!", "Did it help?"]


def test_abbreviations_do_not_end_a_sentence() -> None:
    text = ("Moreno et al. treated forty adults. Dr. Okafor used e.g. wrist points. "
            "Pain fell (p<0.05) in the first month. The rest stayed the same.")
    assert texts(text) == [
        "Moreno et al. treated forty adults.",
        "Dr. Okafor used e.g. wrist points.",
        "Pain fell (p<0.05) in the first month.",
        "The rest stayed the same.",
    ]


def test_a_single_newline_inside_a_paragraph_is_not_a_boundary() -> None:
    text = "Needling of the lower leg was found to ease\nburning feet in most of the\ngroup. A second trial agreed."
    assert texts(text) == [
        "Needling of the lower leg was found to ease burning feet in most of the group.",
        "A second trial agreed.",
    ]


def test_blank_lines_bullets_and_numbers_make_blocks() -> None:
    text = ("Typical plans include:\n\n  • two visits a week\n  • a break after six weeks\n"
            "- follow-up once a month\n1. Warm the feet first\n2) Then rest")
    assert texts(text) == [
        "Typical plans include:",
        "• two visits a week",
        "• a break after six weeks",
        "- follow-up once a month",
        "1. Warm the feet first",
        "2) Then rest",
    ]


def test_a_wrapped_list_item_continues_on_its_next_line() -> None:
    text = ("• Lowering swelling around the nerve, an effect that\ndepends on local signalling (Rossi 2009);\n"
            "• Another item.")
    assert texts(text) == [
        "• Lowering swelling around the nerve, an effect that depends on local signalling (Rossi 2009);",
        "• Another item.",
    ]


def test_a_heading_line_is_its_own_sentence() -> None:
    text = "Why needles might help\nThe skin holds many small nerve endings. They respond to pressure."
    assert texts(text) == ["Why needles might help", "The skin holds many small nerve endings.",
                           "They respond to pressure."]


def test_heading_rule() -> None:
    assert is_heading_line("About nerve pain", None, "Nerve pain is common.")
    assert not is_heading_line("About nerve pain.", None, "Nerve pain is common.")
    assert not is_heading_line("in the study", "A line that was not finished", "Next")
    assert not is_heading_line("the short wrapped", "Finished line.", "continuation in lower case")


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \n") == []


def test_a_long_text_splits_into_every_sentence_with_true_offsets() -> None:
    paragraph = ("Acupuncture was tried in adults with numb feet, e.g. after chemotherapy. Lee et al. saw less pain\n"
                 "in most patients (p<0.05). Some felt no change at all! Was it the needles?\n\n")
    text = paragraph * (20_000 // len(paragraph.split()) + 1)
    found = split_sentences(text)
    assert len(found) == 4 * (20_000 // len(paragraph.split()) + 1)
    assert all(text[s.start:s.end] == s.text for s in found)
