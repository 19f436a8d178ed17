"""Hand-written checkpoint results for the app tests: `quality.check_runs` and `quality.check_results` as
`socialkpi check` stores them (pipelines/quality.py), for three runs: an old passing one, a failing one, and
the latest, which fails one error and one warning expectation."""

from __future__ import annotations

from datetime import datetime

import duckdb

RUN_COLUMNS = (
    "run_id", "checked_at", "success", "evaluated", "failed_errors", "failed_warnings", "run_seconds",
    "data_docs_index",
)  # fmt: skip
RESULT_COLUMNS = (
    "run_id", "checked_at", "suite", "table_name", "expectation_type", "columns", "severity", "guards",
    "success", "observed_value", "run_seconds",
)  # fmt: skip

LATEST_RUN = "20250317T060000Z-c3c3c3"
RUNS = [
    ("20250315T060000Z-a1a1a1", datetime(2025, 3, 15, 6), True, 4, 0, 0, 3.2, "/w/data_docs/index.html"),
    ("20250316T060000Z-b2b2b2", datetime(2025, 3, 16, 6), False, 4, 1, 0, 3.4, "/w/data_docs/index.html"),
    (LATEST_RUN, datetime(2025, 3, 17, 6), False, 4, 1, 1, 12.5, "/w/data_docs/index.html"),
]
FAILED_ERROR = (
    "marts_fct_conversations", "marts.fct_conversations", "expect_column_values_to_be_between",
    "response_rate", "error", "rate within [0, 1]", False, "2 of 300 rows unexpected, e.g. 1.5; 2.0",
)  # fmt: skip
FAILED_WARNING = (
    "raw_events", "raw.events", "expect_column_values_to_match_regex", "language", "warning",
    "BCP 47 language tags", False, "1 of 900 rows unexpected, e.g. english",
)  # fmt: skip
PASSED = [
    ("raw_events", "raw.events", "expect_column_values_to_not_be_null", "event_id", "error",
     "required fields", True, "0 of 900 rows unexpected"),
    ("marts_fct_conversations", "marts.fct_conversations", "expect_column_pair_values_a_to_be_greater_than_b",
     "frt_human_min,frt_any_min", "error", "human FRT >= any FRT", True, ""),
]  # fmt: skip


def write_quality(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema quality")
    con.execute(
        """
        create table quality.check_runs (
            run_id varchar not null, checked_at timestamp not null, success boolean not null,
            evaluated bigint, failed_errors bigint, failed_warnings bigint, run_seconds double,
            data_docs_index varchar
        )
        """
    )
    con.execute(
        """
        create table quality.check_results (
            run_id varchar not null, checked_at timestamp not null, suite varchar, table_name varchar,
            expectation_type varchar, columns varchar, severity varchar, guards varchar,
            success boolean not null, observed_value varchar, run_seconds double
        )
        """
    )
    con.executemany("insert into quality.check_runs values (?, ?, ?, ?, ?, ?, ?, ?)", RUNS)
    results = []
    for run_id, checked_at, success, *_, seconds, _docs in RUNS:
        if run_id == LATEST_RUN:
            outcomes = [*PASSED, FAILED_WARNING, FAILED_ERROR]  # stored in suite order, failures not first
        elif success:
            outcomes = [*PASSED, FAILED_WARNING[:6] + (True, ""), FAILED_ERROR[:6] + (True, "")]
        else:
            outcomes = [*PASSED, FAILED_WARNING[:6] + (True, ""), FAILED_ERROR]
        results += [(run_id, checked_at, *outcome[:8], seconds) for outcome in outcomes]
    con.executemany("insert into quality.check_results values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", results)
