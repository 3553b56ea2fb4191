#!/usr/bin/env bash
# System packages the tests need, installed only when missing:
# Debian's chromium, which the explorer's browser tests drive through Playwright
# (Playwright's own browser download is not used), and Virtuoso Open Source 7,
# the second SPARQL server the push tests load the data into.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
command -v virtuoso-t >/dev/null || missing+=(virtuoso-opensource-7-bin)
# The ontology's conformance tests: a Java runtime for HermiT (bundled with
# owlready2) and the OWL API, whose OWL 2 DL profile checker they run.
command -v java >/dev/null || missing+=(default-jre-headless)
[ -f /usr/share/java/owlapi-distribution.jar ] || missing+=(libowlapi-java)

if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "scripts/system-deps.sh: missing ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
/usr/bin/chromium --version
virtuoso-t +version 2>&1 | head -n 2 || true
