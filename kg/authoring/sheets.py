"""Import a spreadsheet of claims (CSV or TSV) into a brief's authoring file.

One row per claim. The columns are those of :data:`COLUMNS`; header names
are matched without regard to case, spacing, hyphens, underscores, a
trailing ``*`` or ``:`` or a note in brackets, so ``Time_Scope``,
``time-scope`` and ``Time scope (optional)`` are all the ``time scope``
column. Blank lines are skipped; quoted cells may hold commas and line
breaks; the file is read as UTF-8 (a byte-order mark is fine), with commas,
semicolons or tabs between cells.

``cause`` and ``effect`` are matched to the factors of ``factors.yaml`` by
label, alternative label or id, as everywhere in kg, as written or else
without trailing punctuation (``GFC.`` is ``GFC``). A name that matches no
factor becomes a new factor, appended to ``factors.yaml`` with
``review: true``, the name as its label, a definition that says it awaits
review, and the group of the row's ``cause group`` / ``effect group`` /
``group`` column or else the ``group`` given to :func:`import_sheet`. Its
id is made from the name and never equals another factor's id, label or
alternative label.

Every row is checked before anything is written, and so are the files about
to be written, read back with kg's own reader. A bad row is reported as
``sheet.csv:LINE: row N: COLUMN: what is wrong; how to fix it`` (a cell
outside the named columns by its position, ``column 9 (I)``) and, if any row
is bad, nothing is written at all (:class:`InvalidSheet`).

>>> text = "Cause, Effect ,SIGN,Modality,Confidence,Locator,Paraphrase\\n"
>>> text += 'Costs,"Jobs, wages",+,hedged,0.6,point 2,Costs may move jobs and wages.\\n\\n'
>>> [(r.number, r.cells["effect"]) for r in read_sheet_text(text).rows]
[(2, 'Jobs, wages')]
>>> print(read_sheet_text("Cause,Effect\\n").problems[0])
sheet.csv:1: row 1: sign: is missing from the header; add the column
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from kg.authoring.reader import factor_index, read_factors, read_observations
from kg.authoring.rules import (
    CLAIM_FIELDS,
    FACTOR_FIELDS,
    SHEET_SURFACE,
    SLUG,
    Invalid,
    check_claim,
    check_fields,
    describe,
    extraction,
)
from kg.authoring.scaffold import (
    YamlDocument,
    brief_scaffold,
    clear_comments_after_key,
    flow_list,
    folded,
)
from kg.datafolder import brief_path as find_brief
from kg.datafolder import writable_data_dir
from kg.errors import (
    AmbiguousFactor,
    BriefExists,
    InvalidData,
    InvalidParameter,
    InvalidSheet,
    OutputExists,
    UnknownFactor,
    UnreadableFile,
)
from kg.io import (
    atomic_write,
    decode_sheet,
    display_path,
    normalise_header,
    sniff_delimiter,
)
from kg.io.limits import ReadLimits, current_limits, read_input
from kg.io.tables import counted
from kg.names import FactorIndex, FactorName, normalise_name
from kg.problems import Problem, ValidationReport
from kg.vocab import GROUPS, factor_iri, parse_sign, slugify

__all__ = [
    "Column",
    "COLUMNS",
    "EXTRACTION_COLUMNS",
    "SheetRow",
    "Sheet",
    "NewFactor",
    "ImportResult",
    "read_sheet_text",
    "sheet_template",
    "write_sheet_template",
    "PLACEHOLDER",
    "import_sheet",
]


_FIELDS = {f.name: f for f in CLAIM_FIELDS}


@dataclass(frozen=True)
class Column:
    """One documented column of a claims spreadsheet.

    ``field`` is the claim field the column fills (see
    :data:`kg.authoring.rules.CLAIM_FIELDS`), empty for a column that only
    helps the import (a new factor's group); a column is required exactly
    when its field is, except ``id``, which the import makes when empty.
    """

    name: str
    help: str
    aliases: tuple[str, ...] = ()
    field: str = ""

    @property
    def required(self) -> bool:
        """Whether every row must fill the column (from the claim field's rule)."""
        return self.field not in ("", "id") and _FIELDS[self.field].required


def _column(name: str, help: str, aliases: tuple[str, ...] = (), field: str | None = None):
    """A column filling the claim field of the same name (spaces for underscores)."""
    field = name.replace(" ", "_") if field is None else field
    return Column(name, help, aliases, field)


#: The columns of a claims spreadsheet, in the order of the template.
COLUMNS: tuple[Column, ...] = (
    _column("cause", "factor that acts: label, alternative label or id", ("from", "driver")),
    _column("effect", "factor acted upon: label, alternative label or id", ("to",)),
    _column(
        "sign",
        "increases, decreases or no_effect (also +, -, up, down, none)",
        ("direction", "polarity"),
    ),
    _column("modality", "asserted, hedged, conditional or reported", ("hedging",)),
    _column("confidence", "number from 0 to 1 (80% is read as 0.8)", ()),
    _column("time scope", "period the claim covers, in words", ("timescope", "period")),
    _column("start year", "first year of the time scope", ()),
    _column("end year", "last year of the time scope", ()),
    _column("point", "number of the brief's point", ("point number",)),
    _column(
        "locator",
        "where in the brief; a bare number or 'point N' fills point",
        ("location", "where"),
    ),
    _column("paraphrase", "the claim in your own words", ("claim", "statement")),
    _column("evidence", "what the brief offers in support, own words", ("evidence note",)),
    _column("attributed to", "whose view a reported claim relays", ("attribution",)),
    _column("reading", "stated (the passage says it) or inferred (you read it in)", ()),
    _column("condition", "when the source says the link holds; needed if conditional", ()),
    _column("supported by", "ids of the brief's observations, ';'-separated", ()),
    _column("cause group", "group of the cause if it is a new factor", (), ""),
    _column("effect group", "group of the effect if it is a new factor", (), ""),
    _column("group", "group of any new factor in the row", ("factor group",), ""),
    _column("id", "claim id (a slug); made from cause and effect if empty", ("claim id",)),
)

#: The columns ``kg extract`` adds to a sheet: the evidence of a machine-proposed claim.
#: A row that fills ``extracted by`` must fill ``accepted by`` (the analyst who checked it);
#: the import keeps them in the claim's ``extraction`` block, the others only help review.
EXTRACTION_COLUMNS: tuple[Column, ...] = (
    Column("accepted by", "your name, once you have checked the proposed claim"),
    Column("in brief", "the claim of the --against brief that already says this"),
    Column("sentence", "the sentence the claim was read from"),
    Column("start", "offset of the sentence's first character in the source's text"),
    Column("end", "offset just after the sentence's last character"),
    Column("source", "the file the sentence comes from"),
    Column("source sha256", "SHA-256 digest of that file"),
    Column("cue", "the cue that fired"),
    Column("cause as written", "the cause phrase as the source wrote it"),
    Column("effect as written", "the effect phrase as the source wrote it"),
    Column("cause match", "how the cause was matched to a factor, or 'new factor'"),
    Column("effect match", "how the effect was matched to a factor, or 'new factor'"),
    Column("sign reason", "how the sign was worked out from the words"),
    Column("modality reason", "the words that gave the modality"),
    Column("extracted by", "the kg version that proposed the claim"),
)
#: Extraction columns kept in the claim's ``extraction`` block, by key.
_EXTRACTION_KEYS = {
    "extracted by": "tool",
    "cue": "cue",
    "accepted by": "accepted_by",
    "sentence": "sentence",
    "source sha256": "source_sha256",
    "start": "start",
    "end": "end",
    "cause as written": "cause_as_written",
    "effect as written": "effect_as_written",
}

#: How the definition of a factor made by ``kg import`` begins, until an analyst writes one.
PLACEHOLDER = "Awaiting review:"

_LOOKUP = {alias: c.name for c in (*COLUMNS, *EXTRACTION_COLUMNS) for alias in (c.name, *c.aliases)}
_POINT = re.compile(r"^(?:point|pt\.?|p\.?)?\s*(\d{1,5})$", re.I)
_POINT_INSIDE = re.compile(r"\bpoint\s+(\d{1,5})\b", re.I)
#: The claim fields read from a cell by their field's parser.
_PARSED = (
    "sign",
    "modality",
    "confidence",
    "paraphrase",
    "time_scope",
    "start_year",
    "end_year",
    "point",
    "attributed_to",
    "reading",
    "condition",
)


# ---------------------------------------------------------------- reading the sheet


@dataclass
class SheetRow:
    """One data row: its spreadsheet row number, first line, and cells by column name."""

    number: int
    line: int
    cells: dict[str, str]


@dataclass
class Sheet:
    """A parsed sheet: its rows, the header as written, and the problems found."""

    rows: list[SheetRow] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # column name -> header as written
    problems: list[Problem] = field(default_factory=list)


def _column_name(index: int) -> str:
    """``column 9 (I)`` for the cell at ``index`` (counted from 0), as a spreadsheet labels it."""
    letters, n = "", index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"column {index + 1} ({letters})"


def read_sheet_text(text: str, path: str = "sheet.csv", limits: ReadLimits | None = None) -> Sheet:
    """Parse the text of a sheet; problems with the header or the cells' layout are collected.

    No row is lost in silence: a quote left open (which would swallow the
    rows after it), a row with fewer or more cells than the header, and a
    sheet longer than ``limits.max_rows`` are problems with their row number.
    """
    sheet = Sheet()
    limits = limits or current_limits()

    def problem(line: int, record: str, column: str, message: str, hint: str = "") -> None:
        sheet.problems.append(Problem(path, line, record, column, message, hint))

    delimiter = sniff_delimiter(text, path)
    # strict: a quote still open at the end of the file is an error, not one long last cell
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str | None] | None = None
    number = 0
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            why = "a quote opened here is never closed" if "end of data" in str(exc) else exc
            problem(
                start,
                f"row {number + 1}",
                "",
                f"cannot be read as CSV: {why}",
                'close the quote, or double a quote inside a quoted cell ("")',
            )
            break
        number += 1
        if number > limits.max_rows:
            problem(
                start,
                f"row {number}",
                "",
                f"the sheet has more than {limits.max_rows:,} rows",
                "split it into several sheets",
            )
            sheet.rows.clear()  # nothing of a sheet past the limit is checked or written
            return sheet
        if not any(c.strip() for c in cells):
            continue
        swallowed = _swallowed_lines(cells, delimiter, len(header or ()))
        if header is not None and swallowed:
            problem(
                start,
                f"row {number}",
                "",
                f"a quoted cell runs over {swallowed} more lines that look like rows",
                "close the quote at the end of its cell",
            )
            continue
        if header is None:
            header = _read_header(cells, number, start, problem, sheet)
            if header is None:
                return sheet
            continue
        extra = [i for i in range(len(header), len(cells)) if cells[i].strip()]
        if extra:
            problem(
                start,
                f"row {number}",
                _column_name(extra[0]),
                f"holds text beyond the header's {len(header)} columns",
                "put a cell holding a comma or semicolon between double quotes, or name the "
                "column in the header row",
            )
            continue
        short = len(header) - len(cells)
        if short > 0 and any(header[len(cells) :]):
            problem(
                start,
                f"row {number}",
                _column_name(len(cells)),
                f"has {len(cells)} cells where the header has {len(header)}",
                "give every row a cell for each column (an empty one where there is nothing)",
            )
            continue
        unnamed = [
            i for i, cell in enumerate(cells[: len(header)]) if header[i] is None and cell.strip()
        ]
        if unnamed:
            problem(
                start,
                f"row {number}",
                _column_name(unnamed[0]),
                "holds text under a column with no header",
                "name the column in the header row (see kg import --template), or clear the cell",
            )
            continue
        row = {
            name: " ".join(cell.split())
            for name, cell in zip(header, cells, strict=False)
            if name is not None and cell.strip()
        }
        sheet.rows.append(SheetRow(number, start, row))
    if header is None:
        problem(1, "row 1", "", "has no header row", "the first row names the columns: " + _names())
    return sheet


def _swallowed_lines(cells: list[str], delimiter: str, columns: int) -> int:
    """How many lines inside the row's cells read as rows of their own: rows a stray quote swallowed.

    A cell may span lines (a long paraphrase); a line inside it that holds
    nearly as many delimiters as a row has is taken for a row.
    """
    least = max(1, columns - 2)
    return sum(
        line.count(delimiter) >= least
        for cell in cells
        if "\n" in cell
        for line in cell.split("\n")[1:]
    )


def _names(required_only: bool = False) -> str:
    return ", ".join(c.name for c in COLUMNS if c.required or not required_only)


def _read_header(cells, number, line, problem, sheet: Sheet) -> list[str | None] | None:
    header: list[str | None] = []
    ok = True
    for cell in cells:
        written = cell.strip().replace("\ufeff", "")
        key = normalise_header(cell)
        if not key:
            header.append(None)
            continue
        name = _LOOKUP.get(key)
        if name is None:
            best = process.extractOne(key, sorted(_LOOKUP), score_cutoff=70)
            hint = f"did you mean {best[0]!r}?" if best else "the columns are: " + _names()
            problem(line, f"row {number}", written, "is not a known column", hint)
            ok = False
            header.append(None)
            continue
        if name in sheet.headers:
            problem(
                line,
                f"row {number}",
                written,
                f"repeats the column {sheet.headers[name]!r}",
                "keep one column of each kind",
            )
            ok = False
        sheet.headers[name] = written
        header.append(name)
    missing = [c.name for c in COLUMNS if c.required and c.name not in sheet.headers]
    if "point" not in sheet.headers and "locator" not in sheet.headers:
        missing.append("locator (or point)")
    for name in missing:
        problem(line, f"row {number}", name, "is missing from the header", "add the column")
        ok = False
    return header if ok else None


def sheet_template() -> str:
    """The header row of an empty claims sheet, every documented column in order.

    >>> sheet_template().split(",")[:5]
    ['cause', 'effect', 'sign', 'modality', 'confidence']
    """
    return ",".join(c.name for c in COLUMNS) + "\r\n"


def write_sheet_template(path: str | os.PathLike, *, force: bool = False) -> Path:
    """Write :func:`sheet_template` to ``path``; an existing file needs ``force``."""
    return atomic_write(
        path,
        sheet_template().encode("utf-8"),
        force=force,
        ours=lambda _p: False,
        refusal=lambda p: OutputExists(
            p, "already exists", "give another file name, or set force to replace it"
        ),
    )


# ---------------------------------------------------------------- errors and results


@dataclass
class NewFactor:
    """A factor that ``kg import`` adds to ``factors.yaml`` for review."""

    id: str
    label: str
    group: str
    rows: list[int] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    column: str = ""  # the column, as headed in the sheet, that first named it
    line: int = 0  # the line of the sheet where it was first named


@dataclass
class ImportResult:
    """What an import did (or, with ``dry_run``, would do)."""

    sheet: Path
    brief_id: str
    brief_path: Path
    factors_path: Path
    claims: list[dict] = field(default_factory=list)
    new_factors: list[NewFactor] = field(default_factory=list)
    matched: dict[str, str] = field(default_factory=dict)  # name in the sheet -> factor id
    brief_status: str = "new"  # "new", "filled" (a kg new skeleton) or "replaced"
    written: bool = False

    def summary(self) -> str:
        """Lines for the terminal: what was written, the new factors and the names matched."""
        verb = "Wrote" if self.written else "Would write"
        what = {
            "new": "a new brief file",
            "filled": "the brief skeleton",
            "replaced": "the brief's claims",
        }[self.brief_status]
        lines = [
            f"{verb} {counted(len(self.claims), 'claim')} from {display_path(self.sheet)} to "
            f"{display_path(self.brief_path)} ({what})."
        ]
        if self.new_factors:
            lines.append(
                f"{verb} {counted(len(self.new_factors), 'new factor')} to "
                f"{display_path(self.factors_path)}, "
                "marked `review: true`; give each a definition, or link it with `kg link`:"
            )
            for factor in self.new_factors:
                rows = _rows_text(factor.rows)
                close = (
                    "; close to " + ", ".join(repr(s) for s in factor.suggestions)
                    if factor.suggestions
                    else ""
                )
                lines.append(f"  {factor.id}: {factor.label!r} ({factor.group}; {rows}){close}")
        if self.matched:
            lines.append(
                "Names matched to existing factors by alternative label, or without trailing "
                "punctuation:"
            )
            for name, fid in sorted(self.matched.items()):
                lines.append(f"  {name!r} -> {fid}")
        if self.brief_status == "new":
            lines.append(
                "Fill in the brief block (title, authors, publisher, date) of "
                f"{display_path(self.brief_path)}, then run `kg validate`."
            )
        else:
            lines.append("Run `kg validate` to check the result.")
        return "\n".join(lines)


# ---------------------------------------------------------------- the import


def _rows_text(rows: list[int]) -> str:
    """``row 4`` or ``rows 2, 5`` (at most five listed)."""
    listed = ", ".join(str(r) for r in rows[:5]) + (", ..." if len(rows) > 5 else "")
    return ("row " if len(rows) == 1 else "rows ") + listed


def _group(text: str) -> str | None:
    key = " ".join(re.split(r"[\s_\-]+", text.casefold())).strip()
    return key if key in GROUPS else None


def _ascii_slug(text: str, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = slugify(ascii_text)
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def _unique_id(base: str, taken: set[str], names: frozenset[str] | set[str] = frozenset()) -> str:
    """``base``, or ``base-2``, ``base-3`` ...: the first that is not in ``taken`` and, once
    normalised, not in ``names`` (an id also names its factor, so it may not equal another
    factor's label or alternative label)."""
    ident, n = base, 2
    while ident in taken or normalise_name(ident) in names:
        ident = f"{base}-{n}"
        n += 1
    taken.add(ident)
    return ident


#: Punctuation that a cell may end with by accident (``GFC.``, ``Urban poverty!``).
_TRAILING_PUNCTUATION = re.compile(r"[\s.,;:!?]+$")


def _number(text: str) -> Any:
    """A cell as a number where it looks like one (``3``, ``3.0``, ``0,8``, ``80%``)."""
    cleaned = text.strip().replace("\u2212", "-")
    percent = cleaned.endswith("%")
    cleaned = cleaned.rstrip("%").strip()
    if re.fullmatch(r"-?\d+,\d+", cleaned):
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return text
    if percent:
        return value / 100
    return int(value) if value.is_integer() else value  # spreadsheets write 3 as 3.0


class _Rows:
    """Turns sheet rows into claim entries, collecting problems and new factors."""

    def __init__(
        self,
        path: str,
        factors: dict,
        default_group: str | None,
        brief_id: str,
        confirmed: Iterable[str] = (),
    ):
        self.path = path
        self.problems: list[Problem] = []
        self.names: FactorIndex = factor_index(factors)
        self.factors = factors
        # New factor names the caller confirmed (``new_factors``): never taken for typos.
        self.confirmed = {normalise_name(n) for n in confirmed}
        self.taken_factor_ids = set(factors)
        # Every name of every factor, normalised: a new id may not equal any of them.
        self.taken_names = {
            normalise_name(n) for f in factors.values() for n in (f.label, *f.alt_labels)
        }
        self.new: dict[str, NewFactor] = {}  # normalised name -> new factor
        self.default_group = default_group
        self.matched: dict[str, str] = {}
        self.brief_id = brief_id

    def problem(self, row: SheetRow, column: str, message: str, hint: str = "") -> None:
        self.problems.append(
            Problem(self.path, row.line, f"row {row.number}", column, message, hint)
        )

    def factor(self, row: SheetRow, role: str, header: str, group_headers: dict) -> str | None:
        name = row.cells.get(role)
        if name is None:
            return None
        # The name as written, then without trailing punctuation (`GFC.` is `GFC`).
        spellings = [name]
        trimmed = _TRAILING_PUNCTUATION.sub("", name)
        if trimmed and trimmed != name:
            spellings.append(trimmed)
        suggestions: list[str] = []
        for text in spellings:
            if normalise_name(text) in self.new:  # a factor this import makes, named again
                return self._new_factor(row, role, header, text, [], group_headers)
            try:
                found = self.names.resolve(text)
            except AmbiguousFactor as exc:
                self.problem(
                    row,
                    header,
                    f"{name!r} names several factors",
                    "use one of: " + ", ".join(exc.candidates),
                )
                return None
            except UnknownFactor as exc:
                suggestions = suggestions or exc.suggestions
                continue
            if normalise_name(name) not in (normalise_name(found.id), normalise_name(found.label)):
                self.matched[name] = found.id
            return found.id
        return self._new_factor(row, role, header, name, suggestions, group_headers)

    def _new_factor(self, row, role, header, name, suggestions, group_headers) -> str | None:
        key = normalise_name(name)
        column = f"{role} group" if f"{role} group" in row.cells else "group"
        group_text = row.cells.get(column)
        group_header = group_headers.get(column, column)
        group = None
        if group_text is not None:
            group = _group(group_text)
            if group is None:
                self.problem(
                    row,
                    group_header,
                    f"{group_text!r} is not a group",
                    "use one of: " + ", ".join(GROUPS),
                )
                return None
        if key in self.new:
            existing = self.new[key]
            if group is not None and group != existing.group:
                self.problem(
                    row,
                    group_header,
                    f"gives new factor {existing.label!r} the group {group!r}, but row "
                    f"{existing.rows[0]} gave it {existing.group!r}",
                    "give a new factor one group",
                )
                return None
            if row.number not in existing.rows:
                existing.rows.append(row.number)
            return existing.id
        typo = None if key in self.confirmed else self._near_miss(key)
        if typo is not None:
            self.problem(
                row,
                header,
                f"{name!r} is not a known factor, but is within {typo[1]} "
                f"{'letter' if typo[1] == 1 else 'letters'} of {typo[0]!r}",
                f"write {typo[0]!r} if that is the factor meant; if it is a new factor, "
                "confirm the name as a new factor (new_factors)",
            )
            return None
        group = group or self.default_group
        if group is None:
            self.problem(
                row,
                header,
                f"{name!r} is not a known factor, and a new factor needs a group",
                f"add a '{role} group' or 'group' column, or give a default group; or use an "
                "existing "
                "factor"
                + (" such as " + ", ".join(repr(s) for s in suggestions) if suggestions else ""),
            )
            return None
        base = _ascii_slug(name)
        if not base or not name.isascii():
            # Letters outside ASCII drop out of ids; a short digest keeps the id distinct.
            digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:6]
            base = f"{base or 'factor'}-{digest}"
        ident = _unique_id(base, self.taken_factor_ids, self.taken_names)
        self.taken_names.add(key)
        close = [s for s in suggestions if fuzz.token_sort_ratio(key, normalise_name(s)) >= 70]
        self.new[key] = NewFactor(ident, name, group, [row.number], close, header, row.line)
        self.names.add(FactorName(str(factor_iri(ident)), name, ()))
        return ident

    def _near_miss(self, key: str) -> tuple[str, int] | None:
        """The label of the existing factor one of whose names ``key`` nearly spells, and how
        many letters apart they are: at most 1 for names of up to 8 letters, else 2."""
        limit = 1 if len(key) <= 8 else 2
        best: tuple[str, int] | None = None
        for factor in self.factors.values():
            for text in (factor.label, factor.id, *factor.alt_labels):
                distance = Levenshtein.distance(key, normalise_name(text), score_cutoff=limit)
                if distance <= limit and (best is None or distance < best[1]):
                    best = (factor.label, distance)
        return best

    def value(self, row: SheetRow, column: str, header: str, field_name: str | None = None) -> Any:
        text = row.cells.get(column)
        if text is None:
            return None
        parse = _FIELDS[field_name or column.replace(" ", "_")].parse
        raw: Any = text
        if column in ("confidence", "start year", "end year", "point"):
            raw = _number(text)
        elif column == "sign":
            raw = parse_sign(text) or text
        try:
            return parse(raw)
        except Invalid as bad:
            hint = bad.hint
            if column == "sign":
                hint = "write increases, decreases or no_effect (or +, -, none)"
            elif column == "confidence":
                hint = "write a number from 0 to 1, e.g. 0.8 or 80%"
            self.problem(row, header, bad.message, hint)
            return None


def _claim_entries(
    sheet: Sheet, rows: _Rows, taken_ids: set[str], observations: set[str]
) -> list[dict]:
    """The rows as claim entries, checked by the claim fields and :data:`CLAIM_RULES`.

    ``taken_ids`` are ids already used in the brief; ``observations`` the
    ids of its observations that a claim may cite.
    """
    headers = sheet.headers

    def header(field_name: str) -> str:
        """The sheet's heading for a claim field (a missing place: the locator's column)."""
        names = ("locator", "point") if field_name == "point" else (field_name.replace("_", " "),)
        return next((headers[n] for n in names if n in headers), names[0])

    claims: list[dict] = []
    for row in sheet.rows:
        before = len(rows.problems)
        entry: dict[str, Any] = {"_row": row.number, "_line": row.line}
        for column in COLUMNS:
            if column.required and column.name not in row.cells:
                rows.problem(row, headers[column.name], "is empty", column.help)
        cause = rows.factor(row, "cause", headers.get("cause", "cause"), headers)
        effect = rows.factor(row, "effect", headers.get("effect", "effect"), headers)
        for column in COLUMNS:
            if column.field in _PARSED and column.name in headers:
                value = rows.value(row, column.name, headers[column.name], column.field)
                if value is not None:
                    entry[column.field] = value
        locator = row.cells.get("locator")
        if locator is not None:
            bare = _POINT.match(locator)
            if bare:
                point = int(bare.group(1))
                if entry.get("point") not in (None, point):
                    rows.problem(
                        row,
                        headers["locator"],
                        f"says point {point} but the point column says {entry['point']}",
                        "make them agree",
                    )
                entry["point"] = point
            else:
                entry["locator"] = locator
                inside = _POINT_INSIDE.search(locator)
                if inside and "point" not in entry:
                    entry["point"] = int(inside.group(1))
        if "point" not in entry and "locator" in entry:
            rows.problem(
                row,
                headers["locator"],
                f"{entry['locator']!r} gives no point number",
                "every claim cites a numbered point: add a 'point' column, or write e.g. "
                "'Section 2, point 3'",
            )
        if "evidence" in row.cells:
            entry["evidence"] = row.cells["evidence"]
        _extraction_entry(row, rows, headers, entry)
        if "supported by" in row.cells:
            ids = [s for s in re.split(r"[;,\s]+", row.cells["supported by"]) if s]
            try:
                entry["supported_by"] = list(_FIELDS["supported_by"].parse(ids))
            except Invalid as bad:
                rows.problem(row, headers["supported by"], bad.message, bad.hint)
        # The rules between fields, as for a claim of a YAML file.
        checked = dict(entry, cause=cause, effect=effect)
        for v in check_claim(checked, SHEET_SURFACE, {"observations": observations}):
            rows.problem(row, header(v.field), v.message, v.hint)
        ident = row.cells.get("id")
        if ident is not None:
            if not SLUG.match(ident):
                rows.problem(
                    row,
                    headers["id"],
                    f"{ident!r} is not a valid id",
                    "use lower-case letters, digits and hyphens",
                )
            elif ident in taken_ids:
                rows.problem(
                    row,
                    headers["id"],
                    f"{ident!r} is already used in this brief",
                    "give each claim its own id",
                )
            else:
                taken_ids.add(ident)
                entry["id"] = ident
        if len(rows.problems) > before:
            continue
        entry["cause"], entry["effect"] = cause, effect
        claims.append(entry)
    # Ids made from cause and effect once every given id is known.
    for entry in claims:
        if "id" not in entry:
            base = _ascii_slug(f"{entry['cause']} {entry['sign']} {entry['effect']}", 70)
            entry["id"] = _unique_id(base, taken_ids)
    return claims


def _extraction_entry(row: SheetRow, rows: _Rows, headers: dict, entry: dict) -> None:
    """The ``extraction`` block of a row that ``kg extract`` proposed (``extracted by`` filled)."""
    if "extracted by" not in row.cells:
        return
    if "accepted by" not in row.cells:
        rows.problem(
            row,
            headers.get("accepted by", "accepted by"),
            "is empty for a machine-proposed claim",
            "check the claim against its sentence, then write your name here (or delete the row)",
        )
        return
    block = {
        key: _number(row.cells[column]) if key in ("start", "end") else row.cells[column]
        for column, key in _EXTRACTION_KEYS.items()
        if column in row.cells
    }
    try:
        entry["extraction"] = extraction(block)
    except Invalid as bad:
        column = _column_at_fault(block)
        rows.problem(row, headers.get(column, column), bad.message, bad.hint)


#: A value each extraction key takes, to try the row's values one at a time.
_GOOD_EXTRACTION = {"start": 0, "end": 10**9, "source_sha256": "0" * 64}


def _column_at_fault(block: dict) -> str:
    """The column whose value makes ``block`` invalid: each is tried alone among good values.

    When none is wrong alone, the fault is between them (an end before its
    start), and ``end`` is named.
    """
    good = {key: _GOOD_EXTRACTION.get(key, "x") for key in _EXTRACTION_KEYS.values()}
    for column, key in _EXTRACTION_KEYS.items():
        if key in block:
            try:
                extraction({**good, key: block[key]})
            except Invalid:
                return column
    return "end"


_ORDER = (
    "id",
    "point",
    "locator",
    "cause",
    "effect",
    "sign",
    "modality",
    "confidence",
    "time_scope",
    "start_year",
    "end_year",
    "paraphrase",
    "evidence",
    "supported_by",
    "attributed_to",
    "reading",
    "condition",
    "extraction",
)


def _claims_yaml(claims: list[dict], sheet_name: str, indent: int = 2) -> CommentedSeq:
    """The claims as a YAML sequence, each under a comment naming its row; ``indent`` is the
    column of the sequence's dashes."""
    seq = CommentedSeq()
    for i, entry in enumerate(claims):
        item = CommentedMap()
        for key in _ORDER:
            if key not in entry:
                continue
            value = entry[key]
            if key in ("paraphrase", "locator", "time_scope", "attributed_to", "condition"):
                value = folded(value)
            elif key == "evidence":
                value = [folded(value)]
            elif key == "supported_by":
                value = flow_list(value)
            elif key == "extraction":
                value = CommentedMap(
                    (k, folded(v) if k == "sentence" else v) for k, v in value.items()
                )
            item[key] = value
        seq.append(item)
        seq.yaml_set_comment_before_after_key(
            i, before=("\n" if i else "") + f"Row {entry['_row']} of {sheet_name}", indent=indent
        )
    return seq


def _new_factor_entry(factor: NewFactor, sheet: str, brief_id: str) -> dict[str, Any]:
    """The fields of a factor the import adds, before they become YAML."""
    return {
        "id": factor.id,
        "label": factor.label,
        "definition": (
            f"{PLACEHOLDER} added by kg import from {sheet} ({_rows_text(factor.rows)}) for "
            f"brief {brief_id}. Replace this with what the factor is and which direction counts "
            "as more of it."
        ),
        "group": factor.group,
        "review": True,
    }


def _check_new_factors(
    new: Iterable[NewFactor], sheet: str, brief_id: str, shown: str
) -> list[Problem]:
    """Check the factors about to be added against :data:`FACTOR_FIELDS`, by sheet row."""
    problems = []
    for factor in new:
        _values, violations = check_fields(
            _new_factor_entry(factor, sheet, brief_id), FACTOR_FIELDS
        )
        for v in violations:
            problems.append(
                Problem(
                    shown,
                    factor.line,
                    f"row {factor.rows[0]}",
                    factor.column,
                    f"new factor {factor.label!r} ({v.field} {factor.id!r}): {v.message}",
                    "use the existing factor's name, or write the name differently",
                )
            )
    return problems


def _factor_entries(
    document: YamlDocument, new: Iterable[NewFactor], sheet: str, brief_id: str
) -> None:
    factors = document.data.get("factors")
    if not isinstance(factors, CommentedSeq):  # what ruamel.yaml reads a YAML sequence as
        raise UnreadableFile(
            f"{display_path(document.path or 'factors.yaml')} has no `factors:` list",
            "run `kg validate` and fix the file",
        )
    if not factors:
        factors.fa.set_block_style()  # `factors: []`, as `kg init` writes it, grows as a block
    for n, factor in enumerate(new):
        item = CommentedMap()
        for key, value in _new_factor_entry(factor, sheet, brief_id).items():
            item[key] = folded(value) if key == "definition" else value
        factors.append(item)
        note = (
            f"\n--- Added by kg import from {sheet} for brief {brief_id}; review each, "
            "then remove `review: true` ---"
            if n == 0
            else "\n"
        )
        factors.yaml_set_comment_before_after_key(
            len(factors) - 1, before=note, indent=document.indent[2]
        )


def _check_brief_shape(document: YamlDocument, path: Path) -> None:
    """Refuse a brief file that is not a mapping: kg cannot tell what in it to keep."""
    if isinstance(document.data, dict):
        return
    shown = display_path(path)
    if document.data is None:
        raise UnreadableFile(
            f"{shown} is empty, so it holds no brief block to keep",
            "remove it (kg import then starts a new brief) or start it again with `kg new`",
        )
    raise UnreadableFile(
        f"{shown} holds {describe(document.data)}, not a brief "
        "(`brief:`, `observations:` and `claims:` at the top level)",
        "fix or remove it, then import again",
    )


def _is_empty_brief(document: YamlDocument) -> bool:
    data = document.data
    return isinstance(data, dict) and not data.get("claims") and not data.get("observations")


def import_sheet(
    sheet_path: str | os.PathLike,
    brief_id: str,
    data_dir: str | os.PathLike | None = None,
    *,
    group: str | None = None,
    new_factors: Iterable[str] = (),
    force: bool = False,
    dry_run: bool = False,
) -> ImportResult:
    """Turn a spreadsheet of claims into ``briefs/<brief_id>.yaml`` (``kg import``).

    Every row is checked with the rules a claim of a YAML file obeys
    (:mod:`kg.authoring.rules`) before anything is written; the files are
    not read back.

    Parameters
    ----------
    sheet_path : path
        A CSV or TSV file, one claim per row, with the columns of :data:`COLUMNS`.
    brief_id : str
        The brief the claims belong to. If its file exists and holds no
        claims or observations (as ``kg new`` writes it), the claims are
        filled in and its brief block kept. A file with claims or
        observations is only changed with ``force``: its claims are replaced
        and its brief block and observations kept. Otherwise a new file is
        written with the brief block left to fill in.
    data_dir : path, optional
        The data folder (default ``./data``).
    group : str, optional
        Group of new factors whose row has no group column.
    new_factors : iterable of str
        Names confirmed as new factors. A name that no factor has but that
        is within a letter or two of an existing factor's name (a typo such
        as ``Hinterland economic takeof``) is refused as a sheet problem
        naming the factor it is close to, unless it is listed here.
    force : bool
        Replace the claims of a brief file that already has some.
    dry_run : bool
        Check everything and report, but write nothing.

    Returns
    -------
    ImportResult

    Raises
    ------
    InvalidSheet
        Some rows are bad; every problem is listed and nothing is written.
    BriefExists
        The brief already has claims or observations and ``force`` is not set.
    InvalidParameter
        ``brief_id`` is not an id, or ``group`` not a group.
    """
    if not SLUG.match(brief_id):
        raise InvalidParameter(
            f"{brief_id!r} is not a valid brief id", "use lower-case letters, digits and hyphens"
        )
    default_group = None
    if group is not None:
        default_group = _group(group)
        if default_group is None:
            raise InvalidParameter(
                f"group {group!r} is not a group", "use one of: " + ", ".join(GROUPS)
            )
    data = writable_data_dir(data_dir)
    sheet_path = Path(sheet_path)
    raw, shown = read_input(sheet_path)
    text = decode_sheet(raw, shown)

    brief_path = find_brief(data, brief_id)  # the existing file, .yaml or .yml, else <id>.yaml
    existing = YamlDocument.read(brief_path) if brief_path.exists() else None
    status = "new"
    if existing is not None:
        _check_brief_shape(existing, brief_path)
        if _is_empty_brief(existing):
            status = "filled"
        elif not force:
            raise BriefExists(display_path(brief_path))
        else:
            status = "replaced"

    factor_problems: list[Problem] = []
    factors, *_ = read_factors(data / "factors.yaml", factor_problems)
    if factor_problems:
        raise InvalidData(
            ValidationReport(sorted(factor_problems), [display_path(data / "factors.yaml")])
        )

    sheet = read_sheet_text(text, shown)
    rows = _Rows(shown, factors, default_group, brief_id, new_factors)
    taken: set[str] = set()
    citable: set[str] = set()
    if existing is not None and isinstance(existing.data, dict):
        for item in existing.data.get("observations") or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                taken.add(item["id"])
        # Only observations that pass the checks may be cited (the others are not read).
        citable = {o.id for o in read_observations(brief_path, factor_index(factors))}
    claims = _claim_entries(sheet, rows, taken, citable)
    problems = sheet.problems + rows.problems
    problems += _check_new_factors(rows.new.values(), sheet_path.name, brief_id, shown)
    if not problems and not claims:
        problems.append(
            Problem(
                shown, 1, "row 1", "", "holds no claims", "add one row per claim under the header"
            )
        )
    if problems:
        raise InvalidSheet(
            ValidationReport(sorted(set(problems), key=lambda p: (p.line, p.field)), [shown])
        )

    result = ImportResult(
        sheet=sheet_path,
        brief_id=brief_id,
        brief_path=brief_path,
        factors_path=data / "factors.yaml",
        claims=claims,
        new_factors=list(rows.new.values()),
        matched=rows.matched,
        brief_status=status,
    )
    factors_doc = YamlDocument.read(data / "factors.yaml")
    if result.new_factors:
        _factor_entries(factors_doc, result.new_factors, sheet_path.name, brief_id)
    brief_doc = (
        existing
        if existing is not None
        else YamlDocument.parse(brief_scaffold(brief_id), brief_path)
    )
    _replace_claims(brief_doc, _claims_yaml(claims, sheet_path.name, brief_doc.indent[2]))
    factors_text, brief_text = factors_doc.dumps(), brief_doc.dumps()
    if dry_run:
        return result

    original = (data / "factors.yaml").read_bytes()
    if result.new_factors:
        factors_doc.save(factors_text)
    try:
        atomic_write(brief_path, brief_text.encode("utf-8"), force=True, ours=lambda _p: True)
    except BaseException:
        if result.new_factors:
            atomic_write(data / "factors.yaml", original, ours=lambda _p: True)
        raise
    result.written = True
    return result


def _replace_claims(document: YamlDocument, claims: CommentedSeq) -> None:
    """Set the brief's claims, dropping the comments of the claims replaced.

    The comment lines between ``claims:`` and the first claim belong to the
    old claims (``# Row N of old.csv``, notes on them) and go with them; the
    comments of the brief block and the observations stay.
    """
    clear_comments_after_key(document.data, "claims")
    document.data["claims"] = claims
