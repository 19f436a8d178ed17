"""Child processes that die with their parent: killing a run kills the dbt it started.

Issue 13: a `socialkpi run` killed while dbt was building left dbt running and writing to the warehouse, so
the next run raced a ghost. On Linux the child asks the kernel, before it executes dbt, for SIGKILL as soon
as its parent dies (prctl PR_SET_PDEATHSIG), however the parent dies (SIGKILL included, which no signal
handler can catch). If the parent is already gone by then, the child exits at once. Elsewhere the call is
skipped; an interrupted parent (Ctrl-C, SIGTERM turned into an exception) still kills the child in
`run_child`'s handler.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _die_with(parent_pid: int):
    """A preexec_fn: in the forked child, before exec, arrange SIGKILL on the parent's death.

    libc is loaded here, in the parent: the forked child of a process with threads (dlt, GX start some) may
    only call what is already resolved, never load a library or import."""
    prctl = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl
    getppid, exit_now, kill = os.getppid, os._exit, int(signal.SIGKILL)

    def preexec() -> None:
        prctl(PR_SET_PDEATHSIG, kill, 0, 0, 0)
        if getppid() != parent_pid:  # the parent died between fork and prctl
            exit_now(1)

    return preexec


def run_child(
    command: list[str], *, env: dict[str, str] | None = None, on_started=None
) -> subprocess.CompletedProcess:
    """subprocess.run(command, capture_output=True, text=True) whose child is killed when this process dies;
    `on_started()` is called once the child runs (the kill tests use it)."""
    preexec = _die_with(os.getpid()) if sys.platform.startswith("linux") else None
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, preexec_fn=preexec
    ) as process:
        try:
            if on_started is not None:
                on_started()
            stdout, stderr = process.communicate()
        except BaseException:  # KeyboardInterrupt, SystemExit from a signal handler: never leave it running
            process.kill()
            process.wait()
            raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
