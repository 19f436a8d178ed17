"""Business numbers for any period, filter notes and cadence presets, on the shared sample warehouse.

Every expected figure is worked out here from the facts (orders, credits, conversations, cost lines), not from
the day-grain ROI fact the export reads: costs are spread over their month's days by the largest-remainder
rule in cents, written again below, so a wrong spread, a wrong period cut or a wrong formula shows.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.conftest import query, socialkpi

# 14 days across no month boundary and starting mid-month: neither a month nor a week
PERIOD = (date(2026, 9, 10), date(2026, 9, 23))
PREVIOUS = (date(2026, 8, 27), date(2026, 9, 9))
# new customers' 60-day windows are complete only for first orders up to early September (data ends 2 Nov)
RETENTION_PERIOD = (date(2026, 8, 6), date(2026, 8, 25))
ROI_MODEL = "position_based"  # dbt_project.yml var roi_attribution_model
SUPPORT = ("support_staff", "automation_tooling")


def export(warehouse, *args: str) -> list[dict]:
    result = socialkpi("kpis", "--warehouse", str(warehouse), "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def by_kpi(rows: list[dict]) -> dict[str, dict]:
    return {row["kpi"]: row for row in rows}


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def month_days(month: date) -> list[date]:
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return days(month, following - timedelta(days=1))


def spread_cost(amount: Decimal, month: date) -> dict[date, Decimal]:
    """A month's cost over its days: whole cents each, the remainder one cent each on the first days."""
    month_list = month_days(month)
    cents = int(amount * 100)
    base, remainder = divmod(cents, len(month_list))
    return {day: Decimal(base + (1 if n < remainder else 0)) / 100 for n, day in enumerate(month_list)}


def support_cost(warehouse, start: date, end: date) -> Decimal:
    lines = query(
        warehouse,
        "select cost_month, cost_amount from marts.fct_costs "
        f"where cost_category in {SUPPORT} and cost_amount is not null",
    )
    total = Decimal(0)
    for month, amount in lines:
        spread = spread_cost(amount, month)
        assert sum(spread.values()) == amount  # the month's days give back the line exactly
        total += sum(value for day, value in spread.items() if start <= day <= end)
    return total


def conversation_counts(warehouse, start: date, end: date, language: str | None = None) -> dict[str, int]:
    """conversations, handled, converted (on a conversion path), DMs and converted DMs of the period."""
    language_filter = "and language = ?" if language else ""
    rows = query(
        warehouse,
        "select conversation_key, channel, is_responded from marts.fct_conversations "
        f"where first_inbound_date between ? and ? {language_filter}",
        [start, end, *([language] if language else [])],
    )
    on_paths = {
        key
        for (key,) in query(
            warehouse,
            "select conversation_key from marts.fct_conversion_path_steps where touchpoint_type = 'conversation'",
        )
    }
    return {
        "conversations": len(rows),
        "handled": sum(1 for _, _, responded in rows if responded),
        "converted": sum(1 for key, _, _ in rows if key in on_paths),
        "dms": sum(1 for _, channel, _ in rows if channel == "dm"),
        "converted_dms": sum(1 for key, channel, _ in rows if channel == "dm" and key in on_paths),
    }


def credited(warehouse, start: date, end: date) -> tuple[float, float, float]:
    """Attributed revenue, attributed conversions and community-influenced revenue of the orders of the period."""
    [(revenue, conversions, influenced)] = query(
        warehouse,
        "select sum(credits.attributed_revenue_amount), sum(credits.credit), "
        "sum(case when conversions.is_community_influenced then credits.attributed_revenue_amount else 0 end) "
        "from marts.fct_attribution_credits as credits "
        "inner join marts.fct_conversions as conversions on credits.order_id = conversions.order_id "
        "inner join marts.fct_orders as orders on credits.order_id = orders.order_id "
        "where credits.attribution_model = ? and orders.order_date between ? and ?",
        [ROI_MODEL, start, end],
    )
    return float(revenue or 0), float(conversions or 0), float(influenced or 0)


def test_business_numbers_for_two_weeks_not_aligned_to_months(sample_run):
    warehouse = sample_run.warehouse
    kpis = (
        "cost_per_conversation,social_conversion_rate,community_influenced_revenue,attributed_revenue,"
        "dm_conversion_rate,incremental_revenue,retention_uplift"
    )
    rows = by_kpi(export(warehouse, "--from", str(PERIOD[0]), "--to", str(PERIOD[1]), "--kpi", kpis))

    cost = support_cost(warehouse, *PERIOD)
    counts = conversation_counts(warehouse, *PERIOD)
    assert cost > 0 and counts["handled"] > 0  # the sample has support costs and answers in those days
    assert rows["cost_per_conversation"]["numerator"] == pytest.approx(float(cost), abs=1e-6)
    assert rows["cost_per_conversation"]["denominator"] == counts["handled"]
    assert rows["cost_per_conversation"]["value"] == pytest.approx(float(cost) / counts["handled"])
    assert rows["social_conversion_rate"]["value"] == pytest.approx(
        counts["converted"] / counts["conversations"]
    )
    assert rows["dm_conversion_rate"]["value"] == pytest.approx(counts["converted_dms"] / counts["dms"])

    revenue, conversions, influenced = credited(warehouse, *PERIOD)
    assert revenue > 0
    assert rows["attributed_revenue"]["value"] == pytest.approx(revenue)
    assert rows["community_influenced_revenue"]["value"] == pytest.approx(influenced)

    # Δ DM conversion rate against the 14 days before × DM volume × AOV of the period
    before = conversation_counts(warehouse, *PREVIOUS)
    rate_change = counts["converted_dms"] / counts["dms"] - before["converted_dms"] / before["dms"]
    expected = rate_change * counts["dms"] * revenue / conversions
    assert rows["incremental_revenue"]["value"] == pytest.approx(expected)
    assert rows["incremental_revenue"]["note"] == "compared with 2026-08-27 – 2026-09-09"

    # repeat-purchase rate of new customers of the period served in DMs minus not served (complete windows):
    # worked out from the orders, the identity links and the answered DMs
    first_orders = query(
        warehouse,
        "select customer_email_hash, min(created_at) from marts.fct_orders "
        "where is_conversion and is_first_order and customer_email_hash is not null group by 1",
    )
    orders = query(
        warehouse,
        "select customer_email_hash, created_at from marts.fct_orders "
        "where is_conversion and customer_email_hash is not null",
    )
    [(last_order,)] = query(warehouse, "select max(created_at) from marts.fct_orders")
    users = query(
        warehouse,
        "select distinct orders.customer_email_hash, links.customer_key from marts.fct_identity_links as links "
        "inner join marts.fct_orders as orders on links.linked_kind = 'order' and links.linked_id = orders.order_id",
    )
    answered = query(
        warehouse,
        "select customer_key, first_inbound_at from marts.fct_conversations where channel = 'dm' and is_responded",
    )
    window, lookback = timedelta(days=60), timedelta(days=30)  # dbt_project.yml defaults
    customers = []
    for customer, first in first_orders:
        if not RETENTION_PERIOD[0] <= first.date() <= RETENTION_PERIOD[1] or first + window > last_order:
            continue
        keys = {key for hashed, key in users if hashed == customer}
        is_served = any(key in keys and first - lookback <= at <= first + window for key, at in answered)
        is_repeat = any(hashed == customer and first < at <= first + window for hashed, at in orders)
        customers.append((is_served, is_repeat))
    served = [repeat for is_served, repeat in customers if is_served]
    unserved = [repeat for is_served, repeat in customers if not is_served]
    assert served and unserved
    uplift = sum(served) / len(served) - sum(unserved) / len(unserved)
    period = ("--from", str(RETENTION_PERIOD[0]), "--to", str(RETENTION_PERIOD[1]))
    retention = export(warehouse, *period, "--kpi", "retention_uplift")[0]
    assert retention["value"] == pytest.approx(uplift)
    assert retention["numerator"] / retention["denominator"] == pytest.approx(uplift)
    assert rows["retention_uplift"]["value"] is None  # September's windows run past the data


def test_a_filter_a_kpi_cannot_take_is_named_in_every_format(sample_run):
    warehouse = sample_run.warehouse
    period = ("--from", str(PERIOD[0]), "--to", str(PERIOD[1]))
    kpis = ("--kpi", "cost_per_conversation,social_conversion_rate")
    unfiltered = by_kpi(export(warehouse, *period, *kpis))
    french = by_kpi(export(warehouse, *period, *kpis, "--language", "fr-CA"))

    note = "costs have no language: cost_per_conversation is for all languages"
    assert french["cost_per_conversation"]["note"] == note
    assert french["cost_per_conversation"]["value"] == unfiltered["cost_per_conversation"]["value"]
    counts = conversation_counts(warehouse, *PERIOD, language="fr-CA")
    assert french["social_conversion_rate"]["note"] is None
    assert french["social_conversion_rate"]["value"] == pytest.approx(
        counts["converted"] / counts["conversations"]
    )
    assert french["social_conversion_rate"]["value"] != unfiltered["social_conversion_rate"]["value"]

    csv_out = socialkpi("kpis", "--warehouse", str(warehouse), *period, *kpis, "--language", "fr-CA")
    assert csv_out.stdout.splitlines()[0] == "kpi,value,numerator,denominator,unit,note"
    assert [line for line in csv_out.stdout.splitlines() if line.startswith("cost_per_conversation,")][
        0
    ].endswith("," + note)
    table = socialkpi(
        "kpis", "--warehouse", str(warehouse), *period, *kpis, "--language", "fr-CA", "--format", "table"
    )
    assert table.stdout.splitlines()[0].split() == [
        "kpi",
        "value",
        "numerator",
        "denominator",
        "unit",
        "note",
    ]
    assert [line for line in table.stdout.splitlines() if line.startswith("cost_per_conversation ")][
        0
    ].endswith(note)


def last_inbox_day(warehouse) -> date:
    [(last,)] = query(warehouse, "select max(first_inbound_date) from marts.fct_conversations")
    return last


def test_daily_preset_is_inbox_health_for_yesterday_and_today(sample_run):
    warehouse = sample_run.warehouse
    today = last_inbox_day(warehouse)
    rows = export(warehouse, "--preset", "daily")
    assert {row["kpi"] for row in rows} == {
        "conversations", "response_rate", "frt_any_median_min", "sla_breaches", "backlog", "negative_share",
    }  # fmt: skip
    expected = dict(
        query(
            warehouse,
            "select first_inbound_date, count(*) from marts.fct_conversations "
            "where first_inbound_date between ? and ? group by 1",
            [today - timedelta(days=1), today],
        )
    )
    shown = {date.fromisoformat(r["date"]): r["value"] for r in rows if r["kpi"] == "conversations"}
    assert shown == {day: float(count) for day, count in expected.items()}
    open_ones = dict(
        query(
            warehouse,
            "select first_inbound_date, sum(case when is_resolved then 0 else 1 end) "
            "from marts.fct_conversations where first_inbound_date between ? and ? group by 1",
            [today - timedelta(days=1), today],
        )
    )
    backlog = {date.fromisoformat(r["date"]): r["value"] for r in rows if r["kpi"] == "backlog"}
    assert backlog == {day: float(count) for day, count in open_ones.items()}


def test_weekly_preset_compares_the_last_seven_days_by_platform_and_language(sample_run):
    warehouse = sample_run.warehouse
    today = last_inbox_day(warehouse)
    rows = export(warehouse, "--preset", "weekly")
    week, before = (today - timedelta(days=6), today), (today - timedelta(days=13), today - timedelta(days=7))

    def counted(start: date, end: date) -> dict[tuple, int]:
        return {
            (platform, language): count
            for platform, language, count in query(
                warehouse,
                "select platform, language, count(*) from marts.fct_conversations "
                "where first_inbound_date between ? and ? group by 1, 2",
                [start, end],
            )
        }

    now, earlier = counted(*week), counted(*before)
    shown = {(r["platform"], r["language"]): r for r in rows if r["kpi"] == "conversations"}
    assert set(shown) == set(now)
    for group, count in now.items():
        assert shown[group]["value"] == count
        assert shown[group]["previous_value"] == earlier.get(group)
        if earlier.get(group):
            assert shown[group]["change"] == pytest.approx(count / earlier[group] - 1)
        else:
            assert shown[group]["change"] is None
    # the comment KPIs of the week are there too, by platform and language
    assert any(r["kpi"] == "negative_share" for r in rows)


def test_monthly_preset_is_the_last_full_month_against_the_month_before(sample_run):
    warehouse = sample_run.warehouse
    today = last_inbox_day(warehouse)
    end = today if (today + timedelta(days=1)).day == 1 else today.replace(day=1) - timedelta(days=1)
    month = (end.replace(day=1), end)
    previous_end = month[0] - timedelta(days=1)
    previous = (previous_end.replace(day=1), previous_end)
    rows = by_kpi(export(warehouse, "--preset", "monthly"))
    assert {"community_influenced_revenue", "social_conversion_rate", "retention_uplift", "cost_per_conversation",
            "roas", "cpa", "incremental_revenue"} <= set(rows)  # fmt: skip
    influenced, influenced_before = credited(warehouse, *month)[2], credited(warehouse, *previous)[2]
    assert rows["community_influenced_revenue"]["value"] == pytest.approx(influenced)
    assert rows["community_influenced_revenue"]["previous_value"] == pytest.approx(influenced_before)
    assert rows["community_influenced_revenue"]["change"] == pytest.approx(influenced / influenced_before - 1)
    cost = support_cost(warehouse, *month)
    handled = conversation_counts(warehouse, *month)["handled"]
    assert rows["cost_per_conversation"]["value"] == pytest.approx(float(cost) / handled)

    # --from / --to override the period; the comparison is then the period of equal length before
    overridden = by_kpi(
        export(warehouse, "--preset", "monthly", "--from", str(PERIOD[0]), "--to", str(PERIOD[1]))
    )
    assert overridden["community_influenced_revenue"]["value"] == pytest.approx(
        credited(warehouse, *PERIOD)[2]
    )
    assert overridden["community_influenced_revenue"]["previous_value"] == pytest.approx(
        credited(warehouse, *PREVIOUS)[2]
    )
