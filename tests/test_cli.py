"""The `kg` command line, and the README's first block that installs and tests it.

The documentation of each command is held to the code by tests/test_docs.py.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import PYTHON, REPO, SHIPPED_DATA

import kg
from kg.cli import main

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """Every fenced block of a Markdown text as (info string, body)."""
    return re.findall(r"^```([^\n]*)\n(.*?)^```", text, flags=re.M | re.S)


def test_help_lists_the_commands(invoke):
    result = invoke("--help")
    assert result.exit_code == 0
    listed = re.findall(r"^  (\w+)\s", result.stdout.split("Commands:")[1], flags=re.M)
    assert {"build", "validate", "query"} <= set(listed)
    assert sorted(listed) == COMMANDS


def test_version_via_python_m_kg(in_tmp):
    proc = subprocess.run(
        [PYTHON, "-m", "kg", "--version"], cwd=in_tmp, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"kg, version {kg.__version__}"


def test_version_matches_the_package_metadata():
    assert version("kg-briefs") == kg.__version__


WRAPPED_EXAMPLE: dict[str, str] = {}


def _marked(commands, gaps: dict[str, str]):
    return [
        pytest.param(c, marks=pytest.mark.xfail(reason=gaps[c], strict=True)) if c in gaps else c
        for c in commands
    ]


def _help_example(command: str) -> list[str]:
    """The last paragraph of the command's description (before Options:), as lines.

    The help is laid out as on an 80-column terminal, where click wraps text at
    78 columns (CliRunner would otherwise force 80).
    """
    result = CliRunner().invoke(main, [command, "--help"], prog_name="kg", terminal_width=78)
    assert result.exit_code == 0
    description = result.stdout.split("\nOptions:")[0].strip()
    return [ln.strip() for ln in description.split("\n\n")[-1].splitlines()]


@pytest.mark.parametrize("command", _marked(COMMANDS, WRAPPED_EXAMPLE))
def test_every_command_help_ends_with_an_example_line(command):
    paragraph = _help_example(command)
    assert len(paragraph) == 1, paragraph
    assert (
        paragraph[0].startswith(f"Example: kg {command} ")
        or paragraph[0] == f"Example: kg {command}"
    )


@pytest.mark.parametrize("command", ["build", "validate", "query"])
def test_help_example_runs(command, invoke, in_tmp):
    """The example in the help of each main-flow command works, run where ./data exists."""
    shutil.copytree(SHIPPED_DATA, in_tmp / "data")
    example = " ".join(_help_example(command))
    assert example.startswith("Example: kg ")
    args = shlex.split(example.removeprefix("Example: kg "))
    result = invoke(*args)
    assert result.exit_code == 0, (example, result.output)


# ---------------------------------------------------------------- exit codes


def test_main_help_states_the_same_exit_codes(invoke):
    text = " ".join(invoke("--help").stdout.split())
    assert "0 success" in text
    assert "1 the data does not conform" in text
    assert "2 the command could not run" in text


def test_usage_error_exits_2(invoke):
    assert invoke("build", "--format", "rdfxml").exit_code == 2
    assert invoke("query").exit_code == 2
    assert invoke("no-such-command").exit_code == 2


# ---------------------------------------------------------------- the README


def test_readme_first_block_is_install_and_test():
    _info, body = fenced_blocks(README)[0]
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    assert len(lines) == 2, lines
    install, test = lines
    assert test == "make test"
    # The install line creates .venv, installs the checkout, then runs kg from .venv.
    steps = [step.strip() for step in install.split("&&")]
    assert steps[0] == "python3 -m venv .venv"
    assert shlex.split(steps[1])[:3] == [".venv/bin/pip", "install", "-q"] and steps[1].endswith(
        " ."
    )
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["kg"] == "kg.cli:main"
    kg_steps = steps[2:]
    assert kg_steps and kg_steps[0] == ".venv/bin/kg build"
    for step in kg_steps:
        words = shlex.split(step)
        assert words[0] == ".venv/bin/kg", step
        assert words[1] in COMMANDS, step
    # `make test` is a target that runs scripts/test.sh, which installs the test extras and runs pytest.
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    target = re.search(r"^test:.*\n((?:\t.*\n)+)", makefile, flags=re.M)
    assert target, "no `test:` target in the Makefile"
    assert "scripts/test.sh" in target.group(1)
    script = REPO / "scripts" / "test.sh"
    assert script.is_file()
    text = script.read_text(encoding="utf-8")
    assert "pytest" in text and re.search(r"\.\[test[],]", text)
    assert "test" in project["optional-dependencies"]


def test_validate_prints_a_verdict_and_exits_0_on_good_data(write_data, invoke):
    write_data()
    result = invoke("validate", "--data", "data")
    assert result.exit_code == 0
    assert result.stdout.strip().splitlines()[-1] == (
        "Conforms: 2 files pass the authoring checks and SHACL shapes."
    )


def test_default_data_is_local_data_folder_else_shipped(write_data, invoke, in_tmp):
    # No ./data: the shipped briefs are built. The build records its store in the shipped
    # folder (kg.pipeline.STORE_RECORD); a record this test made is removed afterwards, so
    # that it does not leave other tests a record pointing into its temporary folder.
    record = SHIPPED_DATA / ".kg-store"
    made = not record.exists()
    try:
        result = invoke("build", "--out", "shipped")
    finally:
        if made:
            record.unlink(missing_ok=True)
    assert result.exit_code == 0, result.output
    assert "eai-bb-1360" in Path("shipped/kg.trig").read_text(encoding="utf-8")
    # With ./data/factors.yaml: that folder is built.
    write_data()
    result = invoke("build", "--out", "local")
    assert result.exit_code == 0, result.output
    built = Path("local/kg.trig").read_text(encoding="utf-8")
    assert "test-brief" in built and "eai-bb-1360" not in built
