"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a pyoxigraph store.

The application (:func:`create_app`) is a Starlette app run by uvicorn;
:class:`EndpointLimits` holds its limits; ``kg serve`` answers from the
store of a :class:`kg.Project`.

The names below are imported when first used: a query worker, started as
``python -m kg.outputs.endpoint.worker``, loads this package first and
needs none of the web stack.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.outputs.endpoint.app import create_app, service_description
    from kg.outputs.endpoint.protocol import declare_prefixes
    from kg.outputs.endpoint.runner import EndpointLimits
    from kg.outputs.endpoint.source import cookbook_entries

#: Each public name and the module that defines it.
_HOMES = {
    "create_app": "app",
    "service_description": "app",
    "declare_prefixes": "protocol",
    "EndpointLimits": "runner",
    "cookbook_entries": "source",
}

__all__ = [
    "create_app",
    "service_description",
    "declare_prefixes",
    "EndpointLimits",
    "cookbook_entries",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
