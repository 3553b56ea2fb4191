"""Fix-it hints as data: library messages name parameters, the command line shows flags.

The library never spells a command-line flag in what it raises; a hint that
names a parameter does so as a :class:`kg.errors.Param` inside a
:class:`kg.errors.Phrase`, and the command line's one table
(:data:`kg.cli.FLAGS`) shows it as a flag.
"""

from __future__ import annotations

import ast
import copy
import pickle
import re
from pathlib import Path
from string import Formatter

import pytest

import kg
import kg.errors
from kg.cli import FLAGS, as_flag, cli_message
from kg.errors import InputTooLarge, KgError, OutputExists, Param, Phrase, QueryTimeout
from kg.problems import Problem

PACKAGE = Path(kg.__file__).parent
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


ERROR_NAMES = {
    name
    for name, value in vars(kg.errors).items()
    if isinstance(value, type) and issubclass(value, KgError)
}


def library_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if not relative.startswith("cli/"):
            yield relative, ast.parse(path.read_text(encoding="utf-8"))


def _called(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    return None


def message_texts(tree: ast.Module):
    """The string pieces of every raise statement and every construction of an error."""
    roots = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Raise)
        or _called(node) in ERROR_NAMES | {"Phrase", "__init__", "problem", "Problem"}
    ]
    for root in roots:
        for node in ast.walk(root):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield node.lineno, node.value


def test_no_library_message_names_a_flag():
    found: dict[str, list[str]] = {}
    for relative, tree in library_modules():
        for line, text in message_texts(tree):
            if FLAG.search(text):
                found.setdefault(relative, []).append(f"{relative}:{line}: {text}")
    assert not found, found


def phrase_params(tree: ast.Module):
    """Every parameter named by a Phrase template, a Param, or a URL check."""
    for node in ast.walk(tree):
        name = _called(node)
        if not isinstance(node, ast.Call) or not node.args:
            continue
        first = node.args[0]
        if name == "Phrase" and isinstance(first, ast.Constant):
            values = {k.arg for k in node.keywords}
            for _text, field, _spec, _conv in Formatter().parse(first.value):
                if field is not None and field not in values:
                    yield node.lineno, field
        elif name == "Param" and isinstance(first, ast.Constant):
            yield node.lineno, first.value
        elif name == "check_server_url" and len(node.args) > 1:
            second = node.args[1]
            if isinstance(second, ast.Constant):
                yield node.lineno, second.value


def test_every_parameter_a_message_names_has_a_flag():
    named = [
        (f"{relative}:{line}", param)
        for relative, tree in library_modules()
        for line, param in phrase_params(tree)
    ]
    assert len(named) >= 20  # the scan sees the hints (errors.py, extract, exports, http, ...)
    missing = [(where, param) for where, param in named if param not in FLAGS]
    assert not missing, missing
    # and the table has no row that nothing uses
    assert set(FLAGS) == {param for _where, param in named}


def test_a_phrase_shows_parameters_as_python_or_as_flags():
    error = OutputExists("dist/graph.html")
    assert str(error).endswith("choose another out, or pass force=True to replace it")
    assert cli_message(error).endswith("choose another --out, or pass --force to replace it")
    assert error.param == "out" and [p.name for p in error.params] == ["out", "force"]
    timeout = QueryTimeout(2, 2.5)
    assert "pass timeout=SECONDS" in str(timeout)
    assert cli_message(timeout).endswith("or pass --timeout SECONDS")


def test_values_are_never_read_as_templates():
    # What a user typed goes in as a value: braces and flag-like text stay as they are.
    typed = "http://x/{force}?--data"
    phrase = Phrase("{endpoint} {url!r} names no host", url=typed)
    assert phrase.render(as_flag) == f"--endpoint {typed!r} names no host"
    assert str(phrase) == f"endpoint {typed!r} names no host"


def test_a_phrase_survives_copies_and_pickles():
    # A problem's hint is deep-copied for JSON output; errors may cross processes.
    phrase = Phrase("{option} {url!r} has a lone brace", option=Param("endpoint"), url="http://a{")
    for copied in (copy.deepcopy(phrase), pickle.loads(pickle.dumps(phrase))):
        assert copied == phrase and copied.render(as_flag) == phrase.render(as_flag)
        assert copied.render(as_flag).startswith("--endpoint 'http://a{'")
    problem = Problem("f.yaml", 0, "", "", "too large", InputTooLarge("f.yaml", 10, 5).remedy)
    assert problem.as_dict()["hint"] == "split it, or raise the limit with max_file_size=BYTES"
    assert problem.render(as_flag).endswith("raise the limit with --max-file-size BYTES")


def test_the_command_line_shows_the_flag(invoke, in_tmp):
    (in_tmp / "out.html").write_text("mine", encoding="utf-8")
    result = invoke("render", "--out", "out.html")
    assert result.exit_code == 2
    assert "choose another --out, or pass --force to replace it" in result.stderr
    result = invoke("export", "--date", "yesterday{x}", "--out", "exports")
    assert result.exit_code == 2
    assert "kg: error: --date 'yesterday{x}' is not an ISO 8601 date" in result.stderr


def test_python_users_see_their_parameters():
    from kg.outputs.exports import creation_time

    with pytest.raises(kg.errors.InvalidParameter) as caught:
        creation_time("soon")
    assert str(caught.value).startswith("created 'soon' is not an ISO 8601 date")
    assert caught.value.param == "created"


def test_authoring_and_linking_hints_name_parameters(tmp_path):
    """From Python, the authoring and linking errors name the parameter to pass."""
    from kg.authoring.reader import read_corpus
    from kg.authoring.scaffold import init_data_dir
    from kg.authoring.sheet_columns import write_sheet_template
    from kg.linking.proposal_file import PROPOSAL_COLUMNS, write_proposals

    with pytest.raises(kg.errors.InvalidParameter) as caught:
        init_data_dir(tmp_path / "d", language="not a tag")
    assert caught.value.param == "language"
    assert str(caught.value).endswith("give language a BCP 47 tag such as en")

    from kg.authoring.sheets import import_sheet

    (tmp_path / "claims.csv").write_text("cause,effect\n", encoding="utf-8")
    with pytest.raises(kg.errors.InvalidParameter) as group:
        import_sheet(tmp_path / "claims.csv", "b1", tmp_path, group="nope")
    assert group.value.param == "group"
    assert str(group.value).startswith("group 'nope' is not a group; use one of")
    assert cli_message(group.value).startswith("--group 'nope' is not a group")

    (tmp_path / "empty").mkdir()
    with pytest.raises(kg.errors.DataNotFound) as missing:
        read_corpus(tmp_path / "empty")
    assert missing.value.param == "init_data_dir"
    assert "(init_data_dir starts one)" in str(missing.value)

    (tmp_path / "sheet.csv").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputExists) as template:
        write_sheet_template(tmp_path / "sheet.csv")
    assert str(template.value).endswith("give another file name, or pass force=True to replace it")

    decided = tmp_path / "proposals.csv"
    decided.write_text(",".join(PROPOSAL_COLUMNS) + "\nreject" + "," * 9 + "\n", encoding="utf-8")
    with pytest.raises(OutputExists) as kept:
        write_proposals([], decided)
    assert kept.value.param == "accept_links" and [p.name for p in kept.value.params] == [
        "accept_links",
        "force",
    ]
    assert str(kept.value).endswith(
        "apply them with accept_links, write the proposals to another file, "
        "or pass force=True to discard them"
    )
    assert cli_message(kept.value).endswith(
        "apply them with `kg link accept`, write the proposals to another file, "
        "or pass --force to discard them"
    )


def test_authoring_hints_on_the_command_line(invoke, in_tmp):
    """The same errors through kg show the flags (and commands) that set the parameters."""
    bad_tag = invoke("init", "d", "--language", "not a tag")
    assert bad_tag.exit_code == 2
    assert bad_tag.stderr.strip().endswith("give --language a BCP 47 tag such as en")
    (in_tmp / "empty").mkdir()
    missing = invoke("validate", "--data", "empty")
    assert missing.exit_code == 2
    assert "(`kg init` starts one)" in missing.stderr and "init_data_dir" not in missing.stderr
    nowhere = invoke("link", "attach", "Land prices=https://example.org/land")  # a writing command
    assert nowhere.exit_code == 2
    assert "give the folder of your authoring files as --data, or start one with `kg init`" in (
        nowhere.stderr
    )
