"""Forked query workers: one child process per query, bounded in time, CPU, memory and output.

The server forks a worker per query; the worker inherits the loaded store, answers, writes
the answer to a pipe and exits. The parent kills it (SIGKILL) at the deadline and stops
reading once the answer passes the byte limit. Workers never outlive the server:

* the server keeps every live worker in a :class:`Workers` registry; ``stop()`` (called by
  ``serve``'s SIGTERM/SIGINT handler and on exit) kills and reaps them all, and no worker is
  forked after it;
* on Linux each worker asks the kernel (``prctl(PR_SET_PDEATHSIG, SIGKILL)``) to be killed
  when the server dies, even by SIGKILL;
* the worker closes the server's listening socket right after the fork, so a worker can never
  keep the port bound;
* ``RLIMIT_CPU`` (a little above the time limit) and ``RLIMIT_AS`` (the server's own address
  space plus ``max_memory_mb``) bound each worker even if nobody is left to kill it.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import os
import resource
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

PR_SET_PDEATHSIG = 1
DEMOTE_AFTER = 0.5
"""Fraction of the time limit (at least 1 s) after which a running worker is niced to DEMOTED_NICE, so fresh
(mostly cheap) queries get the CPU before one that looks like a runaway."""
DEMOTED_NICE = 10
FRAME_HEAD_BYTES = 4096
"""Room for the answer's first line (status, kind, media type) on top of the byte limit."""


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, media type and body."""

    status: int
    content_type: str
    body: bytes
    kind: str | None = None
    """The query's kind (select, ask, graph) once a worker has inspected it and let it through."""

    @classmethod
    def text(cls, status: int, message: str) -> Answer:
        """A plain-text answer, used for every error."""
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


@dataclass(frozen=True)
class WorkerLimits:
    """Wall-clock limit (seconds), extra address space (MB) and largest answer (bytes) of one worker."""

    timeout: float
    max_memory_mb: int = 2048
    max_bytes: int = 50_000_000

    @property
    def cpu_seconds(self) -> int:
        """The worker's RLIMIT_CPU: a backstop a little above the wall-clock limit."""
        return math.ceil(self.timeout) + 2


def too_large(size: int, max_bytes: int) -> Answer:
    """The answer for a result whose serialization passes the byte limit."""
    return Answer.text(500, f"result too large: {size} bytes exceed the limit of {max_bytes} bytes; add a LIMIT")


def _frame(answer: Answer) -> bytes:
    return f"{answer.status} {answer.kind or '-'} {answer.content_type}\n".encode() + answer.body


def _unframe(data: bytes) -> Answer:
    head, _, body = data.partition(b"\n")
    status, kind, content_type = head.decode("utf-8").split(" ", 2)
    return Answer(int(status), content_type, body, None if kind == "-" else kind)


_LIBC: list[ctypes.CDLL | None] = []


def _libc() -> ctypes.CDLL | None:
    """The C library, for prctl (loaded once in the server, before any fork); None off Linux."""
    if not _LIBC:
        try:
            _LIBC.append(ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None)
        except OSError:
            _LIBC.append(None)
    return _LIBC[0]


def _address_space() -> int:
    """This process's current virtual memory size in bytes (0 when /proc is unavailable)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _set_limit(which: int, soft: int, hard: int) -> None:
    _, allowed = resource.getrlimit(which)
    if allowed != resource.RLIM_INFINITY:
        soft, hard = min(soft, allowed), min(hard, allowed)
    resource.setrlimit(which, (soft, hard))


def _become_worker(parent: int, libc: ctypes.CDLL | None, close_fds: Iterable[int], limits: WorkerLimits) -> None:
    """Everything a fresh worker does before its task: die with the server, drop its sockets, cap itself."""
    if libc is not None:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the server died between the fork and the prctl
        os._exit(1)
    for fd in close_fds:
        with contextlib.suppress(OSError):
            os.close(fd)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, signal.SIG_DFL)
    _set_limit(resource.RLIMIT_CPU, limits.cpu_seconds, limits.cpu_seconds + 1)
    inherited = _address_space()
    if inherited:
        cap = inherited + limits.max_memory_mb * 1024 * 1024
        _set_limit(resource.RLIMIT_AS, cap, cap)


def _death(status: int, limits: WorkerLimits) -> Answer:
    """The answer for a worker that exited without writing one."""
    if os.WIFSIGNALED(status):
        signum = os.WTERMSIG(status)
        if signum in (signal.SIGXCPU, signal.SIGKILL):
            return Answer.text(503, f"query exceeded the CPU limit of {limits.cpu_seconds} s and was stopped")
        return Answer.text(500, f"query worker died ({signal.Signals(signum).name}); the query may have exceeded "
                                f"the memory limit of {limits.max_memory_mb} MB")
    return Answer.text(500, "query worker died without answering")


class Workers:
    """The live workers of one server: forks them, waits for them, and kills them all on ``stop``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pids: set[int] = set()
        self._stopping = False
        self.close_in_child: list[int] = []
        """File descriptors a worker closes right after the fork (the server's listening socket)."""
        self._libc = _libc()

    @property
    def pids(self) -> list[int]:
        """The process ids of the workers running now."""
        with self._lock:
            return sorted(self._pids)

    def _fork(self, limits: WorkerLimits) -> tuple[int, int, int]:
        parent = os.getpid()
        # Forking under the lock: stop() either sees this worker or prevents it. The pipe is made and
        # its write end closed under the lock too, so no other worker forked meanwhile inherits that
        # write end (which would hold this answer's end-of-file back until that other worker exits).
        with self._lock:
            if self._stopping:
                return -1, -1, -1
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:
                try:
                    os.close(read_fd)
                    _become_worker(parent, self._libc, self.close_in_child, limits)
                except BaseException:
                    os._exit(1)
                return 0, -1, write_fd
            self._pids.add(pid)
            os.close(write_fd)
        return pid, read_fd, -1

    def run(self, task: Callable[[], Answer], limits: WorkerLimits) -> Answer:
        """Run ``task`` in a forked worker within ``limits``; the parent reads its answer."""
        pid, read_fd, write_fd = self._fork(limits)
        if pid < 0:
            return Answer.text(503, "server is stopping")
        if pid == 0:  # the worker: answer, write, and leave without running any parent cleanup
            _answer_and_exit(task, write_fd, limits)
        return self._collect(pid, read_fd, limits)

    def _collect(self, pid: int, read_fd: int, limits: WorkerLimits) -> Answer:
        started = time.monotonic()
        deadline = started + limits.timeout
        chunks: list[bytes] = []
        received = 0
        answer: Answer | None = None
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    answer = Answer.text(503, f"query exceeded the {limits.timeout:g} s limit and was stopped")
                    break
                demote_in = started + max(1.0, DEMOTE_AFTER * limits.timeout) - time.monotonic()
                if 0 < demote_in < remaining:
                    ready, _, _ = select.select([read_fd], [], [], demote_in)
                    if not ready:
                        with contextlib.suppress(OSError):
                            os.setpriority(os.PRIO_PROCESS, pid, DEMOTED_NICE)
                        continue
                else:
                    ready, _, _ = select.select([read_fd], [], [], remaining)
                if ready:
                    chunk = os.read(read_fd, 1 << 16)
                    if not chunk:
                        break
                    received += len(chunk)
                    if received > limits.max_bytes + FRAME_HEAD_BYTES:  # never hold more than the limit
                        answer = too_large(received, limits.max_bytes)
                        break
                    chunks.append(chunk)
        finally:
            os.close(read_fd)
            with self._lock:
                self._pids.discard(pid)  # before the reap, so stop() never signals a reused pid
            if answer is not None:
                _kill(pid)
            status = _reap(pid)
        if answer is not None:
            return answer
        if not chunks:
            return _death(status, limits)
        return _unframe(b"".join(chunks))

    def stop(self) -> None:
        """Kill every running worker, reap them, and fork no more."""
        with self._lock:
            self._stopping = True
            pids = list(self._pids)
            for pid in pids:
                _kill(pid)
        for pid in pids:
            _reap(pid)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _reap(pid: int) -> int:
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:  # reaped by the other side (stop() or the waiting thread)
        return 0


def _answer_and_exit(task: Callable[[], Answer], write_fd: int, limits: WorkerLimits) -> None:
    status = 0
    try:
        try:
            answer = task()
        except MemoryError:
            answer = Answer.text(500, f"query exceeded the memory limit of {limits.max_memory_mb} MB and was stopped")
        except Exception as error:
            answer = Answer.text(500, f"query failed: {' '.join(str(error).split())}")
        if len(answer.body) > limits.max_bytes:
            answer = too_large(len(answer.body), limits.max_bytes)
        data = memoryview(_frame(answer))
        while data:
            data = data[os.write(write_fd, data):]
    except BaseException:
        status = 1
    finally:
        os._exit(status)


_DEFAULT_WORKERS: list[Workers] = []


def run_in_worker(task: Callable[[], Answer], timeout: float, max_bytes: int = 50_000_000,
                  max_memory_mb: int = 2048) -> Answer:
    """Run ``task`` in a forked child that is killed (SIGKILL) when ``timeout`` seconds pass."""
    if not _DEFAULT_WORKERS:
        _DEFAULT_WORKERS.append(Workers())
    return _DEFAULT_WORKERS[0].run(task, WorkerLimits(timeout, max_memory_mb, max_bytes))
