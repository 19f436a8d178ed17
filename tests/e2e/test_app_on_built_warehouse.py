"""The Streamlit page on the warehouse the real pipeline built (not a fixture): it renders the marts' KPIs."""

from __future__ import annotations

from datetime import timedelta

import duckdb
from streamlit.testing.v1 import AppTest

from pipelines.config import REPO_ROOT, WAREHOUSE_ENV

APP = str(REPO_ROOT / "app" / "streamlit_app.py")


def test_inbox_page_shows_the_published_marts(sample_run, monkeypatch):
    monkeypatch.setenv(WAREHOUSE_ENV, str(sample_run.warehouse))
    serving = sample_run.warehouse.with_name(sample_run.warehouse.stem + ".serving.duckdb")
    con = duckdb.connect(str(serving), read_only=True)
    try:
        [(last,)] = con.execute("select max(conversation_date) from reporting.rpt_inbox__daily").fetchall()
        [(conversations, responded)] = con.execute(
            "select sum(conversations), sum(responded_conversations) from reporting.rpt_inbox__daily "
            "where conversation_date between ? and ?",
            [last - timedelta(days=27), last],
        ).fetchall()
    finally:
        con.close()

    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/operations.py").run()

    assert not at.exception
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics["Conversations"].replace(",", "") == str(conversations)
    assert metrics["Response rate"] == f"{responded / conversations:.1%}"


def test_all_kpis_page_shows_the_exported_numbers(sample_run, monkeypatch):
    from pipelines.kpis import KpiRequest, export_kpis

    monkeypatch.setenv(WAREHOUSE_ENV, str(sample_run.warehouse))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/all_kpis.py").run()

    assert not at.exception
    shown = {row["id"]: row for frame in at.dataframe for row in frame.value.to_dict("records")}
    assert len(shown) >= 60
    serving = sample_run.warehouse.with_name(sample_run.warehouse.stem + ".serving.duckdb")
    con = duckdb.connect(str(serving), read_only=True)
    try:
        [(last,)] = con.execute("select max(first_inbound_date) from marts.fct_conversations").fetchall()
    finally:
        con.close()
    request = KpiRequest(
        date_from=last - timedelta(days=27), date_to=last, kpis=("response_rate", "sla_breaches")
    )
    exported = {row["kpi"]: row for row in export_kpis(sample_run.warehouse, request)}
    assert shown["response_rate"]["Value"] == f"{exported['response_rate']['value']:.1%}"
    assert shown["response_rate"]["Numerator"] == exported["response_rate"]["numerator"]
    assert shown["sla_breaches"]["Value"].replace(",", "") == str(int(exported["sla_breaches"]["value"]))


def test_content_page_shows_the_content_marts(sample_run, monkeypatch):
    from streamlit.testing.v1.element_tree import Block

    monkeypatch.setenv(WAREHOUSE_ENV, str(sample_run.warehouse))
    serving = sample_run.warehouse.with_name(sample_run.warehouse.stem + ".serving.duckdb")
    con = duckdb.connect(str(serving), read_only=True)
    try:
        [(last,)] = con.execute("select max(conversation_date) from reporting.rpt_inbox__daily").fetchall()
        month = last.replace(day=1)
        rates = dict(
            con.execute(
                "select platform, value from reporting.rpt_content__platform_period_kpis "
                "where period_kind = 'month' and period_start = ? and kpi = 'engagement_rate_impressions'",
                [month],
            ).fetchall()
        )
    finally:
        con.close()

    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/content.py").run()
    at.toggle(key="content_calendar").set_value(True).run()  # calendar months carry the marts' numbers

    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="content_period_month").value == month
    for platform in ("instagram", "facebook"):
        block = next(
            node for node in at.main if isinstance(node, Block) and node.key == f"content_headline_{platform}"
        )
        shown = {m.label: m.value for m in block.metric}
        want = rates.get(platform)
        assert shown["ER by impressions"] == ("—" if want is None else f"{want:.2%}")
    assert len(at.get("vega_lite_chart")) == 1
    assert not at.error
