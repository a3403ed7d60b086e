"""Review a draft: an offline HTML page of the archived text with every quote and citation marked, and a summary.

The page follows the rules of every claimgraph export: all values escaped by the one Jinja environment, a
Content-Security-Policy that allows no script and no network, nothing fetched.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.errors import InputError
from claimgraph.ingest.review import QUERIES
from claimgraph.namespaces import curie

if TYPE_CHECKING:
    from collections.abc import Mapping

    from claimgraph.store import Store, Term


@dataclass(frozen=True)
class Mark:
    """One highlighted span of the archived text: a quote (by strength) or a citation mention."""

    start: int
    end: int
    kind: str
    record: str
    title: str
    link: str = ""


SPARSE_CHARACTERS = 2000
"""A document with fewer than one assertion per this many characters is called sparse in the coverage line."""


@dataclass(frozen=True)
class Coverage:
    """How much of a document the draft covers: its length, its assertions, the known concepts it names."""

    characters: int
    assertions: int
    concepts: tuple[str, ...] = ()

    def line(self) -> str:
        """One line for the reviewer, so silence is never mistaken for absence."""
        plural = "" if self.assertions == 1 else "s"
        named = (f"names {len(self.concepts)} known condition{'' if len(self.concepts) == 1 else 's'} or "
                 f"intervention{'' if len(self.concepts) == 1 else 's'} ({', '.join(self.concepts[:5])}"
                 f"{', …' if len(self.concepts) > 5 else ''})" if self.concepts
                 else "no known intervention or condition found")
        sparse = ("; few assertions for its length: check that the text was extracted whole and that its "
                  "conditions and interventions are in the vocabulary"
                  if self.assertions * SPARSE_CHARACTERS < self.characters else "")
        return f"{self.characters:,} characters, {self.assertions} assertion{plural}; {named}{sparse}"


@dataclass
class DraftReview:
    """What a draft holds and what a person must still do, read from the draft and the graph."""

    source: str
    local_copy: str
    text: str
    assertions: list[dict[str, str]]
    mentions: list[dict[str, str]]
    records: list[dict[str, str]]
    marks: list[Mark] = field(default_factory=list)
    unanchored: list[str] = field(default_factory=list)
    concepts: tuple[str, ...] = ()

    @property
    def coverage(self) -> Coverage:
        """How much of the archived text the draft covers."""
        return Coverage(len(self.text), len(self.assertions), self.concepts)

    def study_status(self, row: dict[str, str]) -> str:
        """matched (a reviewed study of the graph), pending (another draft's), new, or vague (unidentifiable)."""
        drafted_here = any(record["record"] == row["study"] for record in self.records)
        if drafted_here:
            return "vague" if row.get("identifiable") == "false" else "new"
        return "pending" if row.get("study_needs_review") == "true" else "matched"

    def studies(self) -> list[dict[str, object]]:
        """Each study mentioned, once: IRI, status, label and the mentions' text, in order of first mention."""
        found: dict[str, dict[str, object]] = {}
        for row in self.mentions:
            study = found.setdefault(row["study"], {"iri": row["study"], "status": self.study_status(row),
                                                    "label": row.get("study_label", ""), "mentions": []})
            mentions = study["mentions"]
            assert isinstance(mentions, list)
            mentions.append(" ".join(self.text[int(row["start"]):int(row["end"])].split()))
        return list(found.values())

    def summary(self) -> dict[str, Counter[str]]:
        """Counts for the terminal: assertions by strength, studies by status, records left by kind."""
        studies = {row["study"]: self.study_status(row) for row in self.mentions}
        return {
            "assertions": Counter(row["strength"] for row in self.assertions),
            "citations": Counter(self.study_status(row) for row in self.mentions),
            "studies": Counter(studies.values()),
            "to review": Counter(curie(row["type"]) if row.get("type") else "record" for row in self.records),
        }


def draft_source(draft: Path) -> tuple[str, str, frozenset[str]]:
    """The one source a draft file describes: its IRI, its archived copy's file name, and the draft's subjects."""
    import rdflib

    from claimgraph.namespaces import CG

    graph = rdflib.Graph()
    try:
        graph.parse(draft, format="turtle")
    except Exception as error:  # the store's strict parser has already named file and line
        raise InputError(f"cannot read the draft: {error}", str(draft)) from None
    sources = sorted(str(node) for node in set(graph.subjects(rdflib.RDF.type, CG.Source)))
    if len(sources) != 1:
        if not sources:
            raise InputError("a study draft (no cg:Source, no archived text): review it in an editor, then "
                             "`claimgraph accept` it", str(draft))
        raise InputError(f"a draft describes exactly one cg:Source; found {len(sources)}", str(draft))
    local_copy = graph.value(rdflib.URIRef(sources[0]), CG.localCopy)
    if local_copy is None:
        raise InputError(f"{sources[0]} has no cg:localCopy", str(draft))
    return str(sources[0]), str(local_copy), frozenset(str(node) for node in graph.subjects())


def find_archive(local_copy: str, sources_dirs: list[Path]) -> Path:
    """The archived copy in the first folder that holds it (never a path outside those folders)."""
    from claimgraph.validate.quotes import archived_path

    for folder in sources_dirs:
        path = archived_path(folder, local_copy)
        if path is not None and path.is_file():
            return path
    raise InputError(f"archived copy {local_copy} not found in {', '.join(map(str, sources_dirs))}")


def read_review(store: Store, draft: Path, sources_dirs: list[Path]) -> DraftReview:
    """Everything the review page and summary show, for a store holding the graph and the draft."""
    from rdflib import URIRef

    from claimgraph.textfile import read_utf8

    source, local_copy, subjects = draft_source(draft)
    text = read_utf8(find_archive(local_copy, sources_dirs))
    bound = {"source": URIRef(source)}
    assertions = _strings(store, "draft-assertions", bound)
    mentions = _strings(store, "draft-mentions", bound)
    records = [row for row in _strings(store, "draft-records", None) if row["record"] in subjects]
    review = DraftReview(source, local_copy, text, assertions, mentions, records,
                         concepts=_known_concepts(store, text, subjects))
    _anchor(review)
    return review


def _known_concepts(store: Store, text: str, drafted: frozenset[str]) -> tuple[str, ...]:
    """The labels of the conditions and interventions of the graph (not the draft's own) named in ``text``."""
    from claimgraph.ingest.assertions.concepts import ConceptIndex

    found = ConceptIndex.from_store(store).find(text)
    return tuple(dict.fromkeys(mention.label.lower() for mention in found
                               if mention.iri and mention.iri not in drafted
                               and mention.kind in ("condition", "intervention")))


def _strings(store: Store, name: str, bindings: Mapping[str, Term] | None) -> list[dict[str, str]]:
    result = store.query(QUERIES.text(name), bindings)
    return [{key: str(value) for key, value in row.items()} for row in result.dicts()]


def _anchor(review: DraftReview) -> None:
    """Place each quote (prefix and suffix first, then the quote alone) and each mention in the text."""
    from claimgraph.ingest.review.anchor import locate_quote

    text = review.text
    for row in review.assertions:
        span = locate_quote(text, row["exact"], row.get("prefix", ""), row.get("suffix", ""))
        if span is None:
            review.unanchored.append(row["assertion"])
            continue
        title = f"{row['strength']} · {curie(row['claim'])}" + (f" · {row['confidence']}" if "confidence" in row
                                                                 else "")
        review.marks.append(Mark(*span, f"quote {row['strength']}", row["assertion"],
                                 title, "#" + curie(row["assertion"])))
    for row in review.mentions:
        start, end = int(row["start"]), int(row["end"])
        if not 0 <= start < end <= len(text):
            review.unanchored.append(row["mention"])
            continue
        status = review.study_status(row)
        review.marks.append(Mark(start, end, f"mention {status}", row["mention"],
                                 f"{status}: {row.get('study_label', curie(row['study']))}",
                                 "#" + curie(row["study"])))


def render_review(review: DraftReview) -> str:
    """The review page as HTML (offline, escaped, no script)."""
    from claimgraph.ingest.review.anchor import segments
    from claimgraph.ingest.review.invisible import show_invisible
    from claimgraph.templates import render

    pieces = []
    for piece in segments(review.text, review.marks):
        links = [mark.link for mark in piece.marks if mark.kind.startswith("mention")] + [
            mark.link for mark in piece.marks]
        pieces.append({"text": piece.text, "link": links[0] if links else "",
                       "classes": " ".join(mark.kind for mark in piece.marks),
                       "title": " | ".join(mark.title for mark in piece.marks)})
    page = render("review.html.j2", review=review, pieces=pieces, studies=review.studies(),
                  summary=review.summary(), local=curie)
    return show_invisible(page)  # the archived text, quotes and labels alike: nothing hidden from the reviewer


def summary_lines(review: DraftReview) -> list[str]:
    """The terminal summary: assertions by strength, citations by status, and what needs a human."""
    counts = review.summary()
    lines = [f"{curie(review.source)}: {review.local_copy}, {len(review.assertions)} assertions, "
             f"{len(review.mentions)} citation mentions of {sum(counts['studies'].values())} studies",
             f"  coverage: {review.coverage.line()}"]
    for name in ("assertions", "citations", "studies", "to review"):
        detail = ", ".join(f"{count} {key}" for key, count in sorted(counts[name].items())) or "none"
        lines.append(f"  {name}: {detail}")
    if review.unanchored:
        lines.append(f"  not found in the archived text: {', '.join(map(curie, review.unanchored))}")
    return lines
