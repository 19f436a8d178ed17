"""Inbox: conversations, response rate and first response time (spec section 2), for the sidebar's filters."""

from __future__ import annotations

from datetime import timedelta

import altair as alt
import pandas as pd
import streamlit as st
from lib import display, families, filters, queries

ANY_LABEL = "Any (bot or human)"
HUMAN_LABEL = "Human"
ANY_COLOR, HUMAN_COLOR = "#2a9d8f", "#e8710a"
CHANNEL_COLORS = {"dm": "#1f4e8c", "comment": "#8fb3e3"}
CHART_HEIGHT = 280

scope = filters.current()
args = scope.query_args()

st.title("Inbox")
families.show_absent(scope.families)
if not scope.has("conversations"):
    st.stop()  # the notice above says what to add; every other page shows what was loaded

totals = queries.inbox_totals(compare_start=scope.compare_start, **args).set_index("period")
now = totals.loc["current"] if "current" in totals.index else None
before = totals.loc["previous"] if "previous" in totals.index else None

subtitle = scope.describe()
if before is not None and scope.compare_start is not None:
    previous_end = scope.start - timedelta(days=1)
    subtitle += f" · changes vs {display.period(scope.compare_start, previous_end)}"
st.caption(subtitle)

if now is None or not now["conversations"]:
    st.info(
        "No conversations match these filters. Widen the period or clear a filter "
        "(**Reset filters** in the sidebar).",
        icon=":material/filter_alt_off:",
    )
    st.stop()


def _prev(column: str) -> float | None:
    return None if before is None else before[column]


# Headline numbers ---------------------------------------------------------------------------------------
col_volume, col_rate, col_any, col_human = st.columns(4)
col_volume.metric(
    "Conversations",
    display.count(now["conversations"]),
    delta=display.count_delta(now["conversations"], _prev("conversations")),
    delta_color="off",  # more conversations is neither good nor bad
    help="Inbound conversations, counted on the day of the customer's first message.",
    border=True,
)
col_rate.metric(
    "Response rate",
    display.percent(now["response_rate"]),
    delta=display.rate_delta(now["response_rate"], _prev("response_rate")),
    help="Conversations with at least one response, bot or human ÷ inbound conversations "
    f"({display.count(now['responded_conversations'])} of {display.count(now['conversations'])}).",
    border=True,
)
col_any.metric(
    "First response (any)",
    display.minutes(now["frt_any_mean_min"]),
    delta=display.minutes_delta(now["frt_any_mean_min"], _prev("frt_any_mean_min")),
    delta_color="inverse",
    help="Mean first response time: minutes from the customer's first message to the first response, "
    f"bot or human, over the {display.count(now['responded_conversations'])} answered conversations.",
    border=True,
)
col_human.metric(
    "First response (human)",
    display.minutes(now["frt_human_mean_min"]),
    delta=display.minutes_delta(now["frt_human_mean_min"], _prev("frt_human_mean_min")),
    delta_color="inverse",
    help="Mean first human response time: minutes from the customer's first message to the first agent "
    f"response, over the {display.count(now['human_responded_conversations'])} conversations an agent answered.",
    border=True,
)
st.caption(
    "Bot replies count toward first response **(any)** and never toward **(human)**; both are mean minutes "
    "from the customer's first message, over answered conversations."
)

# Daily trend --------------------------------------------------------------------------------------------
volume = queries.inbox_daily_by_channel(**args)
volume["channel_label"] = volume["channel"].map(display.channel_label)
daily = queries.inbox_daily(**args)

# Both charts share one band axis with every day of the period (the queries fill empty days), so each
# day's bar and point line up across the two cards.
day_axis = alt.X(
    "yearmonthdate(conversation_date):O",
    title=None,
    axis=alt.Axis(format="%d %b", formatType="time", labelAngle=0, labelOverlap="greedy", labelPadding=6),
)
day_tip = alt.Tooltip("conversation_date:T", title="Day", format="%a %d %b %Y")
legend = alt.Legend(orient="top", direction="horizontal", title=None, labelLimit=0)

col_volume_chart, col_frt_chart = st.columns(2)
with col_volume_chart.container(border=True):
    st.markdown("**Conversations per day**")
    channel_codes = [code for code in CHANNEL_COLORS if code in set(volume["channel"])]
    volume_chart = (
        alt.Chart(volume)
        .mark_bar(cornerRadiusTopLeft=2, cornerRadiusTopRight=2)
        .encode(
            x=day_axis,
            y=alt.Y("sum(conversations):Q", title="Conversations", stack="zero"),
            color=alt.Color(
                "channel_label:N",
                scale=alt.Scale(
                    domain=[display.channel_label(c) for c in channel_codes],
                    range=[CHANNEL_COLORS[c] for c in channel_codes],
                ),
                legend=legend,
            ),
            order=alt.Order("channel:N", sort="descending"),
            tooltip=[
                day_tip,
                alt.Tooltip("channel_label:N", title="Channel"),
                alt.Tooltip("conversations:Q", title="Conversations", format=","),
                alt.Tooltip("response_rate:Q", title="Response rate", format=".1%"),
            ],
        )
        .properties(height=CHART_HEIGHT)
    )
    st.altair_chart(volume_chart, width="stretch")

with col_frt_chart.container(border=True):
    st.markdown("**Mean first response time per day**")
    frt = daily.rename(columns={"frt_any_mean_min": ANY_LABEL, "frt_human_mean_min": HUMAN_LABEL}).melt(
        id_vars=["conversation_date"],
        value_vars=[ANY_LABEL, HUMAN_LABEL],
        var_name="response",
        value_name="minutes",
    )
    frt_chart = (
        alt.Chart(frt.dropna(subset=["minutes"]))
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=day_axis,
            y=alt.Y("minutes:Q", title="Minutes"),
            color=alt.Color(
                "response:N",
                scale=alt.Scale(domain=[ANY_LABEL, HUMAN_LABEL], range=[ANY_COLOR, HUMAN_COLOR]),
                legend=legend,
            ),
            tooltip=[
                day_tip,
                alt.Tooltip("response:N", title="First response"),
                alt.Tooltip("minutes:Q", title="Mean minutes", format=",.1f"),
            ],
        )
        .properties(height=CHART_HEIGHT)
    )
    st.altair_chart(frt_chart, width="stretch")

# Breakdown ----------------------------------------------------------------------------------------------
breakdown = queries.inbox_by_platform_language(**args)
table = pd.DataFrame(
    {
        "Platform": breakdown["platform"].map(display.platform_label),
        "Language": breakdown["language"].map(display.language_label),
        "Conversations": breakdown["conversations"],
        "Share": breakdown["conversation_share"] * 100,
        "Answered": breakdown["responded_conversations"],
        "Response rate": breakdown["response_rate"] * 100,
        "FRT any": breakdown["frt_any_mean_min"],
        "By agent": breakdown["human_responded_conversations"],
        "FRT human": breakdown["frt_human_mean_min"],
    }
)
with st.container(border=True):
    st.markdown("**By platform and language**")
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "Conversations": st.column_config.NumberColumn(format="localized"),
            "Share": st.column_config.ProgressColumn(
                "Share",
                min_value=0.0,
                max_value=100.0,
                format="%.1f%%",
                color=CHANNEL_COLORS["dm"],
                width="small",
                help="Share of the conversations in this view",
            ),
            "Answered": st.column_config.NumberColumn(
                format="localized",
                help="Conversations with at least one response, bot or human",
            ),
            "Response rate": st.column_config.NumberColumn(format="%.1f%%", help="Answered ÷ conversations"),
            "FRT any": st.column_config.NumberColumn(
                format="%.1f min",
                help="Mean first response time, bot or human, over answered conversations",
            ),
            "By agent": st.column_config.NumberColumn(
                format="localized", help="Conversations with at least one agent response"
            ),
            "FRT human": st.column_config.NumberColumn(
                format="%.1f min",
                help="Mean first human response time, over the conversations an agent answered",
            ),
        },
    )
    st.caption(
        "Each rate sits next to what it rests on: response rate = answered ÷ conversations; "
        "FRT any is a mean over answered conversations, FRT human over those answered by an agent."
    )
