"""Opening and closing a store folder: its lock, its database, and the record of its last sync.

:class:`StoreFolder` is the part of :class:`kg.store.Store` that opens the
Oxigraph database of a folder (or one in memory), holds the folder's lock
(one writer or any number of readers, :class:`~kg.errors.StoreLocked` for the
others at once), releases both, and reads what the last sync left: the
metadata (:data:`kg.store.layout.METADATA`) and the journal of a sync under
way (:data:`kg.store.layout.PENDING`). Writing them is
:mod:`kg.store.journal`'s.

pyoxigraph (0.5) has no ``close``: a database is closed when its
:class:`pyoxigraph.Store` object is collected. :func:`close_database` is the
one place that relies on it.

>>> folder = StoreFolder.open(None)
>>> folder.digests(), folder.pending(), folder.path is None
({}, [], True)
"""

from __future__ import annotations

import errno
import fcntl
import gc
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any, Self

import pyoxigraph as ox

from kg.errors import DataNotFound, StoreLocked, UnreadableFile, WriteFailed
from kg.store import layout

__all__ = [
    "FORMAT_VERSION",
    "StoreFolder",
    "close_database",
    "read_metadata",
    "no_room",
    "remove_database",
]

#: Version of the store layout and metadata; a store of another version is rebuilt by sync.
FORMAT_VERSION = 1


def empty_metadata() -> dict[str, Any]:
    """The metadata of a store no sync has completed in."""
    return {"format": FORMAT_VERSION, "kg_version": None, "dataset_digest": None, "graphs": {}}


def read_metadata(folder: Path) -> dict[str, Any]:
    """The metadata the last complete sync wrote in the store at ``folder`` (empty if none).

    Metadata that is missing, unreadable or of another :data:`FORMAT_VERSION`
    reads as none, so the next sync rewrites everything.

    >>> read_metadata(Path("no-such-folder"))["graphs"]
    {}
    """
    try:
        data = json.loads((folder / layout.METADATA).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return empty_metadata()
    if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
        return empty_metadata()
    return data


class StoreFolder:
    """A store's database and lock, and the record of its last sync (read only here).

    Open one with :meth:`open`; use it as a context manager, or call
    :meth:`close`, to release the database and the lock.
    """

    def __init__(
        self, oxigraph: ox.Store, path: Path | None, read_only: bool, lock_file: Any = None
    ):
        self._ox = oxigraph
        self.path = path
        self.read_only = read_only
        self._lock_file = lock_file
        self._metadata = self._read_metadata()

    @classmethod
    def open(cls, path: str | os.PathLike | None, *, read_only: bool = False) -> Self:
        """Open the store in folder ``path``, creating it when needed; ``None`` for memory.

        Parameters
        ----------
        path : path or None
            The store folder (see :mod:`kg.store.oxigraph` for its layout).
        read_only : bool
            Open for reading only: the folder must hold a store, and other
            processes may read it at the same time, but none may write it.

        Raises
        ------
        StoreLocked
            Another process writes the store, or (for a writer) reads it.
        DataNotFound
            ``read_only`` and there is no store at ``path``.
        UnreadableFile
            The folder holds something Oxigraph cannot open.
        """
        if path is None:
            if read_only:
                raise DataNotFound("an in-memory store cannot be opened read-only")
            return cls(ox.Store(), None, False)
        folder = Path(path)
        database = folder / layout.DATABASE
        if read_only and not database.is_dir():
            raise DataNotFound(f"no store at {folder}", "build it first with `kg build`")
        if folder.exists() and not folder.is_dir():
            raise UnreadableFile(f"{folder} is not a folder", "give the folder of a store")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteFailed(folder, exc.strerror) from None
        lock_file = acquire(folder, exclusive=not read_only)
        never_built = not layout.is_store(folder)
        try:
            return cls(
                _open_database(database, read_only, never_built), folder, read_only, lock_file
            )
        except (OSError, RuntimeError) as exc:
            lock_file.close()
            if not read_only and never_built:
                remove_database(database)
            if no_room(exc):
                raise WriteFailed(folder, "no space left on device") from None
            raise UnreadableFile(
                f"cannot open the store {folder}: {' '.join(str(exc).split())[:200]}",
                "remove the folder to rebuild it from the authoring files",
            ) from None

    def lock(self) -> Self:
        """Make sure this store holds the exclusive write lock; return the store.

        A store opened for writing from a folder takes the lock when it is
        opened and keeps it until :meth:`close`, since Oxigraph lets only one
        process write a database; this method takes it again after a
        :meth:`close`-free release and is a no-op otherwise. In memory there is
        nothing to lock.

        Raises
        ------
        StoreLocked
            Another process holds the store.
        """
        if self.read_only:
            raise ValueError("a store opened read-only cannot be locked for writing")
        if self.path is not None and self._lock_file is None:
            self._lock_file = acquire(self.path, exclusive=True)
        return self

    def close(self) -> None:
        """Release the database and the lock; the store cannot be used afterwards."""
        self._close_database()
        if self._lock_file is not None:
            release(self._lock_file, exclusive=not self.read_only)
            self._lock_file = None

    def _close_database(self) -> None:
        self._ox = None  # type: ignore[assignment]
        close_database()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the record of the last sync ------------------------------------------

    def _read_metadata(self) -> dict[str, Any]:
        return empty_metadata() if self.path is None else read_metadata(self.path)

    def digests(self) -> dict[str, str]:
        """The digest of each named graph's content, as the last complete sync recorded it."""
        return dict(self._metadata["graphs"])

    @property
    def dataset_digest(self) -> str | None:
        """The digest of the whole dataset given to the last complete sync (None if none)."""
        return self._metadata["dataset_digest"]

    @property
    def kg_version(self) -> str | None:
        """The version of kg that made the last complete sync."""
        return self._metadata["kg_version"]

    @property
    def format_version(self) -> int:
        """The version of the store's layout and metadata (:data:`FORMAT_VERSION`)."""
        return int(self._metadata["format"])

    def _read_pending(self) -> dict[str, Any] | None:
        """The journal of a sync under way (None when there is none); raises if unreadable."""
        if self.path is None:
            return None
        try:
            data = json.loads((self.path / layout.PENDING).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        if not isinstance(data, dict):
            raise ValueError("not a journal")
        return data

    def pending(self) -> list[str]:
        """The graphs an interrupted sync may have left half-written (empty when none)."""
        try:
            data = self._read_pending()
            return [] if data is None else sorted(data["graphs"])
        except (OSError, ValueError, KeyError, TypeError):
            return sorted(self._metadata["graphs"])  # unreadable journal: distrust everything

    def _pending_cold(self) -> bool:
        try:
            data = self._read_pending()
            return data is not None and bool(data["cold"])
        except (OSError, ValueError, KeyError, TypeError):
            return False

    def _pending_exists(self) -> bool:
        return self.path is not None and (self.path / layout.PENDING).exists()

    def is_empty(self) -> bool:
        """Whether the store holds no quad and no record of a graph (a sync has not begun)."""
        return not self.digests() and not self._pending_exists() and not len(self._ox)

    def is_current(self, dataset_digest: str) -> bool:
        """Whether the store holds exactly the dataset of ``dataset_digest``, fully written."""
        return self.dataset_digest == dataset_digest and not self._pending_exists()


def _open_database(database: Path, read_only: bool, never_built: bool) -> ox.Store:
    """The Oxigraph database at ``database``; a first build's unopenable one is begun afresh."""
    if read_only:
        return ox.Store.read_only(str(database))
    try:
        return ox.Store(database)
    except (OSError, RuntimeError) as exc:
        if not never_built or no_room(exc):
            raise
    # a first build that failed midway left a database with nothing of value
    remove_database(database)
    return ox.Store(database)


def close_database() -> None:
    """Close the pyoxigraph databases no object refers to any more.

    pyoxigraph 0.5 has no ``Store.close``: a database (and RocksDB's lock on
    its folder) is released when its :class:`pyoxigraph.Store` is
    collected. The caller drops its last reference first; a collection then
    also frees one held in a reference cycle (a traceback's frames, say), so
    the folder can be reopened or removed at once.
    """
    gc.collect()


# -- the lock file --------------------------------------------------------------


def holder(folder: Path) -> str | None:
    """The writer the lock file names, if that process is alive (readers write nothing)."""
    try:
        text = (folder / layout.LOCK).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    try:
        pid = int(text.split()[1])
        os.kill(pid, 0)
    except (IndexError, ValueError, ProcessLookupError):
        return None  # empty, or left by a writer that was killed
    except PermissionError:
        pass  # alive, owned by someone else
    return text


def release(handle: Any, *, exclusive: bool) -> None:
    """Unlock and close the lock file; a writer first rubs out its name."""
    try:
        if exclusive:
            handle.seek(0)
            handle.truncate()
            handle.flush()
    finally:
        handle.close()  # closing the file releases the flock


def acquire(folder: Path, *, exclusive: bool) -> Any:
    """Open and ``flock`` the lock file of ``folder``; return the open file."""
    path = folder / layout.LOCK
    try:
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while locked
    except OSError as exc:
        raise WriteFailed(path, exc.strerror) from None
    try:
        fcntl.flock(handle, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            writer = holder(folder)
            # A writer names itself in the lock file; readers leave it empty.
            raise StoreLocked(folder, writer, writing=writer is not None) from None
        raise WriteFailed(path, exc.strerror) from None
    if exclusive:
        handle.seek(0)
        handle.truncate()
        command = " ".join(os.path.basename(a) for a in sys.argv[:2]) or "python"
        handle.write(f"process {os.getpid()} ({command})\n")
        handle.flush()
    return handle


def no_room(exc: BaseException) -> bool:
    """Whether ``exc`` says the disk is full (Oxigraph's RocksDB says it in words)."""
    return getattr(exc, "errno", None) == errno.ENOSPC or "no space left" in str(exc).lower()


def remove_database(database: Path) -> None:
    """Remove an Oxigraph database folder that holds nothing a completed sync wrote."""
    if database.is_dir() and not database.is_symlink():
        shutil.rmtree(database, ignore_errors=True)
