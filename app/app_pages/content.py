"""Content: engagement, posts and followers per platform (kpis.md section 1), for the sidebar's platforms and period.

Every number is read from the content marts (`reporting.rpt_content__*`), which compute the KPIs, their
benchmark bands and positions: this page only selects rows and formats them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
from lib import content_period, display, families, filters, queries, theme, warehouse

# Each platform's primary KPI, the engagement rate its headline, trend and tables show. kpis.md section 1
# makes "each platform's primary and secondary KPI ... a setting the dashboards read": this dict is that
# setting (change it here, every part of the page follows).
PRIMARY_KPI = {
    "instagram": "engagement_rate_impressions",
    "facebook": "engagement_rate_impressions",
    "tiktok": "engagement_rate_views",
    "youtube": "engagement_rate_views",
    "linkedin": "engagement_rate_followers",
}
FALLBACK_PRIMARY_KPI = "engagement_rate_impressions"
PRIMARY_KPIS = tuple(dict.fromkeys([*PRIMARY_KPI.values(), FALLBACK_PRIMARY_KPI]))
RATE_BASIS = {
    "engagement_rate_impressions": "impressions",
    "engagement_rate_views": "views",
    "engagement_rate_followers": "followers",
    "engagement_rate_reach": "reach",
}
TIER_KPI = "engagement_rate_views_lcs"  # the TikTok creator tiers rate engagement by views without saves
HEADLINE_KPIS = (
    *PRIMARY_KPIS,
    "engagement_rate_followers",
    TIER_KPI,
    "posts",
    "followers",
    "follower_growth",
    "follower_growth_rate",
)
POST_KPIS = (*PRIMARY_KPIS, "views_per_post", "engagements", "view_follower_ratio")
META_PLATFORMS = ("instagram", "facebook")
TREND_WINDOW_DAYS = 7
POSITION_COLORS = {"below": "orange", "within": "blue", "above": "green"}
RATING_COLORS = {"below_good": "orange", "good": "blue", "excellent": "green"}
CHART_HEIGHT = 300
PLATFORM_COLORS = {p: c for p, c in theme.PLATFORM_COLORS.items() if p != "x"}  # ≥ 4.5:1 on white
RATE_DIGITS = 2  # engagement rates are small: 0.05 % and 0.5 % must read apart


def styled(table: pd.DataFrame) -> Any:
    """The table as a Styler that shows empty numbers as '–' (not reported), keeping them sortable."""
    formats = {
        column: (
            "{:,.2f}%"
            if column == "Engagement rate"
            else "{:+,.1f}%"
            if column.endswith("WoW")
            else "{:,.0f}"
        )
        for column in table.columns
        if pd.api.types.is_numeric_dtype(table[column])
    }
    return table.style.format(formats, na_rep=display.MISSING).format(
        na_rep=display.MISSING, subset=[c for c in table.columns if c not in formats]
    )


def primary_kpi(platform: str) -> str:
    return PRIMARY_KPI.get(platform, FALLBACK_PRIMARY_KPI)


def missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def labelled(label: Callable[[str], str]) -> Callable[[object], str | None]:
    """A code's display label, or None (an empty cell) for a missing code."""
    return lambda code: None if missing(code) else label(str(code))


scope = filters.current()
platforms = scope.platforms
st.title("Content")
families.show_absent(scope.families)
if not scope.has("content"):
    st.stop()  # the notice above says what to add

try:
    catalog = queries.content_kpi_labels(scope.db, scope.version).set_index("kpi")
    queries.content_periods(scope.db, scope.version, "month", scope.start, scope.end, platforms)
except warehouse.WarehouseNotReady as exc:
    st.warning(f"The published warehouse has no content KPIs yet: {exc}", icon=":material/database:")
    st.code(warehouse.BUILD_COMMAND, language="bash")
    st.stop()


def kpi_label(kpi: str) -> str:
    return str(catalog.loc[kpi, "kpi_label"]) if kpi in catalog.index else kpi.replace("_", " ").capitalize()


scope_line = display.period(scope.start, scope.end)
if platforms:
    scope_line += " · " + ", ".join(display.platform_label(p) for p in platforms)
st.caption(f"{scope_line} · the channel and language filters do not apply to content KPIs")


# Headline per platform ----------------------------------------------------------------------------------
col_calendar, col_toggle, col_period = st.columns([1, 1, 2], vertical_alignment="bottom")
calendar = col_calendar.toggle(
    "Calendar month or week",
    key="content_calendar",
    help="Off: the headline covers exactly the sidebar's period. On: a whole calendar month or week, with its "
    "benchmark badges.",
)
if calendar:
    weekly = col_toggle.toggle(
        "Weekly figures", key="content_weekly", help="Show a week's KPIs instead of a calendar month's."
    )
    period_kind = "week" if weekly else "month"
    periods = queries.content_periods(scope.db, scope.version, period_kind, scope.start, scope.end, platforms)
    if periods.empty:
        st.info(
            f"No {period_kind} of content KPIs overlaps this period. Widen the period or clear the platform "
            "filter.",
            icon=":material/filter_alt_off:",
        )
        st.stop()

    bounds = {
        pd.Timestamp(row.period_start).date(): pd.Timestamp(row.period_end).date()
        for row in periods.itertuples()
    }

    def period_name(start: date) -> str:
        if period_kind == "month":
            return f"{start:%B %Y}"
        return f"Week of {display.period(start, bounds[start])}"

    period_start = col_period.selectbox(
        "Month" if period_kind == "month" else "Week",
        list(bounds),
        format_func=period_name,
        key=f"content_period_{period_kind}",
        help=f"The {period_kind}s that overlap the sidebar's period, latest first. A {period_kind}'s "
        f"KPIs cover the whole {period_kind}.",
    )
    headline = queries.content_period_kpis(
        scope.db, scope.version, period_kind, period_start, platforms, HEADLINE_KPIS
    )
    heading = period_name(period_start)
else:
    # The sidebar's period exactly (the headline used to show the calendar month instead).
    period_kind = "period"
    headline = content_period.headline_kpis(
        scope.db, scope.version, scope.start, scope.end, platforms, HEADLINE_KPIS
    )
    heading = display.period(scope.start, scope.end)
shown_platforms = sorted(
    set(headline["platform"]), key=lambda p: (list(PRIMARY_KPI).index(p) if p in PRIMARY_KPI else 99, p)
)


def badge(position: object) -> str:
    if missing(position):
        return ""
    color = POSITION_COLORS.get(str(position), "gray")
    return f":{color}-badge[{display.benchmark_position_label(str(position))}]"


def kpi_card(rows: pd.DataFrame, kpi: str, title: str, *, help_text: str, extra: str = "") -> None:
    """One KPI of one platform: its value ('–' when the platform does not report it), band and badge."""
    found = rows[rows["kpi"] == kpi]
    row = found.iloc[0] if not found.empty else None
    value = None if row is None else row["value"]
    unit = catalog.loc[kpi, "unit"] if kpi in catalog.index else (None if row is None else row["unit"])
    with st.container(border=True):
        st.metric(title, display.kpi_value(value, unit, RATE_DIGITS), help=help_text)
        if missing(value):
            st.caption("Not reported by the platform for this period")
        elif row is not None:
            band = display.percent_band(row["benchmark_low"], row["benchmark_high"])
            if band is not None:
                st.markdown(
                    f"{badge(row['benchmark_position'])} {band}".strip(), help="Benchmark band (kpis.md §1)"
                )
            if row["numerator"] is not None and not missing(row["denominator"]) and unit == "ratio":
                st.caption(f"{display.amount(row['numerator'])} ÷ {display.amount(row['denominator'])}")
        if extra:
            st.markdown(extra)


def growth_card(rows: pd.DataFrame) -> None:
    growth = rows[rows["kpi"] == "follower_growth"]
    rate = rows[rows["kpi"] == "follower_growth_rate"]
    value = None if growth.empty else growth.iloc[0]["value"]
    rate_value = None if rate.empty else rate.iloc[0]["value"]
    with st.container(border=True):
        st.metric(
            "Follower growth",
            display.signed_count(value),
            delta=display.signed_percent(rate_value, RATE_DIGITS),
            help=f"{kpi_label('follower_growth')}; the change is the {kpi_label('follower_growth_rate').lower()}: "
            "growth ÷ followers at the start of the period.",
        )
        if missing(value):
            st.caption("Not reported by the platform for this period")


def tier_line(rows: pd.DataFrame) -> str:
    """The TikTok creator tier and its rating, where the mart sets one."""
    tier = rows[(rows["kpi"] == TIER_KPI) & rows["creator_tier"].notna()]
    if tier.empty:
        return ""
    row = tier.iloc[0]
    line = f"Creator tier {display.creator_tier_label(row['creator_tier'])}"
    if missing(row["creator_tier_rating"]):
        return line + ": no rating"
    color = RATING_COLORS.get(row["creator_tier_rating"], "gray")
    rating = display.creator_tier_rating_label(row["creator_tier_rating"])
    return f"{line}: :{color}-badge[{rating}] ({display.percent(row['value'], RATE_DIGITS)} by views, without saves)"


st.subheader(heading)
if not calendar:
    st.caption(
        "The sidebar's period; benchmark badges are given for calendar months and weeks (switch above)."
    )
if headline.empty:
    st.info(f"No content KPIs for this {period_kind}.", icon=":material/filter_alt_off:")
for platform in shown_platforms:
    rows = headline[headline["platform"] == platform]
    primary = primary_kpi(platform)
    with st.container(key=f"content_headline_{platform}"):
        st.markdown(f"**{display.platform_label(platform)}**")
        cols = st.columns([3, 3, 2, 2, 2])
        with cols[0]:
            kpi_card(
                rows,
                primary,
                f"ER by {RATE_BASIS.get(primary, primary)}",
                help_text=f"{kpi_label(primary)}: {display.platform_label(platform)}'s primary KPI.",
                extra=tier_line(rows),
            )
        with cols[1]:
            if primary == "engagement_rate_followers":
                st.caption("The primary KPI is already by followers.")
            else:
                kpi_card(
                    rows,
                    "engagement_rate_followers",
                    "ER by followers",
                    help_text=f"{kpi_label('engagement_rate_followers')}: engagements ÷ followers on each "
                    "post's publish date.",
                )
        with cols[2]:
            kpi_card(rows, "posts", "Posts", help_text=kpi_label("posts"))
        with cols[3]:
            kpi_card(rows, "followers", "Followers", help_text=kpi_label("followers"))
        with cols[4]:
            growth_card(rows)

notes = [
    "Engagement rates are ratios of sums over the posts published in the period (Σ engagements ÷ Σ basis); "
    "the badge places each against the benchmark band of kpis.md §1; “–” means the platform does not "
    "report that figure."
]
if any(p in META_PLATFORMS for p in shown_platforms):
    notes.append(
        "Instagram and Facebook: Meta renamed impressions to Views; the warehouse keeps one series, so their "
        "impressions are Meta's Views series."
    )
st.caption("  \n".join(notes))


# Trend ---------------------------------------------------------------------------------------------------
st.subheader("Trend")
trend_kpis = (*PRIMARY_KPIS, "engagements", "posts")
trends = queries.content_trends(
    scope.db, scope.version, TREND_WINDOW_DAYS, scope.start, scope.end, platforms, trend_kpis
)
trends["platform_label"] = trends["platform"].map(display.platform_label)
trends["primary"] = trends["platform"].map(primary_kpi)
rates = trends[(trends["kpi"] == trends["primary"])].copy()
rates["basis"] = rates["kpi"].map(lambda k: RATE_BASIS.get(k, k))


def with_gaps(series: pd.DataFrame) -> pd.DataFrame:
    """Every day of the period for every platform drawn, a day without a value kept as an empty row: the
    line breaks there (a gap) instead of running straight across days without data."""
    if series.empty:
        return series
    days = pd.date_range(scope.start, scope.end, freq="D")
    frames = []
    for platform, rows in series.groupby("platform"):
        rows = rows.assign(window_end_date=pd.to_datetime(rows["window_end_date"])).set_index(
            "window_end_date"
        )
        full = rows.reindex(days)
        full.index.name = "window_end_date"
        full["platform"] = platform
        full["platform_label"] = display.platform_label(platform)
        frames.append(full.reset_index())
    return pd.concat(frames, ignore_index=True)


rates = with_gaps(rates)

with st.container(border=True):
    st.markdown(f"**{TREND_WINDOW_DAYS}-day rolling engagement rate (primary KPI)**")
    if rates.empty or rates["value"].isna().all():
        st.caption("No engagement rate in this period.")
    else:
        chart = (
            alt.Chart(rates)
            .mark_line(point=True, strokeWidth=2, invalid="break-paths-show-domains")
            .encode(
                x=alt.X("window_end_date:T", title=None, axis=alt.Axis(format="%d %b")),
                y=alt.Y("value:Q", title="Engagement rate", axis=alt.Axis(format="%")),
                color=alt.Color(
                    "platform_label:N",
                    scale=alt.Scale(
                        domain=[display.platform_label(p) for p in PLATFORM_COLORS],
                        range=list(PLATFORM_COLORS.values()),
                    ),
                    legend=alt.Legend(orient="top", title=None, labelLimit=0),
                ),
                tooltip=[
                    alt.Tooltip("window_end_date:T", title="7 days to", format="%a %d %b %Y"),
                    alt.Tooltip("platform_label:N", title="Platform"),
                    alt.Tooltip("basis:N", title="By"),
                    alt.Tooltip("value:Q", title="Engagement rate", format=".2%"),
                    alt.Tooltip("numerator:Q", title="Engagements", format=","),
                    alt.Tooltip("denominator:Q", title="Basis", format=","),
                ],
            )
            .properties(height=CHART_HEIGHT)
        )
        st.altair_chart(chart, width="stretch")

with st.container(border=True):
    st.markdown("**Last 7 days vs the 7 days before**")
    latest = trends[trends["kpi"].isin(["engagements", "posts"])]
    if latest.empty:
        st.caption("No rolling windows in this period.")
    else:
        last_day = latest.groupby("platform")["window_end_date"].transform("max")
        latest = latest[latest["window_end_date"] == last_day]
        wide = latest.pivot_table(
            index=["platform", "window_end_date"],
            columns="kpi",
            values=["value", "week_over_week_change"],
            aggfunc="first",
            dropna=False,
        )
        wow = pd.DataFrame(
            {
                "Platform": [display.platform_label(p) for p, _ in wide.index],
                "7 days to": [pd.Timestamp(d).date() for _, d in wide.index],
                "Engagements": wide.get(("value", "engagements")),
                "Engagements WoW": wide.get(("week_over_week_change", "engagements")) * 100,
                "Posts": wide.get(("value", "posts")),
                "Posts WoW": wide.get(("week_over_week_change", "posts")) * 100,
            }
        ).reset_index(drop=True)
        st.dataframe(
            styled(wow),
            hide_index=True,
            width="stretch",
            column_config={
                "7 days to": st.column_config.DateColumn(format="D MMM YYYY"),
                "Engagements WoW": st.column_config.NumberColumn(
                    help="Relative change vs the 7 days before (from the mart)"
                ),
                "Posts WoW": st.column_config.NumberColumn(
                    help="Relative change vs the 7 days before (from the mart)"
                ),
            },
        )
        st.caption("Week-over-week change is relative; empty where the week before had none.")


# Top posts ----------------------------------------------------------------------------------------------
posts = queries.content_posts(scope.db, scope.version, scope.start, scope.end, platforms, POST_KPIS)
with st.container(border=True):
    st.markdown(f"**Top posts published {display.period(scope.start, scope.end)}**")
    if posts.empty:
        st.caption("No posts published in this period.")
    else:
        post = ["platform", "post_id"]
        attributes = posts.drop_duplicates(post)[[*post, "published_on", "content_type", "campaign"]]
        is_primary = posts["kpi"] == posts["platform"].map(primary_kpi)

        def pick(rows: pd.Series, field: str) -> pd.Series:
            """One column per post: `field` of the post's row the mask selects (empty when it has none)."""
            picked = posts.loc[rows, [*post, field]]
            return attributes[post].merge(picked, on=post, how="left")[field]

        top = pd.DataFrame(
            {
                "Platform": attributes["platform"].map(display.platform_label).to_list(),
                "Post": attributes["post_id"].astype(str).to_list(),
                "Published": attributes["published_on"].to_list(),
                "Content type": attributes["content_type"].map(display.content_type_label).to_list(),
                "Campaign": attributes["campaign"].map(display.campaign_label).to_list(),
                "Views": pick(posts["kpi"] == "views_per_post", "value").to_list(),
                "Engagements": pick(posts["kpi"] == "engagements", "value").to_list(),
                "Engagement rate": (pick(is_primary, "value") * 100).to_list(),
                "By": attributes["platform"].map(lambda p: RATE_BASIS.get(primary_kpi(p))).to_list(),
                "Benchmark": pick(is_primary, "benchmark_position")
                .map(labelled(display.benchmark_position_label))
                .to_list(),
                "View-to-follower": pick(posts["kpi"] == "view_follower_ratio", "view_follower_band")
                .map(labelled(display.view_follower_band_label))
                .to_list(),
            }
        )
        top = top.sort_values(["Engagements", "Published"], ascending=False, na_position="last")
        st.dataframe(
            styled(top),
            hide_index=True,
            width="stretch",
            column_config={
                "Published": st.column_config.DateColumn(format="D MMM YYYY"),
                "Engagement rate": st.column_config.NumberColumn(
                    help="The platform's primary engagement rate (see By)"
                ),
                "By": st.column_config.TextColumn(help="The primary KPI's basis: engagements ÷ this"),
                "Benchmark": st.column_config.TextColumn(help="The primary rate against its benchmark band"),
                "View-to-follower": st.column_config.TextColumn(
                    help="Views ÷ followers at publish: < 0.5 mostly followers, 0.5–2 normal organic, > 2 viral"
                ),
            },
        )
        st.caption(
            f"{len(top)} posts published in the period, most engagements first; click a column to sort. "
            "Lifetime figures of each post as the marts hold them."
        )


# By campaign and by content type ------------------------------------------------------------------------
def group_table(group: str, title: str, column_title: str) -> None:
    data = queries.content_group_kpis(scope.db, scope.version, group, platforms, (*PRIMARY_KPIS, "posts"))
    with st.container(border=True):
        st.markdown(f"**{title}**")
        if data.empty:
            st.caption("No posts.")
            return
        groups = data.drop_duplicates(["platform", "grouping"])[["platform", "grouping"]]
        is_primary = data["kpi"] == data["platform"].map(primary_kpi)

        def pick(rows: pd.Series, field: str) -> pd.Series:
            picked = data.loc[rows, ["platform", "grouping", field]]
            return groups.merge(picked, on=["platform", "grouping"], how="left")[field]

        label = display.campaign_label if group == "campaign" else display.content_type_label
        table = pd.DataFrame(
            {
                "Platform": groups["platform"].map(display.platform_label).to_list(),
                column_title: groups["grouping"].map(label).to_list(),
                "Engagement rate": (pick(is_primary, "value") * 100).to_list(),
                "By": groups["platform"].map(lambda p: RATE_BASIS.get(primary_kpi(p))).to_list(),
                "Benchmark": pick(is_primary, "benchmark_position")
                .map(labelled(display.benchmark_position_label))
                .to_list(),
                "Posts": pick(data["kpi"] == "posts", "value").to_list(),
            }
        )
        st.dataframe(
            styled(table),
            hide_index=True,
            width="stretch",
            column_config={
                "Engagement rate": st.column_config.NumberColumn(
                    help="The platform's primary engagement rate (see By)"
                ),
            },
        )


col_campaign, col_type = st.columns(2)
with col_campaign:
    group_table("campaign", "By campaign", "Campaign")
with col_type:
    group_table("content_type", "By content type", "Content type")
st.caption(
    "Campaign and content type figures cover every post the warehouse holds (these marts have no period); "
    "the platform filter applies."
)
