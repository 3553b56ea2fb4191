#!/usr/bin/env bash
# System packages the tests need, installed only when missing.
# (The browser for the explorer tests is added here when they land.)
set -euo pipefail
exit 0
