"""Options that several commands share, defined once."""

from __future__ import annotations

from pathlib import Path

import click

from kg.vocab import MODALITIES

__all__ = [
    "READ_DATA_HELP",
    "MODALITY_CHOICE",
    "data_option",
    "dataset_option",
    "exclude_modality_option",
    "force_option",
    "min_confidence_option",
]

#: Help of --data for commands that read: they fall back on the shipped briefs.
READ_DATA_HELP = "Folder of authoring files [default: ./data if present, else the shipped briefs]."

MODALITY_CHOICE = click.Choice(list(MODALITIES))


def data_option(help_text: str = READ_DATA_HELP):
    """``--data DIR``: the folder of authoring files."""
    return click.option(
        "--data", "data_dir", type=click.Path(path_type=Path), default=None, help=help_text
    )


def dataset_option(help_text: str):
    """``--dataset FILE``: a built file to use instead of the authoring files."""
    return click.option(
        "--dataset", "built", type=click.Path(path_type=Path), default=None, help=help_text
    )


def force_option(help_text: str = "Replace an output file that kg did not write."):
    """``--force``: allow replacing a file."""
    return click.option("--force", is_flag=True, help=help_text)


def exclude_modality_option():
    """``--exclude-modality M``: leave out claims of a modality (repeatable)."""
    return click.option(
        "--exclude-modality",
        "exclude",
        multiple=True,
        type=MODALITY_CHOICE,
        help="Leave out claims of this modality. Repeatable.",
    )


def min_confidence_option():
    """``--min-confidence X``: leave out claims below a confidence."""
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0, 1),
        default=0.0,
        show_default=True,
        help="Leave out claims below this confidence.",
    )
