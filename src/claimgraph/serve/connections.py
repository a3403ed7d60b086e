"""Which connections the endpoint holds open: at most ``max_connections``, and when every slot is taken, the
connection that has been sending its request longest (past ``displace_after``) gives way to a newcomer.

The read deadline (``read_timeout``) already closes a client that trickles its request; displacing it sooner
keeps clients that trickle and reconnect at once from holding every slot between them.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time


class ConnectionSlots:
    """Open connections counted against a cap, with those still sending a request and since when."""

    def __init__(self, max_connections: int, displace_after: float) -> None:
        self.max_connections = max_connections
        self.displace_after = displace_after
        self._open = 0
        self._reading: dict[socket.socket, float] = {}
        self._lock = threading.Lock()

    def admit(self) -> bool:
        """Take a slot for a new connection: a free one, or one a slow sender is displaced from; False for none."""
        displaced = None
        with self._lock:
            admitted = self._open < self.max_connections
            if not admitted:
                oldest = min(self._reading.items(), key=lambda item: item[1], default=None)
                if oldest is not None and time.monotonic() - oldest[1] >= self.displace_after:
                    displaced = oldest[0]
                    del self._reading[displaced]
                    admitted = True
            if admitted:
                self._open += 1
        if displaced is not None:
            with contextlib.suppress(OSError):  # its thread reads the end of the stream, and ends
                displaced.shutdown(socket.SHUT_RDWR)
        return admitted

    def release(self) -> None:
        """Give back the slot of a connection that closed."""
        with self._lock:
            self._open -= 1

    def reading(self, connection: socket.socket, still: bool) -> None:
        """Note that ``connection`` starts (``still``) or has ended sending a request."""
        with self._lock:
            if still:
                self._reading[connection] = time.monotonic()
            else:
                self._reading.pop(connection, None)

    @property
    def open(self) -> int:
        """Connections open now (a displaced one counts until its thread ends)."""
        with self._lock:
            return self._open
