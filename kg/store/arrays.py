"""Files of arrays and records that a store caches beside its rows, read without running code.

An analysis can keep what it derives from a dataset's rows in the store's
:data:`~kg.store.layout.CACHE` folder, under the dataset digest
(:func:`cache_file`), as :mod:`kg.store.causal` keeps the rows: the next
command on the unchanged store reads it instead of working it out again.
Such a file holds a JSON header, named NumPy arrays, and records (bytes)
that are read one at a time by their offsets, so a reader that needs a few
of them does not read the rest. Nothing in it is unpickled or evaluated: the
arrays are read with :func:`numpy.frombuffer` from the dtype and length the
header names.

The layout of a file: a magic line, the header's length (8 bytes, little
endian), the header (JSON: the caller's ``meta``, each array's name, dtype,
length and place, the arrays' SHA-256, where the records start and the
records' length), the arrays one after the other, then the records. Each
record's CRC-32 is kept in an array, so a record read back is checked. A
file that is torn, truncated or altered reads as :class:`Unreadable`, never
as other values.

>>> import tempfile, numpy as np
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = Path(tmp) / "x.bin"
...     write(path, {"n": 2}, {"a": np.arange(3, dtype=np.int32)}, [b"one", b"two"])
...     kept = read(path)
...     kept.meta["n"], kept.arrays["a"].tolist(), kept.record(1)
(2, [0, 1, 2], b'two')
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import __version__
from kg.errors import KgError
from kg.io import atomic_write
from kg.store import layout

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Unreadable", "ArrayFile", "RecordSpool", "cache_file", "prune_cache", "write", "read"]

_MAGIC = b"kg-arrays 1\n"
_OFFSETS = "_record_offsets"
_CRC = "_record_crc32"


class Unreadable(Exception):
    """A cached file that is missing, torn or altered; ``str()`` says what is wrong."""


def cache_file(folder: Path, kind: str, dataset_digest: str) -> Path:
    """The file that caches ``kind`` (a name with its version, e.g. ``links1``) of dataset
    ``dataset_digest`` in the store at ``folder``; another version of kg or another
    dataset gives another file."""
    return folder / layout.CACHE / f"{kind}-{_key(dataset_digest)}.bin"


def prune_cache(folder: Path, dataset_digest: str) -> None:
    """Remove every file of this kind in the store at ``folder`` but those of ``dataset_digest``."""
    keep = f"-{_key(dataset_digest)}.bin"
    for old in (folder / layout.CACHE).glob("*.bin"):
        if not old.name.endswith(keep):
            old.unlink(missing_ok=True)


def _key(dataset_digest: str) -> str:
    return hashlib.sha256(f"{__version__} {dataset_digest}".encode()).hexdigest()[:32]


class RecordSpool:
    """Records for :func:`write` kept in a temporary file as they come, not in memory.

    For a file whose records, all together, are too large to hold: they go
    to an unnamed temporary file in ``folder`` (the cache file's, so on the
    same disk), with each one's length and CRC-32, and :func:`write` copies
    them into the file. The temporary file goes when the spool is closed (or
    the process ends). Opening it or appending to it may raise
    :class:`OSError`.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp, RecordSpool(Path(tmp)) as spool:
    ...     spool.append(b"one")
    ...     spool.append(b"two")
    ...     write(Path(tmp) / "x.bin", {}, {}, spool)
    ...     read(Path(tmp) / "x.bin").record(1)
    b'two'
    """

    _CHUNK = 1 << 20  # bytes copied at a time

    def __init__(self, folder: Path):
        import tempfile
        from array import array

        folder.mkdir(parents=True, exist_ok=True)
        self._file = tempfile.TemporaryFile(dir=folder)
        self.lengths = array("q")
        self.crc = array("I")

    def append(self, record: bytes) -> None:
        """Add ``record`` after the others."""
        self._file.write(record)
        self.lengths.append(len(record))
        self.crc.append(zlib.crc32(record))

    def __len__(self) -> int:
        return len(self.lengths)

    def chunks(self) -> Iterator[bytes]:
        """The records, one after the other, in pieces of at most a MiB."""
        self._file.flush()
        self._file.seek(0)
        while chunk := self._file.read(self._CHUNK):
            yield chunk

    def close(self) -> None:
        """Remove the temporary file."""
        self._file.close()

    def __enter__(self) -> RecordSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write(
    path: Path,
    meta: Mapping[str, Any],
    arrays: Mapping[str, np.ndarray],
    records: Sequence[bytes] | RecordSpool,
) -> None:
    """Write ``meta``, ``arrays`` and ``records`` (bytes, or a :class:`RecordSpool`) to
    ``path`` (through a rename); a cache that cannot be written is only slower next time."""
    import numpy as np

    if isinstance(records, RecordSpool):
        lengths: Any = records.lengths
        crc = np.array(records.crc, dtype="<u4")
        tail: Iterable[bytes] = records.chunks()
    else:
        lengths = [len(r) for r in records]
        crc = np.array([zlib.crc32(r) for r in records], dtype="<u4")
        tail = records
    offsets = np.zeros(len(lengths) + 1, dtype="<i8")
    np.cumsum(lengths, out=offsets[1:])
    every = {**arrays, _OFFSETS: offsets, _CRC: crc}
    blobs, places, at = [], [], 0
    for name, array in every.items():
        blob = np.ascontiguousarray(array).tobytes()
        places.append([name, array.dtype.str, int(array.shape[0]), at, len(blob)])
        blobs.append(blob)
        at += len(blob)
    body = b"".join(blobs)
    head = {
        "meta": dict(meta),
        "arrays": places,
        "arrays_sha256": hashlib.sha256(body).hexdigest(),
        "records": len(records),
        "records_bytes": int(offsets[-1]),
    }
    text = json.dumps(head).encode()

    def pieces() -> Iterator[bytes]:
        yield _MAGIC + len(text).to_bytes(8, "little") + text
        yield body
        yield from tail

    try:
        # No fsync: a file torn by a power cut fails its checks, and is only made again.
        atomic_write(path, pieces(), force=True, durable=False)
    except KgError:
        pass


class ArrayFile:
    """A file :func:`write` made, open for reading: ``meta``, ``arrays`` and :meth:`record`."""

    def __init__(self, path: Path, meta: dict, arrays: dict[str, np.ndarray], head: dict):
        self.path = path
        self.meta = meta
        self.arrays = arrays
        self._records_at = int(head["records_at"])  # worked out by read()
        self._offsets = arrays.pop(_OFFSETS)
        self._crc = arrays.pop(_CRC)

    def __len__(self) -> int:
        """How many records the file holds."""
        return len(self._crc)

    def record(self, i: int) -> bytes:
        """Record ``i``, checked against its CRC-32; raises :class:`Unreadable` otherwise."""
        start, end = int(self._offsets[i]), int(self._offsets[i + 1])
        try:
            with self.path.open("rb") as f:
                f.seek(self._records_at + start)
                data = f.read(end - start)
        except OSError as exc:
            raise Unreadable(f"{self.path}: {exc.strerror or exc}") from None
        if len(data) != end - start or zlib.crc32(data) != int(self._crc[i]):
            raise Unreadable(f"{self.path}: record {i} does not match its checksum")
        return data


def read(path: Path) -> ArrayFile:
    """The file at ``path``, its header and arrays checked; raises :class:`Unreadable`.

    A missing file raises :class:`FileNotFoundError` (nothing was cached).
    """
    import numpy as np

    with path.open("rb") as f:
        size = path.stat().st_size
        try:
            if f.read(len(_MAGIC)) != _MAGIC:
                raise Unreadable(f"{path} is not a kg cache file")
            length = int.from_bytes(f.read(8), "little")
            if length > size:
                raise Unreadable(f"{path} is truncated")
            head = json.loads(f.read(length))
            if not isinstance(head, dict):
                raise Unreadable(f"{path} could not be read: its header is not an object")
            places = head["arrays"]
            body_size = sum(int(p[4]) for p in places)
            head["records_at"] = len(_MAGIC) + 8 + length + body_size
            if head["records_at"] + int(head["records_bytes"]) != size:
                raise Unreadable(
                    f"{path} is truncated or was altered (its size is not as recorded)"
                )
            body = f.read(body_size)
            if hashlib.sha256(body).hexdigest() != head["arrays_sha256"]:
                raise Unreadable(f"{path}: its arrays do not match their checksum")
            arrays = {}
            for name, dtype, count, at, nbytes in places:
                array = np.frombuffer(body, dtype=np.dtype(dtype), count=count, offset=at)
                if array.nbytes != nbytes or array.dtype.hasobject:
                    raise Unreadable(f"{path}: array {name} is not as recorded")
                arrays[name] = array
            if arrays[_OFFSETS].shape[0] != int(head["records"]) + 1:
                raise Unreadable(f"{path}: the records are not as recorded")
            meta = head["meta"]
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise Unreadable(f"{path} could not be read: {exc}") from None
    return ArrayFile(path, meta, arrays, head)
