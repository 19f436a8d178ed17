"""Data quality: the latest Great Expectations checkpoint run (`socialkpi check`), its expectations with the
failures first, and the history of recent runs. Independent of the sidebar's filters."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from lib import display, families, filters, queries, warehouse

HISTORY_RUNS = 20
ROW_PX = 35  # st.dataframe's row height
MAX_ROWS_SHOWN = 25  # the expectations table scrolls beyond this

scope = filters.current()
st.title("Data quality")
families.show_absent(scope.families)

if not queries.quality_available(scope.db, scope.version):
    st.info(
        "No data quality results yet: this warehouse was published before the checks stored their results. "
        f"Run `{warehouse.BUILD_COMMAND}` to check and publish it again.",
        icon=":material/info:",
    )
    st.stop()


def when(value: pd.Timestamp) -> str:
    return f"{value:%Y-%m-%d %H:%M:%S} UTC"


runs = queries.quality_runs(scope.db, scope.version, HISTORY_RUNS)
latest = runs.iloc[0]
st.caption(
    "Great Expectations checkpoint on the warehouse, run by `socialkpi check` (and `socialkpi run`). "
    "The sidebar's filters do not apply here. An `error` failing fails the run; a `warning` is reported only."
)


def counted(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


errors, warnings = int(latest["failed_errors"]), int(latest["failed_warnings"])
summary = (
    f"{counted(int(latest['evaluated']), 'expectation')}: "
    f"{int(latest['evaluated']) - errors - warnings:,} passed, "
    f"{counted(errors, 'error')} and {counted(warnings, 'warning')} failed"
)
if latest["success"]:
    st.success(f"**Latest run passed** · {summary}", icon=":material/verified:")
else:
    st.error(f"**Latest run failed** · {summary}", icon=":material/error:")

with st.container(horizontal=True, key="quality_latest_run"):
    st.metric("Expectations", display.count(latest["evaluated"]), border=True)
    st.metric("Failed errors", display.count(latest["failed_errors"]), border=True)
    st.metric("Failed warnings", display.count(latest["failed_warnings"]), border=True)
    st.metric("Checkpoint time", display.seconds(latest["run_seconds"]), border=True)
docs = latest["data_docs_index"]
st.caption(
    f"Checked {when(latest['checked_at'])} · run `{latest['run_id']}`"
    + (f" · Data Docs: `{docs}`" if isinstance(docs, str) and docs else "")
)

st.subheader("Expectations of the latest run")
results = queries.quality_results(scope.db, scope.version, str(latest["run_id"]))
shown = pd.DataFrame(
    {
        "Result": results["success"].map({True: "passed", False: "FAILED"}),
        "Severity": results["severity"],
        "Suite": results["suite"],
        "Table": results["table_name"],
        "Expectation": results["expectation_type"],
        "Columns": results["columns"],
        "Guards": results["guards"],
        "Observed": results["observed_value"],
    }
)
st.dataframe(
    display.text_cells(shown),  # an expectation without columns reads "—", not a grey "None"
    hide_index=True,
    width="stretch",
    height=ROW_PX * (min(len(shown), MAX_ROWS_SHOWN) + 1) + 3,
)

st.subheader(f"Last {HISTORY_RUNS} runs")
history = pd.DataFrame(
    {
        "Checked (UTC)": runs["checked_at"].map(lambda value: f"{value:%Y-%m-%d %H:%M:%S}"),
        "Result": runs["success"].map({True: "passed", False: "failed"}),
        "Expectations": runs["evaluated"],
        "Failed errors": runs["failed_errors"],
        "Failed warnings": runs["failed_warnings"],
        "Seconds": runs["run_seconds"].round(1),
        "Run": runs["run_id"],
    }
)
st.dataframe(display.styled(history, {"Seconds": "{:,.1f}"}), hide_index=True, width="stretch")
st.caption(
    "A run whose checks failed is not published, so the app shows it only once a later run has passed; "
    "every run is kept in `quality.check_runs` and `quality.check_results` of the warehouse."
)
