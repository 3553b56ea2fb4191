"""HTTP to SPARQL servers, guarded: checked URLs, hidden credentials, a total deadline.

Everything kg sends to a server (``kg push``, ``--endpoint``) goes through
:class:`ServerClient`:

* a URL is checked before use (:func:`check_server_url`): ``http`` or
  ``https``, a host, a port from 1 to 65535, no control character, no
  percent sign in the host; a bad one is one line naming the option;
* a user name and password given in the URL are taken out of it before
  HTTP sees it and sent as credentials; every message shows the URL as
  ``user:***@host`` (:attr:`ServerUrl.shown`), and the passwords the client
  knows (:class:`Credentials`, the URL's) are masked in whatever a server
  sends back;
* each request has a total deadline, not one per read: a server that
  trickles a byte every few seconds is cut off when the deadline passes,
  whatever it sends, headers included;
* an answer is read up to :data:`MAX_ANSWER_BYTES` (after decompression);
* redirects are never followed: a ``3xx`` is an error naming where it
  pointed, so that a server cannot send kg, and its credentials, elsewhere.

>>> check_server_url("http://dba:secret@127.0.0.1:8890/sparql").shown
'http://dba:***@127.0.0.1:8890/sparql'
"""

from __future__ import annotations

import base64
import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

import httpx

from kg.errors import InvalidParameter, Param, Phrase, RemoteError

__all__ = [
    "MAX_ANSWER_BYTES",
    "Answer",
    "Credentials",
    "ServerClient",
    "ServerUrl",
    "check_server_url",
    "shown_text",
]

#: The most bytes of one answer kg reads (after decompression): 512 MiB.
MAX_ANSWER_BYTES = 512 * 1024 * 1024

_EXAMPLE = "give an http:// or https:// URL, such as http://127.0.0.1:7878/query"
_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://[^/?#@]*?:)[^/?#]*@")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_HOST = re.compile(
    r"[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?)*\.?"
)


@dataclass(frozen=True)
class Credentials:
    """A user name and password for a server (HTTP digest, or basic authentication).

    The password never appears in ``repr`` or in any message kg prints.

    >>> Credentials("dba", "secret")
    Credentials(user='dba', password='***', scheme='digest')
    """

    user: str
    password: str = field(repr=False)
    scheme: str = "digest"

    def __repr__(self) -> str:
        return f"Credentials(user={self.user!r}, password='***', scheme={self.scheme!r})"

    def auth(self) -> httpx.Auth:
        """The httpx authentication that sends them."""
        if self.scheme == "basic":
            return httpx.BasicAuth(self.user, self.password)
        return httpx.DigestAuth(self.user, self.password)

    def secrets(self) -> list[str]:
        """The forms the password could take in text a server sends back."""
        if not self.password:
            return []
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return [self.password, quote(self.password, safe=""), token]


@dataclass(frozen=True)
class ServerUrl:
    """A checked server URL: ``url`` without its user name and password, ``shown`` for messages.

    ``credentials`` holds those of the URL's user part, if it had one.
    """

    url: str
    shown: str
    credentials: Credentials | None = None

    @property
    def host(self) -> str:
        """The host, as HTTP sends it."""
        return httpx.URL(self.url).host


def _redacted(text: str) -> str:
    """``text`` with the password of a URL's user part replaced by ``***``."""
    return _USERINFO.sub(r"\1***@", text)


def shown_text(text: str, limit: int = 200) -> str:
    """What a server sent, fit for one line: control characters as ``?``, runs of
    white space as one space, cut at ``limit`` characters.

    >>> shown_text("<h1>Bad\\r\\ngateway</h1>\\x00")
    '<h1>Bad gateway</h1>?'
    """
    one_line = " ".join(text.split())
    one_line = _CONTROL.sub("?", one_line)
    return one_line if len(one_line) <= limit else one_line[: limit - 3] + "..."


def check_server_url(url: object, param: str = "endpoint") -> ServerUrl:
    """Check a server URL before kg sends anything to it.

    ``param`` is the parameter the URL was given as, which the message names
    (as a :class:`~kg.errors.Param`, so the command line shows its flag).

    Raises
    ------
    InvalidParameter
        The URL has a control character, no ``http``/``https`` scheme, no
        host, a host with a percent sign or a space, a port outside 1 to
        65535, or does not parse (an unclosed IPv6 bracket, for one). The
        message shows the URL with its password masked.

    >>> check_server_url("http://[::1]:7878/query").host
    '::1'
    >>> check_server_url("http://[::1", "endpoint")
    Traceback (most recent call last):
    ...
    kg.errors.InvalidParameter: endpoint 'http://[::1' is not a URL kg can use (Invalid port: ':1'); give an http:// or https:// URL, such as http://127.0.0.1:7878/query
    """
    option = Param(param)
    if not isinstance(url, str):
        raise InvalidParameter(Phrase("{option} is not text", option=option), _EXAMPLE)
    shown = shown_text(_redacted(url), 160)
    control = _CONTROL.search(url)
    if control:
        raise InvalidParameter(
            Phrase(
                "{option} {url!r} holds a control character (U+{code:04X} at position {at})",
                option=option,
                url=shown,
                code=ord(control.group()),
                at=control.start(),
            ),
            "give the URL on one line, without control characters",
        )
    try:
        parsed = httpx.URL(url)
        port = parsed.port
    except (httpx.InvalidURL, ValueError) as exc:
        reason = shown_text(_redacted(str(exc)), 100)
        raise InvalidParameter(
            Phrase(
                "{option} {url!r} is not a URL kg can use ({why})",
                option=option,
                url=shown,
                why=reason,
            ),
            _EXAMPLE,
        ) from None
    if parsed.scheme not in ("http", "https"):
        scheme = f"scheme {parsed.scheme!r}" if parsed.scheme else "no scheme"
        raise InvalidParameter(
            Phrase("{option} {url!r} has {scheme}", option=option, url=shown, scheme=scheme),
            _EXAMPLE,
        )
    host = parsed.raw_host.decode("ascii", errors="replace")  # an IDN host as Punycode
    if not host:
        raise InvalidParameter(
            Phrase("{option} {url!r} names no host", option=option, url=shown), _EXAMPLE
        )
    if ":" not in host and not _HOST.fullmatch(host):
        raise InvalidParameter(
            Phrase(
                "{option} {url!r} has a host kg cannot use ({host!r})",
                option=option,
                url=shown,
                host=host[:60],
            ),
            "give a host name or address without percent signs or spaces",
        )
    if port is not None and not 1 <= port <= 65535:
        raise InvalidParameter(
            Phrase("{option} {url!r} has port {port}", option=option, url=shown, port=port),
            "give a port from 1 to 65535",
        )
    credentials = None
    if parsed.username or parsed.password:
        credentials = Credentials(parsed.username, parsed.password, "basic")
    bare = parsed.copy_with(username=None, password=None)
    user = f"{quote(parsed.username, safe='')}:***@" if credentials else ""
    return ServerUrl(str(bare), _redacted(str(bare).replace("://", "://" + user, 1)), credentials)


@dataclass(frozen=True)
class Answer:
    """A server's answer, read whole within the deadline."""

    status: int
    headers: httpx.Headers
    content: bytes

    @property
    def media_type(self) -> str:
        """The media type, lower-cased, without parameters (``""`` when none was sent)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def text(self, limit: int = 200) -> str:
        """The body as one line (an HTML page's tags dropped), cut at ``limit`` characters."""
        body = self.content[: limit * 8].decode("utf-8", errors="replace")
        if self.media_type in ("text/html", "application/xhtml+xml") or body.lstrip().startswith(
            "<"
        ):
            body = re.sub(r"<(script|style)\b.*?</\1>|<[^>]*>", " ", body, flags=re.S | re.I)
        return shown_text(body, limit)


class _Cancelled(Exception):
    pass


class ServerClient:
    """An HTTP client for one server's URLs, with a total deadline per request.

    Parameters
    ----------
    auth : Credentials, httpx.Auth or (user, password), optional
        Credentials; a tuple is taken as digest authentication.
    timeout : float
        Seconds a request may take in all: connecting, sending and reading
        the whole answer.
    max_bytes : int
        The most bytes of an answer read; a longer one is an error.
    secrets : iterable of str
        More text to mask in messages (a password kg does not hold itself).

    Examples
    --------
    >>> with ServerClient(timeout=5) as client:
    ...     client.timeout
    5.0
    """

    def __init__(
        self,
        *,
        auth: Credentials | httpx.Auth | tuple[str, str] | None = None,
        timeout: float = 30.0,
        max_bytes: int = MAX_ANSWER_BYTES,
        secrets: Iterable[str] = (),
    ):
        if not timeout > 0 or timeout == float("inf"):
            raise InvalidParameter(f"timeout={timeout}", "give a finite number of seconds above 0")
        if isinstance(auth, tuple):
            auth = Credentials(*auth)
        self._secrets = [s for s in secrets if s]
        if isinstance(auth, Credentials):
            self._secrets += auth.secrets()
            auth = auth.auth()
        self.auth = auth
        self.timeout = float(timeout)
        self.max_bytes = max_bytes
        # each read, write and connect may take the whole deadline; the deadline itself is
        # kept by request(), which stops waiting when it passes, whatever the server does
        self._client = httpx.Client(auth=auth, timeout=self.timeout, follow_redirects=False)

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def __enter__(self) -> ServerClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def mask(self, text: str) -> str:
        """``text`` with every password this client knows replaced by ``***``."""
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, "***")
        return _redacted(text)

    def request(self, method: str, server: ServerUrl, **kwargs: object) -> Answer:
        """Send one request to ``server``; its answer read whole within :attr:`timeout` seconds.

        A ``3xx`` answer is returned as it is (never followed).

        Raises
        ------
        RemoteError
            The server cannot be reached, did not answer in time, or sent
            more than ``max_bytes``.
        """
        auth = server.credentials.auth() if server.credentials and self.auth is None else None
        if server.credentials:
            self._secrets = list(dict.fromkeys([*self._secrets, *server.credentials.secrets()]))
        outcome: dict[str, object] = {}
        done = threading.Event()
        cancelled = threading.Event()

        def run() -> None:
            try:
                outcome["answer"] = self._read(method, server, auth, cancelled, kwargs)
            except BaseException as exc:  # handed to the waiting thread
                outcome["error"] = exc
            finally:
                done.set()

        worker = threading.Thread(target=run, name=f"kg-http {server.shown}", daemon=True)
        started = time.monotonic()
        worker.start()
        if not done.wait(self.timeout):
            cancelled.set()  # the worker stops at its next chunk, or its next read's timeout
            raise RemoteError(
                f"{server.shown} did not send its whole answer within {self.timeout:g} s",
                "check that the server runs and is not overloaded, or allow more time",
            )
        error = outcome.get("error")
        assert error is None or isinstance(error, BaseException)
        if error is None:
            return outcome["answer"]  # type: ignore[return-value]
        if isinstance(error, RemoteError):
            raise error
        if isinstance(error, httpx.TimeoutException):
            waited = time.monotonic() - started
            raise RemoteError(
                f"{server.shown} did not answer within {waited:.0f} s",
                "check that the server runs and is not overloaded, or allow more time",
            )
        if isinstance(error, (httpx.HTTPError, httpx.InvalidURL, OSError, UnicodeError)):
            raise RemoteError(
                f"{server.shown} cannot be reached ({self.mask(shown_text(str(error), 160))})",
                "check the URL and that the server runs",
            )
        raise error  # a bug: let it show

    def _read(
        self,
        method: str,
        server: ServerUrl,
        auth: httpx.Auth | None,
        cancelled: threading.Event,
        kwargs: dict[str, object],
    ) -> Answer:
        extra: dict[str, object] = {"auth": auth} if auth is not None else {}
        with self._client.stream(method, server.url, **extra, **kwargs) as response:  # type: ignore[arg-type]
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                if cancelled.is_set():
                    raise _Cancelled()
                size += len(chunk)
                if size > self.max_bytes:
                    raise RemoteError(
                        f"{server.shown} sent more than {self.max_bytes:,} bytes",
                        "ask for less (LIMIT), or check the server",
                    )
                chunks.append(chunk)
            return Answer(response.status_code, response.headers, b"".join(chunks))

    def refusal(self, server: ServerUrl, answer: Answer, doing: str = "") -> RemoteError:
        """The error for an answer that is not a success: a redirect, an error page."""
        what = f" to {doing}" if doing else ""
        if 300 <= answer.status < 400:
            location = answer.headers.get("location", "")
            where = shown_text(self.mask(location), 120) if location else "nowhere"
            return RemoteError(
                f"{server.shown} answered{what} with a redirect ({answer.status}) to {where!r}, "
                "which kg does not follow",
                "give the URL it redirects to, if you trust that server",
            )
        return RemoteError(
            f"{server.shown} answered{what} {answer.status}: {self.mask(answer.text())}",
            "check the request and the server",
        )
