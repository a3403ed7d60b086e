"""Accept a reviewed draft: refuse what is not ready, check it with the graph, then write it to ``graphs/``.

Refused (nothing written) while any record still carries ``cg:needsReview true``, while a new claim's label is
still the drafted placeholder, unless the source records exactly one sha256 and the archived copy still has it,
when the draft would change a record the graph holds or add one it does not own (``ownership``), when it refers to
a record defined nowhere (or only in another pending draft, which it names), when the draft with the current graph
violates the SHACL shapes, or when a quote is not in the archived copy. Accepted records lose the drafting
metadata (``cg:needsReview``, ``cg:draftConfidence``, ``cg:linkScore``, ``skos:editorialNote``) and are written as
one new file per source, ``graphs/source-<id>.ttl`` (a study draft of ``import-studies``, which has no source:
``graphs/<draft name>``), whole or not at all, never through a symlink; the draft and its review page (``.html``)
are then removed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.errors import InputError
from claimgraph.ingest.draft.records import NEW_CLAIM_LABEL, comment_line
from claimgraph.ingest.review.page import draft_source, find_archive
from claimgraph.namespaces import curie

if TYPE_CHECKING:
    import rdflib

    from claimgraph.store import Store


@dataclass
class AcceptOutcome:
    """Why a draft was refused (``problems``), or where its records were written."""

    source: str
    problems: list[str] = field(default_factory=list)
    written: Path | None = None

    @property
    def accepted(self) -> bool:
        """True when the records were written."""
        return self.written is not None


def accepted_records(draft: rdflib.Graph) -> rdflib.Graph:
    """The draft's records without the drafting metadata."""
    from rdflib.namespace import SKOS

    from claimgraph.namespaces import CG
    from claimgraph.store.base import bind_prefixes

    kept = bind_prefixes(type(draft)())
    dropped = {CG.needsReview, CG.draftConfidence, CG.linkScore, SKOS.editorialNote}
    for triple in draft:
        if triple[1] not in dropped:
            kept.add(triple)
    return kept


def readiness_problems(draft: rdflib.Graph) -> list[str]:
    """Records still marked for review and claim labels still to paraphrase, one line each."""
    from rdflib import Literal
    from rdflib.namespace import RDFS

    from claimgraph.namespaces import CG

    problems = [f"{curie(str(record))} still needs review (cg:needsReview true)"
                for record in sorted({str(node) for node in draft.subjects(CG.needsReview, Literal(True))})]
    for claim, label in sorted((str(node), str(label)) for node, label in draft.subject_objects(RDFS.label)):
        if label.startswith(NEW_CLAIM_LABEL.strip()):
            problems.append(f"{curie(claim)}: the label is still the drafted quote; paraphrase it")
    return problems


def archive_problems(draft: rdflib.Graph, source: str, archive: Path) -> list[str]:
    """A one-line problem unless the draft's source records exactly one sha256 and the archived copy still has it."""
    from rdflib import URIRef

    from claimgraph.namespaces import SPDX

    recorded = sorted(str(value) for value in draft.objects(None, SPDX.checksumValue))
    own = [str(value) for checksum in draft.objects(URIRef(source), SPDX.checksum)
           for value in draft.objects(checksum, SPDX.checksumValue)]
    if len(recorded) != 1 or len(own) != 1:
        found = f"{len(recorded)} spdx:checksumValue" + (f" ({', '.join(recorded)})" if recorded else "")
        return [f"{curie(source)}: the draft must record exactly one sha256 of its archived copy "
                f"(spdx:checksum [ spdx:checksumValue … ]) and has {found}; the one ingest wrote cannot be checked"]
    actual = hashlib.sha256(archive.read_bytes()).hexdigest()
    if actual != own[0]:
        return [f"{archive}: sha256 {actual} differs from the draft's {own[0]} (changed since ingest)"]
    return []


def accept(draft_path: Path, graphs: list[Path], graphs_dir: Path, sources_dirs: list[Path],
           store_spec: str = "memory") -> AcceptOutcome:
    """Check a reviewed draft with the graph and write its records to ``graphs_dir/source-<id>.ttl``."""
    import rdflib

    from claimgraph.atomic import create_new
    from claimgraph.ingest.review.ownership import ownership_problems
    from claimgraph.namespaces import CG
    from claimgraph.store import load, open_store, turtle_files
    from claimgraph.validate import validate, verify_quotes

    with open_store("memory") as checked:  # the strict parser names file and line of a syntax error
        checked.load_turtle(draft_path)
    draft = rdflib.Graph().parse(draft_path, format="turtle")
    sources = sorted(str(node) for node in draft.subjects(rdflib.RDF.type, CG.Source))
    if len(sources) > 1:
        raise InputError(f"a draft describes at most one cg:Source; found {len(sources)}", str(draft_path))
    source = sources[0] if sources else ""
    outcome = AcceptOutcome(source or draft_path.stem)
    outcome.problems.extend(readiness_problems(draft))
    if source:
        _, local_copy, _ = draft_source(draft_path)
        outcome.problems.extend(archive_problems(draft, source, find_archive(local_copy, sources_dirs)))
        target = graphs_dir / f"source-{source.rsplit('/', 1)[-1]}.ttl"
        header = comment_line(f"Source {source.rsplit('/', 1)[-1]} ({local_copy}): records accepted from "
                              f"{draft_path.name}.")
    else:
        target = graphs_dir / draft_path.name
        header = comment_line(f"Studies accepted from {draft_path.name}.")
    if os.path.lexists(target):
        raise InputError(f"{target} already exists: these records were accepted before")
    if outcome.problems:
        return outcome
    records = accepted_records(draft)
    body = records.serialize(format="turtle")
    with load(turtle_files(graphs), store_spec) as store:
        outcome.problems.extend(ownership_problems(records, store, rdflib.URIRef(source) if source else None))
        outcome.problems.extend(pending_elsewhere(records, store, draft_path))
        store.load_turtle_text(body, str(draft_path))
        report = validate(store)
        outcome.problems.extend(f"SHACL: {v.focus} {v.path}: {v.message}" for v in report.violations)
        misses = verify_quotes(store, sources_dirs).misses if source else []
    mine = [miss for miss in misses if miss.source == source]
    outcome.problems.extend(f"quote not found: {miss.quote!r} ({miss.assertion}: {miss.reason})" for miss in mine)
    if outcome.problems:
        return outcome
    outcome.written = create_new(target, header + body)
    draft_path.unlink()
    draft_path.with_suffix(".html").unlink(missing_ok=True)
    return outcome


def pending_elsewhere(records: rdflib.Graph, store: Store, draft_path: Path) -> list[str]:
    """A line for each record the draft refers to (an ``id/`` IRI) that neither the graph nor the draft holds,
    naming the other pending draft in ``draft_path``'s folder that defines it, if one does."""
    import rdflib

    from claimgraph.ingest.review.ownership import held_records
    from claimgraph.namespaces import ID

    described = set(records.subjects())
    referred = {node for node in records.objects() if isinstance(node, rdflib.URIRef)
                and str(node).startswith(ID) and node not in described}
    missing = sorted(referred - set(held_records(store, referred).subjects()))
    if not missing:
        return []
    holders = _defining_drafts(draft_path, set(missing))
    lines = []
    for record in missing:
        where = holders.get(record)
        lines.append(f"{curie(str(record))} is defined in {where}, a draft pending review: accept that draft first"
                     if where else f"{curie(str(record))} is referred to but neither the graph nor the draft holds it")
    return lines


def _defining_drafts(draft_path: Path, wanted: set[rdflib.URIRef]) -> dict[rdflib.URIRef, Path]:
    """Which other draft beside ``draft_path`` describes each of ``wanted`` (a draft that does not parse is skipped)."""
    import rdflib

    found: dict[rdflib.URIRef, Path] = {}
    for other in sorted(draft_path.parent.glob("*.ttl")):
        if other.resolve() == draft_path.resolve() or not wanted - set(found):
            continue
        graph = rdflib.Graph()
        try:
            graph.parse(other, format="turtle")
        except Exception:  # a pending draft broken by hand cannot name what it holds: skipped
            continue
        for record in wanted & set(graph.subjects()):
            found.setdefault(record, other)
    return found
