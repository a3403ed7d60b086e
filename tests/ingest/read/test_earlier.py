"""Earlier copies of a text: the same text (after normalisation) or most of its long sentences."""

from claimgraph.ingest.read.earlier import earlier_copies
from claimgraph.ingest.read.extract import normalize_text

BODY = "\n".join(f"Sentence number {n} of the body says something long enough to be a probe here." for n in range(30))


def test_same_text_is_found_whatever_the_line_ends(tmp_path):
    (tmp_path / "one.txt").write_text(BODY.replace("\n", "\r\n") + "\n\n\n")
    (tmp_path / "two.txt").write_text("Unrelated words only.\n")
    found = earlier_copies(normalize_text(BODY), tmp_path / "archive", [tmp_path])
    assert [(copy.path.name, copy.same) for copy in found] == [("one.txt", True)]


def test_most_sentences_word_for_word_is_a_near_duplicate_and_a_few_are_not(tmp_path):
    lines = BODY.split("\n")
    (tmp_path / "mirror.txt").write_text("Menu Home\n" + "\n".join(lines[:20]) + "\nAbout us\n")
    (tmp_path / "quoting.txt").write_text("\n".join(lines[:5]) + "\nOur own words follow here.\n")
    found = earlier_copies(normalize_text(BODY), tmp_path, [tmp_path / "missing"])
    assert [(copy.path.name, copy.same) for copy in found] == [("mirror.txt", False)]
    assert 0.5 <= found[0].share < 1.0


def test_a_short_text_has_too_few_probes_to_call_anything_near(tmp_path):
    (tmp_path / "a.txt").write_text("Needles help.\n")
    assert earlier_copies("Needles help a lot.\n", tmp_path) == []

