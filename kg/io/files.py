"""Writing files safely: a temporary file beside the target, then a rename.

A file that kg did not write is never replaced unless ``force`` is set;
:func:`atomic_write_all` writes a set of files all or nothing.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError, OutputExists, WriteFailed

__all__ = [
    "HEADER_PREFIX",
    "JSONLD_HEADER_KEY",
    "Output",
    "atomic_write",
    "atomic_write_all",
    "display_path",
    "file_kind",
    "read_prefix",
    "written_by_kg",
    "remove_stale_temps",
]

#: First characters of the comment line that opens every text file kg writes.
HEADER_PREFIX = "# Built by kg"
#: The key that carries the same header in JSON-LD files.
JSONLD_HEADER_KEY = "_kg_build"


def display_path(path: str | os.PathLike) -> str:
    """``path`` relative to the current folder when it lies below it."""
    try:
        return (
            # abspath, not resolve: a link that loops must still be named, not followed
            os.path.relpath(path)
            if Path(os.path.abspath(path)).is_relative_to(Path.cwd().resolve())
            or Path(os.path.abspath(path)).is_relative_to(Path.cwd())
            else str(path)
        )
    except ValueError:
        return str(path)


def file_kind(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words (for messages).

    >>> file_kind(stat.S_IFIFO | 0o644)
    'a FIFO (named pipe)'
    """
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISREG(mode):
        return "a file"
    return "not a regular file"


#: The most bytes :func:`read_prefix` reads: what any "did kg write this?" check needs.
PREFIX_BYTES = 64 * 1024


def read_prefix(path: str | os.PathLike, size: int = 4096) -> bytes:
    """The first ``size`` bytes (at most :data:`PREFIX_BYTES`) of a regular file; ``b""`` for anything else.

    The file is opened without blocking and its type checked on the open
    handle, so a FIFO, a device (``/dev/zero``) or a folder gives ``b""``
    at once instead of an endless read or a wait for a writer.

    >>> read_prefix("/dev/zero")
    b''
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, min(size, PREFIX_BYTES))
    except OSError:
        return b""
    finally:
        os.close(fd)


def written_by_kg(path: Path) -> bool:
    start = read_prefix(path, 4096).decode("utf-8", errors="replace")
    jsonld_start = f'{{\n  "{JSONLD_HEADER_KEY}": "{HEADER_PREFIX[2:]}'
    return start.startswith((HEADER_PREFIX, jsonld_start))


def _refuse_existing(
    path: Path,
    force: bool,
    ours: Callable[[Path], bool],
    refusal: Callable[[Path], KgError] | None,
) -> None:
    """Raise unless ``path`` may be written: a folder, FIFO or device never (even with
    ``force``), a file kg did not write only with ``force``.

    The type is read with ``stat`` before anything opens the file, so that
    ``ours`` (which reads its start) only ever sees a regular file.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        mode = None  # missing (or a dangling link): the write creates it
    if mode is not None and not stat.S_ISREG(mode):
        kind = file_kind(mode)
        remedy = "give a file name" if kind == "a folder" else "give the name of a regular file"
        raise OutputExists(path, f"is {kind}", remedy)
    if mode is not None and not force and not ours(path):
        raise refusal(path) if refusal is not None else OutputExists(path)


_TEMP = re.compile(r"^\.(?P<target>.+)\.(?P<pid>[0-9]+)\.[^.]+\.tmp$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def remove_stale_temps(path: str | os.PathLike, *, any_target: bool = False) -> list[Path]:
    """Remove the temporary files of writes of ``path`` whose process is gone (killed midway).

    Each temporary file is named ``.<name>.<pid>.<random>.tmp``; one whose
    process still runs belongs to a write in progress and is kept. With
    ``any_target``, those of every file of ``path``'s folder go. Returns the
    files removed.
    """
    path = Path(path)
    removed: list[Path] = []
    try:
        entries = list(path.parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP.match(entry.name)
        if match and (any_target or match["target"] == path.name) and not _alive(int(match["pid"])):
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed


#: Folders this process has cleared of stale temporary files: each is listed once,
#: not at every write (a build writes thousands of files into one cache folder).
_CLEARED: set[str] = set()


def _clear_folder_once(path: Path) -> None:
    folder = os.path.abspath(path.parent)
    if folder not in _CLEARED:
        _CLEARED.add(folder)
        remove_stale_temps(path, any_target=True)


def _on_terminate(signum: int, _frame: object) -> None:
    """SIGTERM as an exit, so that every ``finally`` runs and removes its temporary files."""
    raise SystemExit(128 + signum)


def _clean_on_terminate() -> None:
    """Let SIGTERM unwind like Ctrl-C does, when nobody else handles it (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return
    with contextlib.suppress(ValueError, OSError):
        if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            signal.signal(signal.SIGTERM, _on_terminate)


def _stage(path: Path, data: bytes | Iterable[bytes], durable: bool = True) -> str:
    """Write ``data`` (bytes, or pieces of bytes) to a temporary file beside ``path``; return its name.

    Temporary files that killed writes left in the folder are removed at
    this process's first write into it; SIGTERM (like SIGINT) removes the
    one being written. ``durable`` flushes the data to the disk before the
    rename (``fsync``).
    """
    _clean_on_terminate()
    _clear_folder_once(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
        )
    except OSError as exc:
        raise WriteFailed(path.parent, exc.strerror) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:  # pieces made as they are written: the whole never sits in memory
                for piece in data:
                    handle.write(piece)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp_name, _file_mode(path))
    except BaseException as exc:
        Path(tmp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WriteFailed(path, exc.strerror) from None
        raise
    return tmp_name


def atomic_write(
    path: str | os.PathLike,
    data: bytes | Iterable[bytes],
    *,
    force: bool = False,
    ours: Callable[[Path], bool] = written_by_kg,
    refusal: Callable[[Path], KgError] | None = None,
    durable: bool = True,
) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    ``data`` is bytes, or an iterable of pieces of bytes written one after
    the other as they come (a file too large to hold in memory at once).

    An existing file is replaced only when ``ours(path)`` says kg wrote it,
    or when ``force`` is set; otherwise the error that ``refusal(path)``
    returns (default :class:`~kg.errors.OutputExists`) is raised and nothing
    is written. A failure leaves no partial file. ``durable=False`` skips the
    ``fsync`` before the rename, for a cache whose reader checks what it
    reads: after a power cut the file may be empty or torn, never half of
    two versions.
    """
    path = Path(path)
    _refuse_existing(path, force, ours, refusal)
    tmp_name = _stage(path, data, durable)
    try:
        os.replace(tmp_name, path)
    except BaseException as exc:
        Path(tmp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WriteFailed(path, exc.strerror) from None
        raise
    return path


@dataclass(frozen=True)
class Output:
    """One file for :func:`atomic_write_all`: where, what, and how to tell that kg wrote it."""

    path: Path
    data: bytes
    ours: Callable[[Path], bool] = written_by_kg
    refusal: Callable[[Path], KgError] | None = None


def atomic_write_all(outputs: Iterable[Output], *, force: bool = False) -> list[Path]:
    """Write several files all or nothing.

    Every target is checked first (as :func:`atomic_write` checks one), so
    that a file kg may not replace stops the whole set before any file is
    written; then every file is written to a temporary file, and only when
    all are complete are they renamed into place.
    """
    outputs = [Output(Path(o.path), o.data, o.ours, o.refusal) for o in outputs]
    for output in outputs:
        _refuse_existing(output.path, force, output.ours, output.refusal)
    staged: list[tuple[str, Path]] = []
    try:
        for output in outputs:
            staged.append((_stage(output.path, output.data), output.path))
        while staged:
            tmp_name, path = staged[0]
            try:
                os.replace(tmp_name, path)
            except OSError as exc:
                raise WriteFailed(path, exc.strerror) from None
            staged.pop(0)
    finally:
        for tmp_name, _path in staged:
            Path(tmp_name).unlink(missing_ok=True)
    return [o.path for o in outputs]


def _file_mode(path: Path) -> int:
    """The mode the written file gets: the replaced file's, else what the umask allows."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
