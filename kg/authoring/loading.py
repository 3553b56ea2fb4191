"""Fast YAML loading for reading: plain values that remember their lines.

The reader never edits what it reads, so it does not need ruamel.yaml's
round-trip objects (which keep comments, and are slow). :func:`load_yaml`
parses the document with PyYAML's libyaml parser (``CSafeLoader``, the
pure-Python parser where libyaml is missing) and turns its events into
:class:`LineDict` and :class:`LineList`, which are a ``dict`` and a ``list``
that also know the 1-based line of each key and item.

Plain values are read by the rules kg writes its files by: ruamel.yaml's
resolver (YAML 1.2) decides whether a plain scalar is null, a boolean, an
integer or a float, and ruamel.yaml's constructor makes the value, so a
file reads the same here as in ``kg import`` and ``kg link``, which edit it
with ruamel.yaml. ``yes``, ``no``, ``on`` and ``off`` stay text; ``012``
and ``1_000`` are numbers; dates stay text, so that the reader checks them
with a line number. A key written
twice in one mapping is an error (:class:`YamlSyntaxError`), as is nesting
deeper than the limit or aliases that expand past it
(:class:`kg.io.limits.ReadLimits`): the values are built with a stack of
their own, so no file can overflow Python's stack.

>>> doc = load_yaml("brief:\\n  id: x\\n  synthetic: yes\\nclaims:\\n  - id: a\\n  - id: b\\n")
>>> doc["brief"]["synthetic"], doc.key_line("claims"), doc["claims"].item_line(1)
('yes', 4, 6)
>>> load_yaml("[1_000, 0x10, .inf, ~, 2018-06-13, '7']")
[1000, 16, inf, None, '2018-06-13', '7']
>>> load_yaml("a: 1\\nb: 2\\na: 3\\n")
Traceback (most recent call last):
...
kg.authoring.loading.YamlSyntaxError: line 3: found duplicate key 'a' (first at line 1)
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode

from kg.io.limits import ReadLimits, current_limits

__all__ = ["LineDict", "LineList", "YamlSyntaxError", "load_yaml"]

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where PyYAML has it


_Loader: type = _Base  # only its parser is used: the events become values in :func:`_build`


#: The YAML rules kg reads by are those it writes by: ruamel.yaml's (YAML 1.2).
_RULES = YAML(typ="safe", pure=True)
#: The tags of plain scalars that become values; any other (dates among them) stays text.
_VALUE_TAGS = frozenset(f"tag:yaml.org,2002:{kind}" for kind in ("null", "bool", "int", "float"))
#: First characters of the plain scalars that the rules may read as something other than text.
_NOT_TEXT_START = frozenset(key for key in _RULES.resolver.versioned_resolver if key)


class YamlSyntaxError(ValueError):
    """The text is not valid YAML; :attr:`line` is where the parser stopped (1-based)."""

    def __init__(self, line: int, problem: str):
        super().__init__(f"line {line}: {problem}")
        self.line = line
        self.problem = problem


class LineDict(dict):
    """A mapping that knows its own line and the line of each key."""

    __slots__ = ("line", "_lines")
    line: int
    _lines: dict[Any, int]

    def key_line(self, key: Any) -> int:
        """The 1-based line where ``key`` is written."""
        return self._lines[key]


class LineList(list):
    """A sequence that knows its own line and the line of each item."""

    __slots__ = ("line", "_lines")
    line: int
    _lines: list[int]

    def item_line(self, index: int) -> int:
        """The 1-based line where item ``index`` begins."""
        return self._lines[index]


def _scalar(value: str) -> Any:
    """A plain scalar's value by ruamel.yaml's rules (quoted ones stay text)."""
    if value and value[0] not in _NOT_TEXT_START:
        return value  # most values: text, told by the first character alone
    return _typed(value)


@lru_cache(maxsize=4096)
def _typed(value: str) -> Any:
    """The value ruamel.yaml reads a plain scalar as: null, a boolean, a number, else text."""
    tag = str(_RULES.resolver.resolve(ScalarNode, value, (True, False)))  # a Tag, as text
    if tag not in _VALUE_TAGS:
        return value
    constructor = _RULES.constructor
    return constructor.yaml_constructors[tag](constructor, ScalarNode(tag, value))


class _Frame:
    """A mapping or list being built from the events, with what it needs until it ends."""

    __slots__ = ("value", "anchor", "key", "key_line", "values")

    def __init__(self, value: LineDict | LineList, anchor: str | None):
        self.value = value
        self.anchor = anchor
        self.key: Any = _NO_KEY
        self.key_line = 0
        self.values = 1  # the values it holds once aliases are expanded, itself included


_NO_KEY = object()


def _line(event: Any) -> int:
    return event.start_mark.line + 1


def _add(frame: _Frame, value: Any, line: int, values: int) -> None:
    """Put ``value`` (written at ``line``, ``values`` values expanded) into the container."""
    frame.values += values
    container = frame.value
    if isinstance(container, LineList):
        container.append(value)
        container._lines.append(line)
        return
    if frame.key is _NO_KEY:
        try:
            hash(value)
        except TypeError:
            raise YamlSyntaxError(line, "a key must be plain text") from None
        if value in container._lines:
            raise YamlSyntaxError(
                line,
                f"found duplicate key {_short(value)} (first at line {container._lines[value]})",
            )
        frame.key, frame.key_line = value, line
        return
    container[frame.key] = value
    container._lines[frame.key] = frame.key_line
    frame.key = _NO_KEY


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _build(events: Iterator[Any], limits: ReadLimits) -> Any:
    """Build the document from the parser's events with a stack of its own, never recursing.

    Python's stack therefore never overflows, however deep the nesting; the
    depth and the values that aliases expand to are bounded by ``limits``.
    """
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, values it expands to)
    expanded = 0
    root: Any = None
    documents = 0
    for event in events:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            plain = event.tag in (None, "!") and event.implicit[0]
            value: Any = _scalar(event.value) if plain else event.value
            values = 1
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
        elif kind is yaml.AliasEvent:
            if event.anchor not in anchors:
                raise YamlSyntaxError(_line(event), f"found undefined alias {_short(event.anchor)}")
            value, values = anchors[event.anchor]
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if len(stack) >= limits.max_depth:
                raise YamlSyntaxError(
                    _line(event),
                    f"nests mappings and lists deeper than {limits.max_depth} levels",
                )
            container: LineDict | LineList
            if kind is yaml.MappingStartEvent:
                container = LineDict()
                container._lines = {}
            else:
                container = LineList()
                container._lines = []
            container.line = _line(event)
            stack.append(_Frame(container, event.anchor))
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = stack.pop()
            value, values = frame.value, frame.values
            if frame.anchor is not None:
                anchors[frame.anchor] = (value, values)
            line = frame.value.line
            if stack:
                _add(stack[-1], value, line, values)
            else:
                root = value
            continue
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise YamlSyntaxError(
                    _line(event), "expected a single document in the stream, found another"
                )
            continue
        else:  # stream start and end, document end
            continue
        expanded += values
        if expanded > limits.max_values:
            raise YamlSyntaxError(
                _line(event),
                f"its aliases expand to more than {limits.max_values:,} values",
            )
        if stack:
            _add(stack[-1], value, _line(event), values)
        else:
            root = value
    return root


def load_yaml(text: str, limits: ReadLimits | None = None) -> Any:
    """The document in ``text`` as plain values with lines; ``None`` for an empty one.

    ``limits`` (default :func:`kg.io.limits.current_limits`) bounds the
    nesting depth and the values that aliases expand to.

    Raises
    ------
    YamlSyntaxError
        The text is not valid YAML, holds several documents, repeats a key,
        or passes a limit.
    """
    limits = limits or current_limits()
    try:
        return _build(yaml.parse(text, Loader=_Loader), limits)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise YamlSyntaxError(line, exc.problem or exc.context or "invalid YAML") from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, _short(str(exc), 200)) from None
    except RecursionError:  # pragma: no cover - the builder does not recurse; the parser might
        raise YamlSyntaxError(1, "nests too deeply to read") from None
