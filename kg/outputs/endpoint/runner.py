"""Running queries in worker processes, within the endpoint's limits, with a bounded queue.

Each query runs in a worker process (:mod:`kg.outputs.endpoint.worker`),
started as a fresh interpreter, with no network and a memory cap, on a
read-only snapshot of the store. There are
:attr:`EndpointLimits.max_concurrent` of them. A request waits for a free
worker in a queue of :attr:`EndpointLimits.queue` places, first come first
served; only with every place taken is it answered ``503`` with
``Retry-After``, at once. A request in the queue is never refused: its wait
has no timer of its own but is bounded by construction, since each query
ahead of it ends within :attr:`EndpointLimits.timeout` (its worker is killed
at that deadline). With ``W`` workers, ``T`` seconds of time limit and ``S``
seconds to start a worker after one was killed (about a second), the
request at place ``p`` (from 1) has a worker within ``ceil(p / W) * (T +
S)`` seconds, and the last place of the queue within ``ceil(queue / W) * (T
+ S)``: size the queue so that this bound, or the same with a typical
query's seconds in place of ``T``, is what the clients will wait. A request
whose client has gone leaves the queue. A worker answers with the whole body
or an error status, never a truncated ``200``.

What one query can cost
-----------------------
A query past its deadline gets ``503``: its worker is killed (``SIGKILL``,
whatever the engine is doing) and a new one started, so its slot is free
again once that one is ready (about a second). A worker that dies (a stack
overflow, an allocation failure at the memory cap) costs the one request
it was answering, ``500`` with one line saying how it died; the others go
on. The server process itself never runs a query.

Moving to new data
------------------
:meth:`WorkerPool.move_to` starts a full set of workers on a new snapshot;
once they are ready, requests go to them, and the old workers end as soon
as they have answered what they were answering. No request is dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import math
import os
import struct
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.outputs.endpoint.protocol import ProtocolError
from kg.outputs.endpoint.worker import PIPE_BYTES
from kg.outputs.isolation import describe_exit

__all__ = ["EndpointLimits", "WorkerPool", "Answer", "ClientGone"]

_LENGTH = struct.Struct(">I")
#: Seconds a new worker may take to open the store and say it is ready.
_START_TIMEOUT = 120.0


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
        Worker processes, hence queries running at once.
    queue : int
        Requests that may wait for a worker; beyond, ``503`` with
        ``Retry-After``. One in the queue waits until a worker is free, at
        most ``ceil(queue / max_concurrent)`` queries' time limits (see the
        module's text for how to size it).
    max_memory : int
        Megabytes of memory each worker may take beyond what it holds once
        the store is open (more: that query ends its worker, ``500``).
    retry_after : int
        Seconds the ``Retry-After`` header asks a refused client to wait.

    >>> EndpointLimits().queue
    64
    >>> EndpointLimits(timeout=float("nan"))
    Traceback (most recent call last):
    ...
    kg.errors.InvalidParameter: timeout=nan is not a finite number above 0; give a number above 0, e.g. 10.0
    """

    max_query_length: int = 20_000
    timeout: float = 10.0
    max_rows: int = 10_000
    max_concurrent: int = 4
    queue: int = 64
    max_memory: int = 1024
    retry_after: int = 2

    def __post_init__(self) -> None:
        from kg.errors import InvalidParameter

        for name in (
            "max_query_length",
            "timeout",
            "max_rows",
            "max_concurrent",
            "queue",
            "max_memory",
            "retry_after",
        ):
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or not math.isfinite(value)
                or value <= 0
            ):
                raise InvalidParameter(
                    f"{name}={value} is not a finite number above 0",
                    "give a number above 0, e.g. "
                    + str(EndpointLimits.__dataclass_fields__[name].default),
                )


class ClientGone(ProtocolError):
    """The client closed its connection while its request waited in the queue."""

    def __init__(self) -> None:
        super().__init__(499, "Client Closed Request: the client left while its query waited")


@dataclass
class Answer:
    """A worker's answer: HTTP status, content type, extra headers, body, what the parse found."""

    status: int
    content_type: str
    headers: dict[str, str]
    body: bytes
    parsed: Any = None


class _Worker:
    """One worker process and the snapshot generation it serves."""

    def __init__(self, process: asyncio.subprocess.Process, generation: int):
        self.process = process
        self.generation = generation

    async def _frame(self) -> bytes:
        assert self.process.stdout is not None
        head = await self.process.stdout.readexactly(_LENGTH.size)
        return await self.process.stdout.readexactly(_LENGTH.unpack(head)[0])

    async def ready(self) -> dict[str, Any]:
        return json.loads(await self._frame())

    async def ask(self, request: dict[str, Any]) -> Answer:
        assert self.process.stdin is not None
        data = json.dumps(request).encode("utf-8")
        self.process.stdin.write(_LENGTH.pack(len(data)) + data)
        await self.process.stdin.drain()
        head = json.loads(await self._frame())
        body = await self._frame()
        return Answer(
            head["status"],
            head["content_type"],
            head.get("headers") or {},
            body,
            head.get("parsed"),
        )

    async def died(self) -> str:
        code = await self.process.wait()
        return describe_exit(code)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()

    async def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            await asyncio.wait_for(self.process.wait(), 5)
        except TimeoutError:
            self.kill()
            await self.process.wait()


class WorkerPool:
    """Worker processes on a store snapshot, and the queue of requests waiting for them.

    ``on_release(folder)`` is called once no worker uses a snapshot any more
    (after :meth:`move_to`, or at :meth:`close`).
    """

    def __init__(
        self,
        folder: Path,
        limits: EndpointLimits,
        on_release: Callable[[Path], None] | None = None,
    ):
        self.limits = limits
        self.folder = folder
        self.generation = 0
        self.isolation_failure: str | None = None
        self._on_release = on_release
        self._folders: dict[int, Path] = {0: folder}
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._waiting = 0
        self._busy: dict[_Worker, float] = {}
        self._closed = False
        self._tasks: set[asyncio.Task] = set()
        # Every worker started, until the pool has seen it end: what a snapshot's count of
        # workers is made from, and what close() ends, so that none outlives the event loop
        # whichever request was cancelled while using one.
        self._started: set[_Worker] = set()

    # -------------------------------------------------------------- workers

    async def _start(self, generation: int) -> _Worker:
        environment = dict(os.environ, MALLOC_ARENA_MAX="2", PYTHONUNBUFFERED="1")
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "kg.outputs.endpoint.worker",
            str(self._folders[generation]),
            str(self.limits.max_memory * 1024 * 1024),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            env=environment,
            # The reader takes what the widened pipe holds in one go (it pauses at twice this).
            limit=PIPE_BYTES,
        )
        worker = _Worker(process, generation)
        self._started.add(worker)
        try:
            ready = await asyncio.wait_for(worker.ready(), _START_TIMEOUT)
        except (TimeoutError, asyncio.IncompleteReadError, json.JSONDecodeError):
            worker.kill()
            why = await worker.died()
            self._gone(worker)
            raise ProtocolError(
                503,
                f"Service Unavailable: a query worker could not start ({why})",
                {"Retry-After": str(self.limits.retry_after)},
            ) from None
        except BaseException:  # cancelled (the server stops): no process outlives the pool
            worker.kill()
            await asyncio.shield(worker.died())
            self._gone(worker)
            raise
        self.isolation_failure = ready.get("isolation_failure")
        return worker

    def _alive_on(self, generation: int) -> int:
        """Workers started on ``generation``'s snapshot that the pool has not seen end."""
        return sum(worker.generation == generation for worker in self._started)

    def _gone(self, worker: _Worker) -> None:
        """Count ``worker`` out; release its snapshot when it was the last on an old one."""
        self._started.discard(worker)
        if worker.generation != self.generation and self._alive_on(worker.generation) == 0:
            self._gone_generation(worker.generation)

    def _replace(self) -> None:
        """Start a worker for the current snapshot in the background, into the idle queue."""
        if self._closed:
            return

        async def start() -> None:
            # Until one starts: a slot given up would leave the queue waiting for good.
            for attempt in itertools.count():
                try:
                    worker = await self._start(self.generation)
                except ProtocolError:
                    await asyncio.sleep(min(0.5 * (attempt + 1), 5.0))
                    continue
                if self._closed or worker.generation != self.generation:
                    await self._retire(worker)
                else:
                    self._idle.put_nowait(worker)
                return

        task = asyncio.get_running_loop().create_task(start())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _retire(self, worker: _Worker) -> None:
        await worker.close()
        self._gone(worker)

    async def start(self) -> None:
        """Start :attr:`EndpointLimits.max_concurrent` workers and wait until they are ready."""
        workers = await asyncio.gather(
            *(self._start(self.generation) for _ in range(self.limits.max_concurrent))
        )
        for worker in workers:
            self._idle.put_nowait(worker)

    async def move_to(self, folder: Path) -> None:
        """Serve ``folder`` from now on: new workers on it first, then the old ones retire."""
        generation = self.generation + 1
        self._folders[generation] = folder
        started = await asyncio.gather(
            *(self._start(generation) for _ in range(self.limits.max_concurrent)),
            return_exceptions=True,
        )
        workers = [w for w in started if isinstance(w, _Worker)]
        if len(workers) < len(started):  # keep serving the old snapshot; try again later
            for worker in workers:
                await self._retire(worker)
            self._folders.pop(generation, None)
            failure = next(e for e in started if not isinstance(e, _Worker))
            raise (
                failure if isinstance(failure, ProtocolError) else ProtocolError(503, str(failure))
            )
        old = self.generation
        self.generation, self.folder = generation, folder
        stale = []
        while not self._idle.empty():
            stale.append(self._idle.get_nowait())
        for worker in workers:
            self._idle.put_nowait(worker)
        for worker in stale:
            await self._retire(worker)
        if old in self._folders and self._alive_on(old) == 0:
            self._gone_generation(old)

    def _gone_generation(self, generation: int) -> None:
        folder = self._folders.pop(generation)
        if self._on_release is not None:
            self._on_release(folder)

    # -------------------------------------------------------------- queries

    @property
    def waiting(self) -> int:
        """Requests waiting in the queue for a worker."""
        return self._waiting

    @property
    def busy(self) -> dict[int, float]:
        """The workers running a query now: process id -> seconds it has been running."""
        now = time.monotonic()
        return {worker.process.pid: now - since for worker, since in list(self._busy.items())}

    @property
    def idle(self) -> int:
        """Workers ready for a query."""
        return self._idle.qsize()

    def _unavailable(self, why: str) -> ProtocolError:
        return ProtocolError(
            503, f"Service Unavailable: {why}; try again shortly",
            {"Retry-After": str(self.limits.retry_after)},
        )  # fmt: skip

    async def _take(self, gone: Callable[[], Awaitable[Any]] | None = None) -> _Worker:
        """A worker for the next query: at once, after a wait in the queue, or ``503`` when full.

        The only refusal is a full queue (or a stopping server): a request
        that found a place waits for as long as the queries ahead of it
        take, each within the time limit, unless ``gone()`` (its client's
        disconnection, watched only while it waits) ends first.
        """
        if self._closed:
            raise ProtocolError(503, "Service Unavailable: the server is stopping")
        if self._idle.empty() and self._waiting >= self.limits.queue:
            raise self._unavailable(
                f"{self.limits.max_concurrent} queries are running and "
                f"{self._waiting} are waiting, the size of the queue"
            )
        self._waiting += 1
        watch: asyncio.Future | None = None
        try:
            while True:
                if watch is None and gone is not None and self._idle.empty():
                    watch = asyncio.ensure_future(gone())
                worker = await self._next_idle(watch)
                if worker.generation == self.generation and worker.process.returncode is None:
                    return worker
                if worker.generation == self.generation:  # it died while idle: start another
                    self._gone(worker)
                    self._replace()
                else:
                    await self._retire(worker)
        finally:
            self._waiting -= 1
            if watch is not None:
                watch.cancel()

    async def _next_idle(self, gone: asyncio.Future | None) -> _Worker:
        """The next idle worker, or ``ClientGone`` once ``gone`` is done."""
        if gone is None:
            return await self._idle.get()
        get = asyncio.ensure_future(self._idle.get())
        await asyncio.wait({get, gone}, return_when=asyncio.FIRST_COMPLETED)
        if get.done():
            return get.result()
        get.cancel()
        try:
            worker = await get
        except asyncio.CancelledError:
            raise ClientGone() from None
        self._idle.put_nowait(worker)  # taken as the client left: the next request's
        raise ClientGone()

    async def run(
        self, request: dict[str, Any], gone: Callable[[], Awaitable[Any]] | None = None
    ) -> Answer:
        """Answer ``request`` in a worker, within the time limit; a :class:`ProtocolError` else.

        ``gone()`` ends when the client has closed its connection: a request
        still in the queue then leaves it (:class:`ClientGone`); one already
        running runs to its end (within the time limit), which costs less
        than a new worker.
        """
        worker = await self._take(gone)
        started = time.monotonic()
        self._busy[worker] = started
        try:
            answer = await asyncio.wait_for(worker.ask(request), self.limits.timeout)
        except TimeoutError:
            worker.kill()
            await worker.died()
            self._gone(worker)
            self._replace()
            raise ProtocolError(
                503,
                f"Service Unavailable: the query ran past the time limit of {self.limits.timeout:g} s "
                f"(stopped after {time.monotonic() - started:.1f} s); narrow it or add a LIMIT",
                {"Retry-After": str(self.limits.retry_after)},
            ) from None
        except (asyncio.IncompleteReadError, BrokenPipeError, ConnectionResetError):
            why = await worker.died()
            self._gone(worker)
            self._replace()
            raise ProtocolError(
                500,
                f"Internal Server Error: the process running the query ended: {why}; "
                "narrow the query (fewer nested groups, a LIMIT, bind a variable)",
            ) from None
        except BaseException:  # the request was cancelled (client gone): the worker is mid-answer
            worker.kill()
            await asyncio.shield(worker.died())
            self._gone(worker)
            self._replace()
            raise
        finally:
            self._busy.pop(worker, None)
        if worker.generation == self.generation and not self._closed:
            self._idle.put_nowait(worker)
        else:
            await self._retire(worker)
        return answer

    async def close(self) -> None:
        """Stop every worker: idle ones are asked to end, busy ones are killed."""
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        while not self._idle.empty():
            await self._retire(self._idle.get_nowait())
        for worker in list(self._busy):  # the server stops: their requests get no answer
            worker.kill()
            await worker.process.wait()
        # Those a cancelled request or start left behind (still starting, or ending slowly).
        for worker in list(self._started):
            if worker.process.returncode is None:
                worker.kill()
                await worker.process.wait()
        self._started.clear()
