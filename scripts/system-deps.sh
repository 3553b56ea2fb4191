#!/usr/bin/env bash
# System packages the tests need, installed only when missing:
# Debian's chromium, which the explorer's browser tests drive through Playwright
# (Playwright's own browser download is not used), and Virtuoso Open Source 7,
# the second SPARQL server the push tests load the data into; and the
# independent tools the conformance suite checks kg's outputs with.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
command -v virtuoso-t >/dev/null || missing+=(virtuoso-opensource-7-bin)
# Independent checkers of kg's outputs (tests/conformance/): Raptor's rapper,
# Apache Jena (riot, SHACL) and the Java runtime it and HermiT need.
command -v rapper >/dev/null || missing+=(raptor2-utils)
[ -f /usr/share/java/jena-cmds.jar ] || missing+=(libapache-jena-java)
command -v java >/dev/null || missing+=(default-jre-headless)
# Graphviz lays the explorer out (kg render); HTML Tidy and the Nu checker
# (Java) check its page in tests/conformance/test_html.py.
command -v dot >/dev/null || missing+=(graphviz)
command -v tidy >/dev/null || missing+=(tidy)
# The OWL API, whose OWL 2 DL profile checker the ontology's tests run.
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
rapper --version
java -version 2>&1 | head -n 1
dot -V
tidy -version
