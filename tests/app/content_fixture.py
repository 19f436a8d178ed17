"""Hand-written content tables for the app tests: the content marts and a small KPI registry.

The content marts (`reporting.rpt_content__*`) are written row by row as dbt would publish them (values,
benchmark bands and positions already computed), so a test can assert the exact text the Content page
shows. `marts.dim_kpis` holds a few KPIs with simplified SQL over `marts.fct_conversations` and a tiny
`marts.fct_post_daily`, enough for the All KPIs page to show a conversations and a content section.

Dates sit in the inbox fixture's two weeks (3–16 March 2025), the app's default period.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import duckdb

MARCH = date(2025, 3, 1)
WEEK_1, WEEK_2 = date(2025, 3, 3), date(2025, 3, 10)
NO_BAND: tuple[Any, Any, Any] = (None, None, None)

PERIOD_COLUMNS = (
    "period_kind", "period_start", "platform", "kpi", "value", "numerator", "denominator", "unit",
    "followers_at_period_end", "benchmark_low", "benchmark_high", "benchmark_position", "creator_tier",
    "creator_tier_rating", "view_follower_band",
)  # fmt: skip


def _period(
    kind: str,
    start: date,
    platform: str,
    followers: float,
    kpi: str,
    value: float | None,
    numerator: float | None = None,
    denominator: float | None = None,
    unit: str = "ratio",
    band: tuple[Any, Any, Any] = NO_BAND,
    tier: tuple[Any, Any] = (None, None),
    view_band: str | None = None,
) -> tuple[Any, ...]:
    return (
        kind,
        start,
        platform,
        kpi,
        value,
        numerator,
        denominator,
        unit,
        followers,
        *band,
        *tier,
        view_band,
    )


# March 2025 per platform. Instagram is the kpis.md golden (250 engagements, 10,000 impressions, 50,000
# followers); TikTok the TikTok golden (300 engagements, 3,000 views, 15,000 followers); YouTube reports no
# engagement, so its engagement rates are empty (shown "—", never 0).
PLATFORM_PERIOD_KPIS = [
    _period("month", MARCH, "instagram", 50_000, "engagement_rate_impressions", 0.025, 250, 10_000,
            band=(0.01, 0.05, "within")),
    _period("month", MARCH, "instagram", 50_000, "engagement_rate_followers", 0.005, 250, 50_000,
            band=(0.005, 0.03, "within")),
    _period("month", MARCH, "instagram", 50_000, "engagement_rate_views", 0.0208, 250, 12_000),
    _period("month", MARCH, "instagram", 50_000, "posts", 4, unit="posts"),
    _period("month", MARCH, "instagram", 50_000, "followers", 50_000, unit="followers"),
    _period("month", MARCH, "instagram", 50_000, "follower_growth", 1_200, unit="followers"),
    _period("month", MARCH, "instagram", 50_000, "follower_growth_rate", 0.0246, 1_200, 48_800),
    _period("month", MARCH, "facebook", 22_000, "engagement_rate_impressions", 0.0312, 624, 20_000,
            band=(0.005, 0.03, "above")),
    _period("month", MARCH, "facebook", 22_000, "engagement_rate_followers", 0.0008, 624, 780_000,
            band=(0.001, 0.01, "below")),
    _period("month", MARCH, "facebook", 22_000, "posts", 3, unit="posts"),
    _period("month", MARCH, "facebook", 22_000, "followers", 22_000, unit="followers"),
    _period("month", MARCH, "facebook", 22_000, "follower_growth", -15, unit="followers"),
    _period("month", MARCH, "facebook", 22_000, "follower_growth_rate", -0.00068, -15, 22_015),
    _period("month", MARCH, "tiktok", 15_000, "engagement_rate_views", 0.10, 300, 3_000,
            band=(0.04, 0.12, "within")),
    _period("month", MARCH, "tiktok", 15_000, "engagement_rate_views_lcs", 0.09, 270, 3_000,
            tier=("10k_to_100k", "excellent")),
    _period("month", MARCH, "tiktok", 15_000, "engagement_rate_followers", 0.02, 300, 15_000,
            band=(0.02, 0.09, "within")),
    _period("month", MARCH, "tiktok", 15_000, "engagement_rate_impressions", None),
    _period("month", MARCH, "tiktok", 15_000, "posts", 2, unit="posts"),
    _period("month", MARCH, "tiktok", 15_000, "followers", 15_000, unit="followers"),
    _period("month", MARCH, "tiktok", 15_000, "follower_growth", 500, unit="followers"),
    _period("month", MARCH, "tiktok", 15_000, "follower_growth_rate", 0.0345, 500, 14_500),
    _period("month", MARCH, "youtube", 12_800, "engagement_rate_views", None),
    _period("month", MARCH, "youtube", 12_800, "engagement_rate_followers", None),
    _period("month", MARCH, "youtube", 12_800, "posts", 1, unit="posts"),
    _period("month", MARCH, "youtube", 12_800, "followers", 12_800, unit="followers"),
    _period("month", MARCH, "youtube", 12_800, "follower_growth", 4, unit="followers"),
    _period("month", MARCH, "youtube", 12_800, "follower_growth_rate", 0.0003125, 4, 12_800),
    # February: before the app's period, never shown by default.
    _period("month", date(2025, 2, 1), "instagram", 48_800, "engagement_rate_impressions", 0.9, 9, 10,
            band=(0.01, 0.05, "above")),
    # Two weeks of Instagram.
    _period("week", WEEK_1, "instagram", 49_500, "engagement_rate_impressions", 0.018, 90, 5_000,
            band=(0.01, 0.05, "within")),
    _period("week", WEEK_1, "instagram", 49_500, "posts", 2, unit="posts"),
    _period("week", WEEK_2, "instagram", 50_000, "engagement_rate_impressions", 0.0075, 60, 8_000,
            band=(0.01, 0.05, "below")),
    _period("week", WEEK_2, "instagram", 50_000, "posts", 1, unit="posts"),
    _period("week", WEEK_2, "instagram", 50_000, "followers", 50_000, unit="followers"),
]  # fmt: skip

POST_COLUMNS = (
    "platform", "post_id", "published_on", "campaign", "content_type", "followers_at_publish", "kpi", "value",
    "numerator", "denominator", "unit", "benchmark_low", "benchmark_high", "benchmark_position",
    "creator_tier", "creator_tier_rating", "view_follower_band",
)  # fmt: skip
POSTS = {  # post_id: (platform, published_on, campaign, content_type, followers_at_publish)
    "ig_1": ("instagram", date(2025, 3, 5), "spring_sale", "carousel", 50_000),
    "ig_2": ("instagram", date(2025, 3, 12), "untagged", "image", 50_000),
    "tt_1": ("tiktok", date(2025, 3, 10), "spring_sale", "short_video", 15_000),
    "fb_old": ("facebook", date(2025, 2, 20), "untagged", "image", 21_000),  # before the period
}


def _post(
    post_id: str,
    kpi: str,
    value: float | None,
    unit: str = "ratio",
    band: tuple[Any, Any, Any] = NO_BAND,
    view_band: str | None = None,
) -> tuple[Any, ...]:
    platform, published_on, campaign, content_type, followers = POSTS[post_id]
    return (
        platform, post_id, published_on, campaign, content_type, followers, kpi, value, None, None, unit,
        *band, None, None, view_band,
    )  # fmt: skip


POST_KPIS = [
    _post("ig_1", "engagement_rate_impressions", 0.025, band=(0.01, 0.05, "within")),
    _post("ig_1", "engagements", 250, "engagements"),
    _post("ig_1", "views_per_post", 12_000, "views"),
    _post("ig_1", "view_follower_ratio", 0.24, "times", view_band="mostly_followers"),
    _post("ig_2", "engagement_rate_impressions", 0.06, band=(0.01, 0.05, "above")),
    _post("ig_2", "engagements", 600, "engagements"),
    _post("ig_2", "views_per_post", 10_000, "views"),
    _post("ig_2", "view_follower_ratio", 0.2, "times", view_band="mostly_followers"),
    _post("tt_1", "engagement_rate_views", 0.10, band=(0.04, 0.12, "within")),
    _post("tt_1", "engagement_rate_impressions", None),
    _post("tt_1", "engagements", 300, "engagements"),
    _post("tt_1", "views_per_post", 3_000, "views"),
    _post("tt_1", "view_follower_ratio", 0.2, "times", view_band="mostly_followers"),
    _post("fb_old", "engagement_rate_impressions", 0.5, band=(0.005, 0.03, "above")),
    _post("fb_old", "engagements", 9_999, "engagements"),
]

# (platform, group, kpi, value, unit, benchmark position)
CAMPAIGN_KPIS = [
    ("instagram", "spring_sale", "engagement_rate_impressions", 0.025, "ratio", "within"),
    ("instagram", "spring_sale", "posts", 1, "posts", None),
    ("instagram", "untagged", "engagement_rate_impressions", 0.06, "ratio", "above"),
    ("instagram", "untagged", "posts", 1, "posts", None),
    ("tiktok", "spring_sale", "engagement_rate_views", 0.10, "ratio", "within"),
    ("tiktok", "spring_sale", "engagement_rate_impressions", None, "ratio", None),
    ("tiktok", "spring_sale", "posts", 1, "posts", None),
]
CONTENT_TYPE_KPIS = [
    ("instagram", "carousel", "engagement_rate_impressions", 0.025, "ratio", "within"),
    ("instagram", "carousel", "posts", 1, "posts", None),
    ("instagram", "image", "engagement_rate_impressions", 0.06, "ratio", "above"),
    ("instagram", "image", "posts", 1, "posts", None),
    ("tiktok", "short_video", "engagement_rate_views", 0.10, "ratio", "within"),
    ("tiktok", "short_video", "posts", 1, "posts", None),
]

TREND_COLUMNS = (
    "platform", "window_end_date", "window_days", "kpi", "value", "numerator", "denominator", "unit",
    "week_before_value", "week_over_week_change", "previous_window_value", "previous_window_change",
)  # fmt: skip
TREND_END = date(2025, 3, 16)
# 7-day rolling engagement rates, one per day 10–16 March.
INSTAGRAM_RATES = (0.020, 0.022, 0.025, 0.030, 0.028, 0.026, 0.025)
TIKTOK_RATES = (0.08, 0.09, 0.10, 0.11, 0.10, 0.10, 0.10)


def _trend(
    platform: str,
    day: date,
    kpi: str,
    value: float | None,
    unit: str,
    week_before: float | None = None,
    change: float | None = None,
    window_days: int = 7,
) -> tuple[Any, ...]:
    return (
        platform,
        day,
        window_days,
        kpi,
        value,
        None,
        None,
        unit,
        week_before,
        change,
        week_before,
        change,
    )


TRENDS = [
    *(
        _trend("instagram", TREND_END - timedelta(days=6 - i), "engagement_rate_impressions", rate, "ratio")
        for i, rate in enumerate(INSTAGRAM_RATES)
    ),
    *(
        _trend("tiktok", TREND_END - timedelta(days=6 - i), "engagement_rate_views", rate, "ratio")
        for i, rate in enumerate(TIKTOK_RATES)
    ),
    # The last 7 days (10–16 March) vs the 7 before, as the mart computes them.
    _trend("instagram", TREND_END, "engagements", 850, "engagements", 500, 0.7),
    _trend("instagram", TREND_END, "posts", 2, "posts", 1, 1.0),
    _trend("tiktok", TREND_END, "engagements", 300, "engagements", None, None),
    _trend("tiktok", TREND_END, "posts", 1, "posts", 0, None),
    # An older window, and a 1-day window: neither is the page's latest 7-day figure.
    _trend("instagram", TREND_END - timedelta(days=1), "engagements", 999, "engagements", 1, 998.0),
    _trend("instagram", TREND_END, "engagements", 5, "engagements", 1, 4.0, window_days=1),
]

# A few KPIs of the registry, with simplified SQL over the fixture's facts (the real SQL is dbt's).
DIM_KPIS_COLUMNS = (
    "kpi", "kpi_label", "kpi_section", "aggregation", "unit", "fact_relation", "date_column", "group_columns",
    "as_of_column", "period_series", "value_sql", "numerator_sql", "denominator_sql", "kpi_order",
)  # fmt: skip
_CONVERSATIONS = ("marts.fct_conversations", "first_inbound_date",
                  "platform=platform,channel=channel,language=language", "", "")  # fmt: skip
_POSTS = ("marts.fct_post_daily", "published_on",
          "platform=platform,post_id=post_id,campaign=campaign,content_type=content_type", "metric_date", "")  # fmt: skip
_NULL = "cast(null as double)"


def _ratio(numerator: str, denominator: str) -> tuple[str, str, str]:
    return (f"cast({numerator} as double) / nullif(cast({denominator} as double), 0)",
            f"cast({numerator} as double)", f"cast({denominator} as double)")  # fmt: skip


DIM_KPIS = [
    ("conversations", "Inbound conversations", "dm", "sum", "conversations", *_CONVERSATIONS,
     "cast(count(*) as double)", _NULL, _NULL, 1),
    ("response_rate", "Response rate", "dm", "rate", "ratio", *_CONVERSATIONS,
     *_ratio("count(*) filter (where is_responded)", "count(*)"), 2),
    ("posts", "Posts published", "content", "sum", "posts", *_POSTS,
     "cast(coalesce(sum(posts), 0) as double)", _NULL, _NULL, 71),
    ("engagements", "Engagements", "content", "total", "engagements", *_POSTS,
     "cast(sum(engagements) as double)", _NULL, _NULL, 72),
    ("engagement_rate_impressions", "Engagement rate by impressions", "content", "ratio", "ratio", *_POSTS,
     *_ratio("sum(case when impressions is not null then engagements end)", "sum(impressions)"), 74),
    ("frequency", "Frequency (impressions ÷ reach)", "content", "ratio", "times", *_POSTS,
     *_ratio("sum(impressions)", "sum(reach)"), 81),
    ("comments_per_post", "Comments per post", "content", "ratio", "comments", *_POSTS,
     *_ratio("sum(comments)", "sum(posts)"), 82),
    ("views_per_post", "Views per post", "content", "ratio", "views", *_POSTS,
     *_ratio("sum(views)", "sum(posts)"), 84),
    ("avg_watch_time_s", "Average watch time", "content", "ratio", "seconds", *_POSTS,
     *_ratio("sum(watch_time_s)", "sum(plays)"), 85),
]  # fmt: skip

# (metric_date = published_on, platform, post_id, campaign, content_type, posts, engagements, comments,
#  impressions, reach, views, watch_time_s, plays)
POST_DAILY = [
    (date(2025, 3, 5), "instagram", "ig_1", "spring_sale", "carousel", 1, 250, 7, 10_000, 8_000, 12_000, None, None),
    (date(2025, 3, 10), "tiktok", "tt_1", "spring_sale", "short_video", 1, 300, 2, None, None, 3_000, 36_900, 3_000),
    (date(2025, 2, 20), "facebook", "fb_old", "untagged", "image", 1, 9_999, 99, 20_000, 10_000, 1, None, None),
]  # fmt: skip
# What the All KPIs page shows for them over 3–16 March (fb_old is before the period).
ALL_KPIS_CONTENT = {
    "posts": "2",
    "engagements": "550",
    "engagement_rate_impressions": "2.5%",  # 250 ÷ 10,000
    "frequency": "1.25",  # 10,000 ÷ 8,000
    "comments_per_post": "4.5",  # 9 ÷ 2
    "views_per_post": "7,500",  # 15,000 ÷ 2
    "avg_watch_time_s": "12.3 s",  # 36,900 ÷ 3,000
}


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...], rows: list) -> None:
    con.executemany(
        f"insert into {table} ({', '.join(columns)}) values ({', '.join('?' for _ in columns)})", rows
    )


def write_content(con: duckdb.DuckDBPyConnection) -> None:
    """Create and fill the content marts, `marts.fct_post_daily` and `marts.dim_kpis` (schemas exist)."""
    benchmark_columns = """
        benchmark_low double, benchmark_high double, benchmark_position varchar,
        creator_tier varchar, creator_tier_rating varchar, view_follower_band varchar
    """
    kpi_columns = "kpi varchar, value double, numerator double, denominator double, unit varchar"
    con.execute(
        f"""
        create table reporting.rpt_content__platform_period_kpis (
            period_kind varchar, period_start date, platform varchar, {kpi_columns},
            followers_at_period_end double, {benchmark_columns}
        )
        """
    )
    _insert(con, "reporting.rpt_content__platform_period_kpis", PERIOD_COLUMNS, PLATFORM_PERIOD_KPIS)
    con.execute(
        f"""
        create table reporting.rpt_content__post_kpis (
            platform varchar, post_id varchar, published_on date, campaign varchar, content_type varchar,
            followers_at_publish hugeint, {kpi_columns}, {benchmark_columns}
        )
        """
    )
    _insert(con, "reporting.rpt_content__post_kpis", POST_COLUMNS, POST_KPIS)
    for group, rows in (("campaign", CAMPAIGN_KPIS), ("content_type", CONTENT_TYPE_KPIS)):
        table = f"reporting.rpt_content__{group}_kpis"
        con.execute(
            f"create table {table} (platform varchar, {group} varchar, {kpi_columns}, {benchmark_columns})"
        )
        _insert(
            con,
            table,
            ("platform", group, "kpi", "value", "unit", "benchmark_position"),
            rows,
        )
    con.execute(
        f"""
        create table reporting.rpt_content__platform_trends_daily (
            platform varchar, window_end_date date, window_days integer, {kpi_columns},
            week_before_value double, week_over_week_change double,
            previous_window_value double, previous_window_change double
        )
        """
    )
    _insert(con, "reporting.rpt_content__platform_trends_daily", TREND_COLUMNS, TRENDS)
    con.execute(
        """
        create table marts.fct_post_daily (
            metric_date date, published_on date, platform varchar, post_id varchar, campaign varchar,
            content_type varchar, posts integer, engagements double, comments double, impressions double,
            reach double, views double, watch_time_s double, plays double
        )
        """
    )
    con.executemany(
        "insert into marts.fct_post_daily select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?",
        [(row[0], *row) for row in POST_DAILY],
    )
    con.execute(
        "create table marts.dim_kpis ("
        + ", ".join(f"{c} {'integer' if c == 'kpi_order' else 'varchar'}" for c in DIM_KPIS_COLUMNS)
        + ")"
    )
    _insert(con, "marts.dim_kpis", DIM_KPIS_COLUMNS, DIM_KPIS)
    # no KPI here has unscoped filters (a filter its fact carries on other columns) or compares two periods
    con.execute("alter table marts.dim_kpis add column unscoped_filters varchar default ''")
    con.execute("alter table marts.dim_kpis add column comparison varchar default ''")
