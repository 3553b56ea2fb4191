"""The ``kg`` command line: thin commands over the library.

Each command parses its arguments, calls one library function and prints
the result. A :class:`~kg.errors.KgError` becomes a one-line message on
standard error and the error's exit code (0 success, 1 violations or no
result, 2 could not run); anything else is a bug and shows its traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import click

from kg import __version__
from kg.errors import InvalidData, KgError

__all__ = ["main", "handle_errors"]


def handle_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a :class:`KgError` raised by ``command`` into a message and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InvalidData as error:
            for problem in sorted(error.report.problems):
                click.echo(str(problem), err=True)
            click.echo(f"kg: {error}", err=True)
            sys.exit(error.exit_code)
        except KgError as error:
            click.echo(f"kg: error: {error}", err=True)
            sys.exit(error.exit_code)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Causal claims of policy briefs as a validated, queryable knowledge graph.

    The flow: authoring files (data/) -> `kg validate` -> `kg build` (RDF
    dataset, a named graph per brief) -> `kg query` (SPARQL) and the
    analyses `kg chains`, `upstream`, `downstream`, `loops`, `leverage`,
    `whatif` (networkx).

    Exit codes: 0 success; 1 the data does not conform, or no result;
    2 the command could not run (bad usage, missing file, malformed query).
    """


from kg.cli import (  # noqa: E402,F401  (registers the commands)
    analysis,
    core,
    linking,
    render,  # noqa: E402,F401  (the explorer command)
    serve,  # noqa: E402,F401  (serve and push)
)
