"""Accept a reviewed draft: refuse what is not ready, check it with the graph, then write it to ``graphs/``.

Refused (nothing written) while any record still carries ``cg:needsReview true``, while a new claim's label
is still the drafted placeholder, when the archived copy's sha256 differs from the one recorded, when the
draft with the current graph violates the SHACL shapes, or when a quote is not in the archived copy. Accepted
records lose the drafting metadata (``cg:needsReview``, ``cg:draftConfidence``, ``cg:linkScore``,
``skos:editorialNote``) and are written as one file per source, ``graphs/source-<id>.ttl`` (a study draft of
``import-studies``, which has no source: ``graphs/<draft name>``), atomically; the draft is then removed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.errors import InputError
from claimgraph.ingest.draft.records import NEW_CLAIM_LABEL
from claimgraph.ingest.review.page import draft_source, find_archive

if TYPE_CHECKING:
    import rdflib


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

    from claimgraph.namespaces import CG, curie

    problems = [f"{curie(str(record))} still needs review (cg:needsReview true)"
                for record in sorted({str(node) for node in draft.subjects(CG.needsReview, Literal(True))})]
    for claim, label in sorted((str(node), str(label)) for node, label in draft.subject_objects(RDFS.label)):
        if label.startswith(NEW_CLAIM_LABEL.strip()):
            problems.append(f"{curie(claim)}: the label is still the drafted quote; paraphrase it")
    return problems


def archive_problems(draft: rdflib.Graph, archive: Path) -> list[str]:
    """A one-line problem when the archived copy's sha256 is not the one the draft recorded at ingest."""
    from claimgraph.namespaces import SPDX

    recorded = sorted(str(value) for value in draft.objects(None, SPDX.checksumValue))
    actual = hashlib.sha256(archive.read_bytes()).hexdigest()
    if recorded and actual not in recorded:
        return [f"{archive}: sha256 {actual} differs from the draft's {', '.join(recorded)} (changed since ingest)"]
    return []


def accept(draft_path: Path, graphs: list[Path], graphs_dir: Path, sources_dirs: list[Path],
           store_spec: str = "memory") -> AcceptOutcome:
    """Check a reviewed draft with the graph and write its records to ``graphs_dir/source-<id>.ttl``."""
    import rdflib

    from claimgraph.atomic import write_atomic
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
        outcome.problems.extend(archive_problems(draft, find_archive(local_copy, sources_dirs)))
        target = graphs_dir / f"source-{source.rsplit('/', 1)[-1]}.ttl"
        header = f"# Source {source.rsplit('/', 1)[-1]} ({local_copy}): records accepted from {draft_path.name}.\n"
    else:
        target = graphs_dir / draft_path.name
        header = f"# Studies accepted from {draft_path.name}.\n"
    if target.exists():
        raise InputError(f"{target} already exists: these records were accepted before")
    if outcome.problems:
        return outcome
    records = accepted_records(draft)
    body = records.serialize(format="turtle")
    text = header + body
    with load(turtle_files(graphs), store_spec) as store:
        store.load_turtle_text(body, str(draft_path))
        report = validate(store)
        outcome.problems.extend(f"SHACL: {v.focus} {v.path}: {v.message}" for v in report.violations)
        misses = verify_quotes(store, sources_dirs).misses if source else []
    mine = [miss for miss in misses if miss.source == source]
    outcome.problems.extend(f"quote not found: {miss.quote!r} ({miss.assertion}: {miss.reason})" for miss in mine)
    if outcome.problems:
        return outcome
    outcome.written = write_atomic(target, text)
    draft_path.unlink()
    return outcome
