"""Citations tied to assertions end to end (analyse on the tiny graph): numbered call-outs and in-text brackets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from claimgraph.ingest.draft.records import DraftInput
from claimgraph.ingest.model import Document
from claimgraph.ingest.pipeline import GraphContext, analyse
from claimgraph.store import load
from helpers import TINY

STUDY = "https://w3id.org/claimgraph/id/study/"
PAGE = """Needles and numb feet

Acupuncture relieves burning pain in the feet of people with diabetes [1]. Acupuncture is proven to help sleep [2, 3-4].
Acupuncture may help balance too. (Needles for Tingling Feet: A Randomized Clinical Trial JAMA Foot. 2020 Mar 2;3(3):e2)

References
[1] Quist A, Berg C. Needling for cold feet. Foot Med. 2018;12(4):101-9.
[2] https://pubmed.ncbi.nlm.nih.gov/31234567/
3. Heat and needles in the elderly. Geriatr Med. 2015;4(1):9-15.
4. NCT04455667
"""


@pytest.fixture(scope="module")
def context() -> Iterator[GraphContext]:
    """What the tiny graph knows."""
    with load([TINY]) as store:
        yield GraphContext.from_store(store)


@pytest.fixture(scope="module")
def draft(context: GraphContext) -> DraftInput:
    """The page drafted in memory."""
    return analyse(Document(PAGE, "text/plain", "page.txt"), context, "numb-feet")


def _cited(draft: DraftInput, sentence_start: str) -> list[str]:
    assertion = next(a for a in draft.assertions if a.sentence.text.startswith(sentence_start))
    return [draft.studies[index].match.iri.removeprefix(STUDY) for index in assertion.citations]


@pytest.mark.parametrize(("sentence", "studies"), [
    ("Acupuncture relieves burning pain", ["quist-2018-fm"]),
    ("Acupuncture is proven to help sleep", ["pmid-31234567", "geriatr-med-2015-heat-needles-elderly",
                                                "nct04455667"]),
    ("Acupuncture may help balance", ["jama-foot-2020-needles-tingling-feet"]),
])
def test_assertions_cite_their_studies(draft: DraftInput, sentence: str, studies: list[str]) -> None:
    """"[1]" and "[2, 3-4]" reach the numbered entries of any form; a bracketed reference closing a paragraph is
    cited by that paragraph's assertions."""
    assert _cited(draft, sentence) == studies


def test_every_entry_is_a_study_once(draft: DraftInput) -> None:
    """Each entry and the bracketed reference is one new study, identifiable by its facts."""
    iris = [study.match.iri.removeprefix(STUDY) for study in draft.studies]
    assert sorted(iris) == sorted(["quist-2018-fm", "pmid-31234567", "geriatr-med-2015-heat-needles-elderly",
                                   "nct04455667", "jama-foot-2020-needles-tingling-feet"])
    assert all(study.match.status == "new" for study in draft.studies)


def test_bracketed_reference_report_reads_its_paragraph(draft: DraftInput) -> None:
    """The bracketed reference's report takes its design from its paragraph and title."""
    study = next(s for s in draft.studies if s.match.iri.endswith("jama-foot-2020-needles-tingling-feet"))
    assert study.design == "rct"


OWN_PAPER = """Foot Care Research (2019), 3:1, 12-19
doi:10.1234/fcr.2019.001
Needling eases burning pain in diabetic neuropathy
ABSTRACT
Methods: In a randomised controlled trial, 120 adults with painful diabetic neuropathy had needling or sham.
Results: Acupuncture relieved burning pain in the feet more than sham did.
Introduction
Burning feet trouble many people with diabetes (Quist, 2018).
References
Quist, A. and Berg, C. (2018). Needling for cold feet. Foot Medicine, 12, 101-109.
"""


def test_a_papers_own_findings_cite_its_own_study(context: GraphContext) -> None:
    """The paper is a study of its own (its DOI, title and journal-line year; its design from its methods), and the
    findings its abstract states cite it; a cited paper's sentence cites that paper only."""
    draft = analyse(Document(OWN_PAPER, "text/plain", "paper.txt", title="Needling eases burning pain in diabetic "
                                                                          "neuropathy"), context, "paper")
    own = next(study for study in draft.studies if study.match.iri.endswith("doi-10-1234-fcr-2019-001"))
    assert (own.design, own.citations[0].year) == ("rct", 2019)
    result = next(a for a in draft.assertions if a.sentence.text.startswith("Results:"))
    assert draft.studies[result.citations[0]] is own
    background = next(a for a in draft.assertions if a.sentence.text.startswith("Burning feet"))
    assert [draft.studies[index].match.iri.removeprefix(STUDY) for index in background.citations] == [
        "quist-2018-fm"]
