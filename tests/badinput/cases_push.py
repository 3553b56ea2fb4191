"""``kg push`` and ``--endpoint``: bad URLs, odd password files, hostile servers.

Each hostile answer comes from the runner's ``{hostile}`` server (see the
README): the first segment of the path picks the answer.
"""

from __future__ import annotations

import os
from pathlib import Path

PASSWORD = "s3cret-Pa55"


def _fifo(root: Path) -> None:
    os.mkfifo(root / "password")


def _folder(root: Path) -> None:
    (root / "password").mkdir()


def _push(endpoint: str, *more: str) -> list[str]:
    return ["push", "--endpoint", endpoint, "--timeout", "5", *more]


def _password_case(name: str, files, words: list[str]) -> dict:
    return {
        "name": f"push-password-file-{name}",
        "files": files,
        "args": _push("{server}/query", "--user", "dba", "--password-file", "password"),
        "exit": 2,
        "words": ["password", *words],
        "cpu_s": 30,
    }


BAD_URLS = [
    ("ipv6-unclosed", "http://[::1", ["not a url"]),
    ("crlf", "http://127.0.0.1:9/query\r\nX-Injected: 1", ["control character"]),
    ("tab", "http://127.0.0.1:9/qu\tery", ["control character"]),
    ("delete", "http://127.0.0.1:9/qu\x7fery", ["control character"]),
    ("port-too-large", "http://127.0.0.1:70000/query", ["port 70000", "1 to 65535"]),
    ("port-zero", "http://127.0.0.1:0/query", ["port 0"]),
    ("scheme-ftp", "ftp://127.0.0.1/query", ["scheme 'ftp'"]),
    ("scheme-file", "file:///etc/passwd", ["scheme 'file'"]),
    ("no-scheme", "127.0.0.1:7878/query", ["scheme"]),
    ("no-host", "http:///query", ["no host"]),
    ("percent-host", "http://loc%61lhost:9/query", ["host"]),
    ("space-host", "http://local host:9/query", ["host"]),
]

CASES = [
    {
        "name": f"push-url-{name}",
        "args": _push(url),
        "exit": 2,
        "words": ["--endpoint", *words],
        "cpu_s": 30,
    }
    for name, url, words in BAD_URLS
] + [
    {
        "name": "push-graph-store-url-bad",
        "args": _push("{server}/query", "--graph-store", "http://[::1"),
        "exit": 2,
        "words": ["--graph-store", "not a url"],
        "cpu_s": 30,
    },
    {
        "name": "push-url-password-unreachable",
        "args": _push(f"http://dba:{PASSWORD}@127.0.0.1:9/query"),
        "exit": 2,
        "words": ["dba:***@127.0.0.1:9", "cannot be reached"],
        "absent": [PASSWORD],
        "built": True,
    },
    {
        "name": "push-url-percent-encoded-password",
        "args": _push(f"http://dba:{PASSWORD}%2F%0A@127.0.0.1:9/query"),
        "exit": 2,
        "words": ["dba:***@127.0.0.1:9"],
        "absent": [PASSWORD],
        "built": True,
    },
    {
        "name": "query-endpoint-percent-encoded-crlf-in-path-stays-encoded",
        "args": [
            "query",
            "--endpoint",
            "{hostile}/html/q%0D%0AX-Injected:%201",
            "SELECT * WHERE { ?s ?p ?o }",
        ],  # fmt: skip
        "exit": 2,
        "words": ["/html/q%0D%0AX-Injected:%201", "text/html"],
    },
    {
        "name": "push-url-password-bad-port",
        "args": _push(f"http://dba:{PASSWORD}@127.0.0.1:99999/query"),
        "exit": 2,
        "words": ["port 99999", "***"],
        "absent": [PASSWORD],
    },
    {
        "name": "query-endpoint-url-ipv6-unclosed",
        "args": ["query", "--endpoint", "http://[::1", "SELECT * WHERE { ?s ?p ?o }"],
        "exit": 2,
        "words": ["--endpoint", "not a url"],
    },
    {
        "name": "chains-endpoint-url-crlf",
        "args": ["chains", "a", "b", "--endpoint", "http://127.0.0.1:9/q\r\nHost: x"],
        "exit": 2,
        "words": ["control character"],
    },
    {
        "name": "push-timeout-nan",
        "args": [*_push("{server}/query"), "--timeout", "nan"],
        "exit": 2,
        "words": ["--timeout"],
    },
    _password_case("fifo", _fifo, ["fifo"]),
    _password_case("folder", _folder, ["folder"]),
    _password_case("empty", {"password": ""}, ["empty"]),
    _password_case("blank-first-line", {"password": "\nsecond\n"}, ["empty"]),
    _password_case("binary", {"password": b"\xff\xfe\x00\x01secret"}, ["utf-8"]),
    _password_case("control", {"password": "pa\x00ss\n"}, ["control character"]),
    _password_case("huge", {"password": "x" * 100_000}, ["larger than"]),
    _password_case("missing", {}, ["no such file"]),
    {
        "name": "push-password-file-device",
        "args": _push("{server}/query", "--user", "dba", "--password-file", "/dev/zero"),
        "exit": 2,
        "words": ["device"],
        "cpu_s": 30,
    },
    {
        "name": "push-password-not-printed",
        "files": {"password": PASSWORD + "\n"},
        "args": _push("{hostile}/echo/query", "--user", "dba", "--password-file", "password"),
        "exit": 2,
        "words": ["answered 401"],
        "absent": [PASSWORD],
        "built": True,
    },
    {
        "name": "push-url-basic-credentials-echoed-masked",
        "args": _push(f"http://dba:{PASSWORD}@{{hostile_host}}/echo/query"),
        "exit": 2,
        "words": ["dba:***@", "answered 401", "***"],
        "absent": [PASSWORD, "ZGJhOn"],  # nor its base64 ("dba:...")
        "built": True,
    },
]

#: mode of the hostile server -> words the message must hold
HOSTILE = {
    "missing-value": ["cannot read", "unbound"],
    "cut": ["do not parse", "the server, not the query"],
    "ask": ["yes/no", "select"],
    "bad-utf8": ["utf-8"],
    "literal-graph": ["literal"],
    "empty": ["do not parse"],
    "deep": ["do not parse"],
    "html": ["text/html", "proxy error"],
    "html-500": ["500", "proxy error"],
    "redirect": ["redirect", "attacker.example", "does not follow"],
    "wrong-type": ["text/plain"],
    "trickle": ["within 5 s"],
    "trickle-headers": ["within 5 s"],
}

for mode, words in HOSTILE.items():
    CASES.append(
        {
            "name": f"push-hostile-{mode}",
            "args": _push(f"{{hostile}}/{mode}/query"),
            "exit": 2,
            "words": ["127.0.0.1", "not sent", *words],
            "built": True,
            "cpu_s": 60,
        }
    )
    if mode.startswith("trickle"):
        continue
    query_words = [w for w in words if w not in ("unbound", "literal")]
    if mode in ("missing-value", "literal-graph"):
        query_words = []  # a SELECT may leave a value unbound, or bind a literal: the rows print
    CASES.append(
        {
            "name": f"query-endpoint-hostile-{mode}",
            "args": [
                "query",
                "--endpoint",
                f"{{hostile}}/{mode}/sparql",
                "SELECT * WHERE { ?s ?p ?o }",
            ],
            "exit": 0 if mode in ("missing-value", "literal-graph") else 2,
            "words": query_words,
            "absent": ["the query does not parse", "the query failed"],
        }
    )
    CASES.append(
        {
            "name": f"chains-endpoint-hostile-{mode}",
            "args": ["chains", "a", "b", "--endpoint", f"{{hostile}}/{mode}/sparql"],
            "exit": 2,
            "words": ["127.0.0.1", *[w for w in words if w not in ("unbound", "literal")]],
            "absent": ["unknown factor"],
        }
    )

CASES.append(
    {
        "name": "push-hostile-fail-third-graph",
        "args": _push("{hostile}/fail-third/query"),
        "exit": 2,
        "words": ["pushed 2", "answered 500", "not sent", "whole"],
        "built": True,
    }
)
