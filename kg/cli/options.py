"""Options that several commands share, each defined once."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from kg.vocab import MODALITIES

__all__ = [
    "READ_DATA_HELP",
    "WRITE_DATA_HELP",
    "data_option",
    "project_options",
    "format_option",
    "claim_filter_options",
    "force_option",
    "out_option",
    "reading_options",
]

#: Help of --data for commands that read: they fall back on the shipped briefs.
READ_DATA_HELP = "Folder of authoring files [default: ./data if present, else the shipped briefs]."
#: Help of --data for commands that write into the data folder: no fallback.
WRITE_DATA_HELP = "Folder of authoring files [default: ./data]."

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def data_option(help_text: str = READ_DATA_HELP) -> Decorator:
    """``--data DIR``: the folder of authoring files."""
    return click.option(
        "--data", "data_dir", type=click.Path(path_type=Path), default=None, help=help_text
    )


def project_options(
    dataset_help: str = "Read this built file instead of the current data.",
    *,
    endpoint: bool = False,
) -> Decorator:
    """``--data DIR``, ``--dataset FILE`` and ``--store PATH``, handed to the command as ``project``.

    With ``endpoint``, also ``--endpoint URL`` (read a SPARQL server). The
    command receives a :class:`kg.Project`; the notes it gathers (a stale
    store, for one) are printed on standard error afterwards.
    """

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @reading_options
        @data_option()
        @click.option(
            "--dataset", "built", type=click.Path(path_type=Path), default=None, help=dataset_help
        )
        @click.option(
            "--store",
            "store",
            type=click.Path(path_type=Path),
            default=None,
            help="Read the dataset from this Oxigraph store [default: dist/store].",
        )
        @functools.wraps(command)
        def wrapper(
            *args: Any,
            data_dir: Path | None,
            built: Path | None,
            store: Path | None,
            endpoint_url: str | None = None,
            **kwargs: Any,
        ) -> Any:
            from kg.project import Project

            project = Project(data_dir, dataset_file=built, store=store, endpoint=endpoint_url)
            try:
                return command(*args, project=project, **kwargs)
            finally:
                for note in project.notes:
                    click.echo(f"kg: note: {note}", err=True)

        if not endpoint:
            return wrapper
        return click.option(
            "--endpoint",
            "endpoint_url",
            metavar="URL",
            default=None,
            help="Read from this SPARQL 1.1 server (its query URL) instead.",
        )(wrapper)

    return decorate


def format_option(
    choices: Sequence[str] = ("table", "json"),
    default: str = "table",
    help_text: str = "Readable table or JSON (documented in the manual).",
) -> Decorator:
    """``--format F``, handed to the command as ``fmt``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help=help_text,
    )


def claim_filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--exclude-modality M`` (repeatable), ``--min-confidence X`` and ``--stated-only``.

    Handed to the command as ``exclude_modalities``, ``min_confidence`` and
    ``stated_only``, the names of the library's parameters.
    """

    @click.option(
        "--exclude-modality",
        "exclude_modalities",
        multiple=True,
        type=click.Choice(list(MODALITIES)),
        help="Leave out claims of this modality. Repeatable.",
    )
    @click.option(
        "--min-confidence",
        type=click.FloatRange(0, 1),
        default=0.0,
        show_default=True,
        help="Leave out claims below this confidence.",
    )
    @click.option(
        "--stated-only",
        is_flag=True,
        help="Leave out inferred claims (reading: inferred): only what sources say outright.",
    )
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return command(*args, **kwargs)

    return wrapper


def force_option(help_text: str = "Replace an output file that kg did not write.") -> Decorator:
    """``--force``: allow replacing a file."""
    return click.option("--force", is_flag=True, help=help_text)


def out_option(default: Path | None, help_text: str, name: str = "out") -> Decorator:
    """``--out PATH``: where to write."""
    return click.option(
        "--out",
        name,
        type=click.Path(path_type=Path),
        default=default,
        show_default=default is not None,
        help=help_text,
    )


def reading_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--max-file-size BYTES`` and ``--full-values``: how the command reads its inputs.

    The command runs inside :func:`kg.io.limits.reading_limits`, so every
    reader below it obeys the size limit (default 32 MiB,
    kg.io.limits.ReadLimits) and quotes values in messages in full or cut
    to 60 characters.
    """

    @click.option(
        "--max-file-size",
        type=click.IntRange(min=1),
        default=None,
        metavar="BYTES",
        help="Refuse authoring files and sheets larger than this [default: 33554432, 32 MiB].",
    )
    @click.option(
        "--full-values",
        is_flag=True,
        help="Quote values in problem messages in full instead of cutting them at 60 characters.",
    )
    @functools.wraps(command)
    def wrapper(*args: Any, max_file_size: int | None, full_values: bool, **kwargs: Any) -> Any:
        from kg.io.limits import FULL_VALUES, reading_limits

        with reading_limits(
            max_file_size=max_file_size, max_quoted=FULL_VALUES if full_values else None
        ):
            return command(*args, **kwargs)

    return wrapper
