"""The columns of a claims sheet: their names, aliases and help, and the template.

A claims sheet (``kg import``) has the columns of :data:`COLUMNS`; a sheet
that ``kg extract`` wrote also has those of :data:`EXTRACTION_COLUMNS`.
Header names are matched without regard to case, spacing, hyphens,
underscores, a trailing ``*`` or ``:`` or a note in brackets, so
``Time_Scope``, ``time-scope`` and ``Time scope (optional)`` are all the
``time scope`` column (:func:`column_named`).

>>> column_named("Time_Scope"), column_named("Driver"), column_named("colour")
('time scope', 'cause', None)
>>> cell_number("80%"), cell_number("3.0"), cell_number("0,8"), cell_number("n/a")
(0.8, 3, 0.8, 'n/a')
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.authoring.rules import CLAIM_FIELDS
from kg.errors import OutputExists, Phrase
from kg.io import atomic_write, normalise_header

__all__ = [
    "Column",
    "COLUMNS",
    "EXTRACTION_COLUMNS",
    "KEPT_EXTRACTION_COLUMNS",
    "CLAIM_FIELD",
    "column_named",
    "known_columns",
    "cell_number",
    "sheet_template",
    "write_sheet_template",
]

#: The claim fields by name (:data:`kg.authoring.rules.CLAIM_FIELDS`).
CLAIM_FIELD = {f.name: f for f in CLAIM_FIELDS}


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
        return self.field not in ("", "id") and CLAIM_FIELD[self.field].required


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
KEPT_EXTRACTION_COLUMNS = {
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

#: Every name and alias a header may use (normalised), to the column's name.
_LOOKUP = {alias: c.name for c in (*COLUMNS, *EXTRACTION_COLUMNS) for alias in (c.name, *c.aliases)}


def column_named(header: str) -> str | None:
    """The column a header cell names, ``None`` for an unknown one."""
    return _LOOKUP.get(normalise_header(header))


def known_columns() -> list[str]:
    """Every name and alias a header may use, normalised and sorted (for suggestions)."""
    return sorted(_LOOKUP)


def cell_number(text: str) -> Any:
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
            p,
            "already exists",
            Phrase("give another file name, or pass {force:True} to replace it"),
        ),
    )
