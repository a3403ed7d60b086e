"""HTTP for the remote store and for pushing: one request within limits, every failure a one-line :class:`RemoteError`.

Only the standard library talks HTTP here (``http.client``, so that nothing is read past a limit):

* a wall-clock deadline per request, redirects included, that a server trickling bytes cannot extend
  (:mod:`claimgraph.deadline`);
* at most ``max_bytes`` of answer, so an endless answer fails instead of filling memory;
* redirects (301, 302, 307, 308: the same request again) only to the same scheme, host and port, and
  none for a request that changes data: a redirected update is an error, never a success.
"""

from __future__ import annotations

import functools
import http.client
import io
import re
import socket
import urllib.parse
from dataclasses import dataclass
from email.message import Message
from typing import Any

from claimgraph.deadline import DeadlineReader, ReadDeadlineError, deadline_after
from claimgraph.errors import ClaimgraphError

MAX_ROWS_HEADER = "X-SPARQL-MaxRows"
"""Virtuoso's header on an answer it cut at its ResultSetMaxRows."""
DEFAULT_TIMEOUT = 120.0
"""Seconds one request may take in all, from connecting to the answer's last byte (redirects included)."""
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
"""Bytes of answer a remote store reads at most (256 MiB; for the whole graph, across all its pages)."""
MAX_REDIRECTS = 5
FOLLOWED_REDIRECTS = (301, 302, 307, 308)
"""Redirects a query follows by sending the same request to the new URL (same scheme, host and port only)."""
_CHUNK_BYTES = 1 << 16
_ERROR_DETAIL_BYTES = 4096
_DIGITS = re.compile(r"\s*([0-9]{1,18})\s*")


class RemoteError(ClaimgraphError):
    """A remote SPARQL server that cannot be reached, refuses a request or answers garbage."""

    def __init__(self, message: str, status: int | None = None, detail: str = "", lost: bool = False) -> None:
        super().__init__(message)
        self.status = status
        """The HTTP status the server answered, when it answered one."""
        self.detail = detail
        """The start of the server's error text, on one line."""
        self.lost = lost
        """True when the request was sent but its answer never arrived whole: the server may have acted on it."""


@dataclass(frozen=True)
class Limits:
    """How long one request may take and how many bytes its answer may have."""

    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass
class Answer:
    """A server's answer: its media type, its bytes, and the row cap it says it cut at."""

    media_type: str
    payload: bytes
    max_rows: int | None = None
    """The cap a server says it cut the answer at (Virtuoso's X-SPARQL-MaxRows), if it says so."""


def post(url: str, body: bytes, content_type: str, accept: str, limits: Limits, *, redirects: bool = True,
         max_bytes: int | None = None) -> Answer:
    """POST ``body`` and return the answer (see :func:`send`)."""
    return send("POST", url, body, {"Content-Type": content_type, "Accept": accept}, limits,
                redirects=redirects, max_bytes=max_bytes)


def send(method: str, url: str, body: bytes, headers: dict[str, str], limits: Limits, *, redirects: bool = True,
         max_bytes: int | None = None) -> Answer:
    """Send one request and return the answer; every failure becomes a one-line RemoteError.

    ``redirects=False`` (a request that changes data) makes any redirect an error; ``max_bytes`` reads
    less than ``limits.max_bytes`` (what is left of it after earlier pages).
    """
    deadline = deadline_after(limits.timeout)
    budget = limits.max_bytes if max_bytes is None else max_bytes
    target = url
    for _hop in range(MAX_REDIRECTS + 1):
        status, answer_headers, payload = _exchange(method, target, body, headers, deadline, limits, budget, url)
        if 200 <= status < 300:
            media_type = answer_headers.get_content_type()
            cap = _DIGITS.fullmatch(answer_headers.get(MAX_ROWS_HEADER) or "")
            return Answer(media_type, payload, int(cap[1]) if cap else None)
        if not 300 <= status < 400:
            detail = " ".join(payload.decode("utf-8", "replace").split())[:300]
            raise RemoteError(f"SPARQL server {url} answered HTTP {status}: {detail or 'no reason given'}",
                              status, detail)
        target = _redirect_target(url, target, status, answer_headers.get("Location"), redirects)
    raise RemoteError(f"SPARQL server {url} redirected more than {MAX_REDIRECTS} times")


def _redirect_target(url: str, current: str, status: int, location: str | None, redirects: bool) -> str:
    """Where a redirect from ``current`` leads, or a RemoteError when it may not be followed."""
    to = f" to {location}" if location else ""
    if not redirects:
        raise RemoteError(f"SPARQL server {url} answered a request that changes data with a redirect (HTTP {status}"
                          f"{to}): not followed, so not done; use the URL the server names", status)
    if status not in FOLLOWED_REDIRECTS or not location:
        raise RemoteError(f"SPARQL server {url} answered HTTP {status}{to}, a redirect claimgraph does not follow",
                          status)
    following = urllib.parse.urljoin(current, location.strip())
    if _origin(following) != _origin(current):
        raise RemoteError(f"SPARQL server {url} redirected to {following}: claimgraph follows redirects only to "
                          "the same scheme, host and port", status)
    return following


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    except ValueError:
        port = -1
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


class _DeadlineResponse(http.client.HTTPResponse):
    """An HTTP response read through a :class:`DeadlineReader`: status line, headers and body by one deadline."""

    def __init__(self, sock: socket.socket, debuglevel: int = 0, method: str | None = None, url: str | None = None,
                 *, deadline: float) -> None:
        super().__init__(sock, debuglevel, method, url)
        self.fp.close()
        self.fp = io.BufferedReader(DeadlineReader(sock, deadline))


def _exchange(method: str, target: str, body: bytes, headers: dict[str, str], deadline: float, limits: Limits,
              budget: int, url: str) -> tuple[int, Message, bytes]:
    """One request and its answer: status, headers, and the body (only its start for an error status)."""
    parts = urllib.parse.urlsplit(target)
    connection_class = http.client.HTTPSConnection if parts.scheme.lower() == "https" else http.client.HTTPConnection
    sent = False
    try:
        connection = connection_class(parts.hostname or "", parts.port, timeout=limits.timeout)
    except ValueError as error:  # a port that is not a number
        raise RemoteError(f"not a valid URL: {target!r} ({error})") from None
    connection.response_class = functools.partial(_DeadlineResponse, deadline=deadline)  # type: ignore[assignment]
    try:
        connection.timeout = _time_left(deadline, limits, url)
        connection.connect()
        connection.sock.settimeout(_time_left(deadline, limits, url))  # bounds sending the request too
        connection.request(method, urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, "")), body,
                           headers)
        sent = True
        response = connection.getresponse()
        if 300 <= response.status < 400:
            return response.status, response.headers, b""
        if response.status >= 300:
            return response.status, response.headers, response.read(_ERROR_DETAIL_BYTES)
        return response.status, response.headers, _body(response, budget, limits, url)
    except TimeoutError:  # a ReadDeadlineError, or the connect or send timing out
        raise RemoteError(f"SPARQL server {url} did not answer within {limits.timeout:g} s (the time limit per "
                          "request: timeout=SECONDS in the store spec)", lost=sent) from None
    except http.client.RemoteDisconnected:
        raise RemoteError(f"SPARQL server {url} closed the connection without answering", lost=sent) from None
    except http.client.HTTPException as error:
        raise RemoteError(f"SPARQL server {url} answered malformed HTTP ({type(error).__name__}: "
                          f"{_shown(error)})", lost=sent) from None
    except OSError as error:
        if not sent:
            raise RemoteError(f"cannot reach SPARQL server {url}: {error.strerror or _shown(error)}") from None
        raise RemoteError(f"SPARQL server {url} broke off its answer: {error.strerror or _shown(error)}",
                          lost=True) from None
    finally:
        connection.close()


def _time_left(deadline: float, limits: Limits, url: str) -> float:
    remaining = deadline - deadline_after(0)
    if remaining <= 0:
        raise ReadDeadlineError(f"no time left for {url} within {limits.timeout:g} s")
    return remaining


def _body(response: Any, budget: int, limits: Limits, url: str) -> bytes:
    """The whole body, refused (before reading, when the server says its length) past ``budget`` bytes."""
    too_large = RemoteError(f"SPARQL server {url} sent more than the limit of {limits.max_bytes:,} bytes of answers "
                            "(max-bytes=N in the store spec raises it)")
    if response.length is not None and response.length > budget:
        raise too_large
    chunks: list[bytes] = []
    total = 0
    while chunk := response.read(_CHUNK_BYTES):
        total += len(chunk)
        if total > budget:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _shown(error: BaseException) -> str:
    return " ".join(str(error).split())[:200]
