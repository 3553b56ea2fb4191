"""Shared fixtures: a tiny valid data folder written to a temporary folder.

Every test runs with the temporary folder as its working directory (see
``in_tmp``), so a build that falls back to ``dist/`` or ``./data`` never
touches the checkout.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import BRIEF_ID, BRIEF_YAML, FACTORS_YAML, SECOND_BRIEF_YAML

from kg.datafolder import STORE_RECORD


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch) -> Path:
    """Run every test in its own empty temporary folder (builds land under it)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


#: The file a build with its store elsewhere writes in the shipped data folder.
_SHIPPED_RECORD = Path(__file__).resolve().parents[1] / "data" / STORE_RECORD


def _put_back_shipped_record(before: bytes | None) -> None:
    after = _SHIPPED_RECORD.read_bytes() if _SHIPPED_RECORD.is_file() else None
    if after != before:
        if before is None:
            _SHIPPED_RECORD.unlink(missing_ok=True)
        else:
            _SHIPPED_RECORD.write_bytes(before)


@pytest.fixture(autouse=True)
def shipped_data_untouched() -> Iterator[None]:
    """Put back the shipped data folder's store record as it was before the test.

    A build of the shipped data with its store in a temporary folder makes ``kg``
    record that store in ``data/``; left there, it would point later tests, other
    test workers and copies of the folder at a store that is gone or in use.
    Tests build a copy instead (``helpers.copy_of_shipped_data``); this and
    :func:`shipped_data_untouched_by_the_run` are the safety net.
    """
    before = _SHIPPED_RECORD.read_bytes() if _SHIPPED_RECORD.is_file() else None
    yield
    _put_back_shipped_record(before)


@pytest.fixture(autouse=True, scope="session")
def shipped_data_untouched_by_the_run() -> Iterator[None]:
    """The same for the whole run: a module's fixture runs before a test's snapshot."""
    before = _SHIPPED_RECORD.read_bytes() if _SHIPPED_RECORD.is_file() else None
    yield
    _put_back_shipped_record(before)


@pytest.fixture
def factors_yaml() -> str:
    return FACTORS_YAML


@pytest.fixture
def brief_yaml() -> str:
    return BRIEF_YAML


@pytest.fixture
def second_brief_yaml() -> str:
    return SECOND_BRIEF_YAML


@pytest.fixture
def write_data(tmp_path):
    """Return ``write(brief=..., factors=..., extra=..., name="data") -> Path``.

    Writes a data folder under the test's temporary folder: ``factors.yaml``
    and ``briefs/test-brief.yaml`` (text or bytes; the defaults are the
    minimal valid fixtures above), plus ``extra`` briefs given as
    ``{file name: text}``. Returns the folder.
    """

    def write(
        brief: str | bytes | None = None,
        factors: str | bytes | None = None,
        extra: dict[str, str | bytes] | None = None,
        name: str = "data",
    ) -> Path:
        root = tmp_path / name
        (root / "briefs").mkdir(parents=True, exist_ok=True)
        files = {
            root / "factors.yaml": FACTORS_YAML if factors is None else factors,
            root / "briefs" / f"{BRIEF_ID}.yaml": BRIEF_YAML if brief is None else brief,
        }
        for file_name, text in (extra or {}).items():
            files[root / "briefs" / file_name] = text
        for path, content in files.items():
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return write


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def invoke(runner):
    """Run the ``kg`` command in-process: ``invoke("build", "--data", "d")``."""
    from kg.cli import main

    def run(*args: str):
        return runner.invoke(main, [str(a) for a in args], prog_name="kg")

    return run


# ---------------------------------------------------------------- the browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium through Playwright, for one test module at a time.

    Module scope: Playwright's sync API runs an event loop while it lives,
    which the tests and doctests of other modules must not find running.
    """
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("chromium is missing: run scripts/system-deps.sh (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


# ---------------------------------------------------------------- marks

#: Fixtures whose users get a mark (``pyproject.toml`` says what each mark means).
MARK_BY_FIXTURE = {
    "oxigraph_server": "server",
    "virtuoso_server": "server",
    "browser": "browser",
}

#: Marks of tests in modules whose owners keep them unmarked in the file:
#: ``{module: {test name: marks}}``; a test's name is taken without its parameters, and
#: ``"*"`` stands for every test of the module.
MARKS_BY_NAME: dict[str, dict[str, tuple[str, ...]]] = {
    "test_endpoint.py": {
        "*": ("server",),  # every test of the module
        "test_bounded_load_of_cookbook_queries": ("server", "slow"),  # a 10 s load test
    },
    "test_serve_hostile.py": dict.fromkeys(
        [
            "test_no_request_leaves_from_kg_query_or_the_endpoint",
            "test_query_processes_have_no_network",
            "test_only_the_served_hosts_are_answered",
            "test_no_cors_permission_unless_asked",
            "test_queries_past_the_deadline_do_not_hold_the_workers",
            "test_the_server_outlives_crashes_deadlines_and_memory_exhaustion",
        ],
        ("server",),
    ),
    "test_fuzz_serve.py": {"test_the_endpoint_answers_any_request_in_one_line": ("server",)},
}


#: Folders of tests whose every test gets a mark: the conformance checks run other
#: engines over kg's outputs (Jena in a JVM, pySHACL as the reference), seconds each.
MARK_BY_FOLDER = {"conformance": "slow"}


def pytest_collection_modifyitems(config, items):
    """Mark the users of :data:`MARK_BY_FIXTURE`, the tests :data:`MARKS_BY_NAME` names and
    the tests of the folders of :data:`MARK_BY_FOLDER`."""
    for item in items:
        marks = {MARK_BY_FIXTURE[name] for name in item.fixturenames if name in MARK_BY_FIXTURE}
        marks.update(mark for folder, mark in MARK_BY_FOLDER.items() if folder in item.path.parts)
        test_name = item.name.partition("[")[0]
        named = MARKS_BY_NAME.get(item.path.name, {})
        marks.update(named.get("*", ()), named.get(test_name, ()))
        for mark in sorted(marks):
            if item.get_closest_marker(mark) is None:
                item.add_marker(mark)
