"""The claim-support fragment asked once per audit: five of the audit's queries embed it (levels and four
rules), and a local store joins its answer into them as a ``VALUES`` block instead of evaluating it five times.

Each query keeps its meaning: the block holds exactly the rows the embedded sub-select would give. A remote
store gets the queries as shipped (sending the answer back would cost a request as large as the answer).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import partial

from claimgraph.rq.include import inline_answer
from claimgraph.store import Store
from claimgraph.store.base import Query

SHARED_FRAGMENT = "audit/rules/facts/claim-support.rq"
"""The include path of the fragment the audit asks once."""


class SharedAnswer:
    """A fragment's answer as a VALUES block, asked of the store by the first query whose turn needs it."""

    def __init__(self, store: Store, fragment_sparql: str) -> None:
        self._store = store
        self._sparql = fragment_sparql
        self._lock = threading.Lock()
        self._asked = False
        self._values: str | None = None

    def inlined(self, text: str) -> str:
        """``text`` with the fragment's include regions replaced by its answer (as it is when the answer has no
        rows or holds a term no VALUES block can name: a blank node, a triple term)."""
        with self._lock:
            if not self._asked:
                self._values = self._store.select_values(self._sparql)
                self._asked = True
        return text if self._values is None else inline_answer(text, SHARED_FRAGMENT, self._values)


def sharing_fragment(store: Store, fragment_sparql: str, queries: Sequence[str]) -> list[Query]:
    """``queries`` with those that embed :data:`SHARED_FRAGMENT` deferred: each joins the one answer when its
    turn comes. On a remote store, the queries as they are."""
    if store.remote:
        return list(queries)
    shared = SharedAnswer(store, fragment_sparql)
    marker = f"# include: {SHARED_FRAGMENT}"
    return [partial(shared.inlined, text) if marker in text else text for text in queries]
