"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a pyoxigraph store.

The application (:func:`create_app`) is a Starlette app run by uvicorn;
:class:`EndpointLimits` holds its limits; ``kg serve`` answers from the
store of a :class:`kg.Project`.
"""

from kg.outputs.endpoint.app import create_app, service_description
from kg.outputs.endpoint.protocol import declare_prefixes
from kg.outputs.endpoint.runner import EndpointLimits
from kg.outputs.endpoint.source import cookbook_entries

__all__ = [
    "create_app",
    "service_description",
    "EndpointLimits",
    "declare_prefixes",
    "cookbook_entries",
]
