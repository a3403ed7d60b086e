"""CLI commands ``ingest``, ``review``, ``accept``, ``discard`` and ``import-studies``: from a user's document to the
graph."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from claimgraph.cli.options import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    emit,
    existing_sources_dirs,
    graphs_option,
    max_bytes_option,
    output_option,
    sources_dirs_option,
    store_option,
    time_limit_option,
)
from claimgraph.errors import InputError
from claimgraph.ingest.read.extract import EXTRACTORS

DRAFTS_DIR = Path("drafts")
"""Where drafts wait for review (one Turtle file per document)."""

ARCHIVE_DIR = Path("sources")
"""Where ingest archives the extracted text of each document (quotes are anchored to it)."""


@click.command(help="Draft the claims and citations of a document (" + ", ".join(EXTRACTORS) + ") for review: "
               "archive its text in --sources-dir and write a Turtle draft to --drafts-dir.")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--id", "source_id", help="Source id (a slug); default: from the title.")
@click.option("--kind", help="Source kind notation (blog-post, clinic-web-page, news-article, web-page, "
                              "document, …); default: web-page for HTML, document otherwise.")
@click.option("--title", help="Title, when the document's own is missing or wrong.")
@click.option("--date", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Publication date (YYYY-MM-DD), when the page's metadata and dateline lack it or are wrong.")
@click.option("--sources-dir", type=click.Path(path_type=Path), default=ARCHIVE_DIR, show_default=True,
              help="Folder the archived text is written to.")
@click.option("--drafts-dir", type=click.Path(path_type=Path), default=DRAFTS_DIR, show_default=True,
              help="Folder for the draft.")
@max_bytes_option
@time_limit_option
@graphs_option
@store_option
def ingest(path: Path, source_id: str | None, kind: str | None, title: str | None, date: datetime | None,
           sources_dir: Path, drafts_dir: Path, max_bytes: int, time_limit: float, graphs: tuple[Path, ...],
           store: str) -> None:
    """Ingest one document (the help text lists the accepted kinds from the extractor registry)."""
    from claimgraph.ingest.pipeline import ingest as run_ingest
    from claimgraph.ingest.review.page import read_review, summary_lines
    from claimgraph.store import load

    with load(list(graphs), store) as loaded:  # never other drafts: a draft refers only to accepted records
        result = run_ingest(path, loaded, sources_dir, drafts_dir, source_id, kind, title,
                            existing_sources_dirs(()), date.date().isoformat() if date else None, max_bytes,
                            time_limit or None)
        loaded.load_turtle_text(result.turtle, str(result.draft_path))
        review = read_review(loaded, result.draft_path, [sources_dir])
    click.echo(f"archived {result.archive_path} (sha256 {result.draft.archive.sha256[:12]}…)")
    click.echo(f"drafted {result.draft_path}")
    for warning in result.draft.document.warnings:
        click.echo(f"claimgraph: warning: {warning}", err=True)
    for copy in result.near_duplicates:
        click.echo(f"claimgraph: warning: {copy.share:.0%} of its long sentences are in {copy.path} "
                   f"(source:{copy.path.stem}): the same document elsewhere? compare before accepting", err=True)
    for line in summary_lines(review):
        click.echo(line)
    click.echo(f"next: claimgraph review {result.draft_path}")


@click.command()
@click.argument("draft", type=click.Path(path_type=Path))
@sources_dirs_option
@graphs_option
@store_option
@output_option
def review(draft: Path, sources_dirs: tuple[Path, ...], graphs: tuple[Path, ...], store: str,
           output: Path | None) -> None:
    """Write an offline HTML page of a draft beside its archived text, and print what needs a human."""
    from claimgraph.ingest.review.page import read_review, render_review, summary_lines
    from claimgraph.store import load

    with load([*graphs, draft], store) as loaded:
        result = read_review(loaded, draft, existing_sources_dirs(sources_dirs))
    target = output or draft.with_suffix(".html")
    if output is None and target.is_symlink():
        raise InputError("is a symlink: the review page is written beside the draft, never through a link",
                         str(target))
    emit(render_review(result), target)
    for line in summary_lines(result):
        click.echo(line, err=str(target) == "-")
    click.echo(f"wrote {target}", err=str(target) == "-")
    sys.exit(EXIT_FINDINGS if result.unanchored else EXIT_CLEAN)


@click.command()
@click.argument("draft", type=click.Path(path_type=Path))
@sources_dirs_option
@graphs_option
@store_option
@click.option("--to", "graphs_dir", type=click.Path(path_type=Path), default=Path("graphs"), show_default=True,
              help="Folder the accepted records are written to (source-<id>.ttl).")
@max_bytes_option
def accept(draft: Path, sources_dirs: tuple[Path, ...], graphs: tuple[Path, ...], store: str,
           graphs_dir: Path, max_bytes: int) -> None:
    """Check a reviewed draft (SHACL with the graph, quotes against the archive) and write it to graphs/."""
    from claimgraph.ingest.review.accept import accept as run_accept
    from claimgraph.inputfile import check_input_file

    check_input_file(draft, max_bytes)

    outcome = run_accept(draft, list(graphs), graphs_dir, existing_sources_dirs(sources_dirs), store)
    if not outcome.accepted:
        for problem in outcome.problems:
            click.echo(f"REFUSED {problem}")
        click.echo(f"{draft}: not accepted ({len(outcome.problems)} problems); nothing written")
        sys.exit(EXIT_FINDINGS)
    click.echo(f"accepted {outcome.source}: wrote {outcome.written}; removed {draft}")


@click.command()
@click.argument("draft")
@click.option("--drafts-dir", type=click.Path(path_type=Path), default=DRAFTS_DIR, show_default=True,
              help="Folder of the draft and its review page (when DRAFT is an id).")
@click.option("--sources-dir", type=click.Path(path_type=Path), default=ARCHIVE_DIR, show_default=True,
              help="Folder of the archived text.")
@graphs_option
@store_option
def discard(draft: str, drafts_dir: Path, sources_dir: Path, graphs: tuple[Path, ...], store: str) -> None:
    """Remove a draft (DRAFT: an id or drafts/ID.ttl), its review page and its archived text, freeing the id."""
    from claimgraph.ingest.discard import discard as run_discard
    from claimgraph.ingest.pipeline import QUERIES
    from claimgraph.store import load

    with load(list(graphs), store) as loaded:
        rows = loaded.select_strings(QUERIES.text("graph-names"))
    accepted = frozenset(row["name"] for row in rows if row["kind"] == "source")
    removed = run_discard(draft, drafts_dir, sources_dir, accepted)
    click.echo(f"removed {', '.join(map(str, removed))}; the id is free")


@click.command("import-studies")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--drafts-dir", type=click.Path(path_type=Path), default=DRAFTS_DIR, show_default=True,
              help="Folder for the study draft.")
@max_bytes_option
@time_limit_option
@graphs_option
@store_option
def import_studies(path: Path, drafts_dir: Path, max_bytes: int, time_limit: float, graphs: tuple[Path, ...],
                   store: str) -> None:
    """Draft the studies of a BibTeX (.bib), RIS (.ris) or CSL-JSON (.json) file, or of a reference list copied out
    of a paper (.txt: one entry per line, or numbered), deduplicated against the graph."""
    from claimgraph.ingest.bibimport import import_studies as run_import
    from claimgraph.store import load

    with load(list(graphs), store) as loaded:
        result = run_import(path, loaded, drafts_dir, max_bytes, time_limit or None)
    for line in result.lines():
        click.echo(line)
