"""The time budget: work past it stops with one InputError, whatever it is doing, and leaves no timer behind."""

from __future__ import annotations

import re
import signal
import threading
import time

import pytest

from claimgraph.errors import InputError
from claimgraph.timebudget import check_time, time_budget


def spin() -> None:
    """Work that never ends by itself."""
    while True:
        pass


def swallow_everything() -> None:
    """What a careless library does: catch every exception around its work."""
    try:
        spin()
    except Exception:
        return


def test_a_busy_loop_is_stopped_at_the_limit():
    started = time.monotonic()
    with pytest.raises(InputError) as stopped, time_budget(0.3, "page.html"):
        spin()
    assert 0.3 <= time.monotonic() - started < 2
    assert str(stopped.value) == ("page.html: took longer than the 0.3 s time limit (raise it with --time-limit); "
                                  "nothing written")


def test_a_runaway_regular_expression_is_stopped():
    started = time.monotonic()
    with pytest.raises(InputError, match="time limit"), time_budget(0.3, "page.html"):
        re.match(r"(a+)+$", "a" * 40 + "b")
    assert time.monotonic() - started < 2


def test_a_library_that_catches_every_exception_cannot_swallow_the_overrun():
    with pytest.raises(InputError, match="time limit"), time_budget(0.2, "page.html"):
        swallow_everything()


def test_work_within_the_budget_is_untouched_and_no_timer_is_left():
    handler = signal.getsignal(signal.SIGALRM)
    with time_budget(5, "page.html"):
        total = sum(range(1000))
    assert total == 499500
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is handler


def test_off_the_main_thread_the_deadline_is_checked_where_the_work_asks():
    outcome: list[str] = []

    def work() -> None:
        try:
            with time_budget(0.1, "page.pdf"):
                time.sleep(0.2)
                check_time()
        except InputError as error:
            outcome.append(str(error))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["page.pdf: took longer than the 0.1 s time limit (raise it with --time-limit); nothing written"]


def test_no_limit_means_no_timer():
    with time_budget(None, "page.html"):
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        check_time()
