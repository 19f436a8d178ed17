"""Operations, for the team lead: today's inbox (backlog, oldest wait), the period's response KPIs with medians
beside means, English vs French side by side with the staffing flag, the SLA-breach list and the manual-review
queue (spec section 2), for the sidebar's filters.

This page replaces the former Inbox page: the team lead's view *is* the inbox's, and two pages with the same
headline numbers would drift apart.
"""

from __future__ import annotations

from datetime import timedelta

import altair as alt
import pandas as pd
import streamlit as st
from lib import display, downloads, families, filters, operations, queries, theme

ANY_LABEL = "Any (bot or human)"
HUMAN_LABEL = "Human"
ANY_COLOR, HUMAN_COLOR = theme.SERIES[1], theme.SERIES[2]
CHANNEL_COLORS = {"dm": theme.SERIES[0], "comment": theme.SERIES[3]}
CHART_HEIGHT = 280

scope = filters.current()
args = scope.query_args()

st.title("Operations")
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


medians = operations.frt_medians(**args).iloc[0]
previous_medians = (
    operations.frt_medians(
        **(args | {"start": scope.compare_start, "end": scope.start - timedelta(days=1)})
    ).iloc[0]
    if scope.compare_start is not None
    else None
)


def _prev_median(column: str) -> float | None:
    return None if previous_medians is None else previous_medians[column]


# Today --------------------------------------------------------------------------------------------------
as_of = operations.as_of(scope.db, scope.version)
waiting = operations.backlog(scope.db, scope.version, scope.platforms, scope.channels, scope.languages)
today = scope.last_date  # the last day with conversations: "today" of the data, not of the wall clock
today_totals = queries.inbox_totals(**(args | {"start": today, "end": today}), compare_start=None)
today_row = today_totals.iloc[0] if not today_totals.empty else None
today_medians = operations.frt_medians(**(args | {"start": today, "end": today})).iloc[0]

st.subheader(f"Today · {display.period(today, today)}")
st.caption(
    f"As of {as_of:%Y-%m-%d %H:%M} UTC, the latest message the warehouse holds. Waiting: conversations of the "
    f"last {operations.BACKLOG_DAYS} days with neither a response nor a resolution; the backlog ignores the "
    "period and honours the other filters."
    if as_of is not None
    else "No message yet."
)
col_wait, col_oldest, col_today, col_today_frt = st.container(key="operations_today").columns(4)
col_wait.metric(
    "Waiting now",
    display.count(waiting["waiting"].sum() if not waiting.empty else 0),
    help="Conversations with neither a response nor a resolution at the as-of instant.",
    border=True,
)
col_oldest.metric(
    "Oldest wait",
    display.duration(waiting["oldest_wait_min"].max() if not waiting.empty else None),
    help="How long the longest-waiting conversation has waited, at the as-of instant.",
    border=True,
)
col_today.metric(
    "Received today",
    display.count(0 if today_row is None else today_row["conversations"]),
    help="Conversations whose first customer message came today (the as-of day).",
    border=True,
)
col_today_frt.metric(
    "First response today (median)",
    display.duration(today_medians["frt_any_median_min"]),
    help="Median minutes to the first response, bot or human, of today's answered conversations.",
    border=True,
)

# The period ---------------------------------------------------------------------------------------------
st.subheader(f"Period · {display.period(scope.start, scope.end)}")
period_block = st.container(key="operations_period")
col_volume, col_rate, col_any, col_any_mean, col_human, col_human_mean = period_block.columns(6)
col_volume.metric(
    "Conversations",
    display.count(now["conversations"]),
    **display.metric_delta(display.count_delta(now["conversations"], _prev("conversations")), "off"),
    help="Inbound conversations, counted on the day of the customer's first message.",
    border=True,
)
col_rate.metric(
    "Response rate",
    display.percent(now["response_rate"]),
    **display.metric_delta(display.rate_delta(now["response_rate"], _prev("response_rate"))),
    help="Conversations with at least one response, bot or human ÷ inbound conversations "
    f"({display.count(now['responded_conversations'])} of {display.count(now['conversations'])}).",
    border=True,
)
col_any.metric(
    "First response (any, median)",
    display.duration(medians["frt_any_median_min"]),
    **display.metric_delta(
        display.minutes_delta(medians["frt_any_median_min"], _prev_median("frt_any_median_min")), "inverse"
    ),
    help="Median time from the customer's first message to the first response, bot or human, over the "
    f"{display.count(now['responded_conversations'])} answered conversations: half were answered faster.",
    border=True,
)
col_any_mean.metric(
    "First response (any, mean)",
    display.duration(now["frt_any_mean_min"]),
    **display.metric_delta(
        display.minutes_delta(now["frt_any_mean_min"], _prev("frt_any_mean_min")), "inverse"
    ),
    help="Mean first response time, bot or human, over the answered conversations; a few late answers pull "
    "it far above the median.",
    border=True,
)
col_human.metric(
    "First response (human, median)",
    display.duration(medians["frt_human_median_min"]),
    **display.metric_delta(
        display.minutes_delta(medians["frt_human_median_min"], _prev_median("frt_human_median_min")),
        "inverse",
    ),
    help="Median time to the first agent response, over the "
    f"{display.count(now['human_responded_conversations'])} conversations an agent answered.",
    border=True,
)
col_human_mean.metric(
    "First response (human, mean)",
    display.duration(now["frt_human_mean_min"]),
    **display.metric_delta(
        display.minutes_delta(now["frt_human_mean_min"], _prev("frt_human_mean_min")), "inverse"
    ),
    help="Mean first human response time, over the conversations an agent answered.",
    border=True,
)
st.caption(
    "Bot replies count toward first response **(any)** and never toward **(human)**; medians and means are over "
    "answered conversations, from the customer's first message."
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
    st.markdown("**First response time per day (mean)**")
    frt = daily.rename(columns={"frt_any_mean_min": ANY_LABEL, "frt_human_mean_min": HUMAN_LABEL}).melt(
        id_vars=["conversation_date"],
        value_vars=[ANY_LABEL, HUMAN_LABEL],
        var_name="response",
        value_name="minutes",
    )
    frt_chart = (
        # Days without an answered conversation keep their row with no value: the line breaks there (a gap)
        # instead of being drawn straight across days that have no data.
        alt.Chart(frt)
        .mark_line(point=True, strokeWidth=2, invalid="break-paths-show-domains")
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


# English vs French: side by side, with the staffing flag ---------------------------------------------------
by_language = queries.inbox_by_platform_language(**args)
language_totals = (
    by_language.groupby("language", as_index=False)[
        ["conversations", "responded_conversations", "human_responded_conversations"]
    ].sum()
    if not by_language.empty
    else pd.DataFrame(
        columns=["language", "conversations", "responded_conversations", "human_responded_conversations"]
    )
)
language_medians = operations.frt_medians(**args, by=("language",)).drop(
    columns=["responded_conversations", "human_responded_conversations"]
)
languages = (
    language_totals.merge(language_medians, on="language", how="left")
    .merge(waiting[["language", "waiting", "oldest_wait_min"]], on="language", how="left")
    .sort_values(["conversations", "language"], ascending=[False, True])
    .reset_index(drop=True)
)
languages["waiting"] = languages["waiting"].fillna(0)
breaches = operations.sla_breaches(**args)
languages["sla_breaches"] = languages["language"].map(breaches["language"].value_counts()).fillna(0)
languages["staffing"] = operations.staffing_flags(languages)

st.subheader("By language")
for row in languages[languages["staffing"].notna()].itertuples():
    st.warning(
        f"**{display.language_label(row.language)}** may need more staff: {row.staffing}.",
        icon=":material/group_add:",
    )
with st.container(border=True):
    columns = st.columns(max(1, min(len(languages), 4)))
    for column, row in zip(columns, languages.head(4).itertuples(), strict=False):
        with column.container(key=f"operations_language_{row.language}"):
            st.markdown(f"**{display.language_label(row.language)}**")
            st.metric("Volume", display.count(row.conversations))
            st.metric(
                "Answered",
                display.percent(
                    row.responded_conversations / row.conversations if row.conversations else None
                ),
            )
            st.metric("Human FRT (median)", display.duration(row.frt_human_median_min))
            st.metric("Human FRT (mean)", display.duration(row.frt_human_mean_min))
            st.metric("Waiting", display.count(row.waiting))
            st.markdown(
                ":orange-badge[:material/group_add: Staffing flag]"
                if row.staffing
                else ":green-badge[No flag]"
            )
    language_table = pd.DataFrame(
        {
            "Language": languages["language"].map(display.language_label),
            "Conversations": languages["conversations"],
            "Response rate": languages["responded_conversations"]
            / languages["conversations"].where(languages["conversations"] > 0),
            "FRT any median (min)": languages["frt_any_median_min"],
            "FRT any mean (min)": languages["frt_any_mean_min"],
            "FRT human median (min)": languages["frt_human_median_min"],
            "FRT human mean (min)": languages["frt_human_mean_min"],
            "Waiting now": languages["waiting"],
            "Oldest wait (min)": languages["oldest_wait_min"],
            "SLA breaches": languages["sla_breaches"],
            "Staffing flag": languages["staffing"],
        }
    )
    # A plain HTML table (not the canvas grid): a handful of rows, and on a phone its first columns — the
    # language and its numbers — are on screen and readable by the browser's own text tools.
    st.table(
        display.styled(
            language_table,
            {
                "Response rate": "{:.1%}",
                **{c: display.duration for c in language_table.columns if "(min)" in c},
                "Conversations": "{:,.0f}",
                "Waiting now": "{:,.0f}",
                "SLA breaches": "{:,.0f}",
            },
        ).hide(axis="index"),
    )
    st.caption(
        f"Staffing flag: a language whose median human first response, or whose backlog per conversation, is "
        f"at least {operations.STAFFING_MARGIN:g}× the best-served language's (languages with at least "
        f"{operations.MIN_ANSWERED} conversations answered by a person). Medians, not means: one late answer "
        "does not raise it. “—”: no conversation answered."
    )
    downloads.button(language_table, "languages.csv", key="download_languages")

# SLA breaches -------------------------------------------------------------------------------------------
with st.container(border=True):
    st.markdown(f"**SLA breaches · {display.count(len(breaches))}**")
    if breaches.empty:
        st.caption("No conversation of the period breached its first-response SLA.")
    else:
        breach_table = pd.DataFrame(
            {
                "Late by (min)": breaches["first_response_late_business_min"],
                "Status": breaches["is_unanswered"].map({True: "Unanswered", False: "Answered late"}),
                "Conversation": breaches["conversation_key"],
                "Platform": breaches["platform"].map(display.platform_label),
                "Channel": breaches["channel"].map(display.channel_label),
                "Language": breaches["language"].map(display.language_label),
                "Priority": breaches["priority"],
                "Received (UTC)": breaches["first_inbound_at"],
                "Target (min)": breaches["sla_first_response_target_min"],
            }
        )
        st.dataframe(
            display.styled(
                breach_table, {"Late by (min)": display.duration, "Target (min)": display.duration}
            ),
            hide_index=True,
            width="stretch",
            key="operations_breaches",
        )
        st.caption(
            "Late by: business time past the SLA target (for one still unanswered, up to the as-of instant); "
            "unanswered first, then the latest."
        )
        downloads.button(breach_table, "sla_breaches.csv", key="download_breaches")

# Manual-review queue ------------------------------------------------------------------------------------
queue = operations.review_queue(**args)
with st.container(border=True):
    st.markdown(f"**Manual-review queue · {display.count(len(queue))}**")
    if queue.empty:
        st.caption("Nothing to review in this period.")
    else:
        kinds = queue["item_kind"].value_counts()
        st.caption(
            " · ".join(
                f"{operations.REVIEW_KINDS.get(kind, kind)}: {count:,}" for kind, count in kinds.items()
            )
        )
        queue_table = pd.DataFrame(
            {
                "Kind": queue["item_kind"].map(lambda k: operations.REVIEW_KINDS.get(k, k)),
                "Occurred (UTC)": queue["occurred_at"],
                "Conversation": queue["conversation_key"],
                "Platform": queue["platform"].map(display.platform_label),
                "Channel": queue["channel"].map(display.channel_label),
                "Language": queue["language"].map(display.language_label),
                "Sentiment": queue["sentiment_label"],
                "Confidence": queue["sentiment_confidence"],
                "Template": queue["template_id"],
            }
        )
        st.dataframe(
            display.styled(queue_table, {"Confidence": "{:.2f}"}),
            hide_index=True,
            width="stretch",
            key="operations_review",
        )
        st.caption("“—”: not applicable (a bot response has no sentiment; a customer message no template).")
        downloads.button(queue_table, "review_queue.csv", key="download_review")

# Breakdown ----------------------------------------------------------------------------------------------
breakdown = by_language.merge(
    operations.frt_medians(**args, by=("platform", "language")).drop(
        columns=[
            "frt_any_mean_min",
            "frt_human_mean_min",
            "responded_conversations",
            "human_responded_conversations",
        ]
    ),
    on=["platform", "language"],
    how="left",
)
table = pd.DataFrame(
    {
        "Platform": breakdown["platform"].map(display.platform_label),
        "Language": breakdown["language"].map(display.language_label),
        "Conversations": breakdown["conversations"],
        "Share": breakdown["conversation_share"] * 100,
        "Answered": breakdown["responded_conversations"],
        "Response rate": breakdown["response_rate"] * 100,
        "FRT any median": breakdown["frt_any_median_min"],
        "FRT any mean": breakdown["frt_any_mean_min"],
        "By agent": breakdown["human_responded_conversations"],
        "FRT human median": breakdown["frt_human_median_min"],
        "FRT human mean": breakdown["frt_human_mean_min"],
    }
)
with st.container(border=True):
    st.markdown("**By platform and language**")
    minute_columns = [c for c in table.columns if c.startswith("FRT")]
    st.dataframe(
        display.styled(
            table,
            {
                "Conversations": "{:,.0f}",
                "Answered": "{:,.0f}",
                "By agent": "{:,.0f}",
                "Response rate": "{:.1f}%",
                **dict.fromkeys(minute_columns, display.duration),
            },
        ),
        hide_index=True,
        width="stretch",
        key="operations_breakdown",
        column_config={
            "Share": st.column_config.ProgressColumn(
                "Share",
                min_value=0.0,
                max_value=100.0,
                format="%.1f%%",
                color=CHANNEL_COLORS["dm"],
                width="small",
                help="Share of the conversations in this view",
            ),
            "Answered": st.column_config.Column(
                help="Conversations with at least one response, bot or human"
            ),
            "Response rate": st.column_config.Column(help="Answered ÷ conversations"),
            "By agent": st.column_config.Column(help="Conversations with at least one agent response"),
        },
    )
    st.caption(
        "Each rate sits next to what it rests on: response rate = answered ÷ conversations; "
        "FRT any is over answered conversations, FRT human over those answered by an agent; the median beside "
        "each mean. “—”: none answered."
    )
    downloads.button(table, "platform_language.csv", key="download_breakdown")
