"""The model engine of ``kg extract``: a language model behind an OpenAI-compatible server.

``kg extract SOURCE --engine llm --llm-url URL --model NAME`` sends each
chunk of the source (the paragraphs of one section, up to
:data:`CHUNK_CHARS` characters, with the locator of its first paragraph) to
the chat-completions endpoint that Ollama, llama.cpp's server, vLLM, LM
Studio and hosted services offer (``URL`` is the API's base, such as
``http://127.0.0.1:11434/v1``; ``/chat/completions`` is added). The
instructions live in the package (``kg/extract/prompts/``, versioned by
:data:`PROMPT_VERSION`); the model is asked for JSON of one form (cause,
effect, sign including ``no_effect``, modality, condition, reading, the
verbatim quote with its offsets, and the factor each phrase names among the
scheme's labels, or a new name).

Every answer is checked before anything is written:

* the JSON must have that form, else one line names the chunk and the fault;
* each proposal's quote must be the source's text at the offsets it gives;
  one that is not is dropped and counted (and if every proposal is, the run
  stops: the model is not quoting the source);
* a refusal, an answer of more than :data:`MAX_ANSWER_BYTES`, a server that
  is slow, dead or has no such model: one line, nothing written.

The form is asked for as ``"response_format": {"type": "json_schema", ...}``
(the OpenAI form). Some servers refuse that field (llama-cpp-python's answers
HTTP 500, "Input should be 'text' or 'json_object'"); on such a refusal the
chunk is asked once more as ``{"type": "json_object", "schema": ...}``, and
the run keeps the form that worked (:data:`FORMATS`). The form is recorded
with every claim, next to the prompt's version.

Answers are cached on disk by (model, prompt version, form, chunk digest),
so a rerun sends nothing. Each request has a total deadline and a bounded number
of retries, and a run a budget of requests. The key, if the server needs
one, comes from an environment variable (:data:`KEY_VARIABLE` unless told
another name), never from the command line, and is masked in every message.
Nothing reaches the network unless a URL is given.

>>> PROMPT_VERSION
'claims-v1'
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from kg.errors import InvalidParameter, ModelError, Phrase, RemoteError
from kg.extract.calculus import parse_phrase
from kg.extract.engine import Candidate
from kg.extract.sentences import Sentence, windows
from kg.extract.sources import Paragraph, SourceText

__all__ = [
    "PROMPT_VERSION",
    "KEY_VARIABLE",
    "CHUNK_CHARS",
    "MAX_ANSWER_BYTES",
    "FORMATS",
    "ModelError",
    "LlmSettings",
    "Chunk",
    "chunks",
    "prompt_text",
    "LlmResult",
    "propose",
]

#: The version of the instructions, recorded with every claim the model proposes.
PROMPT_VERSION = "claims-v1"
#: The environment variable the key is read from, unless ``--llm-key-env`` names another.
KEY_VARIABLE = "KG_LLM_API_KEY"
#: The most characters of source text one request carries.
CHUNK_CHARS = 6000
#: The most bytes of one answer read.
MAX_ANSWER_BYTES = 1_000_000

#: The forms of ``response_format`` kg asks with, in the order it tries them.
FORMATS = ("json_schema", "json_object")
#: The statuses with which servers refuse a ``response_format`` they do not take
#: (llama-cpp-python answers a validation error as 500; vLLM and others 400 or 422).
_FORMAT_REFUSALS = (400, 422, 500)

_SIGNS = ("increases", "decreases", "no_effect")
_MODALITIES = ("asserted", "hedged", "conditional", "reported")
_READINGS = ("stated", "inferred")
_TEXT_FIELDS = ("cause", "effect", "quote", "cause_factor", "effect_factor")


@dataclass(frozen=True)
class LlmSettings:
    """Where the model is and how far kg may go with it.

    Attributes
    ----------
    url : str
        The API's base URL (``.../v1``); ``/chat/completions`` is added.
    model : str
        The model's name as the server knows it.
    key_variable : str
        The environment variable holding the key (none sent when it is unset).
    timeout : float
        Seconds one request may take in all.
    retries : int
        Further tries of a request that timed out, could not connect, or got
        429 or a 5xx answer.
    budget : int
        The most requests one run may send (cached chunks cost none).
    cache : Path or None
        The folder of cached answers (None: no cache).
    """

    url: str
    model: str
    key_variable: str = KEY_VARIABLE
    timeout: float = 120.0
    retries: int = 2
    budget: int = 100
    cache: Path | None = None

    def check(self) -> None:
        """Refuse settings that would make a request unbounded or unaddressed."""
        if not self.model or not self.model.strip():
            raise InvalidParameter(
                Phrase("{LlmSettings.model} is empty"), "name the model the server should run"
            )
        if not (0 < self.timeout < float("inf")):
            raise InvalidParameter(
                Phrase("{LlmSettings.timeout} {value}", value=self.timeout),
                "give a finite number of seconds above 0",
            )
        if not 0 <= self.retries <= 10:
            raise InvalidParameter(
                Phrase("{LlmSettings.retries} {value}", value=self.retries), "give 0 to 10"
            )
        if not 1 <= self.budget <= 100_000:
            raise InvalidParameter(
                Phrase("{LlmSettings.budget} {value}", value=self.budget),
                "give 1 to 100000 requests",
            )
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,100}", self.key_variable):
            raise InvalidParameter(
                Phrase(
                    "{LlmSettings.key_variable} {value!r} is not a variable name",
                    value=self.key_variable[:40],
                ),
                "give the name of an environment variable, such as KG_LLM_API_KEY",
            )


def default_cache() -> Path:
    """``$XDG_CACHE_HOME/kg/llm`` (``~/.cache/kg/llm`` when the variable is unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kg" / "llm"


@dataclass(frozen=True)
class Chunk:
    """Consecutive paragraphs of one section: their span of the source's text."""

    number: int
    start: int
    end: int
    paragraphs: tuple[Paragraph, ...]

    @property
    def locator(self) -> str:
        """The locator of the chunk's first paragraph."""
        return self.paragraphs[0].locator


def chunks(source: SourceText, size: int = CHUNK_CHARS) -> list[Chunk]:
    """The source cut into chunks that follow its sections, each at most ``size`` characters.

    A paragraph longer than ``size`` is cut at sentence ends (:func:`windows`).

    >>> from kg.extract.sources import parse_text
    >>> doc = parse_text("Costs\\n\\nCosts push firms inland.\\n\\nWages\\n\\nWages rise.\\n")
    >>> [(c.locator, doc.text[c.start : c.end]) for c in chunks(doc)]
    [('Costs, paragraph 1 (point 1)', 'Costs push firms inland.'), ('Wages, paragraph 2 (point 2)', 'Wages rise.')]
    """
    spans: list[tuple[int, int, Paragraph]] = []
    for paragraph in source.paragraphs:
        for begin, finish in windows(paragraph.text, size):
            spans.append((paragraph.start + begin, paragraph.start + finish, paragraph))
    found: list[Chunk] = []
    group: list[tuple[int, int, Paragraph]] = []

    def close() -> None:
        if group:
            found.append(
                Chunk(
                    len(found) + 1,
                    group[0][0],
                    group[-1][1],
                    tuple(dict.fromkeys(p for _, _, p in group)),
                )
            )
            group.clear()

    for span in spans:
        if group and (
            span[2].section != group[0][2].section
            or span[2].page != group[0][2].page
            or span[1] - group[0][0] > size
        ):
            close()
        group.append(span)
    close()
    return found


def prompt_text(labels: list[str]) -> str:
    """The instructions of :data:`PROMPT_VERSION`, the scheme's factor labels filled in."""
    template = (resources.files("kg.extract") / "prompts" / f"{PROMPT_VERSION}.txt").read_text(
        encoding="utf-8"
    )
    listed = "\n".join(f"- {label}" for label in labels) or "(none yet)"
    return template.replace("{factors}", listed)


#: The JSON Schema of an answer, sent to servers that can constrain their output to one.
ANSWER_SCHEMA: dict = {
    "type": "object",
    "additionalProperties": False,
    "required": ["claims"],
    "properties": {
        "claims": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "cause",
                    "effect",
                    "sign",
                    "modality",
                    "reading",
                    "quote",
                    "start",
                    "end",
                ],
                "properties": {
                    **{name: {"type": "string"} for name in _TEXT_FIELDS},
                    "sign": {"enum": list(_SIGNS)},
                    "modality": {"enum": list(_MODALITIES)},
                    "reading": {"enum": list(_READINGS)},
                    "condition": {"type": ["string", "null"]},
                    "attributed_to": {"type": ["string", "null"]},
                    "start": {"type": "integer", "minimum": 0},
                    "end": {"type": "integer", "minimum": 0},
                },
            },
        }
    },
}


def response_format(form: str) -> dict:
    """The ``response_format`` of a request in ``form`` (one of :data:`FORMATS`).

    >>> response_format("json_object")["type"], sorted(response_format("json_schema"))
    ('json_object', ['json_schema', 'type'])
    """
    if form == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": "claims", "schema": ANSWER_SCHEMA}}
    # llama-cpp-python's extension: json_object held to the schema given beside it
    return {"type": "json_object", "schema": ANSWER_SCHEMA}


def _schema_fault(answer: object) -> str | None:
    """What in ``answer`` does not have the form of :data:`ANSWER_SCHEMA`, or None."""
    if not isinstance(answer, dict) or not isinstance(answer.get("claims"), list):
        return 'it is not an object with a "claims" list'
    for number, claim in enumerate(answer["claims"]):
        where = f"claims[{number}]"
        if not isinstance(claim, dict):
            return f"{where} is not an object"
        for name in ("cause", "effect", "quote"):
            if not isinstance(claim.get(name), str) or not claim[name].strip():
                return f"{where}.{name} is not a text"
        for name in ("cause_factor", "effect_factor", "condition", "attributed_to"):
            if claim.get(name) is not None and not isinstance(claim[name], str):
                return f"{where}.{name} is not a text"
        for name, allowed in (("sign", _SIGNS), ("modality", _MODALITIES), ("reading", _READINGS)):
            if claim.get(name, "stated" if name == "reading" else None) not in allowed:
                return f"{where}.{name} is {str(claim.get(name))[:30]!r}, not one of {', '.join(allowed)}"
        for name in ("start", "end"):
            value = claim.get(name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                return f"{where}.{name} is not a whole number of 0 or more"
    return None


@dataclass
class LlmResult:
    """What the model proposed for a source: grounded candidates and what was dropped."""

    claims: list[tuple[Candidate, Sentence, str, str, str]] = field(default_factory=list)
    dropped: int = 0  # proposals whose quote is not the source's text at their offsets
    requests: int = 0  # requests sent (cached chunks cost none)
    cached: int = 0  # chunks answered from the cache
    chunks: int = 0
    refused: str = ""  # the form the server refused, when kg fell back to another

    def note(self) -> str:
        """What to add to the summary line."""
        parts = [f"{self.requests} request{'s' if self.requests != 1 else ''} to the model"]
        if self.cached:
            parts.append(f"{self.cached} chunk{'s' if self.cached != 1 else ''} from the cache")
        if self.dropped:
            parts.append(
                f"{self.dropped} proposal{'s' if self.dropped != 1 else ''} dropped "
                "(quote not in the source at its offsets)"
            )
        if self.refused:
            then = FORMATS[FORMATS.index(self.refused) + 1]
            parts.append(f"the server refused response_format {self.refused}; asked with {then}")
        return "; ".join(parts)


def _cache_key(settings: LlmSettings, prompt: str, text: str, form: str) -> str:
    digest = hashlib.sha256(f"{prompt}\u0000{text}".encode()).hexdigest()
    # the first form keeps the key it had before there were two, so old caches still serve
    asked = "" if form == FORMATS[0] else f"\u0000{form}"
    return hashlib.sha256(
        f"{settings.model}\u0000{PROMPT_VERSION}\u0000{digest}{asked}".encode()
    ).hexdigest()


def _cached(settings: LlmSettings, key: str) -> dict | None:
    if settings.cache is None:
        return None
    path = settings.cache / f"{key}.json"
    try:
        answer = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return answer if _schema_fault(answer) is None else None


def _store(settings: LlmSettings, key: str, answer: dict) -> None:
    if settings.cache is None:
        return
    try:
        settings.cache.mkdir(parents=True, exist_ok=True)
        temporary = settings.cache / f".{key}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, settings.cache / f"{key}.json")
    except OSError:
        pass  # a cache that cannot be written only costs a rerun its requests


def _content(body: bytes, where: str, shown: str) -> str:
    """The message text of a chat-completions answer; a refusal or an odd answer is an error."""
    try:
        answer = json.loads(body.decode("utf-8"))
        message = answer["choices"][0]["message"]
    except (ValueError, UnicodeDecodeError, KeyError, IndexError, TypeError, RecursionError):
        raise ModelError(
            f"{shown} did not send a chat-completions answer for {where}",
            Phrase(
                "check that {LlmSettings.url} is the API's base (such as http://127.0.0.1:11434/v1)"
            ),
        ) from None
    refusal = message.get("refusal") if isinstance(message, dict) else None
    finish = answer["choices"][0].get("finish_reason")
    content = message.get("content") if isinstance(message, dict) else None
    if refusal or finish == "content_filter":
        said = " ".join(str(refusal or "content filter").split())[:120]
        raise ModelError(
            f"the model refused {where}: {said!r}",
            "try another model, or leave this source to the rules",
        )
    if not isinstance(content, str) or not content.strip():
        raise ModelError(f"the model sent no text for {where}", "try again, or another model")
    return content


def _parse(content: str, where: str) -> dict:
    text = content.strip()
    fenced = re.fullmatch(r"```(?:json)?\s*(.*?)\s*```", text, re.S)
    if fenced:
        text = fenced.group(1)
    try:
        answer = json.loads(text)
    except RecursionError:
        raise ModelError(
            f"the model's answer for {where} is nested too deep", "try again, or another model"
        ) from None
    except json.JSONDecodeError as exc:
        raise ModelError(
            f"the model's answer for {where} is not JSON ({exc.msg} at character {exc.pos})",
            "try again, or a model that can answer in JSON",
        ) from None
    fault = _schema_fault(answer)
    if fault:
        raise ModelError(
            f"the model's answer for {where} is not of the asked form: {fault}",
            "try again, or a model that follows a JSON schema",
        )
    return answer


class _FormatRefused(Exception):
    """The server refused the request's ``response_format`` (what it said is the message)."""


def _refuses_format(status: int, body: str) -> bool:
    """Whether an answer is a server's refusal of the request's ``response_format``.

    >>> _refuses_format(500, "'loc': ('body', 'response_format', 'type'), 'msg': ...")
    True
    >>> _refuses_format(500, "CUDA out of memory")
    False
    """
    said = body.casefold()
    return status in _FORMAT_REFUSALS and ("response_format" in said or "json_schema" in said)


def _ask(client, server, settings: LlmSettings, headers: dict, body: dict, where: str) -> bytes:
    """One request, retried within bounds; the answer's bytes (status 200)."""
    for attempt in range(settings.retries + 1):
        try:
            answer = client.request("POST", server, json=body, headers=headers)
        except RemoteError as exc:
            if "sent more than" in exc.reason:
                raise ModelError(
                    f"{exc.reason} for {where}", "check the server; kg reads at most 1 MB an answer"
                ) from None
            if attempt < settings.retries:
                time.sleep(min(0.5 * (attempt + 1), 2.0))
                continue
            raise
        if answer.status == 200:
            return answer.content
        if _refuses_format(answer.status, answer.text(2000)):
            raise _FormatRefused(client.mask(answer.text(160)))  # retrying would not help
        if (answer.status == 429 or answer.status >= 500) and attempt < settings.retries:
            time.sleep(min(0.5 * (attempt + 1), 2.0))
            continue
        said = answer.text(160)
        if answer.status == 404 and "model" in said.casefold():
            raise ModelError(
                f"{server.shown} has no model {settings.model!r} (404: {client.mask(said)})",
                Phrase("give {LlmSettings.model} a name the server lists (GET /v1/models)"),
            )
        raise client.refusal(server, answer, f"a request for {where}")
    raise AssertionError("unreachable")  # pragma: no cover


def _grounded(source: SourceText, chunk: Chunk, claim: dict) -> tuple[int, int] | None:
    """The quote's offsets in the source's text, if it is the text at the offsets it claims."""
    start, end = chunk.start + claim["start"], chunk.start + claim["end"]
    if not (chunk.start <= start < end <= chunk.end):
        return None
    return (start, end) if source.text[start:end] == claim["quote"] else None


def _paragraph(chunk: Chunk, offset: int) -> Paragraph:
    for paragraph in chunk.paragraphs:
        if paragraph.start <= offset < paragraph.end:
            return paragraph
    return chunk.paragraphs[0]


def _candidate(claim: dict, quote: str) -> Candidate:
    sign = {"increases": 1, "decreases": -1, "no_effect": 0}[claim["sign"]]
    reading = claim.get("reading") or "stated"
    condition = (claim.get("condition") or "").strip()
    modality_reason = f"the model read it {claim['modality']} ({reading})"
    if condition:
        modality_reason += f"; condition: {condition[:200]}"
    return Candidate(
        quote,
        "model",
        "llm",
        parse_phrase(claim["cause"]),
        parse_phrase(claim["effect"]),
        sign,
        f"the model read {claim['sign']}",
        claim["modality"],
        modality_reason,
        (claim.get("attributed_to") or "").strip() or None,
        reading,
        condition,
    )


def propose(source: SourceText, labels: list[str], settings: LlmSettings) -> LlmResult:
    """Ask the model for the claims of every chunk of ``source``; keep the grounded ones.

    Returns a :class:`LlmResult` whose ``claims`` hold, per proposal, the
    candidate, the quoted stretch as a :class:`Sentence`, the factor
    names the model gave for cause and effect (possibly empty), and the
    form of ``response_format`` its answer was asked in (:data:`FORMATS`).

    Raises
    ------
    ModelError, RemoteError, InvalidParameter
        Bad settings, an answer kg cannot use, or a server it cannot reach;
        the message says which chunk and what to do.
    """
    from kg.store.http import ServerClient, check_server_url

    settings.check()
    base = check_server_url(settings.url, "LlmSettings.url")
    server = check_server_url(base.url.rstrip("/") + "/chat/completions", "LlmSettings.url")
    prompt = prompt_text(labels)
    key = os.environ.get(settings.key_variable, "")
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    result = LlmResult()
    parts = chunks(source)
    result.chunks = len(parts)
    texts = [source.text[c.start : c.end] for c in parts]
    answers: dict[int, dict] = {}
    forms: dict[int, str] = {}  # the form each chunk's answer was asked in
    for chunk, text in zip(parts, texts, strict=True):
        for form in FORMATS:
            found = _cached(settings, _cache_key(settings, prompt, text, form))
            if found is not None:
                answers[chunk.number], forms[chunk.number] = found, form
                break
    needed = len(parts) - len(answers)
    if needed > settings.budget:
        raise ModelError(
            f"{source.path} needs {needed} requests to the model, over the budget of {settings.budget}",
            Phrase("raise {LlmSettings.budget}, or extract from a shorter text"),
        )
    result.cached = len(answers)
    with ServerClient(
        timeout=settings.timeout, max_bytes=MAX_ANSWER_BYTES, secrets=[key]
    ) as client:
        form = FORMATS[0]  # kept for the rest of the run once a server refuses it
        for chunk, text in zip(parts, texts, strict=True):
            if chunk.number in answers:
                continue
            where = f"chunk {chunk.number} of {len(parts)} ({chunk.locator})"
            body = {
                "model": settings.model,
                "temperature": 0,
                "messages": [
                    {"role": "system", "content": prompt},
                    {"role": "user", "content": text},
                ],
            }
            while True:
                body["response_format"] = response_format(form)
                result.requests += 1
                try:
                    raw = _ask(client, server, settings, headers, body, where)
                except RemoteError as exc:
                    raise RemoteError(client.mask(str(exc.reason)), exc.remedy) from None
                except _FormatRefused as exc:
                    if form == FORMATS[-1]:
                        raise ModelError(
                            f"{server.shown} refused both forms of response_format kg asks "
                            f"with ({' and '.join(FORMATS)}) for {where}: {exc}",
                            "use a server that can hold a model to a JSON schema "
                            "(llama.cpp's server, vLLM, Ollama), or leave this source to the rules",
                        ) from None
                    result.refused, form = form, FORMATS[FORMATS.index(form) + 1]
                    continue
                break
            answer = _parse(_content(raw, where, server.shown), where)
            answers[chunk.number], forms[chunk.number] = answer, form
            _store(settings, _cache_key(settings, prompt, text, form), answer)
    proposed = 0
    for chunk in parts:
        for claim in answers[chunk.number]["claims"]:
            proposed += 1
            offsets = _grounded(source, chunk, claim)
            if offsets is None:
                result.dropped += 1
                continue
            start, end = offsets
            sentence = Sentence(claim["quote"], start, end, _paragraph(chunk, start))
            result.claims.append(
                (
                    _candidate(claim, claim["quote"]),
                    sentence,
                    (claim.get("cause_factor") or "").strip(),
                    (claim.get("effect_factor") or "").strip(),
                    forms[chunk.number],
                )
            )
    if proposed and not result.claims:
        raise ModelError(
            f"none of the model's {proposed} proposals for {source.path} quotes the source at "
            "the offsets it gives",
            "try another model; kg keeps only claims whose quote is the source's own text",
        )
    return result


def iter_labels(factors) -> Iterator[str]:
    """The labels and alternative labels of a factor scheme, each once."""
    seen: set[str] = set()
    for factor in factors.values():
        for name in (factor.label, *factor.alt_labels):
            if name not in seen:
                seen.add(name)
                yield name
