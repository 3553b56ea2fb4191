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
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString

from kg.authoring.reader import SLUG, display_path
from kg.errors import DataNotFound, KgError
from kg.rdf.writers import atomic_write

__all__ = [
    "brief_scaffold",
    "new_brief",
    "writable_data_dir",
    "YamlDocument",
    "folded",
    "flow_list",
    "set_last_key",
]


def writable_data_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """The data folder a command may write to: ``data_dir``, else ``./data``.

    Unlike reading commands, writing commands never fall back to the briefs
    shipped inside kg; the folder must hold a ``factors.yaml``.
    """
    folder = Path(data_dir) if data_dir is not None else Path("data")
    if not (folder / "factors.yaml").is_file():
        where = "here" if data_dir is None else str(folder)
        raise DataNotFound(
            f"no factors.yaml in {display_path(folder)} ({where}); pass --data with the folder "
            "of your authoring files"
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
        raise KgError(
            f"{brief_id!r} is not a valid brief id; use lower-case letters, digits and single "
            "hyphens, e.g. eai-bb-1361"
        )
    folder = writable_data_dir(data_dir)
    path = folder / "briefs" / f"{brief_id}.yaml"
    text = brief_scaffold(brief_id, **metadata)
    return atomic_write(path, text.encode("utf-8"), force=force, ours=lambda _p: False)


# ---------------------------------------------------------------- round-trip editing


def _round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the analyst's lines
    yaml.indent(mapping=2, sequence=4, offset=2)
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

    @classmethod
    def parse(cls, text: str, path: Path | None = None) -> YamlDocument:
        """Load ``text`` for round-trip editing."""
        try:
            data = _round_trip().load(text)
        except YAMLError as exc:
            where = display_path(path) if path else "the text"
            raise KgError(f"{where} is not valid YAML ({exc}); run `kg validate`") from None
        return cls(data, path, hashlib.sha256(text.encode("utf-8")).hexdigest())

    @classmethod
    def read(cls, path: str | os.PathLike) -> YamlDocument:
        """Load the file at ``path`` for round-trip editing."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataNotFound(f"{display_path(path)} cannot be read: {exc}") from None
        return cls.parse(text, path)

    def dumps(self) -> str:
        """The edited document as text."""
        stream = io.StringIO()
        _round_trip().dump(self.data, stream)
        return stream.getvalue()

    def save(self, text: str | None = None) -> Path:
        """Write the document (or ``text``) back atomically, unless the file changed since it was read."""
        if self.path is None:
            raise KgError("this document has no file to save to")
        try:
            current = hashlib.sha256(self.path.read_bytes()).hexdigest()
        except OSError:
            current = ""
        if current != self.digest:
            raise KgError(
                f"{display_path(self.path)} changed while kg was editing it; nothing was "
                "written, run the command again"
            )
        data = (self.dumps() if text is None else text).encode("utf-8")
        return atomic_write(self.path, data, ours=lambda _p: True)


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


def set_last_key(mapping: CommentedMap, key: str, value: Any) -> None:
    """Set ``key`` of ``mapping``; a new key goes last, and the blank line that ended the mapping stays after it."""
    if key in mapping:
        mapping[key] = value
        return
    last = next(reversed(mapping), None) if len(mapping) else None
    trailing = mapping.ca.items.pop(last, None) if last is not None else None
    mapping[key] = value
    if trailing is not None:
        mapping.ca.items[key] = trailing
