"""Who says each sentence: quoted and reported speech, its speaker and role, quotes continued across sentences."""

from __future__ import annotations

import time

import pytest

from claimgraph.ingest.assertions.sentences import split_sentences
from claimgraph.ingest.assertions.speakers import INDEPENDENT_EXPERT, STUDY_AUTHOR, attribute, said_words
from claimgraph.ingest.model import Sentence
from helpers import FIXTURES

QUOTED = FIXTURES / "ingest" / "news" / "quoted-experts.txt"


def _speakers(text: str) -> list[tuple[str, str | None, str | None]]:
    sentences = split_sentences(text)
    return [(sentence.text, speaker.name if speaker else None, speaker.role if speaker else None)
            for sentence, speaker in zip(sentences, attribute(text, sentences), strict=True)]


def test_each_sentence_of_a_story_gets_its_speaker_and_role() -> None:
    """The source's own sentences stay unattributed; quoted, continued, reported and pronoun sentences get theirs."""
    by_start = {text.split()[0] + " " + text.split()[1]: (name, role) for text, name, role in
                _speakers(QUOTED.read_text(encoding="utf-8"))}
    assert by_start["Acupuncture may"] == (None, None)                        # the headline: the source
    assert by_start['"Acupuncture relieved'] == ("Dr. Mara Lindqvist", STUDY_AUTHOR)
    assert by_start['"We saw'][0] == "Lindqvist"                              # quote closed in the next sentence
    assert by_start["It lasted"][0] == "Lindqvist"
    assert by_start['"The pain'][0] == "Lindqvist"                            # a quote paragraph continued
    assert by_start["Dr. Paul"] == ("Dr. Paul Ferreira", INDEPENDENT_EXPERT)  # "who was not involved"
    assert by_start["According to"] == ("the researchers", STUDY_AUTHOR)
    assert by_start["He added"] == ("Dr. Paul Ferreira", INDEPENDENT_EXPERT)  # a group is no antecedent of "he"
    assert by_start["Acupuncture is"] == (None, None)


@pytest.mark.parametrize("sentence", [
    "A new study suggests that needling eases hot flashes.",
    "Studies say the effect is small.",
    "The researchers found that pain fell by half.",
    "Okafor and her colleagues looked at 190 women.",
    "Monday said nothing about the trial.",
])
def test_a_study_or_a_finding_is_not_a_speaker(sentence: str) -> None:
    """Study nouns, findings without a speech verb and capitalised non-names give no speaker."""
    assert _speakers(sentence)[0][1] is None


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Needling helped, said senior author Dr. Ines de la Cruz.", "Dr. Ines de la Cruz"),
    ("Needling helped, Okafor said Tuesday.", "Okafor"),
    ("Don Diamond, director of research at a cancer centre in Duarte, Calif., reviewed the findings and said the "
     "vaccine looked safe.", "Don Diamond"),
    ("Researchers say the interval is safe.", "Researchers"),
    ("“It works,” says Dr. Amy Lee, who wrote an accompanying editorial.", "Dr. Amy Lee"),
])
def test_speaker_names_as_printed(sentence: str, speaker: str) -> None:
    """Titles and particles kept; a trailing weekday dropped; a long aside between name and verb allowed."""
    assert _speakers(sentence)[0][1] == speaker


def test_an_editorial_writer_is_an_independent_expert() -> None:
    assert _speakers("“It works,” says Dr. Amy Lee, who wrote an accompanying editorial.")[0][2] == INDEPENDENT_EXPERT


@pytest.mark.parametrize(("sentence", "words"), [
    ('"Acupuncture relieved the pain in most patients," said Dr. Lin.',
     "Acupuncture relieved the pain in most patients"),
    ('It lasted after the sessions ended," Lindqvist said.', "It lasted after the sessions ended"),
    ("Dr. Brandt said that the trial was too small to tell.", "the trial was too small to tell"),
    ("According to the researchers, needling improved sleep in most patients.",
     "needling improved sleep in most patients"),
    ("The trial was too small to tell, Brandt said.", "The trial was too small to tell"),
])
def test_said_words_leave_the_attribution_out(sentence: str, words: str) -> None:
    """The quote a reviewer checks is what the speaker says, not "said Dr. X"."""
    found = said_words(Sentence(10, 10 + len(sentence), sentence))
    assert found is not None
    assert found.text == words
    assert sentence[found.start - 10:found.end - 10] == words


def test_said_words_of_a_sentence_that_is_all_quote_is_none() -> None:
    assert said_words(Sentence(0, 30, '"The effect held at three months."')) is None


def _lines(text: str) -> list[Sentence]:
    """Each line as a sentence (the splitter's own cost is not what is measured)."""
    sentences, start = [], 0
    for line in text.splitlines(keepends=True):
        sentences.append(Sentence(start, start + len(line.rstrip()), line.rstrip()))
        start += len(line)
    return sentences


def _seconds(text: str) -> float:
    sentences = _lines(text)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        attribute(text, sentences)
        best = min(best, time.perf_counter() - started)
    return best


def test_attribution_time_is_linear_in_the_text() -> None:
    """Long runs of capitalised names, commas and quote marks cost in proportion to their length."""
    unit = ("Dr. Ada Okafor Bea Cole Dan Eze, Fay Gill, Hal Ito, said " + "Jo Kim Lu Ma " * 20 + ', "a "b" c" ,'
            + " Researchers, " * 10 + "\n")
    ratios = []
    for _ in range(3):  # a busy machine can slow one pair; quadratic work is ~100x on every try
        small, large = _seconds(unit * 200), _seconds(unit * 2000)
        ratios.append(large / small)
        if ratios[-1] <= 14:
            break
    assert min(ratios) <= 14, f"10x the text cost {', '.join(f'{r:.1f}x' for r in ratios)}"


@pytest.mark.parametrize(("text", "quoted", "speaker"), [
    ('"Needling eased the pain in most of them." Said co-author Dr. Ana Ruiz, of the clinic.',
     '"Needling eased', "Dr. Ana Ruiz"),                                          # attribution after the quote
    ('"It worked," said lead author Dr. Bo Chen. "Needling eased the pain in most of them."',
     '"Needling eased', "Dr. Bo Chen"),                                           # a second quote, same paragraph
    ('"Needling eased the pain," says the study\'s lead author, Cara Diaz, M.D.', '"Needling eased', "Cara Diaz"),
    ('"Needling eased the pain," conclude study researcher Dan Eko and colleagues.', '"Needling eased', "Dan Eko"),
])
def test_quotes_whose_attribution_stands_apart(text: str, quoted: str, speaker: str) -> None:
    found = {sentence[:len(quoted)]: name for sentence, name, _ in _speakers(text)}
    assert found[quoted] == speaker
