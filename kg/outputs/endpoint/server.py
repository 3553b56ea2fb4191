"""Listening on an address and running the endpoint with uvicorn.

The socket is bound before uvicorn starts, so that a port in use or an
unknown host is one clear error (:class:`~kg.errors.CannotListen`) rather
than a log line and an exit from inside uvicorn.

>>> sock = bind("127.0.0.1", 0)
>>> sock.getsockname()[0]
'127.0.0.1'
>>> sock.close()
"""

from __future__ import annotations

import socket

import uvicorn
from starlette.applications import Starlette

from kg.errors import CannotListen

__all__ = ["bind", "make_server"]


def bind(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` (port 0: any free port), not yet listening.

    Raises
    ------
    CannotListen
        The host is unknown or the port is in use or not allowed.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        raise CannotListen(host, port, f"unknown host ({exc})") from None
    family, kind, proto, _name, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise CannotListen(host, port, exc.strerror or str(exc)) from None
    return sock


def make_server(app: Starlette, *, log_level: str = "warning") -> uvicorn.Server:
    """A uvicorn server for ``app``; run it with ``server.run(sockets=[bind(host, port)])``."""
    config = uvicorn.Config(app, log_level=log_level, access_log=False, lifespan="on")
    return uvicorn.Server(config)
