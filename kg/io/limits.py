"""How much of an input file kg reads: size, nesting depth, alias expansion and rows.

The limits guard against files that would exhaust memory, time or Python's
stack (a 50 MB brief, YAML nested 100,000 deep, a "billion laughs" of
aliases, a million-row sheet). They apply to every authoring file and sheet
kg reads; :func:`reading_limits` changes them for the code it wraps (the
command line's ``--max-file-size`` uses it), and the readers also take a
``limits`` parameter.

>>> current_limits().max_file_size
33554432
>>> with reading_limits(max_file_size=1000):
...     current_limits().max_file_size
1000
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputTooLarge, UnreadableFile
from kg.io.files import display_path

__all__ = [
    "FULL_VALUES",
    "ReadLimits",
    "current_limits",
    "reading_limits",
    "read_bounded",
    "read_input",
    "unreadable",
]


@dataclass(frozen=True)
class ReadLimits:
    """The bounds on one input file.

    Attributes
    ----------
    max_file_size : int
        Bytes; a larger file is refused before it is read (default 32 MiB).
    max_depth : int
        Nesting of YAML mappings and lists (default 64; a brief needs 4).
    max_values : int
        Values a YAML document may hold once its aliases are expanded
        (default 2,000,000), so that aliases cannot multiply a small file.
    max_rows : int
        Rows of a sheet (default 100,000).
    max_quoted : int
        Characters of a value quoted in a problem's message (default 60, so
        that a message stays one line; :data:`FULL_VALUES` for all of it).
    """

    max_file_size: int = 32 * 1024 * 1024
    max_depth: int = 64
    max_values: int = 2_000_000
    max_rows: int = 100_000
    max_quoted: int = 60


#: ``max_quoted`` that quotes every value in full (``--full-values``).
FULL_VALUES = 1 << 62


_LIMITS: contextvars.ContextVar[ReadLimits] = contextvars.ContextVar(
    "kg_read_limits",
    default=ReadLimits(),  # noqa: B039 (frozen, so never changed in place)
)


def current_limits() -> ReadLimits:
    """The limits in force."""
    return _LIMITS.get()


@contextlib.contextmanager
def reading_limits(**changes: int | None) -> Iterator[ReadLimits]:
    """Change some limits (those given and not ``None``) for the code inside the ``with``."""
    limits = dataclasses.replace(
        current_limits(), **{k: v for k, v in changes.items() if v is not None}
    )
    token = _LIMITS.set(limits)
    try:
        yield limits
    finally:
        _LIMITS.reset(token)


def read_bounded(path: Path, shown: str, limits: ReadLimits | None = None) -> bytes:
    """The bytes of the regular file at ``path``, read once, at most ``max_file_size`` of them.

    Raises
    ------
    InputTooLarge
        The file is larger than the limit.
    OSError
        The file cannot be read; a FIFO, device or folder raises
        :class:`IsADirectoryError` or :class:`OSError` with a reason, so that
        nothing blocks on a pipe or reads a device without end.
    """
    limits = limits or current_limits()
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file")
        if info.st_size > limits.max_file_size:
            raise InputTooLarge(shown, info.st_size, limits.max_file_size)
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limits.max_file_size + 1)
    finally:
        os.close(fd)
    if len(data) > limits.max_file_size:  # it grew while being read
        raise InputTooLarge(shown, len(data), limits.max_file_size)
    return data


def read_input(path: str | os.PathLike, limits: ReadLimits | None = None) -> tuple[bytes, str]:
    """The bytes of a file the user named (a sheet, a source), and its path as shown.

    Raises
    ------
    UnreadableFile
        The file cannot be read, with why (missing, a link that loops, a
        folder, a pipe) and what to do; :class:`InputTooLarge` past the limit.
    """
    path = Path(path)
    shown = display_path(path)
    try:
        return read_bounded(path, shown, limits), shown
    except OSError as exc:
        why, hint = unreadable(path, exc)
        raise UnreadableFile(f"{shown} {why}", hint) from None


def unreadable(path: Path, error: OSError) -> tuple[str, str]:
    """Why ``path`` could not be read, and what to do, in words (a link loop, a folder, a pipe)."""
    if os.path.islink(path):
        try:
            os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "is a symbolic link that loops", "point the link at a file, or replace it"
            if exc.errno == errno.ENOENT:
                return (
                    f"is a symbolic link to a missing file ({os.readlink(path)})",
                    "point the link at a file, or remove it",
                )
    if isinstance(error, IsADirectoryError):
        return "is a folder, not a file", "give a file"
    if error.strerror == "not a regular file":
        return "is not a regular file (a pipe or a device)", "give a file"
    return f"cannot be read ({error.strerror or error})", "check the file's name and permissions"
