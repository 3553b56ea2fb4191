"""Running queries off the event loop, within the endpoint's limits.

Each query runs in a worker thread (pyoxigraph releases the GIL while it
evaluates, so the event loop and the other workers go on). Its results are
read and serialised into a buffer inside the worker; the response is sent
only once that buffer is complete, so a client receives either a whole
answer or an error status, never a truncated ``200``.

How an overrunning query is stopped
-----------------------------------
pyoxigraph 0.5 has no way to interrupt a query from Python. The endpoint
therefore answers ``503`` as soon as the deadline passes and discards the
worker's result, and the worker stops at the next solution or triple it
reads (it checks a flag as it goes). A query that spends its time inside a
single pyoxigraph call (an aggregate or an ``ORDER BY`` over a huge join)
cannot be stopped there and runs to its end in the background. Its worker
keeps its slot until then, so such queries can never pile up beyond
:attr:`EndpointLimits.max_concurrent`: the cost of this choice is that the
slot stays busy, while running each query in a child process that can be
killed would cost a copy of the store (or a fork of a threaded server) per
query. Requests beyond the free slots are refused at once with ``503`` and
``Retry-After``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from kg.outputs.endpoint.protocol import Cancelled, ProtocolError

__all__ = ["EndpointLimits", "QueryRunner"]

T = TypeVar("T")


@dataclass(frozen=True)
class EndpointLimits:
    """The limits of ``kg serve``, each set by an option of the same name.

    Attributes
    ----------
    max_query_length : int
        Characters a query may have (longer: ``413``).
    timeout : float
        Seconds a query may run, its results' serialisation included
        (longer: ``503``, before any byte of an answer is sent).
    max_rows : int
        Solutions (or triples, for CONSTRUCT and DESCRIBE) a query may
        return (more: ``400``, asking for a ``LIMIT``).
    max_concurrent : int
        Queries running at once (more: ``503`` with ``Retry-After``).
    retry_after : int
        Seconds the ``Retry-After`` header asks a refused client to wait.

    >>> EndpointLimits().max_rows
    10000
    """

    max_query_length: int = 20_000
    timeout: float = 10.0
    max_rows: int = 10_000
    max_concurrent: int = 4
    retry_after: int = 2

    def __post_init__(self) -> None:
        for name in ("max_query_length", "timeout", "max_rows", "max_concurrent", "retry_after"):
            if getattr(self, name) <= 0:
                from kg.errors import InvalidParameter

                raise InvalidParameter(f"{name} must be positive", "give a number above 0")


class QueryRunner:
    """Run blocking query work in at most ``limits.max_concurrent`` threads, with a deadline.

    >>> import asyncio
    >>> runner = QueryRunner(EndpointLimits(max_concurrent=1))
    >>> asyncio.run(runner.run(lambda cancel: 6 * 7))
    42
    >>> runner.close()
    """

    def __init__(self, limits: EndpointLimits):
        self.limits = limits
        self._slots = threading.BoundedSemaphore(limits.max_concurrent)
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=limits.max_concurrent, thread_name_prefix="kg-query"
        )
        self._running = 0
        self._lock = threading.Lock()

    @property
    def running(self) -> int:
        """Queries whose worker has not finished (timed-out ones included)."""
        with self._lock:
            return self._running

    def _work(self, job: Callable[[threading.Event], T], cancel: threading.Event) -> T:
        try:
            return job(cancel)
        finally:
            with self._lock:
                self._running -= 1
            self._slots.release()

    async def run(self, job: Callable[[threading.Event], T]) -> T:
        """Run ``job(cancel)`` in a worker; its value, or a :class:`ProtocolError`.

        ``cancel`` is set when the deadline passes; a job should stop soon
        after (raising :class:`~kg.outputs.endpoint.protocol.Cancelled`).
        """
        if not self._slots.acquire(blocking=False):
            raise ProtocolError(
                503,
                f"Service Unavailable: {self.limits.max_concurrent} queries are running; try again shortly",
                {"Retry-After": str(self.limits.retry_after)},
            )
        with self._lock:
            self._running += 1
        cancel = threading.Event()
        started = time.monotonic()
        try:
            future = self._pool.submit(self._work, job, cancel)
        except RuntimeError:  # the pool is shut down: the server is stopping
            with self._lock:
                self._running -= 1
            self._slots.release()
            raise ProtocolError(503, "Service Unavailable: the server is stopping") from None
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.limits.timeout)
        except (TimeoutError, Cancelled):
            cancel.set()
            future.cancel()
            spent = time.monotonic() - started
            raise ProtocolError(
                503,
                f"Service Unavailable: the query ran past the time limit of {self.limits.timeout:g} s "
                f"(stopped after {spent:.1f} s); narrow it or add a LIMIT",
                {"Retry-After": str(self.limits.retry_after)},
            ) from None

    def close(self) -> None:
        """Stop taking queries; running workers are not waited for."""
        self._pool.shutdown(wait=False, cancel_futures=True)
