"""The command that proposes claims from a document: ``kg extract``."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import handle_errors, main
from kg.cli.options import data_option, force_option


@main.command("extract")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "--brief", "brief_id", required=True, metavar="ID", help="The brief the claims are for."
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the sheet here (.csv, or .json) instead of standard output.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    default=None,
    help="csv (the kg import sheet) or json [default: from --out's suffix, else csv].",
)
@click.option(
    "--against",
    metavar="BRIEF_ID",
    default=None,
    help="Mark the candidates this brief of the data folder already has.",
)
@click.option(
    "--engine",
    type=click.Choice(["rules", "llm"]),
    default="rules",
    show_default=True,
    help="rules (offline) or llm (a model behind an OpenAI-compatible server).",
)
@click.option(
    "--llm-url",
    metavar="URL",
    default=None,
    help="The model server's API base, such as http://127.0.0.1:11434/v1 (--engine llm).",
)
@click.option("--model", metavar="NAME", default=None, help="The model's name (--engine llm).")
@click.option(
    "--llm-key-env",
    metavar="VAR",
    default="KG_LLM_API_KEY",
    show_default=True,
    help="The environment variable holding the server's key, if it needs one.",
)
@click.option(
    "--llm-timeout",
    type=float,
    default=120.0,
    show_default=True,
    help="Seconds one request to the model may take in all.",
)
@click.option(
    "--llm-retries", type=int, default=2, show_default=True, help="Further tries of a request."
)
@click.option(
    "--llm-budget",
    type=int,
    default=100,
    show_default=True,
    help="The most requests one run may send.",
)
@click.option(
    "--llm-cache",
    type=click.Path(path_type=Path),
    default=None,
    help="The folder of cached answers [default: $XDG_CACHE_HOME/kg/llm].",
)
@data_option()
@force_option("Replace an output file that kg extract did not write.")
@handle_errors
def extract_command(
    source,
    brief_id,
    out,
    fmt,
    against,
    engine,
    llm_url,
    model,
    llm_key_env,
    llm_timeout,
    llm_retries,
    llm_budget,
    llm_cache,
    data_dir,
    force,
):
    """Propose the causal claims of a PDF, saved HTML page or UTF-8 text file.

    Offline rules find each causal sentence, split it into cause and effect,
    work out the sign from the words (low X leads to more Y: X decreases Y)
    and the modality from hedges, conditions and attributions, and match the
    phrases to the factors of the data folder. The output is the sheet of
    `kg import`, with the sentence, its offsets, the cue and the reasons in
    extra columns: check each row, write your name under `accepted by`,
    delete the rows you reject, then import it.

    With --engine llm, a language model behind an OpenAI-compatible server
    (--llm-url, --model) proposes the claims instead; only those whose quote
    is the source's own text at the offsets given are kept. The key, if the
    server needs one, is read from an environment variable, never an option.

    Example: kg extract brief.pdf --brief my-brief --out claims.csv
    """
    from kg.errors import InvalidParameter
    from kg.extract import extract, render, write_extraction

    llm = None
    if engine == "llm":
        from kg.extract.llm import LlmSettings, default_cache

        if not llm_url or not model:
            raise InvalidParameter(
                "--engine llm needs --llm-url and --model", "give the server's URL and the model"
            )
        llm = LlmSettings(
            llm_url,
            model,
            llm_key_env,
            llm_timeout,
            llm_retries,
            llm_budget,
            llm_cache or default_cache(),
        )
    elif llm_url or model:
        raise InvalidParameter(
            "--llm-url and --model are for --engine llm", "add --engine llm, or leave them out"
        )
    result = extract(source, brief_id, data_dir, against=against, engine=engine, llm=llm)
    if out is None:
        click.echo(render(result, fmt or "csv"), nl=False)
        click.echo(result.summary(), err=True)
        return
    path = write_extraction(result, out, fmt, force=force)
    click.echo(f"Wrote {path}: {result.summary()}")
