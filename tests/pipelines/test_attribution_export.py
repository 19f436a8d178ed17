"""`socialkpi attribution` without a pipeline run: argument parsing, the SQL it sends, and rendering."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import duckdb
import pytest

from pipelines.attribution import (
    AttributionExportError,
    AttributionRequest,
    columns_for,
    compute,
    parse_by,
    render,
)


def test_parse_by_keeps_order_and_rejects_unknown_groups():
    assert parse_by("platform, month,platform") == ("platform", "month")
    with pytest.raises(ValueError, match="unknown group colour"):
        parse_by("platform,colour")


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute(
        "create table marts.fct_attribution_credits as select * from (values "
        "('o1', 'linear', 'conversation:instagram:d1', 'conversation', 'dm', 'instagram', '(none)', 1, "
        " timestamp '2026-09-01 10:00', timestamp '2026-09-02 10:00', date '2026-09-02', date '2026-09-01', "
        " 0.333333333333333::decimal(20, 18), 100.00::decimal(18, 2), 33.333333::decimal(18, 6), 'CAD'), "
        "('o1', 'linear', 'visit:last_visit:o1', 'visit', 'email', null, 'weekly_newsletter', 2, "
        " timestamp '2026-09-02 09:00', timestamp '2026-09-02 10:00', date '2026-09-02', date '2026-09-01', "
        " 0.666666666666667::decimal(20, 18), 100.00::decimal(18, 2), 66.666667::decimal(18, 6), 'CAD'), "
        "('o2', 'linear', 'unattributed:o2', 'none', 'unattributed', null, '(none)', null, null, "
        " timestamp '2026-10-02 10:00', date '2026-10-02', date '2026-10-01', "
        " 1::decimal(20, 18), 50.00::decimal(18, 2), 50.000000::decimal(18, 6), 'CAD')"
        ") as t(order_id, attribution_model, touchpoint_key, touchpoint_type, channel, platform, campaign_tag, "
        "step_number, touched_at, converted_at, conversion_date, conversion_month, credit, order_revenue_amount, "
        "attributed_revenue_amount, currency_code)"
    )
    con.execute(
        "create table marts.fct_conversions as select * from (values ('o1', 'DM-sale'), ('o2', 'non-social')) "
        "as t(order_id, path_tag)"
    )
    yield con
    con.close()


def test_summary_sums_credits_exactly_and_filters_dates(con):
    request = AttributionRequest(by=("model", "platform"))
    rows = compute(con, request)
    assert [(r["platform"], r["conversions"], r["revenue_amount"]) for r in rows] == [
        ("(none)", Decimal("1.666666666666667"), Decimal("116.666667")),
        ("instagram", Decimal("0.333333333333333"), Decimal("33.333333")),
    ]
    assert columns_for(request) == (
        "attribution_model",
        "platform",
        "conversions",
        "revenue_amount",
        "currency_code",
    )
    september = compute(con, AttributionRequest(date_from=date(2026, 9, 1), date_to=date(2026, 9, 30)))
    assert [(r["conversions"], r["revenue_amount"]) for r in september] == [(Decimal(1), Decimal(100))]


def test_render_csv_keeps_exact_decimals_and_json_writes_numbers(con):
    request = AttributionRequest(conversions=True)
    rows = compute(con, request)
    csv_text = render(rows, columns_for(request), "csv")
    assert (
        "o1,linear,conversation:instagram:d1,conversation,dm,instagram,(none),1,2026-09-01 10:00:00,"
        in csv_text
    )
    assert ",DM-sale,0.333333333333333,100,33.333333,CAD" in csv_text
    assert (
        "o2,linear,unattributed:o2,none,unattributed,,(none),,,2026-10-02 10:00:00,2026-10-02,non-social,1,50,50,"
        in csv_text
    )
    as_json = json.loads(render(rows, columns_for(request), "json"))
    assert as_json[0]["credit"] == pytest.approx(1 / 3)
    assert as_json[2]["credit"] == 1 and as_json[2]["touched_at"] is None


def test_missing_marts_is_a_clear_error():
    con = duckdb.connect()
    try:
        with pytest.raises(AttributionExportError, match="no attribution marts"):
            compute(con, AttributionRequest())
    finally:
        con.close()
