"""What the ingest detector tests share: the language fixture loaded once, and the indexes read from it."""

from collections.abc import Iterator

import pytest

from claimgraph.ingest.assertions.claims import ClaimIndex
from claimgraph.ingest.assertions.concepts import ConceptIndex
from claimgraph.ingest.assertions.lexicon import Lexicon
from claimgraph.store import Store, load
from helpers import FIXTURES

LANGUAGE = FIXTURES / "ingest" / "language.ttl"
"""Invented claims, conditions and mechanisms in the curated style (with the packaged ontology's lexicon)."""


@pytest.fixture(scope="package")
def store() -> Iterator[Store]:
    with load([LANGUAGE]) as opened:
        yield opened


@pytest.fixture(scope="package")
def lexicon(store: Store) -> Lexicon:
    return Lexicon.from_store(store)


@pytest.fixture(scope="package")
def concepts(store: Store) -> ConceptIndex:
    return ConceptIndex.from_store(store)


@pytest.fixture(scope="package")
def claims(store: Store) -> ClaimIndex:
    return ClaimIndex.from_store(store)
