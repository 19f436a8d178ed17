"""Queries of the Operations page: what the team lead acts on today.

The KPIs themselves are defined in dbt; these queries only select the rows of the filters and period and
summarise them:
- medians beside means: a mean first response time is dragged by a few conversations answered days later
  (the sample's mean 111.7 min hides a median under a minute), so every mean duration the page shows has
  its median from the same conversations (`marts.fct_conversations`, one row per conversation);
- the backlog: conversations still waiting for a first response at the data's as-of instant (the last event
  the warehouse holds, not the wall clock: a warehouse published last week shows last week's inbox);
- the SLA-breach list (`reporting.rpt_inbox__sla_breaches`) and the manual-review queue
  (`reporting.rpt_inbox__review_queue`).

Filters are tuples; an empty tuple means "all" (see lib/queries.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from lib import display, warehouse
from lib.queries import INBOX_FILTERS, TTL_S, _filter_params

CONVERSATIONS = "marts.fct_conversations"
SLA_BREACHES = "reporting.rpt_inbox__sla_breaches"
REVIEW_QUEUE = "reporting.rpt_inbox__review_queue"

# A conversation waits while it has neither a first response nor a resolution, and was opened in the last
# BACKLOG_DAYS before the as-of instant: an unanswered comment from three months ago is a lost conversation
# (it counts against the response rate and the SLA breaches), not work for this week's shifts.
BACKLOG_DAYS = 7
WAITING = "first_response_at is null and first_resolved_at is null"
AS_OF = f"(select max(greatest(first_inbound_at, coalesce(first_response_at, first_inbound_at))) from {CONVERSATIONS})"


def _args(start: date, end: date, platforms, channels, languages) -> dict[str, Any]:
    return {"start": start, "end": end} | _filter_params(platforms, channels, languages)


@st.cache_data(ttl=TTL_S, show_spinner=False)
def frt_medians(
    db: str,
    version: int,
    start: date,
    end: date,
    platforms: tuple[str, ...],
    channels: tuple[str, ...],
    languages: tuple[str, ...],
    by: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Median (and mean, for the check) first response times over the answered conversations of the period,
    overall or per `by` column (platform, language): frt_any_median_min, frt_human_median_min, …"""
    groups = ", ".join(column for column in by if column in ("platform", "language", "channel"))
    select_groups = f"{groups}," if groups else ""
    return warehouse.query(
        db,
        f"""
        select
            {select_groups}
            median(frt_any_min) as frt_any_median_min,
            avg(frt_any_min) as frt_any_mean_min,
            median(frt_human_min) as frt_human_median_min,
            avg(frt_human_min) as frt_human_mean_min,
            count(frt_any_min) as responded_conversations,
            count(frt_human_min) as human_responded_conversations
        from {CONVERSATIONS}
        where first_inbound_date between $start and $end
          and {INBOX_FILTERS}
        {f"group by {groups} order by {groups}" if groups else ""}
        """,
        _args(start, end, platforms, channels, languages),
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def backlog(
    db: str,
    version: int,
    platforms: tuple[str, ...],
    channels: tuple[str, ...],
    languages: tuple[str, ...],
) -> pd.DataFrame:
    """Per language: conversations waiting at the as-of instant and the oldest wait in minutes, with as_of_at.

    The backlog ignores the period (a conversation opened three weeks ago and still unanswered is today's
    work) but honours the platform, channel and language filters.
    """
    return warehouse.query(
        db,
        f"""
        with as_of as (select {AS_OF} as as_of_at)
        select
            language,
            count(*) as waiting,
            max(date_diff('second', first_inbound_at, as_of.as_of_at)) / 60.0 as oldest_wait_min,
            median(date_diff('second', first_inbound_at, as_of.as_of_at)) / 60.0 as median_wait_min,
            any_value(as_of.as_of_at) as as_of_at
        from {CONVERSATIONS}, as_of
        where {WAITING}
          and first_inbound_at >= as_of.as_of_at - to_days({BACKLOG_DAYS})
          and {INBOX_FILTERS}
        group by language
        order by language
        """,
        _filter_params(platforms, channels, languages),
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def as_of(db: str, version: int) -> pd.Timestamp | None:
    """The data's as-of instant (UTC): the latest inbound message or first response the warehouse holds."""
    value = warehouse.query(db, f"select {AS_OF} as as_of_at")["as_of_at"].iloc[0]
    return None if pd.isna(value) else pd.Timestamp(value)


@st.cache_data(ttl=TTL_S, show_spinner=False)
def sla_breaches(
    db: str,
    version: int,
    start: date,
    end: date,
    platforms: tuple[str, ...],
    channels: tuple[str, ...],
    languages: tuple[str, ...],
) -> pd.DataFrame:
    """The conversations of the period that breached their first-response SLA, the latest first."""
    return warehouse.query(
        db,
        f"""
        select conversation_key, platform, channel, language, priority, first_inbound_at,
               sla_first_response_target_min, first_response_due_at, sla_first_response_at,
               first_response_late_business_min, is_unanswered
        from {SLA_BREACHES}
        where first_inbound_date between $start and $end
          and {INBOX_FILTERS}
        order by is_unanswered desc, first_response_late_business_min desc nulls first, conversation_key
        """,
        _args(start, end, platforms, channels, languages),
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def review_queue(
    db: str,
    version: int,
    start: date,
    end: date,
    platforms: tuple[str, ...],
    channels: tuple[str, ...],
    languages: tuple[str, ...],
) -> pd.DataFrame:
    """The items to review by hand from the period (by the day they occurred), the latest first."""
    return warehouse.query(
        db,
        f"""
        select review_week, item_kind, platform || ':' || conversation_id as conversation_key, platform,
               channel, language, occurred_at, sentiment_label, sentiment_confidence, template_id
        from {REVIEW_QUEUE}
        where cast(occurred_at as date) between $start and $end
          and {INBOX_FILTERS}
        order by occurred_at desc, item_kind, conversation_key
        """,
        _args(start, end, platforms, channels, languages),
    )


# The staffing flag --------------------------------------------------------------------------------------
# A language is flagged when its customers wait clearly longer for a person than the best-served language's:
# its median first *human* response is at least STAFFING_MARGIN times the best one's (the median, not the mean:
# one conversation answered days later must not raise a flag; human, not any: a bot's instant reply does not
# staff the inbox), or its backlog per conversation of the period is at least STAFFING_MARGIN times the best
# one's. Only languages with MIN_ANSWERED conversations answered by a person take part (fewer is noise).
STAFFING_MARGIN = 1.5
NOT_STAFFED = ("und",)  # an undetermined language is no team to staff
MIN_ANSWERED = 30  # fewer answered by a person: the median is noise


def _worse(value: float, best: float) -> bool:
    """At least STAFFING_MARGIN times the best (any positive value when the best is 0)."""
    return value >= STAFFING_MARGIN * best if best > 0 else value > 0


def staffing_flags(languages: pd.DataFrame) -> pd.Series:
    """One reason per row of `languages` (columns language, frt_human_median_min,
    human_responded_conversations, conversations, waiting), or None when the language is not flagged."""
    reasons = pd.Series([None] * len(languages), index=languages.index, dtype=object)
    eligible = languages[
        (languages["human_responded_conversations"].fillna(0) >= MIN_ANSWERED)
        & ~languages["language"].isin(NOT_STAFFED)
    ].copy()
    if len(eligible) < 2:
        return reasons  # nothing to compare with
    eligible["backlog_rate"] = eligible["waiting"].fillna(0) / eligible["conversations"]
    medians = eligible["frt_human_median_min"].dropna()
    best_median = eligible.loc[medians.idxmin()] if not medians.empty else None
    best_backlog = eligible.loc[eligible["backlog_rate"].idxmin()]
    for index, row in eligible.iterrows():
        found = []
        if (
            best_median is not None
            and row["language"] != best_median["language"]
            and pd.notna(row["frt_human_median_min"])
            and _worse(row["frt_human_median_min"], best_median["frt_human_median_min"])
        ):
            found.append(
                f"median human first response {display.duration(row['frt_human_median_min'])} vs "
                f"{display.duration(best_median['frt_human_median_min'])} for "
                f"{display.language_label(best_median['language'])}"
            )
        if row["language"] != best_backlog["language"] and _worse(
            row["backlog_rate"], best_backlog["backlog_rate"]
        ):
            found.append(
                f"backlog {row['backlog_rate']:.1%} of the period's conversations vs "
                f"{best_backlog['backlog_rate']:.1%} for {display.language_label(best_backlog['language'])}"
            )
        reasons[index] = "; ".join(found) or None
    return reasons


REVIEW_KINDS = {
    "low_confidence": "Low-confidence sentiment",
    "sentiment_negative": "Negative sentiment (sample)",
    "moderated": "Hidden or deleted comment (sample)",
    "auto_reply": "Bot response (sample)",
}
