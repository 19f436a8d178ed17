"""The One-pager (the app's landing page) under AppTest on the shared sample warehouse: the four headline
numbers with their change, read against the facts here; the bridge, goals, alerts, funnel and revenue
sections; and a filter that matches nothing."""

from __future__ import annotations

from datetime import timedelta

import duckdb
import pytest
from streamlit.proto.Metric_pb2 import Metric
from streamlit.testing.v1 import AppTest

from pipelines.config import REPO_ROOT, WAREHOUSE_ENV
from pipelines.onepager.catalog import HEADLINE

APP = str(REPO_ROOT / "app" / "streamlit_app.py")


@pytest.fixture
def serving(sample_run, monkeypatch):
    assert sample_run.returncode == 0, sample_run.stderr[-3000:]
    monkeypatch.setenv(WAREHOUSE_ENV, str(sample_run.warehouse))
    return sample_run.warehouse.with_name(sample_run.warehouse.stem + ".serving.duckdb")


def facts(serving, sql: str, params: list) -> tuple:
    con = duckdb.connect(str(serving), read_only=True)
    try:
        [row] = con.execute(sql, params).fetchall()
        return row
    finally:
        con.close()


def labels(serving) -> list[str]:
    con = duckdb.connect(str(serving), read_only=True)
    try:
        known = dict(con.execute("select kpi, kpi_label from marts.dim_kpis").fetchall())
    finally:
        con.close()
    return [known.get(kpi, kpi.replace("_", " ").capitalize()) for kpi in HEADLINE]


def test_landing_page_is_the_one_pager(serving):
    [last] = facts(serving, "select max(first_inbound_date) from marts.fct_conversations", [])
    start, previous = last - timedelta(days=27), last - timedelta(days=55)
    hits, rows, before_hits, before_rows = facts(
        serving,
        "select count(*) filter (where is_responded and first_inbound_date >= ?), "
        "count(*) filter (where first_inbound_date >= ?), "
        "count(*) filter (where is_responded and first_inbound_date < ?), "
        "count(*) filter (where first_inbound_date < ?) "
        "from marts.fct_conversations where first_inbound_date between ? and ?",
        [start, start, start, start, previous, last],
    )

    at = AppTest.from_file(APP, default_timeout=60).run()

    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "One-pager"
    metrics = {m.label: m for m in at.metric}
    assert list(metrics)[:4] == labels(serving)  # the headline four first, in the spec's order
    for metric in list(metrics.values())[:4]:
        assert metric.help, metric.label  # every KPI's definition on hover
    rate, before = hits / rows, before_hits / before_rows
    response = metrics["Response rate"]
    assert response.value == f"{rate * 100:.1f} %"
    assert response.delta == f"{(rate / before - 1) * 100:+.1f} % ({(rate - before) * 100:+.1f} pp)"
    assert "conversations with at least one response" in response.help  # the dbt docs block
    red, green = Metric.MetricColor.RED, Metric.MetricColor.GREEN
    assert response.proto.color == (green if rate > before else red)  # higher is better
    for label in ("First response time, bot or human (median)", "Negative share"):  # lower is better
        metric = metrics[label]
        assert metric.delta and not metric.delta.startswith("0.0"), label
        assert metric.proto.color == (green if metric.delta.startswith("-") else red), label
    assert any(c.value.startswith("Formula: incremental revenue = Δ DM conversion rate") for c in at.caption)
    assert [s.value for s in at.subheader][:1] == ["What moved them"]
    assert "Goals" in [s.value for s in at.subheader] and "Open alerts" in [s.value for s in at.subheader]
    assert len(at.get("vega_lite_chart")) >= 1  # the funnel (and revenue over time when there is some)


def test_a_filter_that_matches_nothing(serving):
    """YouTube has no DMs in the sample: every conversation KPI says why it is empty, nothing crashes."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["platform"] = "youtube"
    at.query_params["channel"] = "dm"
    at.run()

    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m for m in at.metric}
    assert metrics["Response rate"].value == "–"
    assert metrics["Response rate"].delta in (None, "")
    assert "no conversations in the period" in [c.value for c in at.caption]
    assert list(metrics)[:4] == labels(serving)


def test_a_warehouse_without_the_registry_gets_a_plain_message(serving, tmp_path, monkeypatch):
    """A copy built before the KPI registry: a message naming what is missing and how to rebuild, no traceback."""
    import shutil

    copy = tmp_path / "old.serving.duckdb"
    shutil.copyfile(serving, copy)
    con = duckdb.connect(str(copy))
    con.execute("drop table marts.dim_kpis")
    con.close()
    monkeypatch.setenv(WAREHOUSE_ENV, str(tmp_path / "old.duckdb"))

    at = AppTest.from_file(APP, default_timeout=60).run()

    assert not at.exception, [e.value for e in at.exception]
    assert "the warehouse has no marts.dim_kpis" in at.warning[0].value
    assert at.code[0].value == "make run"


def test_goals_and_open_alerts_from_their_marts(serving, tmp_path, monkeypatch):
    """With the goal and alert marts (their columns as the goals part publishes them): a progress bar and
    on/off track per goal, and only the open alerts, critical first."""
    import shutil

    copy = tmp_path / "goals.serving.duckdb"
    shutil.copyfile(serving, copy)
    con = duckdb.connect(str(copy))
    con.execute(
        """
        create or replace table marts.fct_goal_progress as select * from (values
            ('dm_response', 'response_rate', 'instagram', null, 'dm', 0.72, 0.90, 0.855, 0.75, 0.5,
             'on_track', 30, date '2026-11-30', 'Ana'),
            ('frt_fast', 'frt_any_median_min', null, null, null, 180.0, 60.0, 150.0, 0.25, 0.6,
             'off_track', 12, date '2026-11-12', 'Ben')
        ) as t(goal_id, kpi, platform, language, channel, baseline, target, current_value, progress,
               expected_progress, status, days_left, deadline, owner)
        """
    )
    con.execute(
        """
        create or replace table marts.fct_alerts as select * from (values
            ('negative_sentiment', 'instagram', 'en', 0.146, 0.05, date '2026-10-20', date '2026-10-31',
             'warning', true),
            ('dm_waiting_24h', 'facebook', 'fr-CA', 3.0, 0.0, date '2026-10-30', date '2026-10-31',
             'critical', true),
            ('comment_volume_wow', 'tiktok', 'en', 0.7, 0.5, date '2026-09-01', date '2026-09-07',
             'warning', false)
        ) as t(rule, platform, language, observed_value, threshold, first_seen, last_seen, severity, is_open)
        """
    )
    con.close()
    monkeypatch.setenv(WAREHOUSE_ENV, str(tmp_path / "goals.duckdb"))

    at = AppTest.from_file(APP, default_timeout=60).run()

    assert not at.exception, [e.value for e in at.exception]
    bars = at.get("progress")
    assert [bar.proto.value for bar in bars] == [25, 75]  # soonest deadline first, progress in percent
    assert (
        bars[0].proto.text
        == "**frt_fast** · frt_any_median_min: :red[off track] · 25% of the way · 12 days left · Ben"
    )
    assert ":green[on track]" in bars[1].proto.text
    assert [e.value.split("**")[1] for e in at.error] == ["dm_waiting_24h"]  # critical
    assert [w.value.split("**")[1] for w in at.warning] == [
        "negative_sentiment"
    ]  # the closed one is not shown
    assert "(instagram · en): 0.146 vs threshold 0.05, since 2026-10-20" in at.warning[0].value
