"""Fast YAML loading for reading: plain values that remember their lines.

The reader never edits what it reads, so it does not need ruamel.yaml's
round-trip objects (which keep comments, and are slow). :func:`load_yaml`
composes the document with PyYAML's libyaml parser (``CSafeLoader``, the
pure-Python parser where libyaml is missing) and turns the nodes into
:class:`LineDict` and :class:`LineList`, which are a ``dict`` and a ``list``
that also know the 1-based line of each key and item.

Values follow YAML 1.2's core schema, as ruamel.yaml reads them: ``yes``,
``no``, ``on`` and ``off`` stay text, as do ``012`` and ``1_000``; dates stay
text too, so that the reader checks them with a line number. A key written
twice in one mapping is an error (:class:`YamlSyntaxError`).

>>> doc = load_yaml("brief:\\n  id: x\\n  synthetic: yes\\nclaims:\\n  - id: a\\n  - id: b\\n")
>>> doc["brief"]["synthetic"], doc.key_line("claims"), doc["claims"].item_line(1)
('yes', 4, 6)
>>> load_yaml("a: 1\\nb: 2\\na: 3\\n")
Traceback (most recent call last):
...
kg.authoring.loading.YamlSyntaxError: line 3: found duplicate key 'a' (first at line 1)
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

__all__ = ["LineDict", "LineList", "YamlSyntaxError", "load_yaml"]

_PLAIN = "tag:kg,2024:plain"  # a plain scalar, resolved below by YAML 1.2's rules
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where PyYAML has it


class _Loader(_Base):
    """PyYAML's loader with tag resolution left to :func:`_scalar` (YAML 1.2, and faster)."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL = {
    ".inf": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".nan": float("nan"),
}


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


def _scalar(node: ScalarNode) -> Any:
    value = node.value
    if node.tag != _PLAIN:  # quoted, block text, or an explicit tag: kept as text
        return value
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if value.lower() in _SPECIAL:
        return _SPECIAL[value.lower()]
    return value


def _build(node: Any) -> Any:
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        seq = LineList(_build(item) for item in node.value)
        seq.line = node.start_mark.line + 1
        seq._lines = [item.start_mark.line + 1 for item in node.value]
        return seq
    if isinstance(node, MappingNode):
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping._lines = {}
        for key_node, value_node in node.value:
            key = _build(key_node)
            line = key_node.start_mark.line + 1
            try:
                hash(key)
            except TypeError:
                raise YamlSyntaxError(line, "a key must be plain text") from None
            if key in mapping._lines:
                raise YamlSyntaxError(
                    line, f"found duplicate key {key!r} (first at line {mapping._lines[key]})"
                )
            mapping[key] = _build(value_node)
            mapping._lines[key] = line
        return mapping
    raise YamlSyntaxError(node.start_mark.line + 1, "unexpected node")  # pragma: no cover


def load_yaml(text: str) -> Any:
    """The document in ``text`` as plain values with lines; ``None`` for an empty one.

    Raises
    ------
    YamlSyntaxError
        The text is not valid YAML, holds several documents, or repeats a key.
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise YamlSyntaxError(line, exc.problem or exc.context or "invalid YAML") from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, str(exc)) from None
    return None if node is None else _build(node)
