"""A `socialkpi run` killed while dbt builds: dbt dies with it; one killed after dbt, before the checks; the
next run completes with the raw layer, settings, marts and reports of a run killed only after publishing, and
the exports of both warehouses are byte-identical (three times over), with the formula cells of the input
escaped. Three dbt builds of the small landing for the whole module."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipelines.config import TELEMETRY_OFF, serving_path
from pipelines.csvsafe import FORMULA_STARTS
from pipelines.faults import FAULT_ENV
from pipelines.transform import dbt_paths
from tests.runsafe.small_landing import HOSTILE_CAMPAIGN, HOSTILE_TEMPLATE, write_small_landing
from tests.runsafe.warehouse_state import (
    DATA_SCHEMAS,
    MANIFEST,
    content,
    manifest,
    read_a_table,
    socialkpi_killed_at,
)


def dbt_processes(warehouse: Path) -> list[int]:
    """Live processes whose command line names this warehouse's dbt target folder (dbt, and nothing else)."""
    target = str(dbt_paths(warehouse)[0])
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if target.encode() in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def landing(tmp_path_factory):
    return write_small_landing(tmp_path_factory.mktemp("rerun_landing") / "landing")


@pytest.fixture(scope="module")
def clean(landing, tmp_path_factory) -> Path:
    """The first run on a new warehouse, killed at `after_publish`: every step done, the summary not printed.
    The recovered run below must equal it, so a kill there leaves what a completed run leaves."""
    warehouse = tmp_path_factory.mktemp("rerun_clean") / "w.duckdb"
    result = socialkpi_killed_at(
        "after_publish", "run", "--landing", str(landing), "--warehouse", str(warehouse)
    )
    assert result.returncode == -signal.SIGKILL, result.stderr[-3000:]
    assert "step=publish status=ok" in result.stderr
    assert read_a_table(serving_path(warehouse)) == read_a_table(warehouse)
    return warehouse


@pytest.fixture(scope="module")
def killed_during_dbt(landing, tmp_path_factory) -> dict:
    """A run killed at `during_dbt` (it SIGKILLs itself while dbt builds): dbt's pid, seen while it ran, and
    whether it outlived its parent; then a run killed at `after_dbt` (built, not checked); then the next run,
    to the end."""
    warehouse = tmp_path_factory.mktemp("rerun_killed") / "w.duckdb"
    env = {**os.environ, **TELEMETRY_OFF, FAULT_ENV: "during_dbt"}
    run = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "run",
            "--landing",
            str(landing),
            "--warehouse",
            str(warehouse),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen: list[int] = []
    while run.poll() is None and not seen:
        seen = dbt_processes(warehouse)
        time.sleep(0.2)
    returncode = run.wait(timeout=900)
    deadline = time.monotonic() + 15
    while dbt_processes(warehouse) and time.monotonic() < deadline:
        time.sleep(0.2)
    survivors = dbt_processes(warehouse)
    for pid in survivors:  # never leave one behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
    published_after_kill = serving_path(warehouse).exists()
    after_dbt = socialkpi_killed_at(
        "after_dbt", "run", "--landing", str(landing), "--warehouse", str(warehouse)
    )
    published_after_dbt = serving_path(warehouse).exists()
    again = socialkpi_killed_at(None, "run", "--landing", str(landing), "--warehouse", str(warehouse))
    return {
        "warehouse": warehouse,
        "returncode": returncode,
        "seen": seen,
        "survivors": survivors,
        "published_after_kill": published_after_kill,
        "after_dbt": after_dbt,
        "published_after_dbt": published_after_dbt,
        "again": again,
    }


def test_killing_the_run_while_dbt_builds_kills_dbt(killed_during_dbt):
    assert killed_during_dbt["returncode"] == -signal.SIGKILL
    assert killed_during_dbt["seen"], "dbt was not running when the run was killed"
    assert killed_during_dbt["survivors"] == []
    assert not killed_during_dbt["published_after_kill"]


def test_a_run_killed_after_dbt_publishes_nothing_unchecked(killed_during_dbt):
    after_dbt = killed_during_dbt["after_dbt"]
    assert after_dbt.returncode == -signal.SIGKILL, after_dbt.stderr[-3000:]
    assert "step=transform status=ok" in after_dbt.stderr and "layer=marts" not in after_dbt.stderr
    assert not killed_during_dbt["published_after_dbt"]


def test_the_next_run_completes_with_a_clean_runs_tables(killed_during_dbt, clean):
    again = killed_during_dbt["again"]
    assert again.returncode == 0, again.stderr[-3000:]
    warehouse = killed_during_dbt["warehouse"]
    recovered, expected = content(warehouse, DATA_SCHEMAS), content(clean, DATA_SCHEMAS)
    assert recovered.keys() == expected.keys()
    assert any(name.startswith("marts.") for name in expected)
    for table, rows in expected.items():
        if table != MANIFEST:  # says what the last run saw: compared below
            assert recovered[table] == rows, table
    assert manifest(warehouse) == manifest(clean)
    assert read_a_table(serving_path(warehouse)) == read_a_table(serving_path(clean))


EXPORTS = (
    ("kpis", "--format", "csv"),
    ("kpis", "--format", "csv", "--by", "campaign,template"),
    ("attribution",),
    ("attribution", "--conversions"),
)


def exported(warehouse: Path, args: tuple[str, ...]) -> str:
    result = socialkpi_killed_at(None, *args, "--warehouse", str(warehouse), "--quiet")
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_exports_are_byte_identical_run_after_run_and_warehouse_after_warehouse(killed_during_dbt, clean):
    for args in EXPORTS:
        first = exported(clean, args)
        assert first.count("\n") > 1, args
        assert exported(clean, args) == first, args
        assert exported(clean, args) == first, args
        assert exported(killed_during_dbt["warehouse"], args) == first, args


def test_formula_cells_from_the_input_are_escaped_in_the_export(clean):
    rows = list(csv.DictReader(io.StringIO(exported(clean, EXPORTS[1]))))
    hostile = [row for row in rows if row["template"] == "'" + HOSTILE_TEMPLATE]
    assert hostile and all(row["campaign"] == "'" + HOSTILE_CAMPAIGN for row in hostile)
    by_kpi = {row["kpi"]: row for row in hostile}
    assert by_kpi["conversations"]["value"] == "1.0"  # the one hostile conversation, answered by its bot
    assert by_kpi["frt_any_mean_min"]["value"] == "0.5"  # 30 seconds
    for row in rows:
        for cell in row.values():
            assert not (cell or "").startswith(FORMULA_STARTS) or cell.lstrip("+-").replace(".", "").isdigit()
