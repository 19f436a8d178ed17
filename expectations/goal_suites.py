"""Suites for the goal and alert marts (kpis.md §9): progress is its definition, each snapshot and alert once,
the pause recommendation's ratio is its parts, and deals carry their amount in the reporting currency."""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations.suites import ERROR, RATIO_TOLERANCE, expect, ratio_error

GOAL_STATUSES = ["on_track", "off_track", "achieved", "not_started", "no_data"]
ALERT_SEVERITIES = ["warning", "critical"]


def _progress_expectations(table: str, grain: list[str]) -> list:
    return [
        expect(gxe.ExpectCompoundColumnsToBeUnique, ERROR, f"grain: one row per {' x '.join(grain)}",
               f"{table}: one row per {', '.join(grain)}.", column_list=grain)
        if len(grain) > 1
        else expect(gxe.ExpectColumnValuesToBeUnique, ERROR, f"grain: one row per {grain[0]}",
                    f"{table}: one row per {grain[0]}.", column=grain[0]),
        expect(gxe.ExpectColumnValuesToBeInSet, ERROR, "goal status", "A goal's status is one of the rule's.",
               column="status", value_set=GOAL_STATUSES),
        expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "progress = (current − baseline) ÷ (target − baseline)",
               "Progress is its definition (derived progress_error).", column="progress_error",
               max_value=RATIO_TOLERANCE),
        expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "expected progress",
               "Expected progress is the elapsed share of start → deadline.", column="expected_progress",
               min_value=0, max_value=1),
        expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "days left", "Days left are never negative.",
               column="days_left", min_value=0),
    ]  # fmt: skip


def _progress_query(table: str, keys: str) -> str:
    return f"""\
select {keys}, status, expected_progress, days_left,
    {ratio_error("progress", "current_value - baseline", "target - baseline")} as progress_error
from {table}"""


def goal_progress() -> gx.ExpectationSuite:
    """marts.fct_goal_progress: one row per goal x KPI x scope as of the last data day."""
    table = "marts.fct_goal_progress"
    return gx.ExpectationSuite(
        name="goal_progress",
        meta={"table": table, "query": _progress_query(table, "goal_kpi_key")},
        expectations=_progress_expectations(table, ["goal_kpi_key"]),
    )


def goal_progress_daily() -> gx.ExpectationSuite:
    """marts.fct_goal_progress_daily: the dated progress snapshots, one per goal x KPI x scope x day."""
    table = "marts.fct_goal_progress_daily"
    return gx.ExpectationSuite(
        name="goal_progress_daily",
        meta={"table": table, "query": _progress_query(table, "goal_kpi_key, snapshot_date")},
        expectations=_progress_expectations(table, ["goal_kpi_key", "snapshot_date"]),
    )


def alert_log() -> gx.ExpectationSuite:
    """marts.fct_alerts: one row per run of consecutive days an alert rule fired in a scope."""
    query = """\
select alert_id, severity, days_fired, case when first_seen > last_seen then 1 else 0 end as seen_backwards
from marts.fct_alerts"""
    return gx.ExpectationSuite(
        name="alert_log",
        meta={"table": "marts.fct_alerts", "query": query},
        expectations=[
            expect(gxe.ExpectColumnValuesToBeUnique, ERROR, "grain: one row per alert",
                   "Each alert appears once in the log.", column="alert_id"),
            expect(gxe.ExpectColumnValuesToBeInSet, ERROR, "alert severity",
                   "An alert is a warning or critical.", column="severity", value_set=ALERT_SEVERITIES),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "alert log",
                   "An alert in the log fired on at least one day.", column="days_fired", min_value=1),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "alert log",
                   "An alert is first seen no later than last seen (derived seen_backwards).",
                   column="seen_backwards", max_value=0),
        ],
    )  # fmt: skip


def automation_pause() -> gx.ExpectationSuite:
    """marts.fct_automation_pause_recommendations: one row per platform x language."""
    query = f"""\
select platform, language, severity, negative_share_7d,
    {ratio_error("conversion_ratio", "conversion_rate_7d", "conversion_rate_baseline_30d")} as conversion_ratio_error
from marts.fct_automation_pause_recommendations"""
    return gx.ExpectationSuite(
        name="automation_pause",
        meta={"table": "marts.fct_automation_pause_recommendations", "query": query},
        expectations=[
            expect(gxe.ExpectCompoundColumnsToBeUnique, ERROR, "grain: one row per platform x language",
                   "One recommendation per platform and language.", column_list=["platform", "language"]),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "pause rule: negative sentiment",
                   "The negative share is a share.", column="negative_share_7d", min_value=0, max_value=1),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "pause rule: conversion below 50 % of baseline",
                   "The conversion ratio is the 7-day rate ÷ the 30-day baseline (derived conversion_ratio_error).",
                   column="conversion_ratio_error", max_value=RATIO_TOLERANCE),
            expect(gxe.ExpectColumnValuesToBeInSet, ERROR, "alert severity",
                   "A recommendation is a warning or critical.", column="severity", value_set=ALERT_SEVERITIES),
        ],
    )  # fmt: skip


def revenue_deals() -> gx.ExpectationSuite:
    """marts.fct_deals: one row per HubSpot deal in the reporting currency (or rejected with the reason)."""
    query = """\
select
    deal_id,
    currency_rate,
    deal_amount,
    case when deal_amount is null and original_amount is not null and currency_reject_reason is null
        then 1 else 0 end as lost_deal_amount
from marts.fct_deals"""
    return gx.ExpectationSuite(
        name="revenue_deals",
        meta={"table": "marts.fct_deals", "query": query},
        expectations=[
            expect(gxe.ExpectColumnValuesToBeUnique, ERROR, "grain: one row per deal",
                   "Each deal appears once.", column="deal_id"),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "money in one reporting currency",
                   "An exchange rate is a positive number.", column="currency_rate", min_value=0, strict_min=True),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "rule: bad input is never silently lost",
                   "A deal with an amount but none in the reporting currency says why (derived lost_deal_amount).",
                   column="lost_deal_amount", max_value=0),
        ],
    )  # fmt: skip
