#!/usr/bin/env bash
# System packages the tests need, installed only when missing:
# Debian's chromium, which the explorer's browser tests drive through Playwright
# (Playwright's own browser download is not used).
set -euo pipefail

if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "scripts/system-deps.sh: chromium is missing; run as root or: sudo apt-get install -y chromium" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
fi
/usr/bin/chromium --version
