"""Checkpoint results in the warehouse: `quality.check_runs` and `quality.check_results`.

Unit tests of `store_check_results` on a hand-built `CheckReport`, and `socialkpi check` on a copy of the
session's built warehouse (the shared one is never written).
"""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import duckdb

from expectations.checkpoint import CheckReport, ExpectationOutcome
from pipelines.quality import new_run_id, store_check_results
from tests.conftest import query, socialkpi

CHECKED_AT = datetime(2026, 11, 22, 23, 15, tzinfo=UTC)
RESULT_COLUMNS = [
    "run_id",
    "checked_at",
    "suite",
    "table_name",
    "expectation_type",
    "columns",
    "severity",
    "guards",
    "success",
    "observed_value",
    "run_seconds",
]
RUN_COLUMNS = [
    "run_id",
    "checked_at",
    "success",
    "evaluated",
    "failed_errors",
    "failed_warnings",
    "run_seconds",
    "data_docs_index",
]


def without_table(**fields: object) -> SimpleNamespace:
    """An outcome as the checkpoint made them before it had a `table` field."""
    return SimpleNamespace(**fields)


def report(success: bool = False) -> CheckReport:
    outcomes = [
        ExpectationOutcome(
            suite="marts_fct_conversations",
            expectation_type="expect_column_values_to_be_between",
            columns=("response_rate",),
            severity="error",
            guards="0 <= response rate <= 1",
            success=success,
            observed_value="2 of 40 rows unexpected, e.g. 1.5; 2.0",
            table="marts.fct_conversations",
        ),
        without_table(  # stored with an empty table name
            suite="raw_events",
            expectation_type="expect_column_pair_values_a_to_be_greater_than_b",
            columns=("first_response_at", "first_inbound_at"),
            severity="warning",
            guards="first response after first inbound",
            success=True,
            observed_value="",
        ),
        ExpectationOutcome(
            suite="raw_events",
            expectation_type="expect_table_row_count_to_be_between",
            columns=(),
            severity="warning",
            guards="events loaded",
            success=False,
            observed_value="0",
            table="raw.events",
        ),
    ]
    return CheckReport(
        success=success,
        results=outcomes,
        evaluated=3,
        failed_errors=0 if success else 1,
        failed_warnings=1,
        seconds=4.25,
        data_docs_index=Path("/tmp/docs/index.html"),
    )


def rows(warehouse: Path, sql: str) -> list[dict]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        cur = con.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, values, strict=True)) for values in cur.fetchall()]
    finally:
        con.close()


def test_one_row_per_outcome_and_one_per_run(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    assert store_check_results(warehouse, report(), "r1", CHECKED_AT) == 3

    results = rows(warehouse, "select * from quality.check_results order by suite, expectation_type")
    assert list(results[0]) == RESULT_COLUMNS
    assert [(r["suite"], r["table_name"], r["columns"], r["severity"], r["success"]) for r in results] == [
        ("marts_fct_conversations", "marts.fct_conversations", "response_rate", "error", False),
        ("raw_events", "", "first_response_at,first_inbound_at", "warning", True),
        ("raw_events", "raw.events", "", "warning", False),
    ]
    first = results[0]
    assert first["run_id"] == "r1"
    assert first["checked_at"] == datetime(2026, 11, 22, 23, 15)  # UTC, stored without a time zone
    assert first["expectation_type"] == "expect_column_values_to_be_between"
    assert first["guards"] == "0 <= response rate <= 1"
    assert first["observed_value"] == "2 of 40 rows unexpected, e.g. 1.5; 2.0"
    assert {r["run_seconds"] for r in results} == {4.25}

    assert rows(warehouse, "select * from quality.check_runs") == [
        {
            "run_id": "r1",
            "checked_at": datetime(2026, 11, 22, 23, 15),
            "success": False,
            "evaluated": 3,
            "failed_errors": 1,
            "failed_warnings": 1,
            "run_seconds": 4.25,
            "data_docs_index": "/tmp/docs/index.html",
        }
    ]
    types = dict(
        query(
            warehouse,
            "select table_name || '.' || column_name, data_type from information_schema.columns "
            "where table_schema = 'quality' order by table_name, ordinal_position",
        )
    )
    assert types["check_results.checked_at"] == "TIMESTAMP"
    assert types["check_results.success"] == "BOOLEAN"
    assert types["check_runs.evaluated"] == "BIGINT"
    assert [c.split(".")[1] for c in types if c.startswith("check_runs.")] == RUN_COLUMNS


def test_a_local_time_is_stored_as_utc(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    paris = CHECKED_AT.astimezone(timezone(timedelta(hours=1)))
    store_check_results(warehouse, report(), "r1", paris)
    assert query(warehouse, "select distinct checked_at from quality.check_results") == [
        (datetime(2026, 11, 22, 23, 15),)
    ]


def test_storing_a_run_again_replaces_it_and_a_new_run_appends(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    store_check_results(warehouse, report(success=False), "r1", CHECKED_AT)
    store_check_results(warehouse, report(success=True), "r1", CHECKED_AT)  # the step retried
    assert query(warehouse, "select run_id, success from quality.check_runs") == [("r1", True)]
    assert query(
        warehouse, "select count(*), count(*) filter (where success) from quality.check_results"
    ) == [(3, 2)]

    later = CHECKED_AT + timedelta(hours=1)
    assert store_check_results(warehouse, report(success=False), "r2", later) == 3
    assert query(warehouse, "select run_id, success from quality.check_runs order by checked_at") == [
        ("r1", True),
        ("r2", False),
    ]
    assert query(
        warehouse, "select run_id, count(*) from quality.check_results group by run_id order by run_id"
    ) == [("r1", 3), ("r2", 3)]


def test_an_empty_report_stores_the_run_only(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    empty = CheckReport(success=True, seconds=0.5)
    assert store_check_results(warehouse, empty, "r0", CHECKED_AT) == 0
    assert query(warehouse, "select run_id, evaluated, data_docs_index from quality.check_runs") == [
        ("r0", 0, None)
    ]
    assert query(warehouse, "select count(*) from quality.check_results") == [(0,)]


def test_run_ids_sort_by_time_and_do_not_collide() -> None:
    run_id = new_run_id(CHECKED_AT)
    assert re.fullmatch(r"20261122T231500Z-[0-9a-f]{6}", run_id)
    assert new_run_id(CHECKED_AT) != run_id
    assert new_run_id(CHECKED_AT.astimezone(timezone(timedelta(hours=-5)))).startswith("20261122T231500Z-")


def test_check_command_stores_its_results(sample_run, tmp_path: Path) -> None:
    assert sample_run.returncode == 0, sample_run.stderr
    warehouse = tmp_path / "warehouse" / "socialkpi.duckdb"
    warehouse.parent.mkdir()
    shutil.copyfile(sample_run.warehouse, warehouse)
    before = query(warehouse, "select count(*) from quality.check_runs")[0][0]  # `run` stored one already

    checked = socialkpi("check", "--warehouse", str(warehouse))

    assert checked.returncode == 0, checked.stderr
    line = next(line for line in checked.stderr.splitlines() if "step=check status=ok" in line)
    evaluated = int(re.search(r"\bexpectations=(\d+)", line).group(1))
    stored = int(re.search(r"\bstored=(\d+)", line).group(1))
    run_id = re.search(r"\brun_id=(\S+)", line).group(1)
    assert evaluated > 0 and stored == evaluated
    assert query(warehouse, "select count(*) from quality.check_runs")[0][0] == before + 1
    assert query(
        warehouse,
        "select success, evaluated, failed_errors, data_docs_index from quality.check_runs where run_id = ?",
        [run_id],
    ) == [(True, evaluated, 0, str(warehouse.parent / "data_docs" / "socialkpi" / "index.html"))]
    assert query(
        warehouse,
        "select count(*), count(distinct suite), count(*) filter (where not success and severity = 'error') "
        "from quality.check_results where run_id = ?",
        [run_id],
    )[0][::2] == (evaluated, 0)
    assert query(sample_run.warehouse, "select count(*) from quality.check_runs")[0][0] == before
