"""Whether a data folder changed since a store last hashed it, told from file stamps first.

A reading command opens a store only when the store was built from the
authoring files as they are now: the SHA-256 of every file
(:func:`kg.authoring.reader.input_digest`) must equal the digest the store
records. Hashing the files costs about 0.7 s at 10,000 briefs; a store's
:data:`~kg.store.layout.CACHE` folder therefore keeps a stamp of the data
folder (:func:`stamped_input_digest`): each file's size, modification and
change times (nanoseconds) and inode, with the digest they were hashed to.
When every file's stamp is unchanged the digest is reused without reading
the files, as git's index does.

The rule stays correct however fast the files change:

* a file is trusted by its stamp only when its modification and change
  times are older, by :data:`RACY_NS`, than the moment the stamp's files
  were looked at before being hashed (a file written in the same clock
  tick as the hashing could change again without its times moving: git
  calls it "racily clean"); a stamp with such a file is not reused, so the
  digest decides;
* an edit changes the file's change time (``st_ctime``), which no program
  can set back, even when it keeps the size and sets the modification time
  back;
* a file added, removed or renamed changes the list of files.

>>> import tempfile
>>> from pathlib import Path
>>> from kg.authoring.reader import input_digest
>>> with tempfile.TemporaryDirectory() as tmp:
...     data, store = Path(tmp, "data"), Path(tmp, "store")
...     (data / "briefs").mkdir(parents=True)
...     _ = (data / "factors.yaml").write_text("factors: []\\n")
...     stamped_input_digest(data, store) == input_digest(data)
True
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from pathlib import Path

from kg.authoring.reader import input_digest
from kg.datafolder import brief_files, factors_path
from kg.errors import KgError
from kg.io import atomic_write
from kg.store import layout

__all__ = ["RACY_NS", "stamped_input_digest", "stamp_file"]

#: How much older than the hashing a file's times must be for its stamp to be trusted:
#: two seconds, the coarsest timestamps of the file systems kg may meet (FAT's).
RACY_NS = 2_000_000_000

#: Version of the stamp files (part of what they hold).
_STAMP_VERSION = 1


def stamp_file(store: Path, data_dir: Path) -> Path:
    """The file in which the store at ``store`` keeps the stamp of ``data_dir``."""
    key = hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:32]
    return store / layout.CACHE / f"inputs-{key}.json"


def stamped_input_digest(data_dir: str | os.PathLike, store: str | os.PathLike) -> str:
    """:func:`~kg.authoring.reader.input_digest` of ``data_dir``, from the stamp kept in ``store``
    when no file changed since it was made; otherwise hashed, and the stamp made again.

    A stamp that cannot be read or written only makes the next call hash the files.
    """
    data_dir, store = Path(data_dir), Path(store)
    looked_at = time.time_ns()  # before the files are looked at, so before they are read
    stamps = _stamps(data_dir)
    path = stamp_file(store, data_dir)
    kept = _read(path)
    if (
        kept is not None
        and stamps is not None
        and kept.get("version") == _STAMP_VERSION
        and kept.get("data") == str(data_dir.resolve())
        and kept.get("files") == stamps
        and _settled(stamps, int(kept.get("looked_at", 0)))
    ):
        return str(kept["digest"])
    digest = input_digest(data_dir)
    if stamps is not None and _settled(stamps, looked_at):
        record = {
            "version": _STAMP_VERSION,
            "data": str(data_dir.resolve()),
            "looked_at": looked_at,
            "digest": digest,
            "files": stamps,
        }
        try:
            atomic_write(path, json.dumps(record).encode(), force=True, durable=False)
        except (OSError, KgError):
            pass  # only slower next time
    return digest


def _stamps(data_dir: Path) -> list[list] | None:
    """Each authoring file's name, size, times and inode; None when one is not a plain file."""
    found = []
    for path in [factors_path(data_dir), *brief_files(data_dir)]:
        try:
            st = path.stat()
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode):
            return None
        name = path.relative_to(data_dir).as_posix()
        found.append([name, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino])
    return found


def _settled(stamps: list[list], looked_at: int) -> bool:
    """Whether every file's times are older than ``looked_at`` by :data:`RACY_NS`."""
    return all(max(s[2], s[3]) < looked_at - RACY_NS for s in stamps)


def _read(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
