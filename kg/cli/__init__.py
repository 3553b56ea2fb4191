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
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from kg import __version__
from kg.errors import EXIT_ERROR, InvalidData, KgError, Param

__all__ = ["main", "handle_errors", "fail", "as_flag", "cli_message", "FLAGS"]


#: The one table of the command line's words for the library's parameters: each
#: :class:`~kg.errors.Param` a message names is shown as the flag (or the command)
#: that sets it. ``tests/test_cli_flags.py`` checks that every parameter a message
#: names has its row here.
FLAGS: dict[str, str] = {
    "allowed_hosts": "--allow-host",
    "bindings": "--bind",
    "cors": "--cors",
    "data_dir": "--data",
    "endpoint": "--endpoint",
    "force": "--force",
    "graph_store": "--graph-store",
    "host": "--host",
    "init_data_dir": "`kg init`",
    "fmt": "--format",
    "max_file_size": "--max-file-size",
    "max_rows": "--max-rows",
    "out": "--out",
    "port": "--port",
    "timeout": "--timeout",
    "created": "--date",
    "creator": "--creator",
    "LlmSettings.url": "--llm-url",
    "LlmSettings.model": "--model",
    "LlmSettings.timeout": "--llm-timeout",
    "LlmSettings.retries": "--llm-retries",
    "LlmSettings.budget": "--llm-budget",
    "LlmSettings.key_variable": "--llm-key-env",
    "group": "--group",
    "new_factors": "--new-factor",
    "title": "--title",
    "language": "--language",
    "write_sheet_template": "`kg import --template`",
    "accept_links": "`kg link accept`",
    "write_proposals": "`kg link propose --out FILE`",
    "max_length": "--max-length",
    "limit": "--limit",
    "kind": "--match",
    "allow_service": "--allow-service",
    "store": "--store",
    "focus": "--focus",
    "depth": "--depth",
    "chain": "--chain",
    "brief": "--brief",
}


def as_flag(param: Param) -> str:
    """A parameter as the command line sets it: its flag, and what it takes.

    >>> from kg.errors import Param
    >>> as_flag(Param("force", "True")), as_flag(Param("timeout", "SECONDS"))
    ('--force', '--timeout SECONDS')
    """
    flag = FLAGS.get(param.name)
    if flag is None:  # a parameter with no flag: the library's own words
        return str(param)
    return f"{flag} {param.value}" if param.value and param.value != "True" else flag


def cli_message(error: KgError) -> str:
    """The error's line with each parameter shown as the command line's flag.

    >>> from kg.errors import OutputExists
    >>> cli_message(OutputExists("out.html"))
    'out.html exists and was not written by kg; choose another --out, or pass --force to replace it'
    """
    return error.message(as_flag)


def fail(message: str, exit_code: int = EXIT_ERROR) -> None:
    """Print ``kg: error: message`` on standard error and exit."""
    click.echo(f"kg: error: {message}", err=True)
    sys.exit(exit_code)


def handle_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a :class:`KgError` raised by ``command`` into a message and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InvalidData as error:
            for problem in sorted(error.report.problems):
                click.echo(problem.render(as_flag), err=True)
            click.echo(f"kg: {cli_message(error)}", err=True)
            sys.exit(error.exit_code)
        except KgError as error:
            fail(cli_message(error), error.exit_code)

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
