"""run_checks on a real DuckDB file: a consistent warehouse passes, and each corruption trips its own guard."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from expectations.checkpoint import GX_DIR, CheckReport, run_checks
from expectations.suites import SUITES

CONVERSATIONS = "inbox_conversations"
DAILY = "inbox_daily"
BETWEEN = "expect_column_values_to_be_between"
PAIR = "expect_column_pair_values_a_to_be_greater_than_b"


def failed(report: CheckReport) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(o.suite, o.expectation_type, o.columns) for o in report.failures}


def digest(paths: list[Path]) -> dict[Path, str]:
    return {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


def committed_gx_files() -> list[Path]:
    return sorted(p for p in GX_DIR.rglob("*") if p.is_file() and "uncommitted" not in p.parts)


def test_consistent_warehouse_passes_and_writes_nothing_but_docs(warehouse: Path, tmp_path: Path):
    before = digest([warehouse, *committed_gx_files()])

    report = run_checks(warehouse, data_docs_dir=tmp_path / "docs")

    assert report.success, report.summary()
    assert report.evaluated == sum(len(make().expectations) for make in SUITES)
    assert (report.failed_errors, report.failed_warnings) == (0, 0)
    assert all(o.success and o.severity in {"error", "warning"} and o.guards for o in report.results)
    assert report.data_docs_index == (tmp_path / "docs" / "index.html").resolve()
    assert report.data_docs_index.is_file()
    # Read-only: the warehouse file and the committed GX files are byte for byte as before.
    assert digest([warehouse, *committed_gx_files()]) == before


CORRUPTIONS = {
    # 1.2 cannot equal responded / conversations while responded <= conversations, so the ratio check
    # fails with the range check: both are the intended guards of this corruption.
    "response rate above 1": (
        ["update reporting.rpt_inbox__daily set response_rate = 1.2 where platform = 'x'"],
        {(DAILY, BETWEEN, ("response_rate",)), (DAILY, BETWEEN, ("response_rate_error",))},
    ),
    "first response before first inbound": (
        [
            "update marts.fct_conversations set first_response_at = first_inbound_at - interval 5 minute"
            " where conversation_id = 'ig1'"
        ],
        {(CONVERSATIONS, PAIR, ("first_response_at", "first_inbound_at"))},
    ),
    "duplicated conversation key": (
        [
            "insert into marts.fct_conversations select * from marts.fct_conversations where conversation_id = 'fb2'"
        ],
        {(CONVERSATIONS, "expect_column_values_to_be_unique", ("conversation_key",))},
    ),
    "duplicated daily key": (
        [
            "insert into reporting.rpt_inbox__daily select * from reporting.rpt_inbox__daily where platform = 'x'"
        ],
        {
            (
                DAILY,
                "expect_compound_columns_to_be_unique",
                ("conversation_date", "platform", "channel", "language"),
            )
        },
    ),
    "response rate not responded / conversations": (
        [
            "update reporting.rpt_inbox__daily set response_rate = 0.5"
            " where platform = 'instagram' and language = 'en'"  # 2 of 2 responded: the rate is 1
        ],
        {(DAILY, BETWEEN, ("response_rate_error",))},
    ),
    "FRT mean not total / responded": (
        [
            "update reporting.rpt_inbox__daily set frt_any_mean_min = frt_any_mean_min + 1"
            " where platform = 'instagram' and language = 'en'"
        ],
        {(DAILY, BETWEEN, ("frt_any_mean_error",))},
    ),
    "human FRT faster than any FRT": (
        ["update marts.fct_conversations set frt_human_min = frt_any_min - 1 where conversation_id = 'x1'"],
        {(CONVERSATIONS, PAIR, ("frt_human_min", "frt_any_min"))},
    ),
}


@pytest.mark.parametrize(("statements", "expected"), CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_each_corruption_fails_exactly_its_guard(warehouse, corrupt, tmp_path, statements, expected):
    corrupt(*statements)

    report = run_checks(warehouse, data_docs_dir=tmp_path / "docs")

    assert report.success is False
    assert failed(report) == expected, report.summary()
    assert (report.failed_errors, report.failed_warnings) == (len(expected), 0)


def test_a_failed_warning_is_reported_but_does_not_fail_the_run(warehouse, corrupt, tmp_path):
    corrupt(
        "update marts.fct_conversations set frt_any_min = 50000 where conversation_id = 'tt1'"
    )  # bot-only

    report = run_checks(warehouse, data_docs_dir=tmp_path / "docs")

    assert report.success is True
    assert (report.failed_errors, report.failed_warnings) == (0, 1)
    [warning] = report.failures
    assert (warning.suite, warning.columns, warning.severity) == (CONVERSATIONS, ("frt_any_min",), "warning")
    assert "50000" in warning.observed_value


def test_a_missing_table_is_an_error_not_a_quiet_pass(warehouse, corrupt, tmp_path):
    corrupt("drop table reporting.rpt_inbox__daily")

    with pytest.raises(duckdb.CatalogException):
        run_checks(warehouse, data_docs_dir=tmp_path / "docs")
