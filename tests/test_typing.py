"""The package type-checks: ``mypy kg`` with the settings in pyproject.toml finds nothing."""

from __future__ import annotations

import subprocess

from helpers import PYTHON, REPO


def test_mypy_finds_no_type_errors():
    proc = subprocess.run(
        [PYTHON, "-m", "mypy", "kg"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
