#!/usr/bin/env bash
# Regenerate the ontology's documentation, docs/ontology/index.html, from
# ontology/causal.ttl with pyLODE (its OntPub profile, terms sorted, CSS
# in-lined so the page stands alone). pyLODE comes with the test extra
# (pip install -e '.[test]'); tests/test_ontology.py checks that the
# committed page is what this script writes.
# Usage: scripts/ontology-docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."

out=docs/ontology/index.html
mkdir -p "$(dirname "$out")"
# Written next to the page and renamed, so an interrupted run leaves the old one.
.venv/bin/pylode --sort --css true --outputfile "$out.tmp.html" ontology/causal.ttl >/dev/null
mv "$out.tmp.html" "$out"
echo "$out"
