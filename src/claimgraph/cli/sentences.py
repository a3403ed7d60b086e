"""CLI command ``sentences``: the calls ingest makes on each sentence, for sentences given one per line."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from claimgraph.cli.options import emit, format_option, graphs_option, max_bytes_option, output_option, store_option
from claimgraph.errors import InputError
from claimgraph.inputfile import over_limit, read_input
from claimgraph.textfile import decode_utf8

if TYPE_CHECKING:
    from claimgraph.ingest.assertions.assess import SentenceCall

COLUMNS = ("line", "claim", "confidence", "strength", "cue", "claim_type", "polarity", "polarity_cue", "concepts")
"""The columns of every format, in order."""


def _row(number: int, call: SentenceCall) -> dict[str, object]:
    return {"line": number, "claim": call.is_claim, "confidence": call.confidence, "strength": call.strength.code,
            "cue": call.strength.cue, "claim_type": call.claim_type, "polarity": call.polarity.code,
            "polarity_cue": call.polarity.cue,
            "concepts": [{"kind": mention.kind, "label": mention.label, "iri": mention.iri}
                         for mention in call.concepts]}


def _flat(row: dict[str, object]) -> list[str]:
    concepts = row["concepts"]
    assert isinstance(concepts, list)
    cells = {**row, "claim": "yes" if row["claim"] else "no", "cue": row["cue"] or "",
             "polarity_cue": row["polarity_cue"] or "",
             "concepts": "; ".join(f"{concept['kind']}: {concept['label']}" for concept in concepts)}
    return [str(cells[column]) for column in COLUMNS]


def _csv(rows: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_flat(row) for row in rows)
    return buffer.getvalue()


def _text(rows: list[dict[str, object]]) -> str:
    table = [list(COLUMNS), *(_flat(row) for row in rows)]
    widths = [max(len(line[index]) for line in table) for index in range(len(COLUMNS) - 1)]
    return "".join(("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False)) + "  "
                    + line[-1]).rstrip() + "\n" for line in table)


SENTENCE_FORMATS: dict[str, Callable[[list[dict[str, object]]], str]] = {
    "text": _text,
    "csv": _csv,
    "json": lambda rows: json.dumps(rows, indent=2, ensure_ascii=False) + "\n",
}
"""What ``sentences`` writes its rows as, by format name."""


def _read(source: str, max_bytes: int) -> str:
    if source == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(over_limit("standard input", len(data), max_bytes), "-")
        return decode_utf8(data, "-")
    return decode_utf8(read_input(Path(source), max_bytes), source)


@click.command()
@click.argument("source", metavar="FILE|-")
@graphs_option
@store_option
@format_option(SENTENCE_FORMATS, help_text="text (a table), csv or json: one row per sentence.")
@max_bytes_option
@output_option
def sentences(source: str, graphs: tuple[Path, ...], store: str, fmt: str, max_bytes: int,
              output: Path | None) -> None:
    """Classify sentences given one per line (FILE, or - for standard input): whether each makes a claim, its
    strength and the cue that decided it, its claim type, its polarity (an effect, no effect, or a statement about
    the evidence) and the cue that decided it, and the concepts it names, as ingest would draft it."""
    from claimgraph.ingest.assertions.assess import assess_lines
    from claimgraph.ingest.assertions.concepts import ConceptIndex
    from claimgraph.ingest.assertions.lexicon import Lexicon
    from claimgraph.store import load

    text = _read(source, max_bytes)
    with load(graphs, store) as loaded:
        lexicon, concepts = Lexicon.from_store(loaded), ConceptIndex.from_store(loaded)
    rows = [_row(number, call) for number, call in assess_lines(text.splitlines(), lexicon, concepts)]
    emit(SENTENCE_FORMATS[fmt](rows), output)
