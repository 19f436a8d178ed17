"""A run killed (SIGKILL, pipelines/faults.py) at any step of the load, the checks or the publish: the next run
completes, the raw layer, manifest, rejects and settings equal a clean load's, and the serving copy is never
half-written. The kill while dbt runs, and the marts after it, are in test_recovered_run.py (dbt is the slow
step: one build there, none here)."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from pipelines.config import serving_path
from tests.runsafe.small_landing import write_small_landing
from tests.runsafe.warehouse_state import MANIFEST, content, manifest, socialkpi_killed_at

KILLED = -9  # subprocess returncode of a child ended by SIGKILL
LOAD_SCHEMAS = ("raw", "settings")


@pytest.fixture(scope="module")
def landing(tmp_path_factory):
    return write_small_landing(tmp_path_factory.mktemp("kill_landing") / "landing")


@pytest.fixture(scope="module")
def clean_load(landing, tmp_path_factory):
    """The warehouse one uninterrupted `socialkpi load` writes."""
    warehouse = tmp_path_factory.mktemp("kill_clean") / "w.duckdb"
    result = socialkpi_killed_at(None, "load", "--landing", str(landing), "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr[-3000:]
    return warehouse


# the kill point, and what the next load reports: the files again, or the files the manifest has as loaded
POINTS = {
    "after_extract": "files=5 skipped_unchanged=0 rows=18 rejected=0",
    "after_data_load": "files=5 skipped_unchanged=0 rows=18 rejected=0",  # data in, manifest not: read again
    "after_manifest": "files=0 skipped_unchanged=5 rows=0 rejected=0",
    "during_settings": "files=0 skipped_unchanged=5 rows=0 rejected=0",
}


@pytest.mark.parametrize("point", POINTS)
def test_a_run_killed_during_the_load_is_completed_by_the_next(landing, clean_load, tmp_path, point):
    warehouse = tmp_path / "w.duckdb"
    killed = socialkpi_killed_at(point, "run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert killed.returncode == KILLED, killed.stderr[-3000:]
    assert not serving_path(warehouse).exists()  # nothing half-checked was published

    again = socialkpi_killed_at(None, "load", "--landing", str(landing), "--warehouse", str(warehouse))

    assert again.returncode == 0, again.stderr[-3000:]
    assert "step=load status=ok seconds=" in again.stderr and POINTS[point] in again.stderr
    recovered, clean = content(warehouse, LOAD_SCHEMAS), content(clean_load, LOAD_SCHEMAS)
    assert recovered.keys() == clean.keys()
    for table, rows in clean.items():
        if table != MANIFEST:  # says what the last run saw: compared below
            assert recovered[table] == rows, table
    assert manifest(warehouse) == manifest(clean_load)


def test_a_run_killed_during_the_checks_stores_nothing_and_the_next_stores_one_run(clean_load, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    shutil.copyfile(clean_load, warehouse)

    killed = socialkpi_killed_at("during_checks", "check", "--layer", "raw", "--warehouse", str(warehouse))
    assert killed.returncode == KILLED
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        stored = con.execute(
            "select count(*) from information_schema.tables where table_schema = 'quality'"
        ).fetchall()
        before = con.execute("select count(*) from quality.check_runs").fetchall() if stored[0][0] else [(0,)]
    finally:
        con.close()
    assert before == [(0,)]

    again = socialkpi_killed_at(None, "check", "--layer", "raw", "--warehouse", str(warehouse))
    assert again.returncode == 0, again.stderr[-3000:]
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("select count(*) from quality.check_runs").fetchall() == [(1,)]
    finally:
        con.close()


def test_a_publish_killed_before_the_rename_leaves_the_previous_copy_whole(clean_load, tmp_path):
    """The serving copy holds only the allow-listed tables (pipelines/publish.py); one of them stands in for
    the marts here, its marker changed between two publishes."""
    warehouse = tmp_path / "w.duckdb"
    shutil.copyfile(clean_load, warehouse)
    serving = serving_path(warehouse)

    def set_marker(value: int) -> None:
        con = duckdb.connect(str(warehouse))
        try:
            con.execute("create schema if not exists marts")
            con.execute("create or replace table marts.fct_alerts as select ? as marker", [value])
        finally:
            con.close()

    set_marker(1)
    first = socialkpi_killed_at(None, "publish", "--warehouse", str(warehouse))
    assert first.returncode == 0, first.stderr[-3000:]
    assert content(serving, ("marts",)) == {"marts.fct_alerts": [(1,)]}
    set_marker(2)

    killed = socialkpi_killed_at("during_publish", "publish", "--warehouse", str(warehouse))

    assert killed.returncode == KILLED
    assert serving.with_name(serving.name + ".tmp").exists()  # the new copy was written, not swapped in
    assert content(serving, ("marts",)) == {
        "marts.fct_alerts": [(1,)]
    }  # the previous complete copy, readable
    again = socialkpi_killed_at(None, "publish", "--warehouse", str(warehouse))
    assert again.returncode == 0, again.stderr[-3000:]
    assert content(serving, ("marts",)) == {"marts.fct_alerts": [(2,)]}
    assert not serving.with_name(serving.name + ".tmp").exists()
