"""One run per warehouse: a second writing command waits or fails cleanly naming the holder; a lock left by a
killed process never blocks the next run; dbt and other children die with the run that started them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pipelines.runlock import WarehouseBusy, lock_path, warehouse_lock
from tests.conftest import socialkpi

HOLD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from pipelines.runlock import warehouse_lock
    with warehouse_lock(Path(sys.argv[1]), "run"):
        print("held", flush=True)
        time.sleep(float(sys.argv[2]))
    """
)


def hold_lock(warehouse: Path, seconds: float) -> subprocess.Popen:
    """Another process holding the warehouse's lock for `seconds` (returns once it holds it)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(warehouse), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


@pytest.mark.parametrize("command", ["load", "run"])  # every writing command takes it in cli.main
def test_a_second_writing_command_fails_at_once_naming_warehouse_and_holder(tmp_path, command):
    warehouse = tmp_path / "w.duckdb"
    holder = hold_lock(warehouse, 60)
    try:
        started = time.monotonic()
        result = socialkpi(command, "--warehouse", str(warehouse), "--landing", str(tmp_path))
        elapsed = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()

    assert result.returncode == 1
    assert f"step={command} status=failed" in result.stderr
    assert f"warehouse {warehouse} is in use by another socialkpi run" in result.stderr
    assert f"pid {holder.pid}, command run, since " in result.stderr
    assert "Traceback" not in result.stderr
    assert elapsed < 30  # failed at once (the default --wait is 0), no step ran


def test_a_reading_command_does_not_wait_for_the_lock(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    holder = hold_lock(warehouse, 60)
    try:
        result = socialkpi("kpis", "--warehouse", str(warehouse))
    finally:
        holder.kill()
        holder.wait()
    assert "in use by another socialkpi run" not in result.stderr
    assert f"no warehouse at {warehouse}" in result.stderr  # it got as far as looking for the data


def test_wait_gives_up_after_the_given_seconds(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    holder = hold_lock(warehouse, 60)
    try:
        started = time.monotonic()
        busy = pytest.raises(WarehouseBusy, match=rf"pid {holder.pid}, command run.*waited 1.5 s")
        with busy, warehouse_lock(warehouse, "load", wait_seconds=1.5):
            pass
        assert 1.5 <= time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait()


def test_wait_takes_the_lock_as_soon_as_the_holder_ends(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    holder = hold_lock(warehouse, 1.0)
    started = time.monotonic()
    try:
        with warehouse_lock(warehouse, "load", wait_seconds=30) as path:
            assert 0.5 < time.monotonic() - started < 20  # it waited for the holder, not for the 30 s
            fields = dict(line.split("=", 1) for line in path.read_text().splitlines())
            assert fields["pid"] == str(os.getpid()) and fields["command"] == "load"
    finally:
        holder.wait()


def test_a_lock_left_by_a_killed_process_does_not_block(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    holder = hold_lock(warehouse, 60)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert f"pid={holder.pid}" in lock_path(warehouse).read_text()  # the file still names the dead holder

    with warehouse_lock(warehouse, "run", wait_seconds=0) as path:
        assert f"pid={os.getpid()}\ncommand=run\n" in path.read_text()


PARENT = textwrap.dedent(
    """
    import sys
    from pipelines.children import run_child
    run_child([sys.executable, "-c", "import time; time.sleep(120)"],
              on_started=lambda: print("started", flush=True))
    """
)


def live_children(parent_pid: int) -> list[int]:
    """Pids whose parent is `parent_pid`, from /proc (psutil is not a dependency)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == parent_pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_child_dies_with_its_killed_parent():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    assert parent.stdout.readline().strip() == "started"
    [child] = live_children(parent.pid)
    assert alive(child)

    parent.send_signal(signal.SIGKILL)
    parent.wait()

    deadline = time.monotonic() + 10
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(child)


BROWSER = textwrap.dedent(
    """
    import time
    from playwright.sync_api import sync_playwright
    from pipelines.onepager.printing import CHROMIUM_ARGS, find_chromium
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(find_chromium()), args=CHROMIUM_ARGS)
        print("started", flush=True)
        time.sleep(120)
    """
)


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (children, their children, …), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@pytest.mark.browser
def test_the_one_pagers_chromium_dies_with_its_killed_parent():
    """The one-pager prints with Chromium under Playwright's driver (pipelines/onepager/printing.py): a
    killed run closes the driver's pipe, and the driver closes the browser."""
    parent = subprocess.Popen([sys.executable, "-c", BROWSER], stdout=subprocess.PIPE, text=True)
    assert parent.stdout.readline().strip() == "started"
    below = descendants(parent.pid)
    assert len(below) >= 2  # the driver and at least one Chromium process

    parent.send_signal(signal.SIGKILL)
    parent.wait()

    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in below) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in below if alive(pid)] == []
