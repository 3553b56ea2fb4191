"""The store folder's layout: the names of the files and folders a store keeps.

``oxigraph/`` (:data:`DATABASE`)
    The Oxigraph database; only pyoxigraph reads or writes it.
``kg-store.json`` (:data:`METADATA`)
    kg's metadata; present once a sync has completed, so a folder holding
    it is a store (:func:`is_store`).
``sync-pending.json`` (:data:`PENDING`)
    Present only while a sync is writing.
``lock`` (:data:`LOCK`)
    The lock file of the one writer or many readers.
``snapshots/`` (:data:`SNAPSHOTS`) and ``cache/`` (:data:`CACHE`)
    Finished states served by ``kg serve``, and cached derived rows.

:mod:`kg.store.oxigraph` describes what each holds and when it is written. No
other module spells these names (``tests/test_structure.py`` holds them to it).

>>> is_store("no-such-folder")
False
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DATABASE", "METADATA", "PENDING", "LOCK", "SNAPSHOTS", "CACHE", "is_store"]

DATABASE = "oxigraph"
METADATA = "kg-store.json"
PENDING = "sync-pending.json"
LOCK = "lock"
SNAPSHOTS = "snapshots"
CACHE = "cache"


def is_store(folder: str | os.PathLike) -> bool:
    """Whether ``folder`` holds a store a sync has completed in (its :data:`METADATA`)."""
    return (Path(folder) / METADATA).is_file()
