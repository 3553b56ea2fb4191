"""Careless and hostile options of ``kg serve``: each refused in one line, exit 2, before serving.

Requests to a running server are in ``tests/test_serve_hostile.py`` (a
server cannot be one command of this corpus).
"""

from __future__ import annotations


def _serve(name: str, words: list[str], *args: str) -> dict:
    return {"name": name, "files": {}, "args": ["serve", *args], "exit": 2, "words": words,
            "max_lines": 1}  # fmt: skip


CASES: list[dict] = [
    _serve("serve-port-over-65535", ["--port", "65535"], "--port", "70000"),
    _serve("serve-port-negative", ["--port"], "--port", "-1"),
    _serve("serve-timeout-nan", ["--timeout", "finite"], "--timeout", "nan"),
    _serve("serve-timeout-infinite", ["--timeout", "finite"], "--timeout", "inf"),
    _serve("serve-timeout-zero", ["--timeout"], "--timeout", "0"),
    _serve("serve-no-workers", ["--max-concurrent"], "--max-concurrent", "0"),
    _serve("serve-no-queue", ["--queue"], "--queue", "0"),
    _serve("serve-zero-rows", ["--max-rows"], "--max-rows", "0"),
    _serve("serve-tiny-memory", ["--max-memory"], "--max-memory", "1"),
    _serve("serve-cors-with-a-path", ["--cors", "origin"], "--cors", "http://a.example/x"),
    _serve("serve-cors-any", ["--cors", "origin"], "--cors", "*"),
    _serve("serve-cors-crlf", ["--cors", "origin"], "--cors", "http://a.example\r\nX-Evil: 1"),
    _serve("serve-allow-host-with-port", ["--allow-host"], "--allow-host", "a.example:80"),
    _serve("serve-allow-host-url", ["--allow-host"], "--allow-host", "http://a.example"),
    _serve("serve-unknown-host", ["unknown host"], "--host", "no-such-host.invalid"),
]
