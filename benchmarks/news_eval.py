"""The comparison behind ``benchmarks/news.py``: the guarded corpus reader, quote location, and one document's
figures (studies, claim links, assertions, speakers, time) against its gold label.

Definitions are in the docstring of ``benchmarks/news.py``; this module only computes them.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from claimgraph.ingest.draft.records import DraftInput, StudyDraft
from claimgraph.ingest.journals import same_journal
from claimgraph.ingest.model import Document, DraftAssertion
from claimgraph.ingest.names import fold_name
from claimgraph.ingest.pipeline import GraphContext, analyse

HERE = Path(__file__).resolve().parent
LABELS = HERE / "news" / "labels"
DOCS_LIST = HERE / "news" / "dev-docs.txt"
DEFAULT_CORPUS = "/work/.mirror/EnyanDai+FakeHealth/repo/.git"
DEFAULT_POOL = "/work/shared/corpora/fakehealth-dev.txt"
UNIDENTIFIED = "/study/unidentified-"
ACUPUNCTURE = re.compile(r"acupunct|needling", re.IGNORECASE)
"""What names the curated graph's topic: acupuncture, electro-/auricular acupuncture, (dry) needling."""


class Corpus:
    """The FakeHealth documents, read from the git directory; only the paths of the pool may be read."""

    def __init__(self, gitdir: str, pool: str) -> None:
        self.gitdir = gitdir
        self.paths = [line.strip() for line in Path(pool).read_text().splitlines() if line.strip()]
        self._allowed = frozenset(self.paths)

    def read(self, path: str) -> tuple[str, str, str | None]:
        """(title, text, ISO publication date or None) of one pool document (the date is what the saved page's
        metadata gives); any other path is refused before git is asked."""
        if path not in self._allowed:
            raise SystemExit(f"refusing to read {path!r}: not in the development pool")
        out = subprocess.run(["git", "-C", self.gitdir, "show", f"HEAD:dataset/content/{path}.json"],
                             capture_output=True, check=True)
        raw = json.loads(out.stdout)
        stamp = raw.get("publish_date")
        date = datetime.fromtimestamp(float(stamp), tz=UTC).date().isoformat() if stamp else None
        return raw.get("title") or "", raw.get("text") or "", date


def labelled(split: str) -> list[dict]:
    """The labels of a split (dev, test or all) labelled so far, in the order of dev-docs.txt."""
    chosen = []
    for line in DOCS_LIST.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            path, part = line.split("\t")
            label = LABELS / (path.replace("/", "__") + ".json")
            if split in ("all", part) and label.exists():
                chosen.append(json.loads(label.read_text("utf-8")))
    return chosen


SENTENCES = HERE / "news" / "sentences"


def claim_sentences(doc: str) -> list[dict] | None:
    """Every claim-making sentence of a document by its anchor (``benchmarks/news/sentences``), or None when that
    document has no such label file."""
    path = SENTENCES / (doc.replace("/", "__") + ".json")
    return json.loads(path.read_text("utf-8"))["claims"] if path.is_file() else None


def norm(text: str) -> str:
    """Runs of whitespace made one space, ends stripped (how the labels' quotes are anchored)."""
    return re.sub(r"\s+", " ", text).strip()


class Located:
    """A text with its whitespace collapsed, and where each collapsed character came from."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        self.where: list[int] = []
        for match in re.finditer(r"\s+|\S+", text):
            if match.group().isspace():
                if chars:
                    chars.append(" ")
                    self.where.append(match.start())
            else:
                chars.extend(match.group())
                self.where.extend(range(match.start(), match.end()))
        if chars and chars[-1] == " ":
            chars.pop()
            self.where.pop()
        self.collapsed = "".join(chars)

    def spans(self, quote: str) -> list[tuple[int, int]]:
        """Every (start, end) in the original text where ``quote`` occurs after whitespace collapsing; only
        those not inside a longer word ("AD" in "ADHD") when there are such."""
        wanted, found, at, text = norm(quote), [], 0, self.collapsed
        while wanted and (at := text.find(wanted, at)) >= 0:
            end = at + len(wanted)
            inside = (at > 0 and text[at - 1].isalnum() and wanted[0].isalnum()) or (
                end < len(text) and text[end].isalnum() and wanted[-1].isalnum())
            found.append((inside, (self.where[at], self.where[end - 1] + 1)))
            at += 1
        whole = [span for inside, span in found if not inside]
        return whole or [span for _, span in found]


def overlaps(assertion: DraftAssertion, span: tuple[int, int]) -> int:
    """Characters the assertion's sentence shares with ``span`` (0: disjoint)."""
    return max(0, min(assertion.sentence.end, span[1]) - max(assertion.sentence.start, span[0]))


@dataclass
class Facts:
    """What a drafted study's mentions say of it, all mentions pooled."""

    authors: set[str]
    years: set[int]
    journals: list[str]
    dois: set[str]
    bodies: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, study: StudyDraft) -> Facts:
        """The facts of every mention of ``study``."""
        mentions = study.citations
        return cls({fold_name(m.first_author) for m in mentions if m.first_author},
                   {m.year for m in mentions if m.year}, [m.journal for m in mentions if m.journal],
                   {m.doi.lower() for m in mentions if m.doi}, [m.organisation for m in mentions if m.organisation])

    def names(self, gold: dict) -> bool:
        """True when these facts name the gold study: author (+year), DOI, journal (+year), or, for a gold study
        without an author, the body that issued it (+year), as the gold journal or in a gold mention."""
        year_fits = not self.years or gold["year"] is None or gold["year"] in self.years
        if gold["first_author"] and fold_name(gold["first_author"]) in self.authors and year_fits:
            return True
        if gold["doi"] and gold["doi"].lower() in self.dois:
            return True
        if year_fits and any(same_journal(journal, gold["journal"]) for journal in self.journals):
            return True
        return year_fits and not gold["first_author"] and any(
            same_journal(body, gold["journal"]) or any(body.lower() in mention.lower() for mention in gold["mentions"])
            for body in self.bodies)


def identified(study: StudyDraft) -> bool:
    """A drafted study that names a findable paper: not a vague appeal."""
    return study.match.status != "vague" and UNIDENTIFIED not in study.match.iri


@dataclass
class Result:
    """One document's figures."""

    doc: str
    seconds: float = 0.0
    gold_studies: int = 0
    gold_identifiable: int = 0
    identifiable_found: int = 0
    drafted_studies: int = 0
    identified: int = 0
    identified_right: int = 0
    to_curated: int = 0
    drafts_per_study: list[int] = field(default_factory=list)
    designs: list[tuple[str, str]] = field(default_factory=list)
    drafted: int = 0
    links: list[tuple[str, int, str, float, str, str]] = field(default_factory=list)
    claims: int = 0
    recalled: int = 0
    pairs: list[tuple[str, str]] = field(default_factory=list)
    headlines: int = 0
    headlines_recalled: int = 0
    boilerplate: int = 0
    duplicates: int = 0
    speakers: list[bool] | None = None
    gold_is_source: list[bool] = field(default_factory=list)
    claim_sentences: int = 0
    claim_sentences_sure: int = 0
    claim_sentences_found: int = 0
    claim_sentences_sure_found: int = 0
    drafted_on_claims: int = 0
    sentence_labelled: bool = False


def speaker_of(assertion: DraftAssertion) -> object | None:
    """The drafted speaker, when the record models one (``None`` also when it does not)."""
    return getattr(assertion, "speaker", None)


SPEAKER_MODELLED = any(f.name == "speaker" for f in dataclasses.fields(DraftAssertion))


def same_speaker(gold: str, drafted: object | None) -> bool:
    """Gold 'source' against no drafted speaker; a gold 'Name (role)' against a drafted speaker naming its
    surname."""
    if gold == "source":
        return drafted in (None, "", "source")
    surname = re.sub(r"\s*\([^()]*\)$", "", gold).split()[-1]
    return drafted is not None and fold_name(surname) in fold_name(str(drafted))


def compare_studies(result: Result, label: dict, draft: DraftInput) -> None:
    """Study recall, precision, merges into curated studies and drafts per real study."""
    facts = [(study, Facts.of(study)) for study in draft.studies]
    gold = label["studies"]
    result.gold_studies, result.gold_identifiable = len(gold), sum(g["identifiable"] for g in gold)
    result.drafted_studies = len(facts)
    result.to_curated = sum(study.match.status == "matched" for study in draft.studies)
    ident = [f for study, f in facts if identified(study)]
    result.identified = len(ident)
    result.identified_right = sum(any(f.names(g) for g in gold) for f in ident)
    result.identifiable_found = sum(g["identifiable"] and any(f.names(g) for f in ident) for g in gold)
    for g in gold:
        naming = [study for study, f in facts if f.names(g)]
        if naming:
            result.drafts_per_study.append(len(naming))
            result.designs.append((g["design"], naming[0].design or "unknown"))


def compare_assertions(result: Result, label: dict, draft: DraftInput, located: Located) -> None:
    """Claim recall, strength pairs, headline, boilerplate, duplicates, speakers and claim links."""
    drafted = list(draft.assertions)
    result.drafted = len(drafted)
    speakers: list[bool] = []
    gold_spans = []
    for claim in label["claims"]:
        spans = located.spans(claim["quote"])
        gold_spans.append((claim, spans))
        hits = [(overlaps(a, span), a) for span in spans for a in drafted if overlaps(a, span)]
        result.claims += 1
        result.headlines += claim["headline"]
        if not hits:
            continue
        best = max(hits, key=lambda hit: hit[0])[1]
        result.recalled += 1
        result.headlines_recalled += claim["headline"]
        result.pairs.append((claim["strength"], best.strength.code))
        speakers.append(same_speaker(claim["speaker"], speaker_of(best)))
        result.gold_is_source.append(claim["speaker"] == "source")
    result.speakers = speakers if SPEAKER_MODELLED else None
    anchors = [span for quote in label["boilerplate"] for span in located.spans(quote)]
    result.boilerplate = sum(any(overlaps(a, span) for span in anchors) for a in drafted)
    seen: set[object] = set()
    for a in drafted:
        keys = {(a.sentence.start, a.sentence.end), norm(a.sentence.text)}
        result.duplicates += bool(keys & seen)
        seen |= keys
    topical = bool(ACUPUNCTURE.search(draft.text))
    for a in drafted:
        if a.claim.iri is None:
            continue
        labelled_here = [claim for claim, spans in gold_spans if any(overlaps(a, span) for span in spans)]
        named = ACUPUNCTURE.search(a.sentence.text) or any(
            ACUPUNCTURE.search(" ".join(str(c[k] or "") for k in ("quote", "paraphrase", "intervention")))
            for c in labelled_here)
        verdict = "check" if named else "wrong (sentence)" if topical else "wrong (document)"
        result.links.append((label["doc"], a.sentence.start, a.claim.iri, a.claim.score, verdict,
                             norm(a.sentence.text)[:90]))


def compare_sentences(result: Result, doc: str, draft: DraftInput, located: Located) -> None:
    """Assertion recall and precision against every claim-making sentence of the document: a labelled sentence is
    found when a drafted assertion's sentence overlaps its anchor (any of its printed copies); a drafted assertion
    is right when its sentence overlaps some claim sentence's anchor."""
    labels = claim_sentences(doc)
    if labels is None:
        return
    result.sentence_labelled = True
    anchored = [(claim.get("sure", True), located.spans(claim["anchor"])) for claim in labels]
    for sure, spans in anchored:
        found = any(overlaps(a, span) for a in draft.assertions for span in spans)
        result.claim_sentences += 1
        result.claim_sentences_found += found
        result.claim_sentences_sure += sure
        result.claim_sentences_sure_found += found and sure
    result.drafted_on_claims = sum(any(overlaps(a, span) for _, spans in anchored for span in spans)
                                   for a in draft.assertions)


def measure(label: dict, corpus: Corpus, context: GraphContext, dated: bool = True) -> Result:
    """Analyse one labelled document (with the date its page states, when ``dated``) and compare the draft with its
    label."""
    title, body, date = corpus.read(label["doc"])
    text = title + "\n\n" + body
    document = Document(text=text, media_type="text/plain", origin=label["doc"], title=title,
                        date=date if dated else None)
    started = time.perf_counter()
    draft = analyse(document, context, "news-benchmark")
    result = Result(label["doc"], seconds=time.perf_counter() - started)
    compare_studies(result, label, draft)
    located = Located(text)
    compare_assertions(result, label, draft, located)
    compare_sentences(result, label["doc"], draft, located)
    return result


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1) of ``values``; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(share * len(ordered)))) - 1]
