"""Run every case of the bad-input corpus (``CASES`` of each ``cases_*.py``) through ``kg``.

Each case runs ``kg`` as a subprocess in a fresh folder holding a copy of
the shipped ``data/`` (and, for ``"built": True``, of the ``dist/`` built
from it), with the case's files written on top. The runner then checks what
tests/badinput/README.md lists: the exit code, the words of the message, no
traceback, one bounded line per problem, no hang, no file changed or lost,
no temporary file left, and no request to the loopback server.
"""

from __future__ import annotations

import hashlib
import http.server
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.datafolder import STORE_RECORD
from tests.servers import hostile_server

HERE = Path(__file__).parent
REPO = HERE.parents[1]

#: The longest stderr line a case may print: one problem, readable on a terminal or two.
MAX_LINE = 400
#: CPU seconds a case may use unless it sets its own ``cpu_s``: a bound on work (what a
#: quadratic reading or a loop breaks), which a busy machine does not change.
DEFAULT_CPU_S = 60


def wall_limit(cpu_s: float) -> float:
    """Seconds of wall time after which a case counts as hung (blocked, not working): room
    for a machine whose other processes leave kg a quarter of a core."""
    return 4 * cpu_s + 60


#: Names of temporary files kg writes beside their target (kg.io.files).
TEMP_SUFFIX = ".tmp"


def _load_cases() -> list[dict]:
    sys.path.insert(0, str(HERE))  # the case modules share badinput_files.py
    cases = []
    for module_path in sorted(HERE.glob("cases_*.py")):
        spec = importlib.util.spec_from_file_location(f"badinput_{module_path.stem}", module_path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for case in module.CASES:
            cases.append({**case, "module": module_path.stem})
    return cases


CASES = _load_cases()


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every request with an empty Turtle body and records it."""

    requests: list[str] = []

    def _answer(self) -> None:
        type(self).requests.append(f"{self.command} {self.path}")
        body = b""
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_HEAD = _answer

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture(scope="session")
def loopback() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server; yields its base URL and the list of requests it received."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.requests
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def hostile() -> Iterator[str]:
    """A loopback server that answers badly as its path says (tests/servers.py ``HostileHandler``)."""
    with hostile_server() as url:
        yield url


#: What a build elsewhere leaves in the checkout's data folder: no case starts with it.
_UNTRACKED = shutil.ignore_patterns(STORE_RECORD)


#: ``python -m kg ARGS`` with its CPU time capped by the kernel (``RLIMIT_CPU``): past the
#: cap the process is killed by SIGXCPU, however loaded the machine.
_CAPPED = (
    "import resource, runpy, sys; cap = int(sys.argv.pop(1));"
    "resource.setrlimit(resource.RLIMIT_CPU, (cap, cap + 5));"
    "runpy.run_module('kg', run_name='__main__', alter_sys=True)"
)


def _kg(args: list[str], cwd: Path, cpu_s: float) -> subprocess.CompletedProcess:
    """Run kg in ``cwd``, killed past ``cpu_s`` CPU seconds or :func:`wall_limit` of wall time."""
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("CI_KG_TRACE", None)
    return subprocess.run(
        [sys.executable, "-c", _CAPPED, str(int(cpu_s)), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=wall_limit(cpu_s),
    )


@pytest.fixture(scope="session")
def built_template(tmp_path_factory) -> Path:
    """A folder with a copy of the shipped data and the ``dist/`` that ``kg build`` makes of it."""
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(REPO / "data", root / "data", ignore=_UNTRACKED)
    done = _kg(["build"], root, cpu_s=300)
    assert done.returncode == 0, done.stderr
    return root


def _substitute(value, server: str, hostile: str = ""):
    if isinstance(value, str):
        value = value.replace("{hostile_host}", hostile.removeprefix("http://"))
        return value.replace("{server}", server).replace("{hostile}", hostile)
    if isinstance(value, bytes):
        return value.replace(b"{server}", server.encode()).replace(b"{hostile}", hostile.encode())
    return value


def _snapshot(root: Path) -> dict[str, str]:
    found = {}
    for path in root.rglob("*"):
        if path.is_symlink():
            found[path.relative_to(root).as_posix()] = "link:" + os.readlink(path)
        elif path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            found[path.relative_to(root).as_posix()] = digest
    return found


def _prepare(case: dict, root: Path, template: Path | None, server: str) -> None:
    if template is not None:
        shutil.copytree(template, root, dirs_exist_ok=True, symlinks=True)
    else:
        shutil.copytree(REPO / "data", root / "data", ignore=_UNTRACKED)
    files = case.get("files", {})
    if callable(files):
        files(root)
        return
    for relpath, content in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        content = _substitute(content, server)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def _may_change(relpath: str, case: dict) -> bool:
    """Whether the case allows ``relpath`` to change: the store's own files always may."""
    if relpath.startswith("dist/store/"):
        return True  # the store's database, lock and caches: its readers may touch them
    return any(
        relpath == p or relpath.startswith(p.rstrip("/") + "/") for p in case.get("changes", ())
    )


def test_the_corpus_is_large_enough():
    ours = [c for c in CASES if c["module"] != "cases_query"]
    assert len(ours) >= 80, len(ours)
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "two cases share a name"


def _param(case: dict):
    """The case as a parameter, marked ``server`` when kg talks to the hostile stand-in server,
    and ``slow`` when its input is heavy enough to need more than the default time limit."""
    marks = []
    if any("{hostile" in str(arg) for arg in case["args"]):
        marks.append(pytest.mark.server)
    if case.get("cpu_s", DEFAULT_CPU_S) > DEFAULT_CPU_S:
        marks.append(pytest.mark.slow)
    return pytest.param(case, id=case["name"], marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case, tmp_path, loopback, hostile, request):
    server, requests = loopback
    template = request.getfixturevalue("built_template") if case.get("built") else None
    root = tmp_path / "case"
    root.mkdir()
    _prepare(case, root, template, server)
    before = _snapshot(root)
    seen = len(requests)
    args = [_substitute(a, server, hostile) for a in case["args"]]

    cpu_s = case.get("cpu_s", DEFAULT_CPU_S)
    try:
        done = _kg(args, root, cpu_s)
    except subprocess.TimeoutExpired:
        pytest.fail(f"kg {' '.join(args)} hung: no end after {wall_limit(cpu_s):g} s")
    if done.returncode == -signal.SIGXCPU:
        pytest.fail(f"kg {' '.join(args)} worked past {cpu_s} s of CPU")

    # kg validate reports its problems on standard output, every other command on standard error
    stderr = done.stderr + done.stdout
    assert "Traceback" not in stderr, stderr[-3000:]
    assert done.returncode == case["exit"], (done.returncode, stderr[-3000:])
    lowered = stderr.lower()
    for word in case["words"]:
        assert word.lower() in lowered, (word, stderr[-3000:])
    for word in case.get("absent", ()):
        assert word.lower() not in lowered, (f"{word!r} was printed", stderr[-3000:])
    for line in stderr.splitlines():
        assert len(line) <= MAX_LINE, f"a {len(line)}-character line: {line[:200]}..."
    assert len(done.stderr.splitlines()) <= case.get("max_lines", 60), done.stderr[-3000:]

    after = _snapshot(root)
    for relpath, digest in before.items():
        if _may_change(relpath, case):
            continue
        assert relpath in after, f"{relpath} was removed"
        assert after[relpath] == digest, f"{relpath} was changed"
    for relpath in after:
        name = relpath.rsplit("/", 1)[-1]
        assert not (name.startswith(".") and name.endswith(TEMP_SUFFIX)), f"{relpath} left behind"
        if relpath not in before:
            assert _may_change(relpath, case), f"{relpath} was written"
    assert requests[seen:] == [], f"kg reached the network: {requests[seen:]}"
