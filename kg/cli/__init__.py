"""The ``kg`` command line: thin commands over the library.

Each command parses its arguments, builds a :class:`kg.Project` where it reads
data, calls one library function and prints the result. Every error a user
can cause, from click (bad usage) or from kg (:class:`~kg.errors.KgError`),
is one line on standard error, ``kg: error: ...``, and an exit code (0
success, 1 violations or no result, 2 could not run); anything else is a bug
and shows its traceback. The library is imported inside each command, so
``kg --help`` starts fast.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from kg import __version__
from kg.errors import EXIT_ERROR, InvalidData, KgError

__all__ = ["main", "handle_errors", "fail", "as_flags"]


#: How the library's words for its parameters read on the command line.
_FLAGS = [
    (re.compile(r"\bset force\b"), "pass --force"),
    (re.compile(r"\bchoose another output\b"), "choose another --out"),
    (re.compile(r"\bchoose another port, or a host\b"), "choose another --port, or a --host"),
    (re.compile(r"\buse the json or table format\b"), "use --format json or table"),
    (
        re.compile(r"\ba focus factor and a depth, a chain or a brief\b"),
        "--focus FACTOR --depth N, --chain FROM TO or --brief ID",
    ),
    (re.compile(r"\bgive data_dir\b"), "pass --data"),
    (re.compile(r"\binit_data_dir\b"), "`kg init`"),
    (re.compile(r"\(new_factors\)"), "(--new-factor NAME)"),
    (re.compile(r"\baccept_links\b"), "`kg link accept`"),
    (re.compile(r"\bgive a default group\b"), "pass --group"),
]


def as_flags(message: str) -> str:
    """A library message with its parameter names turned into the command line's flags.

    >>> as_flags("already exists; give another file name, or set force to replace it")
    'already exists; give another file name, or pass --force to replace it'
    """
    for pattern, flag in _FLAGS:
        message = pattern.sub(flag, message)
    return message


def fail(message: str, exit_code: int = EXIT_ERROR) -> None:
    """Print ``kg: error: message`` on standard error and exit."""
    click.echo(f"kg: error: {as_flags(message)}", err=True)
    sys.exit(exit_code)


def handle_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a :class:`KgError` raised by ``command`` into a message and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InvalidData as error:
            for problem in sorted(error.report.problems):
                click.echo(as_flags(str(problem)), err=True)
            click.echo(f"kg: {as_flags(str(error))}", err=True)
            sys.exit(error.exit_code)
        except KgError as error:
            fail(str(error), error.exit_code)

    return wrapper


class KgGroup(click.Group):
    """A click group whose usage errors read like kg's own: one ``kg: error:`` line."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Abort:
            fail("aborted", 1)
        except click.ClickException as error:
            hint = ""
            if isinstance(error, click.UsageError) and error.ctx is not None:
                hint = f" (see `{error.ctx.command_path} --help`)"
            fail(error.format_message() + hint, error.exit_code)
        sys.exit(result if isinstance(result, int) else 0)


@click.group(
    cls=KgGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Causal claims of policy briefs as a validated, queryable knowledge graph.

    The flow: authoring files (data/) -> `kg validate` -> `kg build` (RDF
    dataset, a named graph per brief) -> `kg query` (SPARQL) and the
    analyses `kg chains`, `upstream`, `downstream`, `loops`, `leverage`,
    `whatif` (networkx) -> `kg render` (HTML explorer), `kg export`;
    linking briefs: `kg new`, `kg import`, `kg link`, `kg compare`.

    Exit codes: 0 success; 1 the data does not conform, or no result;
    2 the command could not run (bad usage, missing file, malformed query).
    """


from kg.cli import (  # noqa: E402,F401  (registers the commands)
    analysis,
    authoring,
    build,
    extract,
    linking,
    outputs,
    query,
    serve,
)
