"""The trained reference labeller: a reference string in, its fields out.

The model (``data/reference-parser.crfsuite``, trained by :mod:`claimgraph.ingest.refparser.training` on AnyStyle's
tagged references) labels each token with its field; :func:`claimgraph.ingest.refparser.fields.read_fields` reads
the runs. Tagging is Viterbi over a linear chain: time linear in the number of tokens.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from claimgraph.ingest.refparser.fields import ParsedReference, read_fields
from claimgraph.ingest.refparser.tokens import features, tokenize
from claimgraph.ingest.refparser.training import MODEL

if TYPE_CHECKING:
    import pycrfsuite

MAX_TOKENS = 400
"""A reference longer than this is labelled on its first tokens only: no entry of a reference list runs so long, and
the bound keeps a run-on text from costing more than a real entry."""


@functools.cache
def _tagger() -> pycrfsuite.Tagger:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    return tagger


def label_tokens(tokens: list[str]) -> list[str]:
    """The field label of each token (author, date, title, journal, container-title, volume, pages, doi, …)."""
    if not tokens:
        return []
    return list(_tagger().tag(features(tokens)))


def parse_reference(text: str) -> ParsedReference:
    """The fields of one reference string."""
    tokens = [token for _, _, token in tokenize(text)][:MAX_TOKENS]
    return read_fields(text, tokens, label_tokens(tokens))
