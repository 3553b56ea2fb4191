"""The output of ``kg extract``: the sheet that ``kg import`` reads, as CSV or JSON.

The CSV's columns are those of :data:`SHEET_COLUMNS`: the import's columns
that an extraction fills, then the review columns (``accepted by`` first,
for the analyst's name), then the evidence of each candidate
(:data:`kg.authoring.sheets.EXTRACTION_COLUMNS`). A text cell that a
spreadsheet would run as a formula is written with a leading ``'``. A file
kg did not write is never replaced without ``force``.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from kg.authoring.sheet_columns import EXTRACTION_COLUMNS
from kg.errors import InvalidParameter, OutputExists
from kg.extract.extractor import Extraction
from kg.io import atomic_write, spreadsheet_cell
from kg.io.files import read_prefix

__all__ = ["SHEET_COLUMNS", "FORMATS", "sheet_text", "json_text", "render", "write_extraction"]

#: The columns of an extracted sheet, in order.
SHEET_COLUMNS: tuple[str, ...] = (
    "cause",
    "effect",
    "sign",
    "modality",
    "confidence",
    "point",
    "locator",
    "paraphrase",
    "evidence",
    "attributed to",
    "reading",
    "condition",
    *(c.name for c in EXTRACTION_COLUMNS),
)
FORMATS = ("csv", "json")


def sheet_text(extraction: Extraction) -> str:
    """The candidates as CSV, one row each under the header."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(SHEET_COLUMNS)
    for row in extraction.rows():
        writer.writerow([spreadsheet_cell(row[c]) for c in SHEET_COLUMNS])
    return out.getvalue()


def json_text(extraction: Extraction) -> str:
    """The candidates as one JSON object: the source, then one object per candidate."""
    source = extraction.source
    document = {
        "source": source.path,
        "kind": source.kind,
        "source_sha256": source.digest,
        "brief": extraction.brief_id,
        "sentences": extraction.sentences,
        "candidates": [
            {key.replace(" ", "_"): value for key, value in row.items()}
            for row in extraction.rows()
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render(extraction: Extraction, fmt: str = "csv") -> str:
    """The extraction in ``fmt`` (``csv`` or ``json``)."""
    if fmt not in FORMATS:
        raise InvalidParameter(f"format {fmt!r} is not known", "use csv or json")
    return sheet_text(extraction) if fmt == "csv" else json_text(extraction)


def _extracted_by_kg(path: Path) -> bool:
    """Whether ``path`` holds an extracted sheet (its header) or JSON that kg wrote."""
    try:
        start = read_prefix(path, 4096).decode("utf-8", errors="replace")
    except OSError:
        return False
    return (
        start.startswith(",".join(SHEET_COLUMNS) + "\r\n")
        or (start.startswith('{\n  "source": ') and '"candidates"' in start) is True
    )


def write_extraction(
    extraction: Extraction, path: str | os.PathLike, fmt: str | None = None, *, force: bool = False
) -> Path:
    """Write the extraction to ``path`` atomically (format from ``fmt``, else the suffix).

    A file that is not an extraction kg wrote is only replaced with ``force``.
    """
    path = Path(path)
    fmt = fmt or ("json" if path.suffix.lower() == ".json" else "csv")
    text = render(extraction, fmt)
    return atomic_write(
        path,
        text.encode("utf-8"),
        force=force,
        ours=_extracted_by_kg,
        refusal=lambda p: OutputExists(p, "exists and is not a sheet that kg extract wrote"),
    )
