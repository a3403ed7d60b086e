"""Import a bibliography (BibTeX, RIS, CSL-JSON) as study drafts, deduplicated against the graph.

Each entry is matched like a citation in a document (DOI, PMID, first author + year, journal + year + title);
entries the graph or a pending draft already holds are reported, not drafted again; the rest become new
study records marked for review in ``drafts/studies-<file stem>.ttl``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.atomic import create_new
from claimgraph.errors import InputError
from claimgraph.ingest.draft.records import StudyDraft, comment_line, slug
from claimgraph.ingest.model import Citation, StudyMatch
from claimgraph.inputfile import DEFAULT_MAX_BYTES
from claimgraph.timebudget import DEFAULT_TIME_LIMIT, time_budget

if TYPE_CHECKING:
    from claimgraph.store import Store


@dataclass
class ImportResult:
    """Entries read, how each resolved, and the draft written (None when every entry was known)."""

    path: Path
    resolved: list[tuple[Citation, StudyMatch]] = field(default_factory=list)
    draft_path: Path | None = None

    def lines(self) -> list[str]:
        """The terminal report: one line per entry, then the counts."""
        from claimgraph.namespaces import curie

        out = [f"{match.status:<8} {curie(match.iri)}  {match.reason}" for _, match in self.resolved]
        counts: dict[str, int] = {}
        for _, match in self.resolved:
            counts[match.status] = counts.get(match.status, 0) + 1
        out.append(f"{len(self.resolved)} entries: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
        out.append(f"drafted {self.draft_path}" if self.draft_path else "nothing new to draft")
        return out


def import_studies(path: Path, store: Store, drafts_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                   time_limit: float | None = DEFAULT_TIME_LIMIT) -> ImportResult:
    """Read ``path`` (at most ``max_bytes``), match every entry against ``store``'s studies, draft the new ones (all
    or nothing); reading and matching must end within ``time_limit`` seconds (None: no limit)."""
    with time_budget(time_limit, str(path)):
        result, graph = _resolve(path, store, max_bytes)
    if graph is None:
        return result
    draft_path = drafts_dir / f"studies-{slug(path.stem)}.ttl"
    if os.path.lexists(draft_path):
        raise InputError(f"{draft_path} exists: review or remove it first")
    header = (comment_line(f"Studies drafted by `claimgraph import-studies` from {path.name}: check each record, "
                           "then set")
              + comment_line("its cg:needsReview to false; `claimgraph accept` writes them to graphs/."))
    create_new(draft_path, header + graph, "the study draft")
    result.draft_path = draft_path
    return result


def _resolve(path: Path, store: Store, max_bytes: int) -> tuple[ImportResult, str | None]:
    """How each entry of ``path`` resolves, and the Turtle of the new studies (None when there are none)."""
    import rdflib

    from claimgraph.ingest.citations.bibliography import read_bibliography
    from claimgraph.ingest.draft.turtle import add_new_study, turtle_with_every_prefix
    from claimgraph.ingest.matching.studies import known_studies, match_citation
    from claimgraph.store.base import bind_prefixes

    entries = read_bibliography(path, max_bytes)
    if not entries:
        raise InputError("no bibliographic entries found", str(path))
    known = known_studies(store)
    result = ImportResult(path)
    drafted: dict[str, list[Citation]] = {}
    matches: dict[str, StudyMatch] = {}
    for entry in entries:
        match = match_citation(entry, known, entry.title or "")
        result.resolved.append((entry, match))
        if match.status in ("new", "vague"):
            drafted.setdefault(match.iri, []).append(entry)
            matches.setdefault(match.iri, match)
    if not drafted:
        return result, None
    graph = bind_prefixes(rdflib.Graph())
    for iri, citations in drafted.items():
        add_new_study(graph, StudyDraft(matches[iri], tuple(citations)))
    return result, turtle_with_every_prefix(graph)
