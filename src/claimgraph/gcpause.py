"""Python's cycle collector paused while a large tree of acyclic objects is built (audit rows, a report's JSON).

Every few hundred new containers the collector runs, and its oldest generation's passes walk the whole growing
heap: on an audit of 10^6 triples a third of ``run_audit``'s Python time and two thirds of the report's
``to_json``. Nothing these build forms a cycle, so the passes free nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """The cycle collector off inside the block (or decorated function), then as it was before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
