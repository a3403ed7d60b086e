"""Reading a socket within a total deadline, which a peer that trickles bytes cannot extend.

A socket timeout bounds each read, so a peer that sends one byte just before it runs out keeps the
reader waiting for ever. :class:`DeadlineReader` gives each read only the time left before a wall-clock
deadline: the remote store reads a server's answer through it, the endpoint a client's request.
"""

from __future__ import annotations

import io
import socket
import time


class ReadDeadlineError(TimeoutError):
    """The deadline passed before the peer sent what was being read."""


class DeadlineReader(io.RawIOBase):
    """A socket's bytes as a raw stream; every read ends by ``deadline`` (a :func:`time.monotonic` instant).

    With ``idle`` each read also waits at most that long, and the socket's timeout is set back to ``idle``
    afterwards (the writes that follow keep it); set :attr:`deadline` again for each new request.
    """

    def __init__(self, sock: socket.socket, deadline: float, idle: float | None = None) -> None:
        super().__init__()
        self.sock = sock
        self.deadline = deadline
        self.idle = idle
        self._stream = sock.makefile("rb", buffering=0)  # the socket stays open while this stream is

    def readable(self) -> bool:
        """A reader reads."""
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        """Receive into ``buffer`` within the time left; :class:`ReadDeadlineError` once it is gone."""
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise ReadDeadlineError("the deadline passed")
        self.sock.settimeout(remaining if self.idle is None else min(remaining, self.idle))
        try:
            return self._stream.readinto(buffer) or 0
        except TimeoutError:
            if self.deadline - time.monotonic() <= 0:
                raise ReadDeadlineError("the deadline passed") from None
            raise
        finally:
            if self.idle is not None:
                self.sock.settimeout(self.idle)


    def close(self) -> None:
        """Close this stream (the socket closes once it is closed and no stream reads it)."""
        self._stream.close()
        super().close()


def deadline_after(seconds: float) -> float:
    """The :func:`time.monotonic` instant ``seconds`` from now."""
    return time.monotonic() + seconds
