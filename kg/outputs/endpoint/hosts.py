"""Whom ``kg serve`` answers: the hosts it serves, and the browser origin it may allow.

A browser that opens a web page whose name an attacker then points at
127.0.0.1 (DNS rebinding) sends the page's own name in ``Host``: answering
only the names the server serves keeps such a page from reading the data.

>>> host_name("[::1]:8000"), host_name("LocalHost"), host_name("a.example:80")
('::1', 'localhost', 'a.example')
>>> check_origin("http://127.0.0.1:3000")
'http://127.0.0.1:3000'
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from kg.errors import InvalidParameter, Phrase

__all__ = ["LOOPBACK", "HostCheck", "host_name", "check_host", "check_origin"]

#: The names served without being asked for.
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def host_name(header: str) -> str | None:
    """The host of a ``Host`` header, lower case, without its port; ``None`` if malformed."""
    text = header.strip().lower()
    if not text or any(c <= " " or c in "/\\@?#" or c > "~" for c in text):
        return None
    if text.startswith("["):
        end = text.find("]")
        if end < 0 or (text[end + 1 :] and not text[end + 1 :].startswith(":")):
            return None
        name, port = text[1:end], text[end + 2 :]
    else:
        name, _, port = text.partition(":")
    if port and not (port.isdigit() and 0 < int(port) < 65536):
        return None
    return name or None


def check_host(name: str) -> str:
    """An ``--allow-host`` value, checked: a host name or address, no port or scheme.

    >>> check_host("Kg.Example.org")
    'kg.example.org'
    """
    text = name.strip().lower()
    if text.count(":") >= 2 and not text.startswith("["):
        text = f"[{text}]"  # an IPv6 address written bare
    found = host_name(text)
    if found is None or found != text.strip("[]"):
        raise InvalidParameter(
            Phrase("{allowed_hosts} {name!r} is not a host name", name=name),
            "give a name or address without scheme, port or path, e.g. kg.example.org",
        )
    return found


def check_origin(origin: str) -> str:
    """A ``--cors`` value, checked: one origin, ``scheme://host[:port]``, http or https.

    >>> check_origin("https://a.example/path")
    Traceback (most recent call last):
    ...
    kg.errors.InvalidParameter: cors 'https://a.example/path' is not an origin; give scheme://host[:port], e.g. https://notebook.example.org
    """
    fix = "give scheme://host[:port], e.g. https://notebook.example.org"
    not_origin = Phrase("{cors} {origin!r} is not an origin", origin=origin)
    if any(c <= " " or c > "~" for c in origin):
        raise InvalidParameter(not_origin, fix)
    try:
        parts = urlsplit(origin)
        port = parts.port
    except ValueError:
        raise InvalidParameter(not_origin, fix) from None
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path
        or parts.query
        or parts.fragment
        or parts.username
        or port == 0
    ):
        raise InvalidParameter(not_origin, fix)
    return origin.rstrip("/")


class HostCheck:
    """ASGI middleware: answer ``421`` to a request whose ``Host`` is not served."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str] = ()):
        self.app = app
        self.allowed = set(LOOPBACK) | {name.lower().strip("[]") for name in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        values = [v for k, v in scope.get("headers", []) if k == b"host"]
        header = values[0].decode("latin-1") if len(values) == 1 else ""
        name = host_name(header)
        if name is not None and name in self.allowed:
            await self.app(scope, receive, send)
            return
        shown = header[:80].encode("ascii", "backslashreplace").decode() or "(none)"
        body = (
            f"Misdirected Request: this server does not serve the host {shown!r}; "
            "it answers its loopback names and those given with --allow-host\n"
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 421,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
