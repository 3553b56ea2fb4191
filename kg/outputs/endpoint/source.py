"""Where ``kg serve`` takes its data from: the one place to change when the store moves.

>>> store = open_store()
>>> len(store) > 0
True
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from kg.errors import DataNotFound

__all__ = ["open_store", "cookbook_entries"]


def open_store(
    path: str | os.PathLike | None = None, data_dir: str | os.PathLike | None = None
) -> ox.Store:
    """The store to serve.

    With ``path``, the Oxigraph store in that folder, opened read-only.
    Without it, an in-memory store holding the dataset built from
    ``data_dir`` (the current data, as :func:`kg.build_dataset` builds it).

    Raises
    ------
    DataNotFound
        ``path`` is not an Oxigraph store folder.
    """
    if path is not None:
        folder = Path(path)
        if not folder.is_dir():
            raise DataNotFound(
                f"{folder}: no such store folder", "give the folder of an Oxigraph store"
            )
        try:
            return ox.Store.read_only(str(folder))
        except OSError as exc:
            raise DataNotFound(
                f"{folder}: not an Oxigraph store ({exc})", "give the folder of an Oxigraph store"
            ) from None
    from kg.pipeline import build_dataset
    from kg.rdf.writers import serialize_dataset

    store = ox.Store()
    store.load(
        serialize_dataset(build_dataset(data_dir).dataset, "nquads"), format=ox.RdfFormat.N_QUADS
    )
    return store


def cookbook_entries() -> list[tuple[str, str, str]]:
    """The cookbook as ``(name, title, query text)``, for the query page's tabs."""
    from kg.outputs.sparql import cookbook

    return [(query.name, query.title, query.text) for query in cookbook()]
