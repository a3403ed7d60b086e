"""Ingest reads untrusted text: every detector, and the whole analysis, takes time linear in the text.

Each shape below is an adversarial text grown by repetition (long author lists, lines without a stop, runs of
brackets, digits and dots, capitals, "et al.", hyphens, DOIs, mojibake, whitespace). For each, the size ``n`` is
doubled until the text is :data:`LEAST_CHARACTERS` long and a run takes :data:`LEAST_SECONDS` of CPU time; then
ten times the text may cost at most :data:`MOST_RATIO` times as much (the best of several runs each, with the
garbage collector paused, as ``timeit`` does; measured once more before failing). A pattern that backtracks over
its input, or a loop that rescans the text per mention, costs a hundred times as much or more.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator

import pytest

from claimgraph.ingest.assertions.claims import ClaimIndex, draft_assertions
from claimgraph.ingest.assertions.concepts import ConceptIndex
from claimgraph.ingest.assertions.lexicon import Lexicon
from claimgraph.ingest.citations.find import find_citations
from claimgraph.ingest.citations.frames import frame_citations
from claimgraph.ingest.citations.reports import report_facts
from claimgraph.ingest.model import Document
from claimgraph.ingest.pipeline import GraphContext, analyse
from claimgraph.store import load
from helpers import TINY

LEAST_SECONDS = 0.02
"""The CPU time the smaller run must take, so that timer and cache noise are small beside it."""
LEAST_CHARACTERS = 5_000
"""The length the smaller text must reach, so that what a run costs whatever its text is small beside the rest."""
MOST_RATIO = 15.0
"""How much ten times the input may cost, at most: linear is 10, sorting the mentions and the caches of a machine
shared with other work measure 11 to 14 here, a quadratic part 25 to 100 at these sizes."""


def _names(n: int) -> Iterator[str]:
    return (f"Surnam{chr(97 + index % 26)}" for index in range(n))


SHAPES: dict[str, Callable[[int], str]] = {
    "author lists": lambda n: "References\n1. " + ", ".join(f"{name} AB" for name in _names(n))
    + ". Needles for cold feet. Foot Med. 2019;12(4):101-9.\n" + ", ".join(f"{name}, A. B." for name in _names(n))
    + " (2010). Title. Pain, 3, 1-5.\n" + ", ".join(f"{name} I.I." for name in _names(n)) + ", Title.\n",
    "a line without a stop": lambda n: "acupuncture relieves burning pain in the feet of people with diabetes " * n,
    "cited sentences": lambda n: "Acupuncture may relieve pain in diabetic neuropathy (Smith 2010). " * n,
    "brackets, digits and dots": lambda n: "(" * n + "[" * n + "a) " * n + "(x) " * n + ")" * n + "1.2." * n + " "
    + "1,1," * n + " " + "1" * n + " 10.5% p<0.05 " * n,
    "capitals": lambda n: "A" * n + " " + "ABCDEFG " * n + "Pain Medicine Journal " * n,
    "et al.": lambda n: "et al. " * n + "Smith et al. " * n + "Smith et al." + " " * n + "x",
    "names and attributions": lambda n: "Smith and " * n + "said author Dr. " * n + "published in " * n
    + "recent randomized " * n,
    "hyphens, apostrophes and mojibake": lambda n: "well-" * n + " " + "Alzheimer’s " * n + "a.b" * n
    + " SchrÃ¶der " * n + "SÃ¶" * n,
    "DOIs and reference lists": lambda n: "doi:10.1000/abc " * n + "10.1000/x" + ")" * n + " 10.1000/a-" + " " * n
    + "\n[1] Smith J. Title here. Pain. 2010;3:1-5.\n" * n + "Title of a trial here. J Pain. 2010 Mar;3(1):1-5.\n" * n
    + "Smith AB 2010 " * n,
    "line breaks": lambda n: "Heading\n" * n + "\n \n" * n + "1. Item here\n" * n,
    "issuing bodies": lambda n: "American Heart Association " * n + "Task Force issued " * n + "guidelines from the "
    * n + "In 2009, the " * n + "U.S. Preventive Services " * n + "report",
    "bodies with asides and years": lambda n: "Royal College, which sets U.K. rules, " * n + "concluded in a 2007 "
    * n + "2014 guidelines for the " * n + "issued in 2009 by the " * n + "Britain's " * n + "Society",
    "a paper's reference list": lambda n: "Abstract\nText.\nReferences\n" + "Smith, A. and\n" * n
    + "Lind B. (2010). Title. Pain, 3, 1-5. doi:10.1000/\n" * n + "no author here\n" * n + "1. x\n" * n,
    "journal cues": lambda n: "published in 2009 in " * n + "Find this study May 1 in " * n + "December 13th " * n
    + "said Duke University's Dr. " * n + "who led the rivaroxaban " * n + "Journal",
}


def _cpu_seconds(run: Callable[[str], object], text: str, repeats: int) -> float:
    """The least CPU time of ``repeats`` runs of ``run`` over ``text`` (each with one more line break at its end, so
    that no run finds what an earlier one kept for its text)."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for attempt in range(repeats):
            varied = text + "\n" * attempt
            started = time.process_time()
            run(varied)
            best = min(best, time.process_time() - started)
    finally:
        gc.enable()
    return best


def _ratio(run: Callable[[str], object], shape: Callable[[int], str]) -> tuple[int, float]:
    """The size at which ``run`` takes :data:`LEAST_SECONDS` over :data:`LEAST_CHARACTERS` or more, and what ten times
    that size costs relative to it."""
    n = 1
    while len(shape(n)) < LEAST_CHARACTERS or _cpu_seconds(run, shape(n), 1) < LEAST_SECONDS:
        n *= 2
    small, large = shape(n), shape(10 * n)
    return n, _cpu_seconds(run, large, 1) / _cpu_seconds(run, small, 3)


def assert_linear(run: Callable[[str], object], shape: Callable[[int], str]) -> None:
    """Ten times the text costs at most :data:`MOST_RATIO` times the time (measured again once before failing)."""
    n, ratio = _ratio(run, shape)
    if ratio > MOST_RATIO:
        n, ratio = _ratio(run, shape)
    assert ratio <= MOST_RATIO, f"ten times the text (n={n}) took {ratio:.1f} times as long"


def _citations(text: str) -> None:
    """The citation stage as the pipeline runs it: every mention, what is said of each, the story's frame."""
    citations = find_citations(text)
    for citation in citations:
        report_facts(text, citation)
    frame_citations(citations, text, "2020-01-01")


@pytest.mark.parametrize("shape", SHAPES)
def test_citation_detectors_take_linear_time(shape: str) -> None:
    assert_linear(_citations, SHAPES[shape])


@pytest.mark.parametrize("shape", SHAPES)
def test_assertion_detectors_take_linear_time(shape: str, lexicon: Lexicon, concepts: ConceptIndex,
                                              claims: ClaimIndex) -> None:
    assert_linear(lambda text: draft_assertions(text, lexicon, concepts, claims), SHAPES[shape])


PAGE = """Needles for numb feet {n}

Acupuncture relieves burning pain in the feet of people with diabetes [1]. A 2019 study published in Pain Medicine
found that needling helped sleep (Quist {year}). Researchers said lead author Dr. Ana Ruiz{n} of the clinic.
Electroacupuncture may help numbness too, studies have found; see doi:10.1000/feet.{n} and PMID: 3123{n:04d}.

References
[1] Quist A, Berg C, Surname{n} AB. Needling for cold feet. Foot Med. {year};12(4):101-9.
2. Heat and needles in the elderly. Geriatr Med. 2015;4(1):9-15.
"""


def test_the_whole_analysis_takes_linear_time() -> None:
    """``analyse`` (every stage but the writes) over a page repeated with other names, numbers and years."""
    def page(n: int) -> str:
        return "".join(PAGE.format(n=index, year=1990 + index % 30) for index in range(n))

    with load([TINY]) as store:
        context = GraphContext.from_store(store)
        assert_linear(lambda text: analyse(Document(text, "text/plain", "page.txt"), context, "page"), page)
