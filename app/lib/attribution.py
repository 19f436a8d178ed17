"""Queries of the Attribution & ROI page.

The credits are computed once, in dbt (`marts.fct_attribution_credits`: per conversion and model they sum to
exactly 1); the paths in `marts.fct_conversions`; the lift tests in `reporting.rpt_attribution__lift_tests`.
These queries only filter and sum. Conversions count on their order date; the platform and channel filters
apply to the credited touchpoint (a conversion credited to an Instagram DM counts under Instagram and DMs);
language does not apply to orders and is ignored (the page says so).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from lib import warehouse
from lib.queries import TTL_S

CREDITS = "marts.fct_attribution_credits"
CONVERSIONS = "marts.fct_conversions"
LIFT_TESTS = "reporting.rpt_attribution__lift_tests"

# The models in reading order, with the label and the one-line rule the page shows.
MODELS = {
    "last_non_direct": ("Last non-direct click", "the last step that is not a direct visit (GA4's default)"),
    "last_touch_utm": ("Last touch (UTM)", "the last visit carrying UTM only"),
    "dm_last_touch": ("Last DM", "the last DM conversation, else as last touch (UTM)"),
    "promo_code": ("Promo code", "the conversation that issued the redeemed one-time code"),
    "first_touch": ("First touch", "the first step"),
    "linear": ("Linear", "every step alike"),
    "position_based": ("Position-based", "40 % first, 40 % last, 20 % the middle"),
    "time_decay": ("Time decay", "recent steps weigh more (half-life in days)"),
}
CREDIT_FILTERS = """
    ($platforms::varchar[] is null or list_contains($platforms::varchar[], platform))
    and ($channels::varchar[] is null or list_contains($channels::varchar[], channel))
"""


def model_label(code: str) -> str:
    return MODELS.get(code, (code, ""))[0]


def _params(start: date, end: date, platforms, channels) -> dict[str, Any]:
    return {
        "start": start,
        "end": end,
        "platforms": list(platforms) or None,
        "channels": list(channels) or None,
    }


@st.cache_data(ttl=TTL_S, show_spinner=False)
def models_side_by_side(
    db: str, version: int, start: date, end: date, platforms: tuple[str, ...], channels: tuple[str, ...]
) -> pd.DataFrame:
    """Per model: credited conversions and revenue, the unattributed share, the social share of the credit."""
    return warehouse.query(
        db,
        f"""
        select
            attribution_model,
            sum(credit) filter (where channel <> 'unattributed')::double as conversions,
            sum(attributed_revenue_amount) filter (where channel <> 'unattributed')::double as revenue_amount,
            sum(credit) filter (where channel = 'unattributed')::double as unattributed_conversions,
            sum(credit) filter (where is_social)::double as social_conversions,
            sum(attributed_revenue_amount) filter (where is_social)::double as social_revenue_amount,
            count(distinct order_id) as orders,
            any_value(currency_code) as currency_code
        from {CREDITS}
        where conversion_date between $start and $end
          and {CREDIT_FILTERS}
        group by attribution_model
        """,
        _params(start, end, platforms, channels),
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def credits_by_channel(
    db: str, version: int, start: date, end: date, platforms: tuple[str, ...], channels: tuple[str, ...]
) -> pd.DataFrame:
    """Per model x credited channel: conversions and revenue."""
    return warehouse.query(
        db,
        f"""
        select attribution_model, channel,
               sum(credit)::double as conversions,
               sum(attributed_revenue_amount)::double as revenue_amount
        from {CREDITS}
        where conversion_date between $start and $end
          and {CREDIT_FILTERS}
        group by attribution_model, channel
        order by attribution_model, channel
        """,
        _params(start, end, platforms, channels),
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def path_tags(db: str, version: int, start: date, end: date) -> pd.DataFrame:
    """Per path tag (the social part of the path): conversions and revenue of the period."""
    return warehouse.query(
        db,
        f"""
        select path_tag, count(*) as conversions, sum(revenue_amount)::double as revenue_amount
        from {CONVERSIONS}
        where conversion_date between $start and $end
        group by path_tag
        order by conversions desc, path_tag
        """,
        {"start": start, "end": end},
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def top_paths(db: str, version: int, start: date, end: date, limit: int = 10) -> pd.DataFrame:
    """The most frequent conversion paths (every step's channel in order, ending in `sale`) of the period."""
    return warehouse.query(
        db,
        f"""
        select conversion_path, count(*) as conversions, sum(revenue_amount)::double as revenue_amount,
               avg(touchpoints)::double as mean_steps
        from {CONVERSIONS}
        where conversion_date between $start and $end
        group by conversion_path
        order by conversions desc, conversion_path
        limit $limit
        """,
        {"start": start, "end": end, "limit": limit},
    )


@st.cache_data(ttl=TTL_S, show_spinner=False)
def lift_tests(db: str, version: int, languages: tuple[str, ...]) -> pd.DataFrame:
    """Every experiment x metric, all languages together ('(all)') or per language when filtered."""
    return warehouse.query(
        db,
        f"""
        select experiment_id, language, metric, control_n, treatment_n, control_value, treatment_value,
               absolute_lift, relative_lift, ci_low, ci_high, p_value, method, min_sample_per_arm,
               is_sample_size_met, is_significant
        from {LIFT_TESTS}
        where ($languages::varchar[] is null and language = '(all)')
           or list_contains($languages::varchar[], language)
        order by experiment_id, metric, language
        """,
        {"languages": list(languages) or None},
    )
