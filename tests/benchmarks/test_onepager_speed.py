"""Benchmark (not a timed test): the one-pager's server time on the scale-10 sample warehouse.

    make bench                                                   # builds the scale-10 sample first
    SOCIALKPI_BENCH_WAREHOUSE=/path/socialkpi.duckdb make bench  # a warehouse already built

Printed: the one-pager's data (`build_onepager`: the headline four and their previous period, the operational
KPIs, the bridge, goals, alerts, funnel and revenue over time) from a cold cache, the whole page's script run
under AppTest (Streamlit included, caches cleared), and the ratio of each to a baseline: the registry's every
KPI for the same period, the query the All KPIs page runs. The goal is under 1 s of server time; nothing here
asserts on time.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.config import REPO_ROOT, WAREHOUSE_ENV, serving_path
from pipelines.kpis import KpiRequest, compute_kpis
from pipelines.onepager import build_onepager, default_period

pytestmark = pytest.mark.benchmark

SCALE = float(os.environ.get("SOCIALKPI_BENCH_SCALE", "10"))
RUNS = 5


def built_warehouse(tmp_path: Path) -> Path:
    """$SOCIALKPI_BENCH_WAREHOUSE, else the sample at SCALE generated, loaded, built and published here."""
    given = os.environ.get("SOCIALKPI_BENCH_WAREHOUSE")
    if given:
        warehouse = Path(given)
    else:
        from pipelines.load import load
        from pipelines.sample import generate
        from pipelines.transform import transform

        landing, warehouse = tmp_path / "landing", tmp_path / "w.duckdb"
        generate(landing, seed=42, scale=SCALE)
        load(str(landing), warehouse)
        result = transform(warehouse)
        assert result.success, result.failures
    if not serving_path(warehouse).exists():
        from pipelines.publish import publish

        publish(warehouse)
    return warehouse


def timed(action, runs: int = RUNS) -> float:
    """Median seconds of `runs` calls."""
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def test_onepager_server_time(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    warehouse = built_warehouse(tmp_path)
    con = duckdb.connect(str(serving_path(warehouse)), read_only=True)
    try:
        [(conversations,)] = con.execute("select count(*) from marts.fct_conversations").fetchall()
        period = default_period(con)
        request = KpiRequest(date_from=period.start, date_to=period.end)
        baseline = timed(lambda: compute_kpis(con, request))
        data = timed(lambda: build_onepager(con, period))
    finally:
        con.close()

    monkeypatch.setenv(WAREHOUSE_ENV, str(warehouse))
    app = str(REPO_ROOT / "app" / "streamlit_app.py")
    AppTest.from_file(app, default_timeout=120).run()  # imports warmed, as on a running server

    def page() -> None:
        import streamlit as st

        st.cache_data.clear()  # every run computes, as the first visitor after a publish does
        at = AppTest.from_file(app, default_timeout=120).run()
        assert not at.exception, [e.value for e in at.exception]

    whole = timed(page, runs=3)
    print(f"\none-pager server time, {conversations:,} conversations, period {period.label()}")
    print(f"  baseline: every registry KPI for the period     {baseline:8.3f} s")
    print(
        f"  one-pager data (build_onepager, cold)          {data:8.3f} s   {data / baseline:5.2f}x baseline"
    )
    print(
        f"  one-pager page (AppTest script run, cold)      {whole:8.3f} s   {whole / baseline:5.2f}x baseline"
    )
