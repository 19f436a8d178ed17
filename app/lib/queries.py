"""Queries the pages render. Each takes plain arguments (so `st.cache_data` can key on them) and returns a
pandas DataFrame.

`db` and `version` name the published copy (`warehouse.Snapshot`): a new publish changes `version`, so no
cached result outlives the data it came from. Filters are tuples; an empty tuple means "all".

The KPIs are defined in dbt. Here they are only re-aggregated to the period and filters asked for, from the
additive parts `rpt_inbox__daily` publishes: a rate is sum(numerator) / sum(denominator), never an average of
daily rates.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from lib import warehouse
from pipelines.kpis import KpiExportError, KpiRequest, compute_kpis, kpi_catalog

INBOX_DAILY = "reporting.rpt_inbox__daily"
TTL_S = 60

# Ratio of sums over whatever group the query asks for. Unanswered conversations are in the response rate's
# denominator and out of the FRT means (spec section 2); bot replies are in "any" and never in "human".
INBOX_KPIS = """
    sum(conversations)::bigint as conversations,
    sum(responded_conversations)::bigint as responded_conversations,
    sum(human_responded_conversations)::bigint as human_responded_conversations,
    sum(responded_conversations) / nullif(sum(conversations), 0) as response_rate,
    sum(frt_any_total_min) / nullif(sum(responded_conversations), 0) as frt_any_mean_min,
    sum(frt_human_total_min) / nullif(sum(human_responded_conversations), 0) as frt_human_mean_min
"""

INBOX_FILTERS = """
    ($platforms::varchar[] is null or list_contains($platforms::varchar[], platform))
    and ($channels::varchar[] is null or list_contains($channels::varchar[], channel))
    and ($languages::varchar[] is null or list_contains($languages::varchar[], language))
"""


def _filter_params(
    platforms: tuple[str, ...], channels: tuple[str, ...], languages: tuple[str, ...]
) -> dict[str, Any]:
    return {
        "platforms": list(platforms) or None,
        "channels": list(channels) or None,
        "languages": list(languages) or None,
    }


@st.cache_data(ttl=TTL_S, show_spinner=False)
def inbox_options(db: str, version: int) -> pd.DataFrame:
    """One row: the first and last conversation date and the platforms, channels, languages present."""
    return warehouse.query(
        db,
        f"""
        select
            min(conversation_date) as first_date,
            max(conversation_date) as last_date,
            list(distinct platform order by platform) as platforms,
            list(distinct channel order by channel) as channels,
            list(distinct language order by language) as languages
        from {INBOX_DAILY}
        """,
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def inbox_totals(
    db: str,
    version: int,
    start: date,
    end: date,
    compare_start: date | None,
    platforms: tuple[str, ...],
    channels: tuple[str, ...],
    languages: tuple[str, ...],
) -> pd.DataFrame:
    """Headline KPIs for [start, end], and for [compare_start, start) when compare_start is given.

    One row per period present, `period` = 'current' or 'previous'.
    """
    return warehouse.query(
        db,
        f"""
        select
            case when conversation_date >= $start then 'current' else 'previous' end as period,
            {INBOX_KPIS}
        from {INBOX_DAILY}
        where conversation_date between coalesce($compare_start, $start) and $end
          and {INBOX_FILTERS}
        group by all
        order by period
        """,
        {"start": start, "end": end, "compare_start": compare_start}
        | _filter_params(platforms, channels, languages),
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def inbox_daily(
    db: str,
    version: int,
    start: date,
    end: date,
    platforms: tuple[str, ...],
    channels: tuple[str, ...],
    languages: tuple[str, ...],
) -> pd.DataFrame:
    """One row per day of [start, end] (days without conversations included, with 0 conversations)."""
    return warehouse.query(
        db,
        f"""
        with days as (
            select cast(day as date) as conversation_date
            from generate_series($start::date, $end::date, interval 1 day) as g(day)
        ),

        daily as (
            select conversation_date, {INBOX_KPIS}
            from {INBOX_DAILY}
            where conversation_date between $start and $end
              and {INBOX_FILTERS}
            group by conversation_date
        )

        select
            days.conversation_date,
            coalesce(daily.conversations, 0) as conversations,
            coalesce(daily.responded_conversations, 0) as responded_conversations,
            coalesce(daily.human_responded_conversations, 0) as human_responded_conversations,
            daily.response_rate,
            daily.frt_any_mean_min,
            daily.frt_human_mean_min
        from days
        left join daily using (conversation_date)
        order by days.conversation_date
        """,
        {"start": start, "end": end} | _filter_params(platforms, channels, languages),
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def inbox_daily_by_channel(
    db: str,
    version: int,
    start: date,
    end: date,
    platforms: tuple[str, ...],
    channels: tuple[str, ...],
    languages: tuple[str, ...],
) -> pd.DataFrame:
    """One row per day of [start, end] x channel in view (days without conversations included, with 0)."""
    return warehouse.query(
        db,
        f"""
        with filtered as (
            select *
            from {INBOX_DAILY}
            where conversation_date between $start and $end
              and {INBOX_FILTERS}
        ),

        days as (
            select cast(day as date) as conversation_date
            from generate_series($start::date, $end::date, interval 1 day) as g(day)
        ),

        channels as (
            select distinct channel from filtered
        ),

        daily as (
            select conversation_date, channel, {INBOX_KPIS}
            from filtered
            group by conversation_date, channel
        )

        select
            days.conversation_date,
            channels.channel,
            coalesce(daily.conversations, 0) as conversations,
            coalesce(daily.responded_conversations, 0) as responded_conversations,
            daily.response_rate
        from days
        cross join channels
        left join daily
            on daily.conversation_date = days.conversation_date
            and daily.channel = channels.channel
        order by days.conversation_date, channels.channel
        """,
        {"start": start, "end": end} | _filter_params(platforms, channels, languages),
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def inbox_by_platform_language(
    db: str,
    version: int,
    start: date,
    end: date,
    platforms: tuple[str, ...],
    channels: tuple[str, ...],
    languages: tuple[str, ...],
) -> pd.DataFrame:
    """One row per platform x language with conversations in [start, end], largest first."""
    return warehouse.query(
        db,
        f"""
        select
            platform,
            language,
            {INBOX_KPIS},
            sum(conversations) / sum(sum(conversations)) over () as conversation_share
        from {INBOX_DAILY}
        where conversation_date between $start and $end
          and {INBOX_FILTERS}
        group by platform, language
        having sum(conversations) > 0
        order by conversations desc, platform, language
        """,
        {"start": start, "end": end} | _filter_params(platforms, channels, languages),
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def all_kpis(
    db: str,
    version: int,
    start: date,
    end: date,
    platforms: tuple[str, ...],
    channels: tuple[str, ...],
    languages: tuple[str, ...],
) -> pd.DataFrame:
    """Every KPI of the registry for the filters, computed by the same SQL as `socialkpi kpis` (from the facts),
    with its `note` when a filter could not apply to it (costs have no language: the KPI is for all languages)."""
    request = KpiRequest(
        date_from=start, date_to=end, platform=platforms, channel=channels, language=languages
    )
    with warehouse.serving_database().cursor(db) as cur:
        try:
            values = pd.DataFrame(
                compute_kpis(cur, request),
                columns=["kpi", "value", "numerator", "denominator", "unit", "note"],
            )
            catalog = pd.DataFrame(kpi_catalog(cur))
        except KpiExportError as exc:
            raise warehouse.WarehouseNotReady(f"{db}: {exc}") from exc
    return catalog.merge(values.drop(columns="unit"), on="kpi", how="left")


# Content (kpis.md section 1) ------------------------------------------------------------------------------
# The content marts publish every KPI already computed per platform x period, post, campaign, content type
# and rolling window, with its benchmark band and position: these queries only select rows, never aggregate.

CONTENT_PERIOD_KPIS = "reporting.rpt_content__platform_period_kpis"
CONTENT_POST_KPIS = "reporting.rpt_content__post_kpis"
CONTENT_TRENDS_DAILY = "reporting.rpt_content__platform_trends_daily"
CONTENT_GROUP_KPIS = {
    "campaign": "reporting.rpt_content__campaign_kpis",
    "content_type": "reporting.rpt_content__content_type_kpis",
}
CONTENT_FILTERS = """
    ($platforms::varchar[] is null or list_contains($platforms::varchar[], platform))
    and list_contains($kpis::varchar[], kpi)
"""


def _content_params(platforms: tuple[str, ...], kpis: tuple[str, ...]) -> dict[str, Any]:
    return {"platforms": list(platforms) or None, "kpis": list(kpis)}


@st.cache_data(ttl=TTL_S, show_spinner=False)
def content_kpi_labels(db: str, version: int) -> pd.DataFrame:
    """The content KPIs of the registry: kpi, kpi_label, unit, in registry order."""
    return warehouse.query(
        db,
        "select kpi, kpi_label, unit from marts.dim_kpis where kpi_section = 'content' order by kpi_order",
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def content_periods(
    db: str, version: int, period_kind: str, start: date, end: date, platforms: tuple[str, ...]
) -> pd.DataFrame:
    """The weeks or months (period_start, period_end) that overlap [start, end], latest first."""
    return warehouse.query(
        db,
        f"""
        select distinct
            period_start,
            cast(period_start + case when $period_kind = 'week' then interval 7 day else interval 1 month end
                 - interval 1 day as date) as period_end
        from {CONTENT_PERIOD_KPIS}
        where period_kind = $period_kind
          and ($platforms::varchar[] is null or list_contains($platforms::varchar[], platform))
          and period_start <= $end
          and period_start + case when $period_kind = 'week' then interval 7 day else interval 1 month end > $start
        order by period_start desc
        """,
        {
            "period_kind": period_kind,
            "start": start,
            "end": end,
            "platforms": list(platforms) or None,
        },
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def content_period_kpis(
    db: str,
    version: int,
    period_kind: str,
    period_start: date,
    platforms: tuple[str, ...],
    kpis: tuple[str, ...],
) -> pd.DataFrame:
    """One row per platform x KPI of one week or month, with its benchmark band, position and tier."""
    return warehouse.query(
        db,
        f"""
        select platform, kpi, value, numerator, denominator, unit, followers_at_period_end,
               benchmark_low, benchmark_high, benchmark_position, creator_tier, creator_tier_rating,
               view_follower_band
        from {CONTENT_PERIOD_KPIS}
        where period_kind = $period_kind
          and period_start = $period_start
          and {CONTENT_FILTERS}
        order by platform, kpi
        """,
        {"period_kind": period_kind, "period_start": period_start} | _content_params(platforms, kpis),
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def content_trends(
    db: str,
    version: int,
    window_days: int,
    start: date,
    end: date,
    platforms: tuple[str, ...],
    kpis: tuple[str, ...],
) -> pd.DataFrame:
    """One row per platform x KPI x window end date in [start, end], for rolling windows of `window_days`."""
    return warehouse.query(
        db,
        f"""
        select platform, window_end_date, kpi, value, numerator, denominator, unit,
               week_before_value, week_over_week_change
        from {CONTENT_TRENDS_DAILY}
        where window_days = $window_days
          and window_end_date between $start and $end
          and {CONTENT_FILTERS}
        order by platform, kpi, window_end_date
        """,
        {"window_days": window_days, "start": start, "end": end} | _content_params(platforms, kpis),
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def content_posts(
    db: str,
    version: int,
    start: date,
    end: date,
    platforms: tuple[str, ...],
    kpis: tuple[str, ...],
) -> pd.DataFrame:
    """One row per post published in [start, end] x KPI, with the post's attributes and benchmark columns."""
    return warehouse.query(
        db,
        f"""
        select platform, post_id, published_on, campaign, content_type, followers_at_publish,
               kpi, value, unit, benchmark_position, view_follower_band
        from {CONTENT_POST_KPIS}
        where published_on between $start and $end
          and {CONTENT_FILTERS}
        order by published_on desc, platform, post_id, kpi
        """,
        {"start": start, "end": end} | _content_params(platforms, kpis),
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def content_group_kpis(
    db: str, version: int, group: str, platforms: tuple[str, ...], kpis: tuple[str, ...]
) -> pd.DataFrame:
    """One row per platform x campaign (or content type) x KPI, over all the data the mart holds."""
    table = CONTENT_GROUP_KPIS[group]  # a fixed name, never user input
    return warehouse.query(
        db,
        f"""
        select platform, {group} as grouping, kpi, value, unit, benchmark_position
        from {table}
        where {CONTENT_FILTERS}
        order by platform, grouping, kpi
        """,
        _content_params(platforms, kpis),
    )


# Data quality (issue 7) -----------------------------------------------------------------------------------
# The Great Expectations checkpoint's results, stored by `socialkpi check` (pipelines/quality.py). A warehouse
# built before that has no `quality` schema: `quality_available` says so, and the page explains what to run.

CHECK_RUNS = "quality.check_runs"
CHECK_RESULTS = "quality.check_results"


@st.cache_data(ttl=TTL_S, show_spinner=False)
def quality_available(db: str, version: int) -> bool:
    """True when the published copy has both quality tables and at least one stored run."""
    found = warehouse.query(
        db,
        """
        select count(*) as n
        from information_schema.tables
        where table_schema = 'quality' and table_name in ('check_runs', 'check_results')
        """,
    )
    if int(found["n"].iloc[0]) < 2:
        return False
    return int(warehouse.query(db, f"select count(*) as n from {CHECK_RUNS}")["n"].iloc[0]) > 0


@st.cache_data(ttl=TTL_S, show_spinner=False)
def quality_runs(db: str, version: int, limit: int = 20) -> pd.DataFrame:
    """The latest `limit` checkpoint runs, latest first (checked_at is UTC)."""
    return warehouse.query(
        db,
        f"""
        select run_id, checked_at, success, evaluated, failed_errors, failed_warnings, run_seconds,
               data_docs_index
        from {CHECK_RUNS}
        order by checked_at desc, run_id desc
        limit $limit
        """,
        {"limit": limit},
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def quality_results(db: str, version: int, run_id: str) -> pd.DataFrame:
    """One run's expectations: failed errors first, then failed warnings, then the passed, by suite."""
    return warehouse.query(
        db,
        f"""
        select suite, table_name, expectation_type, columns, severity, guards, success, observed_value
        from {CHECK_RESULTS}
        where run_id = $run_id
        order by success, severity = 'warning', suite, expectation_type, columns
        """,
        {"run_id": run_id},
    )
