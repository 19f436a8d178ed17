"""Cadence presets of `socialkpi kpis --preset` (kpis.md §9: daily inbox health, weekly trends by platform and
language, monthly business KPIs and ROI).

A preset is data: which KPIs, grouped how, over which period, compared with what. The KPIs themselves come
from the one registry like any other request; a preset only fills in a KpiRequest. Periods are anchored on the
last day with inbox data in the warehouse (`today` = max first_inbound_date of marts.fct_conversations), so a
warehouse loaded overnight reports its own last day, and the output's dates say which days were used;
--from / --to override the period (and the comparison is then the period of equal length just before).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import duckdb

from pipelines.kpis import KpiExportError, KpiRequest


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    kpis: tuple[str, ...]
    by: tuple[str, ...]
    period: str  # `last_2_days` (yesterday and today), `last_7_days`, `last_full_month`
    compare: str  # `none`, `previous_7_days`, `previous_month`


PRESETS: dict[str, Preset] = {
    preset.name: preset
    for preset in (
        Preset(
            "daily",
            "inbox health for yesterday and today, one row per KPI and day",
            ("conversations", "response_rate", "frt_any_median_min", "sla_breaches", "backlog", "negative_share"),
            ("date",),
            "last_2_days",
            "none",
        ),
        Preset(
            "weekly",
            "trends by platform and language: the last 7 days against the 7 before",
            (
                "conversations", "response_rate", "frt_any_median_min", "frt_human_median_min",
                "sla_compliance_rate", "escalation_rate", "automation_coverage", "comments",
                "comment_reply_rate", "negative_share", "dm_conversion_rate", "social_conversion_rate",
            ),
            ("platform", "language"),
            "last_7_days",
            "previous_7_days",
        ),
        Preset(
            "monthly",
            "business review: the §7 KPIs and ROI for the last full month against the month before",
            (
                "community_influenced_revenue", "social_conversion_rate", "retention_uplift",
                "cost_per_conversation", "attributed_revenue", "attributed_conversions", "incremental_revenue",
                "revenue_per_conversion", "value_per_interaction", "contribution_per_conversation",
                "cost_per_handled_interaction", "cpa", "roas", "cost_per_lead", "cpm", "customer_ltv",
                "ltv_to_cac", "dm_conversion_rate", "comment_conversion_rate", "assisted_value_share",
                "promo_code_redemptions", "crm_sync_completeness", "responses_per_agent_hour",
            ),
            (),
            "last_full_month",
            "previous_month",
        ),
    )
}  # fmt: skip


def last_inbox_day(con: duckdb.DuckDBPyConnection) -> date:
    """The anchor of every preset: the last day with a conversation in the warehouse."""
    try:
        [(last,)] = con.execute("select max(first_inbound_date) from marts.fct_conversations").fetchall()
    except duckdb.CatalogException as exc:
        raise KpiExportError(
            "the warehouse has no marts.fct_conversations: run `socialkpi transform`"
        ) from exc
    if last is None:
        raise KpiExportError("a preset needs conversations: marts.fct_conversations is empty")
    return last


def preset_periods(preset: Preset, today: date) -> tuple[tuple[date, date], tuple[date, date] | None]:
    """The preset's period ending on `today` (its last data day), and the period it is compared with."""
    if preset.period == "last_2_days":
        current = (today - timedelta(days=1), today)
    elif preset.period == "last_7_days":
        current = (today - timedelta(days=6), today)
    elif preset.period == "last_full_month":
        month_end = (
            today if (today + timedelta(days=1)).day == 1 else today.replace(day=1) - timedelta(days=1)
        )
        current = (month_end.replace(day=1), month_end)
    else:
        raise KpiExportError(f"preset {preset.name}: unknown period {preset.period}")
    if preset.compare == "none":
        return current, None
    if preset.compare == "previous_7_days":
        return current, (current[0] - timedelta(days=7), current[0] - timedelta(days=1))
    if preset.compare == "previous_month":
        end = current[0] - timedelta(days=1)
        return current, (end.replace(day=1), end)
    raise KpiExportError(f"preset {preset.name}: unknown comparison {preset.compare}")


def preset_request(con: duckdb.DuckDBPyConnection, name: str, request: KpiRequest) -> KpiRequest:
    """`request` (filters, --from / --to, extra --by) completed by preset `name`."""
    if name not in PRESETS:
        raise KpiExportError(f"unknown --preset {name}: choose from {', '.join(PRESETS)}")
    preset = PRESETS[name]
    by = (*preset.by, *(group for group in request.by if group not in preset.by))
    kpis = request.kpis or preset.kpis
    if (
        request.date_from or request.date_to
    ):  # the user's period; compared with the one of equal length before
        if not (request.date_from and request.date_to):
            raise KpiExportError("with --preset, give both --from and --to (or neither)")
        return replace(request, by=by, kpis=kpis, compare_previous=preset.compare != "none")
    current, previous = preset_periods(preset, last_inbox_day(con))
    return replace(
        request,
        by=by,
        kpis=kpis,
        date_from=current[0],
        date_to=current[1],
        compare_previous=previous is not None,
        previous_from=previous[0] if previous else None,
        previous_to=previous[1] if previous else None,
    )
