"""A loopback OpenAI-compatible chat-completions server for the tests of ``kg extract --engine llm``.

It answers ``POST .../chat/completions`` as the model named in the request
says (:data:`MODELS`); any other name gets the 404 that real servers send
for a model they do not have. It reads the passage from the user message
and, for the good models, quotes the first sentence of it that holds
"lead to" or "leads to" at its true offsets. Every request is recorded
(model, Authorization header and the type of its ``response_format``) so
that tests can count them. Its waits are bounded.

Two models refuse a ``response_format`` they do not take: "object-only"
answers the OpenAI form ``json_schema`` the way llama-cpp-python's server
(0.3.36) does, HTTP 500 with its validation error, and takes
``{"type": "json_object", "schema": ...}``; "no-format" refuses both with a
400 that names the field.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import re
import threading
from collections.abc import Iterator

#: Seconds the "slow" model waits before answering (tests give kg a shorter deadline).
SLOW_SECONDS = 5.0


def _claims(passage: str, grounded: bool = True) -> list[dict]:
    found = re.search(r"[^.]*\bleads? to\b[^.]*\.", passage)
    if not found:
        return []
    quote = found.group(0).strip()
    start = passage.index(quote)
    claim = {
        "cause": "coastal costs",
        "effect": "return migration",
        "sign": "increases",
        "modality": "asserted",
        "condition": None,
        "reading": "stated",
        "attributed_to": None,
        "quote": quote if grounded else quote.replace("lead", "bring"),
        "start": start,
        "end": start + len(quote),
        "cause_factor": "Coastal costs",
        "effect_factor": "Return migration",
    }
    return [claim]


def _message(content: str | None, refusal: str | None = None) -> bytes:
    message = {"role": "assistant", "content": content}
    if refusal is not None:
        message["refusal"] = refusal
    answer = {
        "id": "test",
        "object": "chat.completion",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
    }
    return json.dumps(answer).encode()


#: What llama-cpp-python's server 0.3.36 answers a ``json_schema`` response_format (HTTP 500).
LLAMA_CPP_REFUSAL = {
    "error": {
        "message": "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', "
        "'response_format', 'type'), 'msg': \"Input should be 'text' or 'json_object'\", "
        "'input': 'json_schema', 'ctx': {'expected': \"'text' or 'json_object'\"}}\n",
        "type": "internal_server_error",
        "param": None,
        "code": None,
    }
}


def answer_for(model: str, passage: str, response_format: dict | None = None) -> tuple[int, bytes]:
    """The status and body the test server sends for ``model``."""
    kind = (response_format or {}).get("type")
    if model == "object-only":
        if kind != "json_object":
            return 500, json.dumps(LLAMA_CPP_REFUSAL).encode()
        if not isinstance((response_format or {}).get("schema"), dict):
            return 200, _message("Sure! Here are the claims.")  # unconstrained: not JSON
        return 200, _message(json.dumps({"claims": _claims(passage)}))
    if model == "no-format":
        said = f"response_format type {kind!r} is not supported by this server"
        return 400, json.dumps(
            {"error": {"message": said, "type": "invalid_request_error"}}
        ).encode()
    if model == "busy":
        return 503, json.dumps({"error": {"message": "the server is busy, try later"}}).encode()
    if model in ("good", "good-2"):
        return 200, _message(json.dumps({"claims": _claims(passage)}))
    if model == "fenced":
        return 200, _message("```json\n" + json.dumps({"claims": _claims(passage)}) + "\n```")
    if model == "ungrounded":
        return 200, _message(json.dumps({"claims": _claims(passage, grounded=False)}))
    if model == "half-grounded":
        claims = _claims(passage) + _claims(passage, grounded=False)
        return 200, _message(json.dumps({"claims": claims}))
    if model == "malformed":
        return 200, _message('{"claims": [{"cause": "coastal costs",')
    if model == "off-schema":
        claims = _claims(passage) or _claims("Costs lead to return.")
        claims[0]["sign"] = "up"
        return 200, _message(json.dumps({"claims": claims}))
    if model == "refusal":
        return 200, _message(None, "I can't help with that request.")
    if model == "huge":
        return 200, _message("x" * 2_000_000)
    if model == "not-chat":
        return 200, b'{"hello": "world"}'
    return 404, json.dumps(
        {"error": {"message": f"model '{model}' not found", "type": "not_found_error"}}
    ).encode()


class ModelHandler(http.server.BaseHTTPRequestHandler):
    """Answers chat completions as the requested model says; records each request."""

    requests: list[dict] = []
    stop = threading.Event()

    def do_POST(self) -> None:  # noqa: N802 (the http.server API)
        length = int(self.headers.get("Content-Length", "0") or 0)
        body = json.loads(self.rfile.read(min(length, 10_000_000)) or b"{}")
        model = str(body.get("model", ""))
        type(self).requests.append(
            {
                "path": self.path,
                "model": model,
                "authorization": self.headers.get("Authorization", ""),
                "format": (body.get("response_format") or {}).get("type"),
            }
        )
        if model == "slow":
            type(self).stop.wait(SLOW_SECONDS)  # bounded: the server never waits longer
        messages = body.get("messages", [])
        passage = messages[-1]["content"] if messages else ""
        status, payload = answer_for(model, passage, body.get("response_format"))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        with contextlib.suppress(OSError):  # kg may have stopped listening
            self.wfile.write(payload)

    def log_message(self, *args) -> None:  # quiet
        pass


@contextlib.contextmanager
def model_server() -> Iterator[tuple[str, list[dict]]]:
    """A loopback model server: yields its API base URL (``.../v1``) and its request log."""
    ModelHandler.requests = []
    ModelHandler.stop.clear()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ModelHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", ModelHandler.requests
    finally:
        ModelHandler.stop.set()
        server.shutdown()
        server.server_close()
