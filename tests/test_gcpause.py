"""The cycle collector paused around a block or a decorated function, and restored as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from claimgraph.gcpause import cyclic_gc_paused


@pytest.fixture(params=[True, False], ids=["enabled-before", "disabled-before"])
def collector_state(request: pytest.FixtureRequest) -> Iterator[bool]:
    was = gc.isenabled()
    (gc.enable if request.param else gc.disable)()
    yield bool(request.param)
    (gc.enable if was else gc.disable)()


def test_the_collector_is_off_inside_and_as_it_was_after(collector_state: bool) -> None:
    with cyclic_gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled() is collector_state


def test_the_collector_is_restored_after_an_exception(collector_state: bool) -> None:
    @cyclic_gc_paused()
    def failing() -> None:
        assert not gc.isenabled()
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        failing()
    assert gc.isenabled() is collector_state
