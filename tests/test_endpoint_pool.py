"""The worker pool of ``kg serve`` on its own: no worker process outlives it."""

from __future__ import annotations

import asyncio

import pyoxigraph as ox

from kg.outputs.endpoint import runner
from kg.outputs.endpoint.runner import EndpointLimits, WorkerPool


def test_a_worker_starting_when_the_pool_closes_is_stopped_with_it(tmp_path, monkeypatch):
    folder = tmp_path / "oxigraph"
    store = ox.Store(str(folder))
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o")))
    store.flush()
    del store
    started: list[asyncio.subprocess.Process] = []
    spawn = asyncio.create_subprocess_exec

    async def recording(*args, **kwargs):
        process = await spawn(*args, **kwargs)
        started.append(process)
        return process

    monkeypatch.setattr(runner.asyncio, "create_subprocess_exec", recording)

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
