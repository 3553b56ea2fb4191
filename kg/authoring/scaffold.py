"""Write the analyst's files: a new brief's skeleton, and careful edits of ``factors.yaml``.

:func:`new_brief` writes ``briefs/<id>.yaml`` with the brief's metadata
fields, ready to fill in (``kg new``). The other helpers edit YAML files in
place for ``kg import`` and ``kg link``: they load them with ruamel.yaml's
round-trip mode, so the analyst's comments, key order, quoting and folded
text survive, change only what they must, and write through
:func:`kg.rdf.writers.atomic_write` after checking that nobody changed the
file since it was read.

>>> print(brief_scaffold("example-brief", title="An example").splitlines()[7])
  title: An example   # required: the title as published
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from kg.authoring.loading import YamlSyntaxError, load_yaml
from kg.authoring.model import Factor
from kg.authoring.reader import read_factors
from kg.authoring.rules import SLUG
from kg.datafolder import brief_path, briefs_dir, factors_path, writable_data_dir
from kg.errors import (
    FileChanged,
    InvalidData,
    InvalidParameter,
    OutputExists,
    Phrase,
    UnreadableFile,
    WriteFailed,
)
from kg.io import atomic_write, display_path
from kg.io.files import Output
from kg.io.limits import read_bounded, unreadable
from kg.problems import Problem, ValidationReport

__all__ = [
    "brief_scaffold",
    "new_brief",
    "factors_template",
    "YamlDocument",
    "folded",
    "flow_list",
    "guess_indent",
    "set_last_key",
    "remove_key",
    "clear_comments_after_key",
    "ruamel_layout_problems",
    "checked_factors",
    "init_data_dir",
]


def factors_template(title: str, language: str = "en") -> str:
    """The text of a new ``factors.yaml``: the scheme's title and language, no factors yet.

    >>> print(factors_template("Our factors").splitlines()[3])
    scheme:
    """
    lines = [
        "# The factors the briefs of this folder share, started with `kg init`.",
        "# Each claim names its cause and effect by a factor's id, label or alt_label.",
        "",
        "scheme:",
        f"  title: {_scalar(title)}",
        f"  language: {_scalar(language)}",
        "",
        "# An entry looks like this (data/README.md describes every field):",
        "#  - id: return-migration",
        "#    label: Return migration",
        "#    alt_labels: [reverse migration]",
        "#    definition: Migrant workers going back to their home provinces. More means",
        "#      more returns.",
        "#    group: demographic",
        "factors: []",
        "",
    ]
    return "\n".join(lines)


def init_data_dir(
    path: str | os.PathLike, *, title: str = "Shared factors", language: str = "en"
) -> Path:
    """Start a folder of one's own briefs (``kg init``): ``factors.yaml`` and ``briefs/``.

    Parameters
    ----------
    path : path
        The folder to make; it may exist if it is empty.
    title : str
        The title of the factor scheme.
    language : str
        The language tag of the scheme's labels and definitions.

    Returns
    -------
    Path
        The folder, ready for :func:`new_brief` and :func:`kg.import_sheet`
        (given as ``data_dir``, or as the current folder).

    Raises
    ------
    OutputExists
        The folder holds files already.
    InvalidParameter
        ``title`` is empty or ``language`` is not a language tag.
    """
    from kg.authoring.rules import LANGUAGE

    folder = Path(path)
    if not " ".join(str(title).split()):
        raise InvalidParameter("the scheme's title is empty", Phrase("give {title} a few words"))
    if not LANGUAGE.match(language):
        raise InvalidParameter(
            f"{language!r} is not a language tag", Phrase("give {language} a BCP 47 tag such as en")
        )
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise OutputExists(
            display_path(folder),
            "is not an empty folder",
            "choose a new or empty folder for the data",
        )
    try:
        briefs_dir(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(display_path(folder), exc.strerror) from None
    atomic_write(
        factors_path(folder),
        factors_template(" ".join(str(title).split()), language).encode("utf-8"),
        ours=lambda _p: False,
    )
    return folder


def _scalar(value: str | list[str]) -> str:
    """``value`` as one line of YAML, quoted only where YAML needs it; a list in flow style.

    >>> _scalar("Hukou: reform"), _scalar(["Zhang, W.", "Li Wei"])
    ("'Hukou: reform'", "['Zhang, W.', Li Wei]")
    """
    yaml = YAML(typ="safe", pure=True)
    yaml.width = 4096
    yaml.default_flow_style = isinstance(value, list)
    stream = io.StringIO()
    yaml.dump(value if isinstance(value, list) else {"k": value}, stream)
    text = stream.getvalue().strip().removesuffix("...").strip()
    return text if isinstance(value, list) else text[len("k: ") :]


def _date_text(date: Any) -> str:
    if not date:
        return ""
    text = str(date)
    return text if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else _scalar(text)


def brief_scaffold(
    brief_id: str,
    *,
    title: str | None = None,
    authors: tuple[str, ...] | list[str] = (),
    publisher: str | None = None,
    date: str | None = None,
    series: str | None = None,
    number: str | None = None,
    url: str | None = None,
    language: str = "en",
    synthetic: bool = False,
    section: str = "Executive summary",
) -> str:
    """The text of a new brief file: metadata fields to fill in, no claims yet.

    Fields not given are left empty, so that ``kg validate`` points at each
    one until it is filled in.
    """

    def value(text: str | None) -> str:
        return _scalar(text) if text else ""

    authors_text = _scalar(list(authors)) if authors else ""
    number_text = _scalar(str(number)) if number else ""
    if number_text and not number_text.startswith(("'", '"')):
        number_text = f'"{number_text}"'
    rows = [
        ("id", brief_id, ""),
        ("title", value(title), "required: the title as published"),
        ("authors", authors_text, "required: [First Author, Second Author]"),
        ("series", value(series), "optional: publication series"),
        ("number", number_text, 'optional: number within the series, quoted, e.g. "12"'),
        ("publisher", value(publisher), "required: issuing organisation"),
        ("date", _date_text(date), "required: date of publication, YYYY-MM-DD"),
        ("url", value(url), "optional: https:// address of the brief"),
        ("language", value(language), "language tag of the brief and of the paraphrases"),
        ("synthetic", "true" if synthetic else "false", "true for invented example or test briefs"),
        (
            "section",
            value(section),
            "the part of the brief encoded; locators read 'section, point N'",
        ),
    ]
    lines = [
        f"# Brief {brief_id}, started with `kg new`.",
        "# Fill in the fields marked required, then add observations and claims by hand",
        f"# or from a spreadsheet with `kg import SHEET.csv --brief {brief_id}`.",
        "# data/README.md describes every field.",
        "",
        "brief:",
    ]
    for key, text, note in rows:
        entry = f"  {key}: {text}".rstrip()
        lines.append(f"{entry}   # {note}" if note else entry)
    lines += ["", "observations: []", "", "claims: []", ""]
    return "\n".join(lines)


def new_brief(
    brief_id: str,
    data_dir: str | os.PathLike | None = None,
    *,
    force: bool = False,
    **metadata: Any,
) -> Path:
    """Write ``briefs/<brief_id>.yaml`` from :func:`brief_scaffold` (``kg new``).

    Parameters
    ----------
    brief_id : str
        A slug: lower-case letters, digits and single hyphens.
    data_dir : path, optional
        The data folder (default ``./data``); it must hold ``factors.yaml``.
    force : bool
        Replace an existing brief file; without it an existing file is left
        alone and :class:`~kg.errors.OutputExists` is raised.
    **metadata
        ``title``, ``authors``, ``publisher``, ``date``, ``series``,
        ``number``, ``url``, ``language``, ``synthetic``, ``section``.

    Returns
    -------
    Path
        The file written.
    """
    if not SLUG.match(brief_id):
        raise InvalidParameter(
            f"{brief_id!r} is not a valid brief id",
            "use lower-case letters, digits and single hyphens, e.g. eai-bb-1361",
        )
    folder = writable_data_dir(data_dir)
    path = brief_path(folder, brief_id)  # an existing <id>.yml counts as the brief too
    text = brief_scaffold(brief_id, **metadata)
    return atomic_write(
        path,
        text.encode("utf-8"),
        force=force,
        ours=lambda _p: False,
        refusal=lambda p: OutputExists(
            p,
            "already exists",
            Phrase(
                "pass {force:True} to replace it with an empty brief file (what it holds is lost)"
            ),
        ),
    )


# ---------------------------------------------------------------- round-trip editing


def checked_factors(path: Path, text: str) -> dict[str, Factor]:
    """Read the factor scheme about to be written to ``path`` back with kg's own reader.

    Returns the factors it holds; a text the reader finds any problem in is
    refused, so that an edit never leaves a scheme that ``kg validate``
    rejects.

    Raises
    ------
    InvalidData
        The text has problems; each is listed against ``path``.
    """
    problems: list[Problem] = []
    factors, *_ = read_factors(path, problems, raw=text)
    if problems:
        raise InvalidData(ValidationReport(sorted(problems), [display_path(path)]))
    return factors


#: The indentation kg writes in a file that shows none: (mapping, sequence, offset).
DEFAULT_INDENT = (2, 4, 2)

_OPENER = re.compile(r"^( *)(?:- +)?[^\s#\-][^#]*:\s*(?P<text>[|>][-+0-9]*\s*)?(?:#.*)?$")
_ITEM = re.compile(r"^( *)(- +)\S")


def guess_indent(text: str) -> tuple[int, int, int]:
    """The indentation of a YAML file, as ruamel.yaml's ``indent(mapping, sequence, offset)``.

    ``mapping`` is how far a nested mapping's keys, or the lines of block
    text (``>-``, ``|``), sit right of their key; ``offset`` how far a block
    sequence's dash sits right of its parent key, and ``sequence`` how far
    the item's content does. Each is read from the first place the file
    shows it; what the file does not show is taken from
    :data:`DEFAULT_INDENT`.

    >>> guess_indent("a:\\n    b: 1\\nc:\\n-   d: 2\\n")
    (4, 4, 0)
    >>> guess_indent("scheme:\\n  title: T\\nfactors:\\n  - id: x\\n")
    (2, 4, 2)
    >>> guess_indent("factors:\\n-   id: x\\n    definition: >-\\n        Text.\\n")
    (4, 4, 0)
    """
    mapping = sequence = offset = None
    lines = [ln.rstrip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    for opener, child in zip(lines, lines[1:], strict=False):
        found = _OPENER.match(opener)
        if not found:
            continue
        # The column of the opener's key (after any "- " of a sequence item).
        start = len(opener) - len(opener.lstrip(" -"))
        item = None if found.group("text") else _ITEM.match(child)
        if item:
            if offset is None and len(item.group(1)) >= start:
                offset = len(item.group(1)) - start
                sequence = offset + len(item.group(2))
        else:
            depth = len(child) - len(child.lstrip(" "))
            if mapping is None and depth > start:
                mapping = depth - start
        if mapping is not None and offset is not None:
            break
    default_mapping, default_sequence, default_offset = DEFAULT_INDENT
    if offset is None or sequence is None:  # the loop sets both or neither
        offset, sequence = default_offset, default_sequence
    return (mapping or default_mapping, max(sequence, offset + 2), offset)


def _round_trip(indent: tuple[int, int, int] = DEFAULT_INDENT) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the analyst's lines
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


@dataclass
class YamlDocument:
    """A YAML file loaded for editing; :meth:`save` writes it back only if unchanged meanwhile.

    >>> doc = YamlDocument.parse("# note\\nitems: [a]\\n")
    >>> doc.data["items"].append("b")
    >>> print(doc.dumps(), end="")
    # note
    items: [a, b]
    """

    data: Any
    path: Path | None = None
    digest: str = ""
    indent: tuple[int, int, int] = DEFAULT_INDENT

    @classmethod
    def parse(cls, text: str, path: Path | None = None) -> YamlDocument:
        """Load ``text`` for round-trip editing; its indentation is kept (:func:`guess_indent`)."""
        indent = guess_indent(text)
        where = display_path(path) if path else "the text"
        try:
            # The bounded reader first: ruamel.yaml recurses into nesting and would overflow
            # Python's stack on a file nested thousands deep.
            load_yaml(text)
        except YamlSyntaxError as exc:
            raise UnreadableFile(
                f"{where}:{exc.line} is not valid YAML: {exc.problem}",
                "fix it (`kg validate` lists every problem), then try again",
            ) from None
        try:
            data = _round_trip(indent).load(text)
        except YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line = f":{mark.line + 1}" if mark is not None else ""
            what = getattr(exc, "problem", None) or "invalid YAML"
            raise UnreadableFile(
                f"{where}{line} is not valid YAML: {' '.join(str(what).split())[:120]}",
                "fix it (`kg validate` lists every problem), then try again",
            ) from None
        return cls(data, path, hashlib.sha256(text.encode("utf-8")).hexdigest(), indent)

    @classmethod
    def read(cls, path: str | os.PathLike) -> YamlDocument:
        """Load the file at ``path`` for round-trip editing."""
        path = Path(path)
        shown = display_path(path)
        try:
            text = read_bounded(path, shown).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(
                f"{shown} is not UTF-8 text (byte {exc.start + 1})", "save the file as UTF-8"
            ) from None
        except OSError as exc:
            why, hint = unreadable(path, exc)
            raise UnreadableFile(f"{shown} {why}", hint) from None
        return cls.parse(text, path)

    def dumps(self) -> str:
        """The edited document as text."""
        stream = io.StringIO()
        _round_trip(self.indent).dump(self.data, stream)
        return stream.getvalue()

    def save(self, text: str | None = None) -> Path:
        """Write the document (or ``text``) back atomically, unless the file changed since it was read."""
        output = self.output(text)
        return atomic_write(output.path, output.data, ours=output.ours)

    def output(self, text: str | None = None) -> Output:
        """The document (or ``text``) as a file for :func:`kg.io.files.atomic_write_all`,
        written with other files all or nothing.

        Raises
        ------
        FileChanged
            The file changed since it was read.
        """
        if self.path is None:
            raise ValueError("this document has no file to save to")  # a bug of the caller
        try:
            current = hashlib.sha256(self.path.read_bytes()).hexdigest()
        except OSError:
            current = ""
        if current != self.digest:
            raise FileChanged(display_path(self.path))
        data = (self.dumps() if text is None else text).encode("utf-8")
        return Output(self.path, data, ours=lambda _p: True)


def folded(text: str, width: int = 74) -> FoldedScalarString | str:
    """Text written as a folded block (``>-``) wrapped at ``width``, or plain when short.

    >>> folded("short")
    'short'
    """
    text = " ".join(text.split())
    if len(text) <= width - 10:
        return text
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    result = FoldedScalarString(" ".join(lines))
    positions, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        positions.append(at)
        at += 1
    result.fold_pos = positions
    return result


def flow_list(items) -> CommentedSeq:
    """A list written on one line, ``[a, b]``, as the factors file writes alternative labels."""
    seq = CommentedSeq(list(items))
    seq.fa.set_flow_style()
    return seq


def _is_block(value: Any) -> bool:
    """Whether ``value`` is written over lines of its own (a block mapping, list or text)."""
    if isinstance(value, (CommentedMap, CommentedSeq)):
        return len(value) > 0 and not value.fa.flow_style()
    return isinstance(value, (FoldedScalarString, LiteralScalarString))


@dataclass
class _Tail:
    """Where ruamel.yaml keeps the comment that follows the last line of ``holder[key]``.

    For a key of a mapping it is slot 2 of the key's comment entry, for an
    item of a list slot 0. Its text is the comment at the end of the line
    (not after block text, whose last line ends on its own) followed by the
    blank lines and comment lines up to the next entry.
    """

    holder: Any
    key: Any
    after_block_text: bool

    @classmethod
    def of(cls, holder: Any, key: Any) -> _Tail:
        """The tail of ``holder[key]``, looking into a block mapping or list for its last line."""
        value = holder[key]
        if isinstance(value, CommentedMap) and _is_block(value):
            return cls.of(value, next(reversed(value)))
        if isinstance(value, CommentedSeq) and _is_block(value):
            return cls.of(value, len(value) - 1)
        return cls(holder, key, _is_block(value))

    @property
    def _index(self) -> int:
        return _SEQUENCE_EOL if isinstance(self.holder, CommentedSeq) else _MAPPING_EOL

    def read(self) -> tuple[str, str, int]:
        """The end-of-line comment, the lines that follow, and the comment's column."""
        slot = _comment_slots(self.holder).get(self.key)
        token = slot[self._index] if slot and len(slot) > self._index else None
        if token is None:
            return "", "", 0
        if self.after_block_text:
            return "", token.value, token.start_mark.column
        end_of_line, newline, following = token.value.partition("\n")
        if not end_of_line.strip():
            end_of_line = ""
        return end_of_line, following if newline else "", token.start_mark.column

    def write(self, end_of_line: str, following: str, column: int) -> None:
        """Set the end-of-line comment and the lines that follow (empty strings for none)."""
        if self.after_block_text:
            text = following
        else:
            text = end_of_line + "\n" + following if end_of_line or following else ""
        slots = _comment_slots(self.holder)
        slot = slots.get(self.key)
        if not text:
            if slot and len(slot) > self._index:
                slot[self._index] = None
                if not any(slot):
                    del slots[self.key]
            return
        if slot is None:
            slot = slots[self.key] = [None] * (2 if self._index == 0 else 4)
        slot[self._index] = CommentToken(text, CommentMark(column), None)


# ruamel.yaml has no public API to read or remove the comments that follow a key, so the
# helpers here use its comment slots (``ca.items``: for a mapping key ``[.., .., eol, before
# first item]``, for a sequence item ``[eol, ..]``) as ruamel.yaml 0.18 and 0.19 lay them
# out; pyproject.toml pins that range and :func:`ruamel_layout_problems` (run by the tests)
# says at once if a release moves them.

#: Where ruamel.yaml keeps a mapping key's end-of-line comment, and a sequence item's.
_MAPPING_EOL, _SEQUENCE_EOL = 2, 0


def _comment_slots(holder: CommentedMap | CommentedSeq) -> dict:
    """ruamel.yaml's comment slots of ``holder``, by key or index (an internal of ruamel)."""
    return holder.ca.items


def clear_comments_after_key(mapping: CommentedMap, key: str) -> None:
    """Drop the comment lines between ``key:`` and the first item of a value being replaced.

    >>> doc = YamlDocument.parse("claims:\\n  # old notes\\n  - a\\nother: 1\\n")
    >>> clear_comments_after_key(doc.data, "claims")
    >>> doc.data["claims"] = ["b"]
    >>> print(doc.dumps(), end="")
    claims:
      - b
    other: 1
    """
    slots = _comment_slots(mapping)
    comments = slots.get(key)
    if comments is not None and len(comments) > 3:
        comments[3] = None
        if not any(comments):
            del slots[key]


def ruamel_layout_problems() -> list[str]:
    """How the installed ruamel.yaml differs from the comment layout kg edits; empty if not.

    >>> ruamel_layout_problems()
    []
    """
    problems = []
    data = _round_trip().load("a: 1   # end of a\nb:\n  # before the first item\n  - x  # x\n")
    slots = getattr(getattr(data, "ca", None), "items", None)
    if not isinstance(slots, dict):
        return ["CommentedMap.ca.items is no longer a dict of comment slots"]
    a = slots.get("a")
    if not (
        isinstance(a, list) and len(a) > _MAPPING_EOL and isinstance(a[_MAPPING_EOL], CommentToken)
    ):
        problems.append(f"a mapping key's end-of-line comment is not in slot {_MAPPING_EOL}: {a!r}")
    b = slots.get("b")
    if not (isinstance(b, list) and len(b) > 3 and b[3]):
        problems.append(f"the comments after a key before its first item are not in slot 3: {b!r}")
    x = _comment_slots(data["b"]).get(0)
    if not (isinstance(x, list) and isinstance(x[_SEQUENCE_EOL], CommentToken)):
        problems.append(f"a sequence item's end-of-line comment is not in slot 0: {x!r}")
    elif not hasattr(x[_SEQUENCE_EOL], "start_mark"):
        problems.append("CommentToken has no start_mark")
    return problems


def set_last_key(mapping: CommentedMap, key: str, value: Any) -> None:
    """Set ``key`` of ``mapping``; a new key goes last.

    The comment at the end of the old last line stays on that line; the
    blank lines and comment lines that followed the mapping move below the
    new key, so they still follow the mapping.
    """
    if key in mapping:
        mapping[key] = value
        return
    if not len(mapping):
        mapping[key] = value
        return
    tail = _Tail.of(mapping, next(reversed(mapping)))
    end_of_line, following, column = tail.read()
    mapping[key] = value
    if following:
        tail.write(end_of_line, "", column)
        _Tail.of(mapping, key).write("", following, column)


def remove_key(mapping: CommentedMap, key: str) -> None:
    """Delete ``key`` from ``mapping`` with the comment at the end of its line.

    The blank lines and comment lines that followed it stay where they
    were, after the entry before it.
    """
    keys = list(mapping)
    _end_of_line, following, column = _Tail.of(mapping, key).read()
    _comment_slots(mapping).pop(key, None)
    del mapping[key]
    at = keys.index(key)
    if not following or at == 0:
        return
    before = _Tail.of(mapping, keys[at - 1])
    own_end, own_following, own_column = before.read()
    before.write(own_end, own_following + following, own_column if own_end else column)
