"""The one-pager's numbers on the shared sample warehouse, each checked against a computation from the facts
written here (plain SQL over the fact's columns, not the registry's SQL), for a period and the previous one.

The ROI facts may be monthly (one row per calendar month: a period then counts the months whose first day it
holds) or daily; the expected values below read the fact and date column `marts.dim_kpis` names, so they
hold for both. `retention_uplift` may not be in the registry yet: then the one-pager must say so.
"""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pytest

from pipelines.onepager import Filters, Period, build_onepager
from pipelines.onepager.bridge import build_bridge
from pipelines.onepager.catalog import HEADLINE
from tests.onepager.facts import PARTS, expected, expected_retention_uplift, fact, same

# Operational KPIs on marts.fct_conversations / fct_comments: (fact, date, numerator condition, denominator).
RATES = {
    "response_rate": ("marts.fct_conversations", "first_inbound_date", "is_responded", "true"),
    "escalation_rate": ("marts.fct_conversations", "first_inbound_date", "has_handoff", "true"),
    "automation_coverage": (
        "marts.fct_conversations", "first_inbound_date", "is_first_response_automated", "is_responded",
    ),
    "negative_share": ("marts.fct_comments", "comment_date", "is_negative", "is_sentiment_labelled"),
}  # fmt: skip


@pytest.fixture(scope="module")
def con(sample_run):
    assert sample_run.returncode == 0, sample_run.stderr[-3000:]
    serving = sample_run.warehouse.with_name(sample_run.warehouse.stem + ".serving.duckdb")
    connection = duckdb.connect(str(serving), read_only=True)
    yield connection
    connection.close()


def expected_rate(con, kpi: str, period: Period) -> float | None:
    relation, column, numerator, denominator = RATES[kpi]
    [(hits, rows)] = con.execute(
        f"select count(*) filter (where {numerator}), count(*) filter (where {denominator}) "
        f"from {relation} where {column} between ? and ?",
        [period.start, period.end],
    ).fetchall()
    return hits / rows if rows else None


def last_day(con) -> date:
    [(last,)] = con.execute("select max(first_inbound_date) from marts.fct_conversations").fetchall()
    return last


def periods(con) -> list[Period]:
    """The last full calendar month of data, and the last 28 days (not aligned to months)."""
    last = last_day(con)
    month_end = last if (last + timedelta(days=1)).day == 1 else last.replace(day=1) - timedelta(days=1)
    return [Period(month_end.replace(day=1), month_end), Period(last - timedelta(days=27), last)]


def test_headline_four_and_their_previous_period(con):
    for period in periods(con):
        page = build_onepager(con, period)
        shown = {figure.kpi: figure for figure in page.headline}
        assert tuple(shown) == HEADLINE
        assert page.previous == Period(
            period.start - timedelta(days=period.days), period.start - timedelta(days=1)
        )
        for kpi in PARTS:
            figure = shown[kpi]
            now, before = expected(con, kpi, period), expected(con, kpi, page.previous)
            assert same(figure.value, now, 1e-9), (kpi, period)
            assert same(figure.previous, before, 1e-9), (kpi, page.previous)
            if now is None:
                assert figure.reason, (kpi, period)  # an empty KPI says why
            if now is not None and before:
                assert same(figure.change, now / before - 1, 1e-9)
            if figure.unit == "ratio" and now is not None and before is not None:
                assert same(figure.change_pp, (now - before) * 100, 1e-9)
        assert shown["cost_per_conversation"].lower_is_better
        assert not shown["community_influenced_revenue"].lower_is_better


def test_retention_uplift_is_the_registry_value_or_says_it_is_missing(con):
    period = periods(con)[0]
    figure = build_onepager(con, period).headline[2]
    registered, value = expected_retention_uplift(con, period)
    if not registered:
        assert figure.value is None
        assert figure.reason and figure.reason.startswith("not available:")
        return
    assert same(figure.value, value)
    assert same(figure.previous, expected_retention_uplift(con, period.previous())[1])


def test_operational_kpis_with_their_change(con):
    period = periods(con)[1]
    page = build_onepager(con, period)
    shown = {figure.kpi: figure for figure in page.operational}
    for kpi in RATES:
        now, before = expected_rate(con, kpi, period), expected_rate(con, kpi, page.previous)
        assert same(shown[kpi].value, now, 1e-12), kpi
        assert same(shown[kpi].previous, before, 1e-12), kpi
        assert same(shown[kpi].change, now / before - 1, 1e-9), kpi
    [(median,)] = con.execute(
        "select quantile_cont(frt_any_us, 0.5) / 60000000.0 from marts.fct_conversations "
        "where first_inbound_date between ? and ?",
        [period.start, period.end],
    ).fetchall()
    assert same(shown["frt_any_median_min"].value, median, 1e-9)
    assert shown["frt_any_median_min"].lower_is_better and shown["negative_share"].lower_is_better


def test_platform_filter_narrows_every_number(con):
    period = periods(con)[0]
    page = build_onepager(con, period, Filters(platform=("instagram",)))
    shown = {figure.kpi: figure for figure in page.headline}
    for kpi in PARTS:
        assert shown[kpi].value == pytest.approx(expected(con, kpi, period, "instagram"), rel=1e-9), kpi
    [(hits, rows)] = con.execute(
        "select count(*) filter (where is_responded), count(*) from marts.fct_conversations "
        "where platform = 'instagram' and first_inbound_date between ? and ?",
        [period.start, period.end],
    ).fetchall()
    assert page.operational[0].kpi == "response_rate"
    assert same(page.operational[0].value, hits / rows, 1e-12)


def test_a_filter_a_kpi_cannot_take_is_said_not_dropped(con):
    """Costs have no language: the KPI stays on the page, with the reason (or the export's note)."""
    page = build_onepager(con, periods(con)[0], Filters(language=("en",)))
    cost = {figure.kpi: figure for figure in page.headline}["cost_per_conversation"]
    said = " ".join(text for text in (cost.reason, cost.note) if text)
    assert "language" in said, cost


def test_an_empty_period_says_why(con):
    period = Period(date(2017, 1, 1), date(2017, 1, 28))
    page = build_onepager(con, period)
    shown = {figure.kpi: figure for figure in (*page.headline, *page.operational)}
    assert shown["community_influenced_revenue"].value == 0.0  # a sum over no orders is 0, not unknown
    assert shown["community_influenced_revenue"].change is None  # nothing to compare with
    assert shown["social_conversion_rate"].value is None
    assert shown["social_conversion_rate"].reason == "no conversations in the period"
    assert shown["cost_per_conversation"].reason == "no handled conversations in the period"
    assert shown["response_rate"].value is None
    assert shown["response_rate"].reason == "no conversations in the period"
    assert shown["negative_share"].reason == "no comments with a sentiment label in the period"
    assert page.bridge.incremental_revenue is None
    assert page.bridge.sentence.startswith("Incremental revenue not available:")
    assert page.revenue == ()


def test_the_bridge_values_the_conversion_change(con):
    """Δ DM conversion rate × DM volume × AOV, every part read from the facts here."""
    period = periods(con)[0]
    page = build_onepager(con, period)
    relation, column = fact(con, "dm_conversion_rate")

    def parts(window: Period) -> tuple[float, float, float, float]:
        [row] = con.execute(
            "select sum(converted_dm_conversations), sum(dm_conversations), sum(attributed_revenue_amount), "
            f"sum(attributed_conversions) from {relation} where {column} between ? and ?",
            [window.start, window.end],
        ).fetchall()
        return tuple(float(x) for x in row)  # type: ignore[return-value]

    converted, dms, revenue, conversions = parts(period)
    before_converted, before_dms, _, _ = parts(page.previous)
    delta = converted / dms - before_converted / before_dms
    assert same(page.bridge.incremental_revenue, delta * dms * (revenue / conversions), 1e-9)
    assert same(page.bridge.conversion_change_pp, delta * 100, 1e-9)
    assert page.bridge.dm_volume == dms
    assert "incremental revenue" in page.bridge.sentence
    assert page.bridge.movers, "the operational KPIs moved between two months of sample data"


def test_the_bridge_says_what_is_missing():
    from pipelines.onepager.figures import Figure

    def figure(kpi: str, value: float | None, previous: float | None, denominator: float | None) -> Figure:
        return Figure(kpi, kpi, "CAD", value, None, denominator, previous, None, None, None if value else "x")

    frt = Figure(
        "frt_any_median_min", "FRT", "minutes", 6.0, None, None, 10.0, None, None, lower_is_better=True
    )
    bridge = build_bridge(
        {"frt_any_median_min": frt}, figure("dm", 0.025, None, 1000), figure("aov", 80.0, None, None)
    )
    assert bridge.incremental_revenue is None
    assert "no value in the previous period" in bridge.sentence
    assert bridge.movers == ("FRT fell 40.0 % (10 min → 6.0 min)",)
    golden = build_bridge({}, figure("dm", 0.025, 0.02, 1000), figure("aov", 80.0, None, None))
    assert golden.incremental_revenue == pytest.approx(0.005 * 1000 * 80)  # kpis.md §7: 0.5 pp × volume × $80
