"""One run per warehouse: every writing command holds an exclusive lock on `<warehouse>.lock`.

Two overlapping runs on one warehouse would interleave dlt packages, manifests and dbt builds (issue 13: the
next run after an overlap reported `rows=0` and published). DuckDB's own file lock only covers the moments a
connection is open, so a second `socialkpi run` could load between the first one's load and its dbt build.

The lock is `fcntl.flock` on a file beside the warehouse, taken before the command does anything and held until
it ends. The kernel releases a flock when its process dies, however it dies (SIGKILL, OOM, power loss of the
process), so a killed run never leaves a stale lock behind: the file may still name the dead holder, but
nobody holds it. The file holds the holder's pid, command and start time, so a second run that gives up can
say who it waited for. A second run waits up to `--wait` seconds (default 0: fail at once, the safe default for
a scheduler that will try again at its next tick), then fails with the warehouse and the holder in the message.
Linux and macOS only (fcntl), like the rest of the command line.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_WAIT_SECONDS = 0.0
POLL_SECONDS = 0.2
WRITING_COMMANDS = ("load", "transform", "check", "publish", "run", "erase")


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse's lock and did not let go within the wait."""


def lock_path(warehouse: Path) -> Path:
    """`socialkpi.duckdb` -> `socialkpi.duckdb.lock`, in the warehouse's folder."""
    return warehouse.with_name(warehouse.name + ".lock")


def holder(path: Path) -> str:
    """Who holds the lock, as its file says (`pid 123, command run, since 2026-…`), or `unknown`."""
    try:
        fields = dict(
            line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line
        )
    except OSError:
        return "unknown holder"
    if "pid" not in fields:
        return "unknown holder"
    return f"pid {fields['pid']}, command {fields.get('command', '?')}, since {fields.get('started_at', '?')}"


@contextmanager
def warehouse_lock(
    warehouse: Path, command: str, wait_seconds: float = DEFAULT_WAIT_SECONDS
) -> Iterator[Path]:
    """Hold the exclusive lock of `warehouse` for the body; WarehouseBusy when it is not free within
    `wait_seconds` (0: try once)."""
    path = lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held open for the life of the lock
    try:
        deadline = time.monotonic() + max(wait_seconds, 0.0)
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        f"warehouse {warehouse} is in use by another socialkpi run ({holder(path)}; lock "
                        f"file {path}); waited {wait_seconds:g} s: try again later or pass --wait SECONDS"
                    ) from None
                time.sleep(POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        handle.write(f"pid={os.getpid()}\ncommand={command}\nstarted_at={started}\n")
        handle.flush()
        yield path
    finally:
        handle.close()  # closing the descriptor releases the flock
