"""Snapshots of a store, so that a server reads finished data while a build writes.

Oxigraph forbids reading a database read-only while another process writes
it, and ``kg build`` must be able to update a store that ``kg serve``
serves. So the server never reads the store itself: it reads a *snapshot*,
a copy of the database made with Oxigraph's backup (hard links to the
database's immutable files: milliseconds, and no second copy of the data).

Layout, inside the store folder
-------------------------------
``snapshots/NAME/``
    One snapshot: an Oxigraph database, never written after it is made.
``snapshots/NAME.lock``
    A server reading ``NAME`` holds a shared ``flock`` on it; a snapshot
    is removed only when its lock can be taken exclusively.
``snapshots/current``
    The name of the newest complete snapshot, written atomically after it.

Who makes them
--------------
``kg serve`` makes the first (:func:`ensure_snapshot`) and thereby asks for
more: from then on, every :meth:`kg.store.Store.sync` that leaves the store
at a new dataset digest publishes a snapshot once its metadata is written
(:func:`publish`), i.e. only complete states, never a half-built one. The
server watches ``current`` (:func:`current_snapshot`) and moves its workers
to the new snapshot (:meth:`kg.outputs.endpoint.runner.WorkerPool.move_to`).
Snapshots no server holds are removed at the next publish.
"""

from __future__ import annotations

import contextlib
import fcntl
import shutil
import time
from pathlib import Path
from typing import IO, Any

from kg.errors import DataNotFound, Phrase, StoreLocked, WriteFailed
from kg.io import atomic_write
from kg.store import layout
from kg.store.layout import SNAPSHOTS
from kg.store.lifecycle import read_metadata

__all__ = [
    "SNAPSHOTS",
    "publish_if_wanted",
    "publish",
    "current_snapshot",
    "hold",
    "release",
    "ensure_snapshot",
    "wanted",
]

_CURRENT = "current"


def wanted(folder: Path) -> bool:
    """Whether a server has asked for snapshots of the store at ``folder``."""
    return (folder / SNAPSHOTS).is_dir()


def publish(oxigraph: Any, folder: Path, digest: str) -> Path:
    """Snapshot ``oxigraph`` (open for writing, flushed) as the newest of ``folder``; prune old ones.

    Call it holding the store's write lock, after the metadata of a
    complete sync is written.
    """
    root = folder / SNAPSHOTS
    root.mkdir(exist_ok=True)
    name = f"{time.time_ns():020d}-{digest[:16]}"
    partial = root / (name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        oxigraph.backup(str(partial))
        partial.rename(root / name)
        atomic_write(root / _CURRENT, (name + "\n").encode(), force=True)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise WriteFailed(root / name, exc.strerror or str(exc)) from None
    _prune(root, keep=name)
    return root / name


def publish_if_wanted(oxigraph: Any, folder: Path, digest: str) -> None:
    """:func:`publish` when a server asked for snapshots and the newest is not of ``digest``."""
    if not wanted(folder):
        return
    newest = current_snapshot(folder)
    if newest is None or not newest.name.endswith("-" + digest[:16]):
        publish(oxigraph, folder, digest)


def _prune(root: Path, keep: str) -> None:
    """Remove every snapshot but ``keep`` that no server holds."""
    for entry in root.iterdir():
        if entry.name in (keep, _CURRENT, keep + ".lock") or not entry.is_dir():
            continue
        lock = root / (entry.name.removesuffix(".partial") + ".lock")
        try:
            handle = open(lock, "a+")  # noqa: SIM115 - closed below
        except OSError:
            continue
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            continue  # a server reads it
        try:
            shutil.rmtree(entry, ignore_errors=True)
            lock.unlink(missing_ok=True)
        finally:
            handle.close()


def current_snapshot(folder: Path) -> Path | None:
    """The newest complete snapshot of the store at ``folder``, if any."""
    try:
        name = (folder / SNAPSHOTS / _CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    path = folder / SNAPSHOTS / name
    return path if name and "/" not in name and path.is_dir() else None


def hold(snapshot: Path) -> IO[str]:
    """Take a shared lock on ``snapshot`` so that no publish removes it; keep the file open."""
    handle = open(snapshot.parent / (snapshot.name + ".lock"), "a+")  # noqa: SIM115
    fcntl.flock(handle, fcntl.LOCK_SH)
    return handle


def release(handle: IO[str]) -> None:
    """Let go of a snapshot taken with :func:`hold`."""
    with contextlib.suppress(OSError):
        handle.close()


def ensure_snapshot(folder: Path) -> tuple[Path, IO[str]]:
    """A held snapshot of the store's current state, made now if there is none.

    Making one opens the store for writing for a moment, so a build that is
    running makes this fail at once (:class:`~kg.errors.StoreLocked`).
    """
    from kg.store.oxigraph import Store

    if not layout.is_store(folder):
        raise DataNotFound(
            f"{folder} holds no store", Phrase("run `kg build` first, or give {store:PATH}")
        )
    for _attempt in range(5):
        snapshot = current_snapshot(folder)
        recorded = _digest(folder)
        if snapshot is None or (recorded and not snapshot.name.endswith("-" + recorded[:16])):
            with Store.open(folder) as store:
                store.lock()
                store.oxigraph.flush()
                snapshot = publish(store.oxigraph, folder, store.dataset_digest or "none")
        handle = hold(snapshot)
        if snapshot.is_dir():  # not pruned between reading `current` and taking the lock
            return snapshot, handle
        release(handle)
    raise StoreLocked(folder, None, writing=True)


def _digest(folder: Path) -> str | None:
    return read_metadata(folder)["dataset_digest"]
