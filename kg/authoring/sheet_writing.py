"""Writing an import: the claims into the brief file, the new factors into the scheme.

Both files are edited with ruamel.yaml's round trip
(:class:`~kg.authoring.scaffold.YamlDocument`), so the analyst's comments,
order and layout survive: the brief's claims are replaced (each under a
comment naming its sheet row), its brief block and observations kept; the
new factors are appended to ``factors.yaml`` under a note asking for their
review. Before anything is written, the factor scheme about to be written
is read back with kg's own reader and must hold the new factors with no
problem (:func:`~kg.authoring.scaffold.checked_factors`); the brief file is
not read back, since its claims were checked row by row with the rules of
a brief's claims and its brief block may still be left to fill in. Then
the two files are written all or nothing
(:func:`kg.io.files.atomic_write_all`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from kg.authoring.rules import describe
from kg.authoring.scaffold import (
    YamlDocument,
    checked_factors,
    clear_comments_after_key,
    flow_list,
    folded,
)
from kg.authoring.sheet_factors import NewFactor, new_factor_entry
from kg.datafolder import FACTORS_FILE
from kg.errors import InvalidData, UnreadableFile
from kg.io import display_path
from kg.io.files import Output, atomic_write_all
from kg.problems import Problem, ValidationReport

__all__ = [
    "check_brief_shape",
    "is_empty_brief",
    "claims_yaml",
    "add_new_factors",
    "replace_claims",
    "write_import",
]

#: The order of a claim's keys in the brief file.
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
#: Claim fields written folded, as prose.
_FOLDED = ("paraphrase", "locator", "time_scope", "attributed_to", "condition")


def check_brief_shape(document: YamlDocument, path: Path) -> None:
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


def is_empty_brief(document: YamlDocument) -> bool:
    """Whether the brief file holds no claims and no observations (as ``kg new`` writes it)."""
    data = document.data
    return isinstance(data, dict) and not data.get("claims") and not data.get("observations")


def _yaml_value(key: str, value):
    """A claim field's value as it is laid out in the file."""
    if key in _FOLDED:
        return folded(value)
    if key == "evidence":
        return [folded(value)]
    if key == "supported_by":
        return flow_list(value)
    if key == "extraction":
        return CommentedMap((k, folded(v) if k == "sentence" else v) for k, v in value.items())
    return value


def claims_yaml(claims: list[dict], sheet_name: str, indent: int = 2) -> CommentedSeq:
    """The claims as a YAML sequence, each under a comment naming its row; ``indent`` is the
    column of the sequence's dashes."""
    seq = CommentedSeq()
    for i, entry in enumerate(claims):
        seq.append(CommentedMap((k, _yaml_value(k, entry[k])) for k in _ORDER if k in entry))
        seq.yaml_set_comment_before_after_key(
            i, before=("\n" if i else "") + f"Row {entry['_row']} of {sheet_name}", indent=indent
        )
    return seq


def add_new_factors(
    document: YamlDocument, new: Iterable[NewFactor], sheet: str, brief_id: str
) -> None:
    """Append the new factors to the scheme's ``factors:`` list, under a note to review them."""
    factors = document.data.get("factors") if isinstance(document.data, dict) else None
    if not isinstance(factors, CommentedSeq):  # what ruamel.yaml reads a YAML sequence as
        raise UnreadableFile(
            f"{display_path(document.path or FACTORS_FILE)} has no `factors:` list",
            "run `kg validate` and fix the file",
        )
    if not factors:
        factors.fa.set_block_style()  # `factors: []`, as `kg init` writes it, grows as a block
    for n, factor in enumerate(new):
        item = CommentedMap()
        for key, value in new_factor_entry(factor, sheet, brief_id).items():
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


def replace_claims(document: YamlDocument, claims: CommentedSeq) -> None:
    """Set the brief's claims, dropping the comments of the claims replaced.

    The comment lines between ``claims:`` and the first claim belong to the
    old claims (``# Row N of old.csv``, notes on them) and go with them; the
    comments of the brief block and the observations stay.
    """
    clear_comments_after_key(document.data, "claims")
    document.data["claims"] = claims


def write_import(
    brief: YamlDocument,
    factors: YamlDocument,
    new: list[NewFactor],
    *,
    dry_run: bool = False,
) -> None:
    """Check the scheme about to be written, then write the brief (and the scheme, when
    ``new`` is not empty) all or nothing; with ``dry_run``, only check.

    Raises
    ------
    InvalidData
        The scheme about to be written reads with a problem, or without a new factor.
    FileChanged
        ``factors.yaml`` changed since it was read.
    """
    assert brief.path is not None and factors.path is not None  # read from files
    brief_text = brief.dumps()
    outputs = [Output(brief.path, brief_text.encode("utf-8"), ours=lambda _p: True)]
    if new:
        factors_text = factors.dumps()
        written = checked_factors(factors.path, factors_text)
        lost = [f for f in new if f.id not in written]
        if lost:
            shown = display_path(factors.path)
            problem = Problem(
                shown, 0, "", "", f"would not hold the new factor {lost[0].id!r}", "report this"
            )
            raise InvalidData(ValidationReport([problem], [shown]))
        outputs.append(factors.output(factors_text))
    if not dry_run:
        atomic_write_all(outputs, force=True)
