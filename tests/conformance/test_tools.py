"""The suite's own promise: a missing tool fails the test instead of skipping it."""

from __future__ import annotations

import pytest

from conformance.conformance_tools import require


def test_a_missing_tool_fails_the_test():
    with pytest.raises(pytest.fail.Exception, match="run scripts/system-deps.sh"):
        require("kg-no-such-checker")


@pytest.mark.parametrize("tool", ["rapper", "java"])
def test_the_debian_tools_are_installed(tool):
    assert require(tool)
