"""Every limit of the endpoint, each default stated here once: ``claimgraph serve``'s options take theirs from
:data:`DEFAULT_LIMITS`, and docs/endpoint.md names the options."""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph.serve.worker import WorkerLimits


@dataclass(frozen=True)
class EndpointLimits:
    """Every limit of the endpoint: per query, per client, per connection, and for the whole server."""

    timeout: float = 10.0
    """Wall-clock seconds per query; the worker is killed then (its RLIMIT_CPU is a little above)."""
    max_results: int = 10_000
    """Largest result, in rows (SELECT) or triples (CONSTRUCT/DESCRIBE)."""
    workers: int = 4
    """Queries running at once (one process each), not counting the reserved slots."""
    queue_wait: float = 60.0
    """Seconds a request may wait for a worker before it is answered 503."""
    max_bytes: int = 50_000_000
    """Largest serialized result in bytes."""
    max_memory_mb: int = 2048
    """Address space a worker may add to what it inherits from the server, in MB (RLIMIT_AS)."""
    per_client: int | None = None
    """Queries one client address may run at once; None: ``workers - 1`` (at least 1)."""
    reserved: int = 1
    """Extra worker slots only for a client's first running query."""
    idle_timeout: float = 10.0
    """Seconds a connection may stay silent (reading the request line, headers or body)."""
    read_timeout: float = 10.0
    """Seconds a connection has, in all, to send one whole request (line, headers and body), however it trickles:
    a client sending a byte every few seconds cannot hold a connection slot for longer."""
    max_connections: int = 64
    """Open connections at once; more are answered 503 and closed."""
    displace_after: float = 1.0
    """Seconds after which a connection still sending its request is closed to admit a new one when every
    connection slot is taken (so clients that trickle bytes and reconnect cannot keep the others out)."""

    @property
    def client_share(self) -> int:
        """The effective per-client limit."""
        return self.per_client if self.per_client is not None else max(1, self.workers - 1)

    @property
    def worker(self) -> WorkerLimits:
        """The limits each worker process runs within."""
        return WorkerLimits(self.timeout, self.max_memory_mb, self.max_bytes)


DEFAULT_LIMITS = EndpointLimits()
"""The limits of an endpoint started without options."""
