"""The Data quality page under AppTest: the latest checkpoint run of quality_fixture.py (verdict, counts,
failures first), the history, and the message on a warehouse published before results were stored."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from conftest import write_warehouse
from quality_fixture import LATEST_RUN, RESULT_COLUMNS, RUN_COLUMNS, RUNS
from streamlit.testing.v1 import AppTest

from pipelines.quality import RESULTS_SCHEMA, RUNS_SCHEMA

if TYPE_CHECKING:
    from conftest import Conversation, FixtureWarehouse

APP_SCRIPT = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"
QUALITY = "app_pages/quality.py"
TIMEOUT_S = 30


def open_page() -> AppTest:
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=TIMEOUT_S)
    at.run()
    at.switch_page(QUALITY).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


RESULTS, HISTORY = "Result", "Checked (UTC)"  # each table's first column


def frame(at: AppTest, first_column: str):
    for element in at.dataframe:
        if element.value.columns[0] == first_column:
            return element.value
    raise AssertionError(f"no table starting with {first_column}")


def test_latest_run_verdict_counts_and_failures_first(serving_warehouse: FixtureWarehouse) -> None:
    at = open_page()

    assert at.title[0].value == "Data quality"
    assert not at.success and len(at.error) == 1
    assert at.error[0].value.startswith(
        "**Latest run failed** · 4 expectations: 2 passed, 1 error and 1 warning failed"
    )
    assert {m.label: m.value for m in at.metric} == {
        "Expectations": "4",
        "Failed errors": "1",
        "Failed warnings": "1",
        "Checkpoint time": "12.5 s",
    }
    assert any("2025-03-17 06:00:00 UTC" in c.value and LATEST_RUN in c.value for c in at.caption)

    results = frame(at, RESULTS)
    assert list(results.columns) == [
        "Result", "Severity", "Suite", "Table", "Expectation", "Columns", "Guards", "Observed",
    ]  # fmt: skip
    assert list(results.itertuples(index=False))[:2] == [
        ("FAILED", "error", "marts_fct_conversations", "marts.fct_conversations",
         "expect_column_values_to_be_between", "response_rate", "rate within [0, 1]",
         "2 of 300 rows unexpected, e.g. 1.5; 2.0"),
        ("FAILED", "warning", "raw_events", "raw.events", "expect_column_values_to_match_regex", "language",
         "BCP 47 language tags", "1 of 900 rows unexpected, e.g. english"),
    ]  # fmt: skip
    assert list(results["Result"][2:]) == ["passed", "passed"]


def test_history_lists_the_runs_latest_first(serving_warehouse: FixtureWarehouse) -> None:
    history = frame(open_page(), HISTORY)
    assert list(history["Run"]) == [run[0] for run in reversed(RUNS)]
    assert list(history["Result"]) == ["failed", "failed", "passed"]
    assert list(history["Checked (UTC)"]) == [
        "2025-03-17 06:00:00",
        "2025-03-16 06:00:00",
        "2025-03-15 06:00:00",
    ]


def test_a_passing_latest_run_shows_passed(serving_warehouse: FixtureWarehouse) -> None:
    import duckdb

    con = duckdb.connect(str(serving_warehouse.path))
    try:
        con.execute("delete from quality.check_runs where not success")
    finally:
        con.close()
    at = open_page()
    assert not at.error and len(at.success) == 1
    assert at.success[0].value.startswith("**Latest run passed** · 4 expectations: 4 passed")
    assert list(frame(at, RESULTS)["Result"]) == ["passed"] * 4


def test_a_warehouse_without_results_says_to_run_the_pipeline(
    serving_warehouse: FixtureWarehouse, conversations: list[Conversation]
) -> None:
    write_warehouse(serving_warehouse.path, conversations, quality=False)
    at = open_page()

    assert at.title[0].value == "Data quality"
    assert not at.error and not at.warning and not at.dataframe
    assert len(at.info) == 1 and "No data quality results yet" in at.info[0].value
    assert "`make run`" in at.info[0].value


def test_fixture_tables_have_the_columns_the_pipeline_writes() -> None:
    assert list(RUN_COLUMNS) == RUNS_SCHEMA.names
    assert list(RESULT_COLUMNS) == RESULTS_SCHEMA.names
