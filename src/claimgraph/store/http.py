"""HTTP for the remote store and for pushing: one POST or PUT, every failure a one-line :class:`RemoteError`.

Only the standard library talks HTTP here.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from claimgraph.errors import ClaimgraphError

MAX_ROWS_HEADER = "X-SPARQL-MaxRows"
"""Virtuoso's header on an answer it cut at its ResultSetMaxRows."""


class RemoteError(ClaimgraphError):
    """A remote SPARQL server that cannot be reached, refuses a request or answers garbage."""

    def __init__(self, message: str, status: int | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.status = status
        """The HTTP status the server answered, when it answered one."""
        self.detail = detail
        """The start of the server's error text, on one line."""


@dataclass
class Answer:
    """A server's answer: its media type, its bytes, and the row cap it says it cut at."""

    media_type: str
    payload: bytes
    max_rows: int | None = None
    """The cap a server says it cut the answer at (Virtuoso's X-SPARQL-MaxRows), if it says so."""


def post(url: str, body: bytes, content_type: str, accept: str, timeout: float) -> Answer:
    """POST ``body`` and return the answer."""
    request = urllib.request.Request(url, data=body, method="POST")
    request.add_header("Content-Type", content_type)
    request.add_header("Accept", accept)
    return send(request, timeout)


def send(request: urllib.request.Request, timeout: float) -> Answer:
    """Send ``request`` and return the answer; every failure becomes a one-line RemoteError."""
    url = request.full_url
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            cap = response.headers.get(MAX_ROWS_HEADER)
            media_type = response.headers.get_content_type()
            return Answer(media_type, response.read(), int(cap) if cap and cap.strip().isdigit() else None)
    except urllib.error.HTTPError as error:
        detail = " ".join(error.read().decode("utf-8", "replace").split())[:300]
        raise RemoteError(f"SPARQL server {url} answered HTTP {error.code}: {detail or error.reason}",
                          error.code, detail) from None
    except urllib.error.URLError as error:
        raise RemoteError(f"cannot reach SPARQL server {url}: {error.reason}") from None
    except (TimeoutError, OSError) as error:
        raise RemoteError(f"cannot reach SPARQL server {url}: {error}") from None
