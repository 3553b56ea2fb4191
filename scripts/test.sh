#!/usr/bin/env bash
# Install everything the tests need on a fresh machine, then run them.
# Usage: scripts/test.sh [pytest arguments]   (KG_TEST_WORKERS=N: N test processes)
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test,docs]'

bash scripts/system-deps.sh

# Every core runs tests (pytest-xdist; worksteal hands a worker's queue to an idle one, so
# that a long test at the end does not leave the other core idle). KG_TEST_WORKERS=0 runs
# the suite in this one process.
status=0
.venv/bin/python -m pytest -n "${KG_TEST_WORKERS:-auto}" --dist worksteal "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "scripts/test.sh: pytest collected no tests; that is a failure here" >&2
    exit 1
fi
exit "$status"
