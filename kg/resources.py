"""Where kg finds its ontology and the briefs it ships.

In a checkout (or an editable install) they are the repository's top-level
``ontology/`` and ``data/`` folders; an installed wheel carries copies under
``kg/_shipped/``. Both layouts resolve to the same files. Which data folder
a command reads (the shipped one or the analyst's) is decided by
:mod:`kg.datafolder`.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import DataNotFound

__all__ = ["DEFAULT_OUT", "ontology_dir", "shipped_data_dir", "cookbook_dir"]

#: Where ``kg build`` writes unless told otherwise.
DEFAULT_OUT = Path("dist")

_PACKAGE = Path(__file__).resolve().parent


def _resource(name: str) -> Path:
    for candidate in (_PACKAGE / "_shipped" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise DataNotFound(f"kg's {name}/ folder is missing from the installation; reinstall kg")


def ontology_dir() -> Path:
    """The folder holding ``causal.ttl`` and ``shapes.ttl``."""
    return _resource("ontology")


def shipped_data_dir() -> Path:
    """The authoring files of the briefs that ship with kg."""
    return _resource("data")


def cookbook_dir() -> Path:
    """The ready-made SPARQL queries listed by ``kg query --list``."""
    return _PACKAGE / "outputs" / "cookbook"
