"""The suite's marks: declared once, left out by ``make test-quick``, given by the shared rules."""

from __future__ import annotations

import re
import shlex
import tomllib
from types import SimpleNamespace

import conftest
import pytest
from helpers import REPO


def _declared() -> set[str]:
    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    lines = settings["tool"]["pytest"]["ini_options"]["markers"]
    return {line.split(":", 1)[0] for line in lines}


def _recipe(target: str) -> str:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    found = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, flags=re.M)
    assert found, f"no `{target}:` target in the Makefile"
    return found.group(1)


def test_the_quick_target_leaves_out_every_declared_mark_and_make_test_none():
    words = shlex.split(_recipe("test-quick"))
    expression = words[words.index("-m", words.index("pytest")) + 1]
    left_out = set(re.findall(r"not (\w+)", expression))
    assert left_out == _declared() == {"slow", "server", "browser"}, expression
    assert "-m" not in _recipe("test") and "scripts/test.sh" in _recipe("test")


def _item(path: str, name: str, fixtures=(), marks=()):
    """A stand-in for a collected test: what the marking rules read and write."""
    item = SimpleNamespace(
        path=REPO / path, name=name, fixturenames=list(fixtures), marks=list(marks)
    )
    item.get_closest_marker = lambda mark: mark if mark in item.marks else None
    item.add_marker = item.marks.append
    return item


def test_server_and_browser_fixtures_and_the_named_tests_get_their_marks():
    items = [
        _item("tests/test_push.py", "test_push_to_virtuoso", ["tmp_path", "virtuoso_server"]),
        _item("tests/test_push.py", "test_push_to_a_server_that_is_not_there", ["tmp_path"]),
        _item("tests/test_x_browser.py", "test_page[0]", ["browser"], marks=["browser"]),
        _item("tests/test_endpoint.py", "test_row_cap", ["store"]),
        _item("tests/test_endpoint.py", "test_bounded_load_of_cookbook_queries", ["store"]),
        _item("tests/test_fuzz_serve.py", "test_the_check_takes_any_text", []),
        _item("tests/test_fuzz_serve.py", "test_the_endpoint_answers_any_request_in_one_line[x]"),
    ]
    conftest.pytest_collection_modifyitems(None, items)
    assert [sorted(item.marks) for item in items] == [
        ["server"],
        [],
        ["browser"],
        ["server"],
        ["server", "slow"],
        [],
        ["server"],
    ]


@pytest.mark.parametrize("module", sorted(conftest.MARKS_BY_NAME))
def test_every_test_named_for_a_mark_exists(module):
    text = (REPO / "tests" / module).read_text(encoding="utf-8")
    defined = set(re.findall(r"^def (test_\w+)\(", text, flags=re.M))
    named = set(conftest.MARKS_BY_NAME[module]) - {"*"}
    assert named <= defined, f"{module} has no {sorted(named - defined)}: renamed?"


def test_make_test_runs_every_test_on_every_core():
    """scripts/test.sh (``make test``, CI) hands the whole suite to pytest-xdist's workers."""
    script = (REPO / "scripts" / "test.sh").read_text(encoding="utf-8")
    (line,) = [line for line in script.splitlines() if "-m pytest" in line]
    words = shlex.split(line.partition("||")[0])
    after = words[words.index("pytest") + 1 :]
    assert after[:2] == ["-n", "${KG_TEST_WORKERS:-auto}"] and "--dist" in after, line
    assert "-m" not in after and "-k" not in after, "make test must run every test"
    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert any(
        d.startswith("pytest-xdist") for d in settings["project"]["optional-dependencies"]["test"]
    )
