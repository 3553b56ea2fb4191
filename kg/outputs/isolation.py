"""Walls around a process that runs queries: no network, bounded memory, a clear word when it dies.

The query check (:mod:`kg.store.querycheck`) refuses ``SERVICE`` on the
parsed query; this is the second wall, for whatever a parser might miss.
:func:`cut_network` moves the calling process into a network namespace of
its own, which holds only a loopback interface that is down: every
``connect`` fails with "Network is unreachable", whatever the engine tries.
It needs Linux and either root (``CAP_SYS_ADMIN``) or unprivileged user
namespaces; elsewhere it says why it could not, and the parser check is the
only wall. :func:`limit_memory` caps the process's address space
(``RLIMIT_AS``), so that a query that would take the machine's memory makes
the engine's allocation fail and the process end, not the machine swap.

>>> describe_exit(-11)
'it crashed (signal SIGSEGV, e.g. a stack overflow)'
>>> describe_exit(-6)
'it stopped on an allocation failure or an internal error (signal SIGABRT)'
"""

from __future__ import annotations

import ctypes
import faulthandler
import os
import resource
import signal

__all__ = ["cut_network", "limit_memory", "describe_exit", "address_space", "quiet_stderr"]

_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000


def cut_network() -> str | None:
    """Leave the network: ``None`` when done, else why it could not be done.

    Call it in a process that is single-threaded (just forked or just
    started), before any engine is loaded: a namespace applies to the
    threads started after the call.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        unshare = libc.unshare
    except (OSError, AttributeError) as exc:
        return f"no unshare() on this platform ({exc})"
    reasons = []
    for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET):
        if unshare(flags) == 0:
            return None
        reasons.append(os.strerror(ctypes.get_errno()))
    return "unshare of the network namespace failed: " + "; ".join(dict.fromkeys(reasons))


def quiet_stderr() -> None:
    """Send this process's standard error to ``/dev/null``, Python's crash report too.

    The engine writes a backtrace there when an allocation fails; the
    parent says what happened in one line instead. A host that enabled
    :mod:`faulthandler` (a test runner does) holds its own copy of the
    descriptor, so the report of a crash is switched off as well.
    """
    faulthandler.disable()
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.close(null)


def address_space() -> int:
    """Bytes of address space this process has mapped now (``VmSize``); 0 when unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def limit_memory(extra: int) -> None:
    """Cap this process's address space at what it maps now plus ``extra`` bytes."""
    limit = address_space() + extra
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


_SIGNALS = {
    signal.SIGSEGV: "it crashed (signal SIGSEGV, e.g. a stack overflow)",
    signal.SIGABRT: "it stopped on an allocation failure or an internal error (signal SIGABRT)",
    signal.SIGKILL: "it was killed (signal SIGKILL: the time limit, or the system out of memory)",
    signal.SIGBUS: "it crashed (signal SIGBUS)",
}


def describe_exit(code: int | None) -> str:
    """Why a process ended, from its exit code (negative: the signal), in a few words."""
    if code is None:
        return "it ended without a status"
    if code < 0:
        number = -code
        if number in _SIGNALS:
            return _SIGNALS[signal.Signals(number)]
        try:
            return f"it was stopped by signal {signal.Signals(number).name}"
        except ValueError:
            return f"it was stopped by signal {number}"
    return f"it exited with status {code} without an answer"
