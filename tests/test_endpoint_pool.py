"""The worker pool of ``kg serve`` on its own: no worker process outlives it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pyoxigraph as ox

from kg.outputs.endpoint import runner
from kg.outputs.endpoint.runner import EndpointLimits, WorkerPool


def _store(tmp_path) -> Path:
    """A store folder of one quad, closed."""
    folder = tmp_path / "oxigraph"
    store = ox.Store(str(folder))
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o")))
    store.flush()
    del store
    return folder


def _recording(monkeypatch) -> list[asyncio.subprocess.Process]:
    """The worker processes the pool starts from now on, in order."""
    started: list[asyncio.subprocess.Process] = []
    spawn = asyncio.create_subprocess_exec

    async def recording(*args, **kwargs):
        process = await spawn(*args, **kwargs)
        started.append(process)
        return process

    monkeypatch.setattr(runner.asyncio, "create_subprocess_exec", recording)
    return started


def test_a_worker_starting_when_the_pool_closes_is_stopped_with_it(tmp_path, monkeypatch):
    folder = _store(tmp_path)
    started = _recording(monkeypatch)

    async def scenario() -> None:
        pool = WorkerPool(folder, EndpointLimits(max_concurrent=1, queue=1))
        await pool.start()
        pool._replace()  # as after a query killed at the time limit
        for _ in range(6000):  # bounded: until the new worker's process exists
            if len(started) == 2:
                break
            await asyncio.sleep(0.01)
        assert len(started) == 2
        await pool.close()  # the new worker is still loading its store: it must not be left

    asyncio.run(scenario())
    assert [p.returncode is not None for p in started] == [True, True]


def test_a_worker_left_ending_by_a_cancelled_request_is_stopped_with_the_pool(
    tmp_path, monkeypatch
):
    import os
    import signal

    folder = _store(tmp_path)
    started = _recording(monkeypatch)

    async def scenario() -> None:
        pool = WorkerPool(folder, EndpointLimits(max_concurrent=1, queue=1))
        await pool.start()
        worker = await pool._take()
        # A busy machine has not yet let it see the end of its input (here: it is stopped).
        os.kill(worker.process.pid, signal.SIGSTOP)
        retiring = asyncio.ensure_future(pool._retire(worker))
        await asyncio.sleep(0.05)
        retiring.cancel()  # the request's task is cancelled as the server stops
        await asyncio.gather(retiring, return_exceptions=True)
        await pool.close()

    try:
        asyncio.run(scenario())
        assert [p.returncode is not None for p in started] == [True]
    finally:  # a stopped worker the pool failed to end is not left behind
        for process in started:
            if process.returncode is None:
                os.kill(process.pid, signal.SIGKILL)
