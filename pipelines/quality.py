"""The checkpoint's results, kept in the warehouse so the app can show them: `quality.check_runs` (one row
per run) and `quality.check_results` (one row per expectation evaluated in a run).

    store_check_results(warehouse, report, run_id, checked_at) -> rows written into check_results

History is kept: every run appends. Storing a run id again (a retried step) first deletes that run's rows, in
the same transaction, so a run is never doubled. `checked_at` is stored as a UTC timestamp without time zone.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

if TYPE_CHECKING:
    from expectations.checkpoint import CheckReport

QUALITY_SCHEMA = "quality"
RUNS_TABLE = f"{QUALITY_SCHEMA}.check_runs"
RESULTS_TABLE = f"{QUALITY_SCHEMA}.check_results"

RUNS_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("checked_at", pa.timestamp("us")),
        ("success", pa.bool_()),
        ("evaluated", pa.int64()),
        ("failed_errors", pa.int64()),
        ("failed_warnings", pa.int64()),
        ("run_seconds", pa.float64()),
        ("data_docs_index", pa.string()),
    ]
)
RESULTS_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("checked_at", pa.timestamp("us")),
        ("suite", pa.string()),
        ("table_name", pa.string()),
        ("expectation_type", pa.string()),
        ("columns", pa.string()),
        ("severity", pa.string()),
        ("guards", pa.string()),
        ("success", pa.bool_()),
        ("observed_value", pa.string()),
        ("run_seconds", pa.float64()),
    ]
)
_DUCKDB_TYPES = {
    pa.string(): "varchar",
    pa.timestamp("us"): "timestamp",
    pa.bool_(): "boolean",
    pa.int64(): "bigint",
    pa.float64(): "double",
}
_NOT_NULL = {"run_id", "checked_at", "success"}


def new_run_id(now: datetime | None = None) -> str:
    """A sortable, unique id for one checkpoint run, e.g. `20261122T231500Z-3f9a1c`."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return f"{moment:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _utc_naive(moment: datetime) -> datetime:
    """UTC without tzinfo, as the warehouse stores it (a naive datetime is taken to be UTC already)."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _create_table(name: str, schema: pa.Schema) -> str:
    columns = ",\n    ".join(
        f'"{f.name}" {_DUCKDB_TYPES[f.type]}{" not null" if f.name in _NOT_NULL else ""}' for f in schema
    )
    return f"create table if not exists {name} (\n    {columns}\n)"


def runs_table(report: CheckReport, run_id: str, checked_at: datetime) -> pa.Table:
    docs = report.data_docs_index
    return pa.table(
        {
            "run_id": [run_id],
            "checked_at": [_utc_naive(checked_at)],
            "success": [bool(report.success)],
            "evaluated": [int(report.evaluated)],
            "failed_errors": [int(report.failed_errors)],
            "failed_warnings": [int(report.failed_warnings)],
            "run_seconds": [float(report.seconds)],
            "data_docs_index": [str(docs) if docs else None],
        },
        schema=RUNS_SCHEMA,
    )


def results_table(report: CheckReport, run_id: str, checked_at: datetime) -> pa.Table:
    rows: dict[str, list] = {name: [] for name in RESULTS_SCHEMA.names}
    at = _utc_naive(checked_at)
    for outcome in report.results:
        rows["run_id"].append(run_id)
        rows["checked_at"].append(at)
        rows["suite"].append(outcome.suite)
        rows["table_name"].append(getattr(outcome, "table", "") or "")
        rows["expectation_type"].append(outcome.expectation_type)
        rows["columns"].append(",".join(outcome.columns))
        rows["severity"].append(outcome.severity)
        rows["guards"].append(outcome.guards)
        rows["success"].append(bool(outcome.success))
        rows["observed_value"].append(outcome.observed_value)
        rows["run_seconds"].append(float(report.seconds))
    return pa.table(rows, schema=RESULTS_SCHEMA)


def store_check_results(warehouse: Path, report: CheckReport, run_id: str, checked_at: datetime) -> int:
    """Write one checkpoint run and its outcomes; returns the number of rows written into check_results."""
    runs = runs_table(report, run_id, checked_at)
    results = results_table(report, run_id, checked_at)
    con = duckdb.connect(str(warehouse))
    try:
        con.execute(f"create schema if not exists {QUALITY_SCHEMA}")
        con.execute(_create_table(RUNS_TABLE, RUNS_SCHEMA))
        con.execute(_create_table(RESULTS_TABLE, RESULTS_SCHEMA))
        con.begin()
        try:
            con.execute(f"delete from {RESULTS_TABLE} where run_id = ?", [run_id])
            con.execute(f"delete from {RUNS_TABLE} where run_id = ?", [run_id])
            con.register("new_runs", runs)
            con.register("new_results", results)
            con.execute(f"insert into {RUNS_TABLE} by name select * from new_runs")
            con.execute(f"insert into {RESULTS_TABLE} by name select * from new_results")
            con.commit()
        except BaseException:
            con.rollback()
            raise
        finally:
            con.unregister("new_runs")
            con.unregister("new_results")
    finally:
        con.close()
    return results.num_rows
