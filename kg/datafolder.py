"""The data folder: where it is, what is in it, and the names of its files.

This module alone spells the folder's layout; every other module asks it
for a path. A data folder holds:

``factors.yaml`` (:data:`FACTORS_FILE`)
    The shared factor scheme. A folder is a data folder when it holds one.
``briefs/`` (:data:`BRIEFS_FOLDER`)
    One authoring file per brief, ``<id>.yaml`` (or ``<id>.yml``,
    :data:`BRIEF_SUFFIXES`).
``.kg-store`` (:data:`STORE_RECORD`)
    Written by ``kg build`` when its store is not the default one: the path
    of that store, where the reading commands look for it.
``links/`` (:data:`LINKS_FOLDER`)
    Optional: the reviewed proposals files of ``kg link``, kept with the
    data they were applied to (the shipped briefs keep theirs there).

Reading commands take the folder given, else ``./data`` when it holds a
``factors.yaml``, else the briefs shipped with kg (:func:`default_data_dir`);
writing commands never fall back to the shipped briefs
(:func:`writable_data_dir`).

>>> factors_path("data").as_posix(), brief_path("data", "x").as_posix()
('data/factors.yaml', 'data/briefs/x.yaml')
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import DataNotFound, Phrase
from kg.io import display_path
from kg.resources import shipped_data_dir

__all__ = [
    "FACTORS_FILE",
    "BRIEFS_FOLDER",
    "BRIEF_SUFFIXES",
    "STORE_RECORD",
    "LINKS_FOLDER",
    "DEFAULT_DATA_DIR",
    "factors_path",
    "briefs_dir",
    "brief_path",
    "brief_files",
    "store_record_path",
    "is_factors_path",
    "default_data_dir",
    "writable_data_dir",
]

#: The shared factor scheme, at the top of the folder.
FACTORS_FILE = "factors.yaml"
#: The folder of brief files.
BRIEFS_FOLDER = "briefs"
#: The endings of brief files, the first the one kg writes.
BRIEF_SUFFIXES = (".yaml", ".yml")
#: The note of the store the folder's last ``kg build`` went to (when not the default).
STORE_RECORD = ".kg-store"
#: The folder of reviewed proposals files.
LINKS_FOLDER = "links"
#: The data folder of the current folder, looked at first.
DEFAULT_DATA_DIR = Path("data")


def factors_path(data_dir: str | os.PathLike) -> Path:
    """The factor scheme of a data folder."""
    return Path(data_dir) / FACTORS_FILE


def briefs_dir(data_dir: str | os.PathLike) -> Path:
    """The folder of a data folder's brief files."""
    return Path(data_dir) / BRIEFS_FOLDER


def store_record_path(data_dir: str | os.PathLike) -> Path:
    """Where a data folder notes the store of its last build (:data:`STORE_RECORD`)."""
    return Path(data_dir) / STORE_RECORD


def is_factors_path(path: str | os.PathLike) -> bool:
    """Whether ``path`` names a factor scheme (as a problem's path does), wherever it is.

    >>> is_factors_path("data/factors.yaml"), is_factors_path("data/briefs/a.yaml")
    (True, False)
    """
    return Path(path).name == FACTORS_FILE


def brief_path(data_dir: str | os.PathLike, brief_id: str) -> Path:
    """Where the brief ``brief_id`` lives: its existing file (either ending), else ``<id>.yaml``.

    Raises
    ------
    DataNotFound
        The brief exists under both endings, so which one is meant is unclear.
    """
    folder = briefs_dir(data_dir)
    found = [folder / f"{brief_id}{suffix}" for suffix in BRIEF_SUFFIXES]
    present = [p for p in found if p.exists() or p.is_symlink()]
    if len(present) > 1:
        raise DataNotFound(
            f"{display_path(present[0])} and {display_path(present[1])} are one brief twice",
            "keep one of the two files",
        )
    return present[0] if present else found[0]


def brief_files(data_dir: str | os.PathLike) -> list[Path]:
    """The brief files of a data folder, sorted by name."""
    folder = briefs_dir(data_dir)
    if not folder.is_dir():
        return []
    # Every entry named like a brief, even one that is not a readable file (a link that
    # loops or dangles, a pipe): the reader reports it rather than leaving it out in silence.
    # by name: the order of the paths themselves, as they share their folder, at a tenth of the cost
    return sorted((p for p in folder.iterdir() if p.suffix in BRIEF_SUFFIXES), key=lambda p: p.name)


def default_data_dir(cwd: Path | None = None) -> Path:
    """``data/`` in the current folder when it holds a ``factors.yaml``, else the shipped data."""
    local = (cwd or Path.cwd()) / DEFAULT_DATA_DIR
    if os.path.lexists(factors_path(local)):  # even a broken one: it is reported, not skipped
        return local
    return shipped_data_dir()


def writable_data_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """The data folder a command may write to: ``data_dir``, else ``./data``, else ``.``.

    Unlike reading commands, writing commands never fall back to the briefs
    shipped inside kg; the folder must hold a ``factors.yaml``. Without
    ``data_dir``, ``./data`` is used when it holds one, else the current
    folder when it does (a folder made by ``init_data_dir``, worked in).
    """
    if data_dir is not None:
        folder = Path(data_dir)
    else:
        folder = next(
            (f for f in (DEFAULT_DATA_DIR, Path(".")) if factors_path(f).is_file()),
            DEFAULT_DATA_DIR,
        )
    if not factors_path(folder).is_file():
        where = "the current folder or ./data" if data_dir is None else display_path(folder)
        raise DataNotFound(
            f"no {FACTORS_FILE} in {where}",
            Phrase(
                "give the folder of your authoring files as {data_dir}, "
                "or start one with {init_data_dir}"
            ),
        )
    return folder
