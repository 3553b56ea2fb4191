"""The independent tools the conformance suite runs, each called as its users call it.

Each helper fails the test, never skips it, when its tool is missing:
``scripts/test.sh`` installs them all (``scripts/system-deps.sh`` for the
Debian packages, the ``test`` extra for the PyPI ones).

Apache Jena comes from Debian's ``libapache-jena-java``, which ships the jars
but no ``riot`` or ``shacl`` script. :func:`jena_classpath` puts together
what the scripts would: the jars of the package and of its dependencies, with
exactly one SLF4J binding (Debian's ``/usr/share/java`` holds several, and
two at once stop Jena at start-up), and a folder holding the message bundles
of Jena's copy of Xerces (its XML Schema datatypes), which Debian's
``jena-core.jar`` keeps under ``org/apache/jena/ext/xerces/`` while its
classes load them from ``xerces/``: without them Jena fails on its first
``xsd:`` datatype ("internal error"), or on its first ill-typed literal. Jena's JSON-LD
1.1 reader (Titanium) needs a Jakarta JSON provider that Debian 12 does not
package, so JSON-LD goes through Jena's JSON-LD 1.0 reader (jsonld-java,
``--syntax=jsonld10``); kg's JSON-LD uses nothing newer than 1.0.
"""

from __future__ import annotations

import atexit
import functools
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest

#: rapper's and Jena's names of the RDF syntaxes kg writes, by file extension.
RAPPER_SYNTAX = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle"}
JENA_SYNTAX = {".jsonld": "jsonld10"}
JENA_PACKAGE = "libapache-jena-java"
# SLF4J bindings other than the one kept (slf4j-jdk14): two bindings stop Jena.
_OTHER_LOGGING = re.compile(
    r"/(slf4j-(log4j12|jcl|simple|nop|migrator)|log4j-over-slf4j|jcl-over-slf4j|jul-to-slf4j)"
    r"[-0-9.]*\.jar$"
)
# Where Debian's jena-core.jar keeps the message bundles of its copy of Xerces.
_SHADED_XERCES = "org/apache/jena/ext/xerces/"


def require(command: str) -> str:
    """The path of ``command``; the test fails when it is not installed."""
    path = shutil.which(command)
    if path is None:
        pytest.fail(f"{command} is not installed; run scripts/system-deps.sh (as root)")
    return path


def run(args: list[str], timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """Run a tool, capturing its output as text."""
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)


# ---------------------------------------------------------------- Raptor


def rapper_count(path: Path, syntax: str) -> int:
    """How many triples (for TriG and N-Quads: quads) Raptor's ``rapper`` reads from ``path``.

    The test fails when rapper reports an error or a warning.
    """
    result = run([require("rapper"), "-i", syntax, "-c", str(path)])
    problems = [ln for ln in result.stderr.splitlines() if "Error" in ln or "Warning" in ln]
    assert result.returncode == 0 and not problems, f"rapper on {path}: {result.stderr}"
    (count,) = re.findall(r"Parsing returned (\d+) triples", result.stderr)
    return int(count)


# ---------------------------------------------------------------- Apache Jena


@functools.cache
def jena_classpath() -> str:
    """A Java class path on which Debian's Jena runs (see the module's docstring)."""
    require("java")
    require("dpkg")
    packages = [JENA_PACKAGE]
    depends = run(["apt-cache", "depends", "--installed", JENA_PACKAGE]).stdout
    packages += re.findall(r"^\s*Depends: (\S+)$", depends, flags=re.MULTILINE)
    listed = run(["dpkg", "-L", *packages]).stdout.splitlines()
    jars = sorted(
        {
            line
            for line in listed
            if line.startswith("/usr/share/java/")
            and line.endswith(".jar")
            and not _OTHER_LOGGING.search(line)
        }
    )
    core = Path("/usr/share/java/jena-core.jar")
    if not core.is_file():
        pytest.fail(f"{JENA_PACKAGE} is not installed; run scripts/system-deps.sh (as root)")
    bundle_dir = Path(tempfile.mkdtemp(prefix="kg-jena-"))
    atexit.register(shutil.rmtree, bundle_dir, ignore_errors=True)
    with zipfile.ZipFile(core) as jar:
        for name in jar.namelist():
            if _SHADED_XERCES in name and name.endswith(".properties"):
                target = bundle_dir / "xerces" / name.split(_SHADED_XERCES, 1)[1]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    logging = "/usr/share/java/slf4j-jdk14.jar"
    return ":".join([str(bundle_dir), *jars, logging])


def jena(main_class: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run one of Jena's command-line classes (``riotcmd.riot``, ``shacl.shacl_validate``)."""
    return run([require("java"), "-cp", jena_classpath(), main_class, *args])


def riot_counts(paths: list[Path], syntax: str | None = None) -> dict[Path, int]:
    """Jena's ``riot --count``: the triples or quads of each file, parsed by Jena."""
    extra = [f"--syntax={syntax}"] if syntax else []
    result = jena("riotcmd.riot", "--count", *extra, *map(str, paths))
    output = result.stdout + result.stderr  # Jena logs, and counts, to either stream
    assert result.returncode == 0 and " ERROR " not in output, output
    counts = {}
    for uri, number in re.findall(r"^(\S+) : (?:Quads|Triples) = ([\d,]+)$", output, re.M):
        counts[Path(uri.removeprefix("file://"))] = int(number.replace(",", ""))
    return counts


def riot_validate(paths: list[Path], syntax: str | None = None) -> str:
    """Jena's ``riot --validate`` (strict parsing and term checks): its warnings and errors, if any."""
    extra = [f"--syntax={syntax}"] if syntax else []
    result = jena("riotcmd.riot", "--validate", *extra, *map(str, paths))
    # Jena logs to either stream; it names each file it reads with an INFO line.
    lines = (result.stdout + result.stderr).splitlines()
    messages = [ln for ln in lines if " INFO " not in ln]
    if result.returncode != 0:
        messages.append(f"riot exited with {result.returncode}")
    return "\n".join(messages)


def riot_nquads(path: Path, syntax: str | None = None) -> bytes:
    """The dataset of ``path`` as Jena reads it, written by Jena as N-Quads."""
    extra = [f"--syntax={syntax}"] if syntax else []
    result = run(
        [require("java"), "-cp", jena_classpath(), "riotcmd.riot", "--output=nquads", *extra,
         str(path)]
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0 and " ERROR " not in output and " WARN " not in output, output
    # Jena's log lines may share standard output with the quads: keep the quads.
    quads = [ln for ln in result.stdout.splitlines() if ln.startswith(("<", "_:"))]
    return ("\n".join(quads) + "\n").encode("utf-8")


def jena_shacl(shapes: Path, data: Path) -> str:
    """Jena SHACL's validation report (Turtle) of ``data`` against ``shapes``."""
    result = jena("shacl.shacl_validate", "--shapes", str(shapes), "--data", str(data))
    assert result.returncode == 0, result.stderr
    return result.stdout
