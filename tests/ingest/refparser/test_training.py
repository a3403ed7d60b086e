"""The shipped model is what `make model` trains from the shipped data (training is deterministic)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.ingest.refparser.tokens import features
from claimgraph.ingest.refparser.training import MODEL, TRAINING_FILES, read_sequences, train

SAMPLE = 500
"""References of the training data both models label when their bytes differ (CRFsuite's L-BFGS is deterministic on
one platform, so they are normally byte for byte the same; another CPU may round the weights differently, which
must change no label: a model trained with other parameters, 200 iterations instead of 80, changes 2 of 23,000)."""


@pytest.mark.slow_training
def test_the_shipped_model_is_what_training_on_the_shipped_data_gives(tmp_path: Path) -> None:
    import pycrfsuite

    fresh = tmp_path / "fresh.crfsuite"
    train(TRAINING_FILES, fresh)
    if fresh.read_bytes() == MODEL.read_bytes():
        return
    shipped, retrained = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    shipped.open(str(MODEL))
    retrained.open(str(fresh))
    for tokens, _ in list(read_sequences(TRAINING_FILES[1]))[:SAMPLE]:
        described = features(tokens)
        assert shipped.tag(described) == retrained.tag(described), " ".join(tokens)


def test_every_training_reference_has_tokens_and_known_labels() -> None:
    labels = {label for source in TRAINING_FILES for _, sequence in read_sequences(source) for label in sequence}
    assert {"author", "title", "date", "journal", "volume", "pages", "doi"} <= labels
    assert sum(1 for source in TRAINING_FILES for _ in read_sequences(source)) > 6000
