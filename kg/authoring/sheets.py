"""Import a spreadsheet of claims (CSV or TSV) into a brief's authoring file (``kg import``).

One row per claim, in the columns of
:data:`kg.authoring.sheet_columns.COLUMNS`. :func:`import_sheet` puts the
steps together, each in a module of its own:

1. :mod:`~kg.authoring.sheet_reading` reads the CSV text into rows of cells
   by column;
2. :mod:`~kg.authoring.sheet_factors` resolves each cause and effect to a
   factor of ``factors.yaml``, or makes it a new factor awaiting review;
3. :mod:`~kg.authoring.sheet_claims` assembles each row into a claim,
   checked by the rules a claim of a YAML file obeys;
4. :mod:`~kg.authoring.sheet_writing` writes the claims into the brief file
   and the new factors into ``factors.yaml``.

Every row is checked before anything is written; if any row is bad,
nothing is written at all (:class:`~kg.errors.InvalidSheet`, every problem
listed as ``sheet.csv:LINE: row N: COLUMN: what is wrong; how to fix it``).
The factor scheme about to be written is read back with kg's own reader
before it is written; the brief file is not (see
:mod:`~kg.authoring.sheet_writing`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.authoring.model import Factor
from kg.authoring.reader import factor_index, read_factors, read_observations
from kg.authoring.rules import SLUG
from kg.authoring.scaffold import YamlDocument, brief_scaffold
from kg.authoring.sheet_claims import RowProblems, claim_entries
from kg.authoring.sheet_factors import (
    FactorResolver,
    NewFactor,
    check_new_factors,
    parse_group,
    rows_text,
)
from kg.authoring.sheet_reading import read_sheet_text
from kg.authoring.sheet_writing import (
    add_new_factors,
    check_brief_shape,
    claims_yaml,
    is_empty_brief,
    replace_claims,
    write_import,
)
from kg.datafolder import brief_path as find_brief
from kg.datafolder import factors_path, writable_data_dir
from kg.errors import BriefExists, InvalidData, InvalidParameter, InvalidSheet, Phrase
from kg.io import decode_sheet, display_path
from kg.io.limits import read_input
from kg.io.tables import counted
from kg.problems import Problem, ValidationReport
from kg.vocab import GROUPS

__all__ = ["ImportResult", "import_sheet"]


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
                close = (
                    "; close to " + ", ".join(repr(s) for s in factor.suggestions)
                    if factor.suggestions
                    else ""
                )
                lines.append(
                    f"  {factor.id}: {factor.label!r} ({factor.group}; "
                    f"{rows_text(factor.rows)}){close}"
                )
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
    (:mod:`kg.authoring.rules`) before anything is written; the factor
    scheme about to be written is read back with kg's own reader, the brief
    file is not.

    Parameters
    ----------
    sheet_path : path
        A CSV or TSV file, one claim per row, with the columns of
        :data:`~kg.authoring.sheet_columns.COLUMNS`.
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
    default_group = _default_group(group)
    data = writable_data_dir(data_dir)
    sheet_path = Path(sheet_path)
    raw, shown = read_input(sheet_path)
    text = decode_sheet(raw, shown)
    brief_path = find_brief(data, brief_id)  # the existing file, .yaml or .yml, else <id>.yaml
    existing, status = _existing_brief(brief_path, force)
    factors = _read_scheme(data)

    sheet = read_sheet_text(text, shown)
    problems = RowProblems(shown)
    resolver = FactorResolver(factors, default_group, new_factors, problems.report)
    taken, citable = _brief_ids(existing, brief_path, factors)
    claims = claim_entries(sheet, resolver, problems, taken, citable)
    new = list(resolver.new.values())
    found = sheet.problems + problems.problems
    found += check_new_factors(new, sheet_path.name, brief_id, shown)
    if not found and not claims:
        found.append(
            Problem(
                shown, 1, "row 1", "", "holds no claims", "add one row per claim under the header"
            )
        )
    if found:
        raise InvalidSheet(
            ValidationReport(sorted(set(found), key=lambda p: (p.line, p.field)), [shown])
        )

    factors_doc = YamlDocument.read(factors_path(data))
    if new:
        add_new_factors(factors_doc, new, sheet_path.name, brief_id)
    brief_doc = existing or YamlDocument.parse(brief_scaffold(brief_id), brief_path)
    replace_claims(brief_doc, claims_yaml(claims, sheet_path.name, brief_doc.indent[2]))
    write_import(brief_doc, factors_doc, new, dry_run=dry_run)
    return ImportResult(
        sheet=sheet_path,
        brief_id=brief_id,
        brief_path=brief_path,
        factors_path=factors_path(data),
        claims=claims,
        new_factors=new,
        matched=resolver.matched,
        brief_status=status,
        written=not dry_run,
    )


def _default_group(group: str | None) -> str | None:
    """The group ``group`` names, ``None`` when not given."""
    if group is None:
        return None
    found = parse_group(group)
    if found is None:
        raise InvalidParameter(
            Phrase("{group} {value!r} is not a group", value=group),
            "use one of: " + ", ".join(GROUPS),
        )
    return found


def _existing_brief(path: Path, force: bool) -> tuple[YamlDocument | None, str]:
    """The brief file already there (or ``None``), and what the import does to it:
    ``"new"``, ``"filled"`` (a skeleton) or ``"replaced"`` (only with ``force``)."""
    if not path.exists():
        return None, "new"
    existing = YamlDocument.read(path)
    check_brief_shape(existing, path)
    if is_empty_brief(existing):
        return existing, "filled"
    if not force:
        raise BriefExists(display_path(path))
    return existing, "replaced"


def _read_scheme(data: Path) -> dict[str, Factor]:
    """The factors of the folder's scheme, which must read with no problem."""
    problems: list[Problem] = []
    factors, *_ = read_factors(factors_path(data), problems)
    if problems:
        raise InvalidData(ValidationReport(sorted(problems), [display_path(factors_path(data))]))
    return factors


def _brief_ids(
    existing: YamlDocument | None, path: Path, factors: dict[str, Factor]
) -> tuple[set[str], set[str]]:
    """The ids the brief's observations use (a claim may not take one), and those of its
    observations a claim may cite (the ones that pass their checks)."""
    if existing is None or not isinstance(existing.data, dict):
        return set(), set()
    taken = {
        item["id"]
        for item in existing.data.get("observations") or []
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }
    # Only observations that pass the checks may be cited (the others are not read).
    citable = {o.id for o in read_observations(path, factor_index(factors))}
    return taken, citable
