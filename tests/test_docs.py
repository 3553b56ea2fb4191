"""The documentation: the front page (README.md) and the site under docs/.

The site builds with no warning; every runnable example on every page runs
as written; every command has a section that documents each of its options;
what the pages state about the command line (exit codes, the cookbook, a
validation message) is what the code does.

A page's fenced blocks are read by their info string:

* ``bash``: commands that run as written, in order, in a scratch folder that
  holds a copy of ``data/`` and ``examples/``, with ``kg`` on the PATH;
* ``python``: code that runs there too, after the page's earlier blocks;
* ``sh``: a synopsis, whose ``kg`` lines must name a real command and only
  its options;
* anything else (``console``, ``text``, none): shown, not run; its ``kg``
  lines must still name real commands and cookbook queries.

A block that cannot run where the tests run is preceded by the comment
``<!-- not run: REASON -->``; :data:`NOT_RUN` lists them, so that adding one
is a change a reviewer sees.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import BRIEF_YAML, REPO, subprocess_env

import kg
from kg.cli import main
from kg.errors import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_VIOLATIONS,
    AmbiguousFactor,
    DataNotFound,
    InvalidData,
    OutputExists,
    QueryError,
    UnknownFactor,
)
from kg.problems import ValidationReport

DOCS = REPO / "docs"
#: Every page of the manual: the front page and the site's own pages (the
#: pages that only include a README of the repository are that README).
PAGES = [REPO / "README.md"] + sorted(
    p for p in DOCS.rglob("*.md") if "include-markdown" not in p.read_text(encoding="utf-8")
)
#: The READMEs the site includes as they stand.
INCLUDED = [REPO / "data" / "README.md", REPO / "ontology" / "README.md"]
INCLUDED += [REPO / "examples" / "README.md", REPO / "bench" / "README.md"]
COMMANDS = sorted(main.commands)

#: The blocks marked as not run, by page and reason.
NOT_RUN = {
    ("reference/linking.md", "signing needs a nanopub profile and keys made by `np setup`"),
}

_FENCE = re.compile(
    r"(?:<!-- not run: (?P<skip>[^>]*?) -->\n\n?)?^```(?P<info>[^\n]*)\n(?P<body>.*?)^```",
    re.M | re.S,
)


def _name(page: Path) -> str:
    return page.relative_to(DOCS).as_posix() if page.is_relative_to(DOCS) else page.name


def blocks(page: Path) -> list[tuple[str, str, str | None]]:
    """The fenced blocks of a page as (info string, body, reason it is not run)."""
    text = page.read_text(encoding="utf-8")
    return [(m["info"].strip(), m["body"], m["skip"]) for m in _FENCE.finditer(text)]


def manual() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in PAGES)


# ---------------------------------------------------------------- the site


def test_site_builds_without_a_warning(tmp_path):
    """`mkdocs build --strict` fails on any warning: a broken link or anchor, a page left out."""
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    site = tmp_path / "site"
    # The command reference is generated from the click commands: every one is there.
    reference = (site / "reference" / "cli.html").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"kg {command}" in reference, command
    assert "Sentinel" not in reference  # click's defaults as `--help` shows them, no internals
    # Nothing on any page is fetched from the network: no script, style, font or image.
    fetched = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=\"(?:https?:)?//", re.I)
    for page in site.rglob("*.html"):
        assert not fetched.search(page.read_text(encoding="utf-8")), page
    for style in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", style.read_text(encoding="utf-8"))


def test_a_broken_link_fails_the_build(tmp_path):
    """The strict build is what catches a stale link: shown on a copy with one broken anchor."""
    copy = tmp_path / "repo"
    shutil.copytree(DOCS, copy / "docs")
    for name in ("mkdocs.yml", "README.md"):
        shutil.copy(REPO / name, copy / name)
    shutil.copytree(REPO / "scripts", copy / "scripts")
    for readme in INCLUDED:
        (copy / readme.parent.name).mkdir(exist_ok=True)
        shutil.copy(readme, copy / readme.parent.name / "README.md")
    page = copy / "docs" / "how-to" / "add-a-brief.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\nSee [nowhere](../reference/commands.md#no-such-section).\n"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode != 0
    assert "no-such-section" in proc.stderr


def test_every_page_is_in_the_navigation():
    nav = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    pages = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    assert [p for p in pages if f" {p}" not in nav] == []


# ---------------------------------------------------------------- the examples


@pytest.fixture
def scratch(tmp_path) -> Path:
    """A folder laid out as a checkout after the README's first command, where a page's examples run.

    It holds copies of data/ and examples/, and ``.venv``: the environment
    the tests run in (the one `make test` made), linked.
    """
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    (tmp_path / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    return tmp_path


def _runnable(page: Path) -> bool:
    return any(info in ("bash", "python") and skip is None for info, _b, skip in blocks(page))


@pytest.mark.slow
@pytest.mark.parametrize("page", [p for p in PAGES if _runnable(p)], ids=_name)
def test_every_example_of_a_page_runs(page, scratch):
    """The page's bash and python blocks, in order, in one scratch folder."""
    env = subprocess_env(PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    for info, body, skip in blocks(page):
        if skip is not None or info not in ("bash", "python"):
            continue
        command = (
            ["bash", "-euo", "pipefail", "-c", body]
            if info == "bash"
            else [sys.executable, "-c", body]
        )
        proc = subprocess.run(
            command, cwd=scratch, env=env, capture_output=True, text=True, timeout=600
        )
        assert proc.returncode == 0, (
            f"{_name(page)}: this block failed:\n{body}\n{proc.stderr[-3000:]}"
        )


def test_the_blocks_not_run_are_the_listed_ones():
    found = {(_name(p), skip) for p in PAGES for _i, _b, skip in blocks(p) if skip is not None}
    assert found == NOT_RUN


def _synopses() -> list[str]:
    """Each ``kg`` line of every ``sh`` block, its continuation lines joined on."""
    lines: list[str] = []
    for page in PAGES:
        for info, body, _skip in blocks(page):
            if info != "sh":
                continue
            for line in body.splitlines():
                if line.startswith("kg "):
                    lines.append(line)
                elif line.startswith(" ") and lines and line.strip().startswith("["):
                    lines[-1] += " " + line.strip()
    return lines


def _command_of(words: list[str]):
    command = main.commands[words[1]]
    if hasattr(command, "commands") and len(words) > 2 and words[2] in command.commands:
        return command.commands[words[2]]
    return command


@pytest.mark.parametrize("line", _synopses())
def test_every_synopsis_names_only_real_options(line):
    words = line.split()
    assert words[1] in COMMANDS, line
    command = _command_of(words)
    options = {opt for param in command.params for opt in param.opts + param.secondary_opts}
    named = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", line))
    assert sorted(named - options - {"--help"}) == [], line


def test_every_command_line_names_a_real_command_and_query():
    names = {q.name for q in kg.cookbook()}
    for page in PAGES:
        for _info, body, _skip in blocks(page):
            for line in body.replace("\\\n", " ").splitlines():
                line = line.strip().lstrip("$ ")
                if not line.startswith("kg "):
                    continue
                words = shlex.split(re.split(r" > |──>", line)[0], comments=True)
                assert words[1] in COMMANDS, (page.name, line)
                if (
                    words[1] == "query"
                    and not words[2].startswith(("-", "QUERY"))
                    and " " not in words[2]
                ):
                    assert words[2] in names, (page.name, line)


# ---------------------------------------------------------------- the commands


def _section(command: str) -> str | None:
    """The text that documents ``kg command``: its ``## kg ...`` section plus the page's preamble."""
    for page in PAGES:
        parts = re.split(r"^(?=## )", page.read_text(encoding="utf-8"), flags=re.M)
        for part in parts[1:]:
            if re.search(rf"\bkg {command}\b", part.splitlines()[0]):
                return parts[0] + part
    return None


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_section(command):
    assert _section(command) is not None, f"no `## kg {command}` heading in docs/"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_is_documented_in_its_section(command):
    section = _section(command)
    assert section is not None
    options = {
        opt
        for param in main.commands[command].params
        for opt in param.opts
        if opt.startswith("--") and opt != "--help"
    }
    assert sorted(o for o in options if not re.search(rf"{o}\b", section)) == []


def _exit_rows() -> dict[int, str]:
    text = (DOCS / "reference" / "commands.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([0-9]) \| (.+?) \|$", text, flags=re.M)
    return {int(code): meaning for code, meaning in rows}


def test_the_exit_codes_are_documented():
    rows = _exit_rows()
    assert sorted(rows) == [EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR] == [0, 1, 2]
    assert "success" in rows[0]
    assert "does not conform" in rows[1]
    assert "could not run" in rows[2]


@pytest.mark.parametrize(
    "error, phrase",
    [
        (InvalidData(ValidationReport()), "does not conform"),
        (QueryError("x"), "malformed query"),
        (UnknownFactor("x"), "unknown factor"),
        (OutputExists("x"), "would replace a file kg did not write"),
        (DataNotFound("x"), "missing or unreadable file"),
        (AmbiguousFactor("x", []), "could not run"),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, Exception) else v,
)
def test_error_exit_codes_match_the_docs(error, phrase):
    assert phrase in _exit_rows()[error.exit_code]


def test_python_example_gives_what_it_says(scratch):
    """The block of "From Python", run with checks of what its comments promise."""
    page = DOCS / "how-to" / "python.md"
    section = page.read_text(encoding="utf-8").split("# From Python\n", 1)[1].split("\n## ", 1)[0]
    code = [body for info, body, _s in blocks_of(section) if info == "python"]
    assert len(code) == 1
    check = "\nassert report.conforms\nassert len(list(rows)) > 0\n"
    check += "assert factor.label == 'Return migration'\n"
    proc = subprocess.run(
        [sys.executable, "-c", code[0] + check],
        cwd=scratch,
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr


def blocks_of(text: str) -> list[tuple[str, str, str | None]]:
    return [(m["info"].strip(), m["body"], m["skip"]) for m in _FENCE.finditer(text)]


def test_validate_example_output_has_the_real_format(write_data, invoke):
    """The docs show `file:line: claim 'id': sign: 'up' is not allowed; use one of: ...`."""
    text = manual()
    example = re.search(r"^(\S+\.yaml:\d+: claim '[^']+': sign: .*)$", text, flags=re.M).group(1)
    message = example.split(": sign: ", 1)[1]
    write_data(brief=BRIEF_YAML.replace("sign: increases", "sign: up", 1))
    result = invoke("validate", "--data", "data")
    assert result.exit_code == 1
    assert any(ln.endswith(": sign: " + message) for ln in result.stdout.splitlines())
    verdict = re.search(
        r"^(Does not conform: 1 problem in 2 files \(authoring checks\)\.)$", text, flags=re.M
    )
    assert verdict and verdict.group(1) in result.stdout


def test_the_contributor_guide_lists_every_folder_and_package():
    """The layout table names every folder of the repository and every part of the package."""
    table = (DOCS / "contributing.md").read_text(encoding="utf-8").split("## The layout", 1)[1]
    table = table.split("\n## ", 1)[0]
    named = set(
        re.findall(
            r"`([\w/.-]+)`",
            "\n".join(ln.split("|")[1] for ln in table.splitlines() if ln.startswith("| `")),
        )
    )
    folders = {p.name + "/" for p in REPO.iterdir() if p.is_dir() and not p.name.startswith(".")}
    folders &= {line.split("/", 1)[0] + "/" for line in _tracked() if "/" in line}
    parts = {f"kg/{p.name}/" for p in (REPO / "kg").iterdir() if (p / "__init__.py").is_file()}
    assert sorted((folders - {"kg/"}) - named) == []
    assert sorted(parts - named) == []


def _tracked() -> list[str]:
    """The repository's files, by git; outside a checkout (an sdist), every file but what is built."""
    proc = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, timeout=60)
    if proc.returncode == 0 and proc.stdout:
        return proc.stdout.splitlines()
    built = {"dist", "site", "build", "__pycache__"}
    return [
        p.relative_to(REPO).as_posix()
        for p in REPO.rglob("*")
        if p.is_file() and not built & set(p.relative_to(REPO).parts)
    ]


@pytest.mark.parametrize("page", PAGES + INCLUDED, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_file_the_manual_names_exists(page):
    """A path of the repository in code (`kg/rdf/build.py`) names a file or folder that is there,
    so that moving a module without its documentation fails here."""
    paths = re.findall(
        r"`((?:kg|tests|bench|scripts|ontology|data|docs|examples)/[\w./-]*)`",
        page.read_text(encoding="utf-8"),
    )
    missing = [p for p in paths if not (REPO / p).exists() and not (page.parent / p).exists()]
    assert missing == []
