"""Where each sentence stands in the document, and how much its place lets it bear a claim.

Rules (each about the document's structure, none about a sentence's wording):

* a sentence that lies mostly (half its length or more) inside a reference-list entry
  (the spans the citations stage finds, passed in) is part of a citation, not a claim;
* the first sentence after a reference entry describes the cited study (its design, its participants), as
  factsheets' evidence tables do; what the study found follows it, up to the next heading (``reports_study``);
* a heading (one line of at most 12 words, no final punctuation, not a bulleted list item) is marked, so that
  the conditions it names govern the sentences below it (see ``claimgraph.ingest.assertions.claims.draft_assertions``);
* in a press release, everything after its end mark (a line "###" or "-###-") is the release's boilerplate ("About
  X", media contacts), not its content; in a paper, its front matter (before its abstract: journal line, licence,
  authors, affiliations) is too, all but its title;
* in a paper, a section heading or label ("Results:", "Materials and methods") says what its sentences do: the
  abstract's results and conclusions, a results or conclusions section and the opening of the discussion state
  the findings (:attr:`Placement.findings`), a methods section mostly describes procedure (it keeps
  :data:`METHODS_FACTOR` of its confidence);
* a heading in Title Case or capitals, or one opening with a question word ("How acupuncture can help"), is a
  title naming a topic: it states a claim only with a booster ("6 Proven Benefits of …"), see
  :attr:`Placement.title`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from claimgraph.ingest.model import Sentence

REFERENCE_FACTOR = 0.0
STUDY_DESCRIPTION_FACTOR = 0.6
_HEADING_MAX_WORDS = 12
_BULLET = re.compile(r"[•▪◦●·*–-]\s")
_QUESTION_WORDS = frozenset(["how", "what", "why", "when", "where", "which", "who", "does", "do", "can", "is"])
_MINOR_WORDS = frozenset(["a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "with", "from", "by", "at",
                          "as", "vs", "versus"])
_RELEASE_END = re.compile(r"^[ \t]*-?[ \t]*#[ \t]?#[ \t]?#[ \t]*-?[ \t]*$", re.MULTILINE)
_DESCRIPTION_REACH = 40
"""How far (characters) after a reference entry the study description may start."""


SECTIONS = (
    ("findings", re.compile(r"(?:results?|findings|conclusions?|interpretation|summary of findings)\b", re.I)),
    ("methods", re.compile(r"(?:methods?|materials and methods|patients and methods|design|setting|participants|"
                           r"measures|procedures?|statistical analysis)\b", re.I)),
    ("discussion", re.compile(r"discussion\b", re.I)),
    ("background", re.compile(r"(?:background|introduction|objectives?|aims?|purpose)\b", re.I)),
    ("abstract", re.compile(r"(?:abstract|summary)\b", re.I)),
    ("other", re.compile(r"(?:key ?words|received|accepted|published online|correspondence|abbreviations|"
                         r"acknowledge?ments?|funding|conflicts? of interest|references)\b", re.I)),
)
"""A paper's sections by the words of their heading or label ("Results:", "Materials and methods"); a line opening
with one starts a block of its own (:mod:`claimgraph.ingest.assertions.sentences`)."""
_LABEL = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?P<label>[A-Za-z][A-Za-z ]{2,40}?)\s*(?::|$)")
DISCUSSION_OPENING = 3
"""How many sentences open a paper's discussion (its first paragraph's main point), which count as findings."""
METHODS_FACTOR = 0.6


@dataclass(frozen=True)
class Placement:
    """Where one sentence stands: a heading (a title or not), inside a reference entry, right after one, or
    anywhere in the description below one (``reports_study``: up to the next heading)."""

    heading: bool = False
    reference: bool = False
    study_description: bool = False
    title: bool = False
    reports_study: bool = False
    boilerplate: bool = False
    section: str | None = None
    """The paper section the sentence stands in: findings (an abstract's results and conclusions, a results or
    conclusions section, the opening of the discussion), methods, discussion, background; None outside a paper's
    sections."""

    @property
    def factor(self) -> float:
        """How much of its claim-bearing confidence the sentence keeps in this place (0..1)."""
        if self.reference or self.boilerplate:
            return REFERENCE_FACTOR
        if self.section == "methods":
            return METHODS_FACTOR
        return STUDY_DESCRIPTION_FACTOR if self.study_description else 1.0

    @property
    def findings(self) -> bool:
        """True for a sentence where a paper states its findings."""
        return self.section == "findings"


def is_heading(sentence: Sentence) -> bool:
    """True for a one-line block of at most 12 words without final punctuation or list bullet: a section heading."""
    text = sentence.text.strip()
    return ("\n" not in text and len(text.split()) <= _HEADING_MAX_WORDS and not _BULLET.match(text)
            and not re.search(r"[.!?;:,)\"”’]$", text))


def is_title(text: str) -> bool:
    """True for a heading that names a topic: Title Case or capitals, or opening with a question word."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    if not words:
        return False
    if words[0].lower() in _QUESTION_WORDS:
        return True
    content = [word for word in words if word.lower() not in _MINOR_WORDS]
    return len(content) >= 2 and all(word[0].isupper() for word in content)


def release_end(text: str) -> int | None:
    """The offset of a press release's end mark (a line "###", "# # #" or "-###-"), if the text has one."""
    found = _RELEASE_END.search(text)
    return found.start() if found else None


def place_sentences(sentences: Sequence[Sentence], entries: Sequence[tuple[int, int]] = (),
                    content_end: int | None = None, front_end: int = 0, title: str | None = None) -> list[Placement]:
    """The placement of each of ``sentences``, in the same order; ``entries`` are the spans of the document's
    reference-list entries (found by the citations stage), sorted; sentences from ``content_end`` on (a release's
    end mark, :func:`release_end`) are boilerplate, and so are those before ``front_end`` (a paper's front matter:
    journal line, licence, authors, affiliations) but the one holding the paper's ``title``."""
    ends = [end for _, end in entries]
    placements = []
    previous_in_entry = below_entry = False
    section: str | None = None
    since_heading = 0
    for sentence in sentences:
        alone = is_heading(sentence)
        named = section_of(sentence, alone)
        if named is not None:
            section, since_heading = named, 0
        since_heading += 0 if alone else 1
        placed = "findings" if section == "discussion" and since_heading <= DISCUSSION_OPENING else section
        inside = _overlap(sentence, entries) * 2 >= sentence.end - sentence.start
        after = bisect.bisect_right(ends, sentence.start) - 1
        describes = (not inside and after >= 0 and previous_in_entry
                     and sentence.start - ends[after] <= _DESCRIPTION_REACH)
        heading = is_heading(sentence) and not inside
        below_entry = inside or (below_entry and not heading)
        front = sentence.start < front_end and not (title and _folded(title) in _folded(sentence.text))
        placements.append(Placement(heading, inside, describes, heading and is_title(sentence.text),
                                    below_entry and not inside,
                                    front or (content_end is not None and sentence.start >= content_end), placed))
        previous_in_entry = inside
    return placements


def section_of(sentence: Sentence, heading: bool) -> str | None:
    """The paper section a heading, a line of its own ("Introduction" above its first sentence) or a labelled
    sentence ("Results: During follow-up, …", "2. Methods") opens, else None."""
    first_line = sentence.text.split("\n", 1)[0]
    found = _LABEL.match(first_line)
    if found is None:
        return None
    label = found.group("label").strip()
    labelled = heading or first_line.rstrip().endswith(label) or ":" in first_line[found.start("label"):found.end()]
    if not labelled:
        return None
    colon = ":" in first_line[found.start("label"):found.end()]
    return next((name for name, pattern in SECTIONS if pattern.fullmatch(label) or (colon and pattern.match(label))),
                None)


def _folded(text: str) -> str:
    """Letters and digits only, lower case: a title compared with the sentence that prints it over two lines."""
    return re.sub(r"[\W_]+", "", text).lower()


def _overlap(sentence: Sentence, entries: Sequence[tuple[int, int]]) -> int:
    """How many characters of the sentence lie inside the reference entries."""
    return sum(max(0, min(end, sentence.end) - max(start, sentence.start)) for start, end in entries
               if start < sentence.end and sentence.start < end)
