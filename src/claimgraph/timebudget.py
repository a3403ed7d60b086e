"""A time budget for work on one input: past it, the work stops with a one-line InputError and nothing is written.

How: a real-time interval timer (``setitimer``) on the main thread raises :class:`_Overrun` from its signal handler,
so a stage stuck in one long loop or regular expression (CPython's ``re`` checks for signals while it matches) is
stopped at the next bytecode, with no thread left running. The work inside the budget only computes in memory, so
stopping it anywhere is safe: the caller writes after the budget ends. ``_Overrun`` derives from BaseException so
that a library's ``except Exception`` cannot swallow it; :func:`time_budget` turns it into an InputError. Off the
main thread (no signals there), the same deadline is only checked where the work calls :func:`check_time`
(between pages of a PDF, between stages).
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from types import FrameType

from claimgraph.errors import InputError

DEFAULT_TIME_LIMIT = 120.0
"""Seconds one document may take by default (``--time-limit``); the five seeds take 1.4-2.3 s end to end."""

_deadline: list[float] = []
"""The deadlines (``time.monotonic()``) of the budgets in force, innermost last."""


class _Overrun(BaseException):  # BaseException: no library's `except Exception` swallows it
    """Raised inside the work when its budget has run out."""


@contextlib.contextmanager
def time_budget(seconds: float | None, path: str) -> Iterator[None]:
    """Run the block within ``seconds`` (None: no limit); past it, InputError naming ``path``."""
    if seconds is None:
        yield
        return
    _deadline.append(time.monotonic() + seconds)
    timed = threading.current_thread() is threading.main_thread() and len(_deadline) == 1
    previous = signal.signal(signal.SIGALRM, _on_alarm) if timed else None
    if timed:
        signal.setitimer(signal.ITIMER_REAL, max(seconds, 1e-3))
    try:
        try:
            yield
        finally:  # the timer is one-shot: once this returns or the alarm has fired, no signal is left to come
            if timed:
                signal.setitimer(signal.ITIMER_REAL, 0)
    except _Overrun:
        raise InputError(f"took longer than the {seconds:g} s time limit (raise it with --time-limit); "
                         "nothing written", path) from None
    finally:
        if timed:
            signal.signal(signal.SIGALRM, previous)
        _deadline.pop()


def check_time() -> None:
    """Stop the work (as its budget's InputError) when the innermost budget has run out; else nothing."""
    if _deadline and time.monotonic() >= _deadline[-1]:
        raise _Overrun


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    """The timer's signal handler: the budget has run out."""
    raise _Overrun
