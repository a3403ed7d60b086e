"""Which query runs when, and within which limits: fair admission to the workers, by client address.

A plain semaphore lets one client that fires many slow queries hold every worker, so a cheap
query from anyone else waits for the flood. :class:`FairSlots` admits a query when

* the client (its IP address) runs fewer than ``per_client`` queries, and
* fewer than ``workers`` queries run in all, or the client runs none and fewer than
  ``workers + reserved`` run: the ``reserved`` slots only ever go to a client's first query.

Among waiting requests the one whose client runs the fewest queries goes first, then the
oldest. So clients that already run queries hold at most ``workers`` workers between them;
a client with nothing running is admitted at once while a reserved slot is free, and otherwise
is next in line when any query ends (at most one time limit later), ahead of every flooder.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from claimgraph.errors import QueryError
from claimgraph.query.results import negotiate
from claimgraph.query.user import UpdateRefused, inspect_query
from claimgraph.serve.limits import EndpointLimits
from claimgraph.serve.worker import Answer, Workers
from claimgraph.store import Store

KIND_CACHE_SIZE = 1024


def answer_query(store: Store, query: str, accept: str | None, max_results: int, kind: str | None = None) -> Answer:
    """Inspect, run and write one query (inside the worker process).

    rdflib's SPARQL parser is not thread-safe, so parsing happens here, in a fresh fork
    per query, never in the server's threads. ``kind`` is the verdict of an earlier
    inspection of the same text, which saves parsing it again.
    """
    try:
        kind = kind or inspect_query(query)
    except UpdateRefused as error:
        return Answer.text(403, f"this endpoint is read-only: {error}")
    except QueryError as error:
        return Answer.text(400, str(error))
    fmt = negotiate(accept, kind)
    if fmt is None:
        return Answer.text(406, f"cannot answer this query as {accept!r}")
    try:
        result = store.query(query)
    except QueryError as error:
        return Answer.text(400, str(error))
    size = len(result.graph) if result.graph is not None else len(result.rows)
    if size > max_results:
        unit = "triples" if result.graph is not None else "rows"
        return Answer.text(500, f"result too large: {size} {unit} exceed the limit of {max_results}; add a LIMIT")
    return Answer(200, f"{fmt.media_type}; charset=utf-8", fmt.write(result).encode("utf-8"), kind)


@dataclass(order=True)
class _Ticket:
    running: int
    seq: int
    client: str = field(compare=False)


class FairSlots:
    """Worker slots shared fairly between client addresses (see the module docstring)."""

    def __init__(self, workers: int, per_client: int, reserved: int = 1) -> None:
        self.workers, self.per_client, self.reserved = workers, max(1, per_client), max(0, reserved)
        self._running: Counter[str] = Counter()
        self._waiting: list[_Ticket] = []
        self._seq = itertools.count()
        self._changed = threading.Condition()

    def _eligible(self, client: str) -> bool:
        mine, total = self._running[client], sum(self._running.values())
        if mine >= self.per_client:
            return False
        return total < self.workers or (mine == 0 and total < self.workers + self.reserved)

    def _first_in_line(self, ticket: _Ticket) -> bool:
        """Whether ``ticket`` is the eligible waiter whose client runs fewest queries (then the oldest)."""
        for waiting in self._waiting:
            waiting.running = self._running[waiting.client]
        eligible = [waiting for waiting in self._waiting if self._eligible(waiting.client)]
        return bool(eligible) and min(eligible) is ticket

    def acquire(self, client: str, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for a slot for ``client``; True once it holds one."""
        deadline = time.monotonic() + timeout
        with self._changed:
            ticket = _Ticket(self._running[client], next(self._seq), client)
            self._waiting.append(ticket)
            try:
                while not self._first_in_line(ticket):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return False
                    self._changed.wait(remaining)
                self._running[client] += 1
                return True
            finally:
                self._waiting.remove(ticket)
                self._changed.notify_all()

    def release(self, client: str) -> None:
        """Give back a slot ``client`` holds."""
        with self._changed:
            self._running[client] -= 1
            if self._running[client] <= 0:
                del self._running[client]
            self._changed.notify_all()

    def running(self, client: str) -> int:
        """How many queries ``client`` runs now."""
        with self._changed:
            return self._running[client]


class SparqlEndpoint:
    """Answers SPARQL queries over one loaded store, within limits, fairly between clients."""

    def __init__(self, store: Store, limits: EndpointLimits | None = None) -> None:
        self.store = store
        self.limits = limits or EndpointLimits()
        self.workers = Workers()
        self._slots = FairSlots(self.limits.workers, self.limits.client_share, self.limits.reserved)
        self._kinds: dict[str, str] = {}
        inspect_query("ASK {}")  # builds rdflib's parser once here, so each worker inherits it ready

    def answer(self, query: str, accept: str | None, client: str = "-") -> Answer:
        """The HTTP answer to one query from ``client`` (an address) with its ``Accept`` header."""
        limits, known = self.limits, self._kinds.get(query)
        if not self._slots.acquire(client, limits.queue_wait):
            return Answer.text(503, f"server busy: no query worker free within {limits.queue_wait:g} s; try again")
        try:
            answer = self.workers.run(
                lambda: answer_query(self.store, query, accept, limits.max_results, known), limits.worker
            )
        finally:
            self._slots.release(client)
        if answer.kind is not None and known is None:
            if len(self._kinds) >= KIND_CACHE_SIZE:
                self._kinds.clear()
            self._kinds[query] = answer.kind
        return answer

    def stop(self) -> None:
        """Kill every running worker and start no more."""
        self.workers.stop()
