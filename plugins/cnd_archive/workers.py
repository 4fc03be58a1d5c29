"""Processes that take a one-off build's side work: rendering meeting pages, and writing the
build cache's entries while the build goes on.

A build is one Python process, so a second processor is idle for most of it. Rendering the
meeting pages is spread over the processes; writing an entry of the cache (compressing its
encoded bytes, digesting them, writing its file) is handed to them too, since nothing in the
build reads an entry it has just written. A job's arguments are copied to its process when it
is handed out (pickled: between this build's own processes only, never from the cache). The
build waits for every job, and fails on the first error, in ``finish``.

Results are encoded here, not in the other processes: copying a result's objects there costs
less time than encoding them, but leaves this process's memory about 50 MB higher at 1,000
reports, over the build's budget.
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
Later = Callable[..., None]
"""``later(function, *args)``: ``function(*args)``, now or in another process before the build ends."""

MAX_PROCESSES = 8
CHUNK = 8
"""Jobs sent to a process at a time: each chunk is held as a copy until a process takes it, and
larger ones cost over 100 MB at 1,000 reports."""
IN_FLIGHT_BYTES = 2_000_000
"""The side jobs handed out and not yet done hold their copies (a page's HTML, say) until they
are done: a build that hands them out faster than its processes do them waits beyond this."""


def run_now(function: Callable[..., None], *args: Any) -> None:
    function(*args)


def _run_packed(packed: bytes) -> None:
    function, args = pickle.loads(packed)  # noqa: S301 (this build's own job, from its own process)
    function(*args)


class Workers:
    """A pool of processes, or none (``Workers.none()``: everything runs in this process)."""

    def __init__(self, pool: ProcessPoolExecutor | None) -> None:
        self.pool = pool
        self.pending: collections.deque[tuple[Future[None], int]] = collections.deque()
        self.held = 0
        """The bytes of the pending jobs' copies."""

    @classmethod
    def none(cls) -> Workers:
        return cls(None)

    @classmethod
    def start(cls) -> Workers:
        """A process per processor (up to ``MAX_PROCESSES``), started now, while this process is
        small: started later, each would share, and count, a whole site's worth of its memory.
        None where there is one processor or processes cannot be forked."""
        count = min(os.cpu_count() or 1, MAX_PROCESSES)
        if count < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return cls.none()
        pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork"))
        pool.submit(int).result()
        return cls(pool)

    def map(self, function: Callable[[T], R], jobs: Iterable[T]) -> Iterator[R]:
        if self.pool is None:
            return map(function, jobs)
        return self.pool.map(function, jobs, chunksize=CHUNK)

    def later(self, function: Callable[..., None], *args: Any) -> None:
        if self.pool is None:
            function(*args)
            return
        # Copied now, as it is: the job sees its arguments as they were when it was handed out.
        packed = pickle.dumps((function, args), pickle.HIGHEST_PROTOCOL)
        while self.pending and self.held + len(packed) > IN_FLIGHT_BYTES:
            self.wait_for_oldest()
        self.pending.append((self.pool.submit(_run_packed, packed), len(packed)))
        self.held += len(packed)

    def wait_for_oldest(self) -> None:
        job, size = self.pending.popleft()
        self.held -= size
        job.result()

    def finish(self) -> None:
        """Wait for every side job handed out; the first one's error, if any, is raised here."""
        while self.pending:
            self.wait_for_oldest()

    def close(self) -> None:
        """``finish``, then stop the processes (whatever happens, they are stopped)."""
        try:
            self.finish()
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop the processes, with the jobs not yet done left undone and their errors unraised
        (a build that failed reports its own error, not one of the cache's)."""
        self.pending.clear()
        self.held = 0
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
