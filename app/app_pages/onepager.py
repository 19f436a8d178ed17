"""One-pager: the landing page an executive reads in ten seconds (kpis.md §8).

The four headline numbers with their unit and change against the previous period of equal length, what moved
them (the bridge from operations to outcomes, with its formula), the operational KPIs, goals with progress
and on/off track, open alerts, the funnel, and community-influenced revenue over time (direct vs assisted).
Every number is the registry's (`pipelines.onepager`, the same value `socialkpi onepager` prints); every
KPI's definition is on hover (the dbt docs block of the KPI). Downloads are the CLI's PDF and PNG.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st
from lib import filters, warehouse
from lib.onepager import onepager, printed

from pipelines.onepager.bridge import FORMULA
from pipelines.onepager.figures import Figure
from pipelines.onepager.format import headline_value, kpi_value, pp_change, relative_change
from pipelines.onepager.printing import PrintError, find_chromium
from pipelines.onepager.sections import NO_ALERTS_MART

DIRECT, ASSISTED = "#1d4ed8", "#b45309"  # ≥ 4.5:1 on white
STATUS = {
    "on_track": ":green[on track]",
    "achieved": ":green[achieved]",
    "off_track": ":red[off track]",
    "not_started": ":gray[not started]",
    "no_data": ":gray[no data]",
}

scope = filters.current()
st.title("One-pager")
try:
    page = onepager(**scope.query_args())
except warehouse.WarehouseNotReady as exc:  # a warehouse built before the KPI registry or the facts
    st.warning(f"The one-pager cannot be built from this warehouse: {exc}", icon=":material/database:")
    st.markdown("Rebuild and publish it with:")
    st.code(warehouse.BUILD_COMMAND, language="bash")
    st.stop()
st.caption(
    f"{scope.describe()} · compared with the previous {page.previous.days} days "
    f"({page.previous.start:%Y-%m-%d} – {page.previous.end:%Y-%m-%d})"
)


def delta(figure: Figure) -> str | None:
    """st.metric's delta: the relative change (ASCII sign: st.metric colours by it), pp beside a ratio's."""
    relative, pp = relative_change(figure.change), pp_change(figure.change_pp)
    text = f"{relative} ({pp})" if relative and pp else relative or pp
    return text.replace("−", "-") if text else None


def delta_color(figure: Figure) -> str:
    """Red when a "lower is better" KPI rises; grey when the change rounds to zero."""
    text = delta(figure)
    if text is None or text.startswith("0.0"):
        return "off"
    return "inverse" if figure.lower_is_better else "normal"


def metric(figure: Figure, border: bool) -> None:
    st.metric(
        figure.label,
        headline_value(figure.value, figure.unit) if border else kpi_value(figure.value, figure.unit),
        delta=delta(figure),
        delta_color=delta_color(figure),
        help=page.definitions.get(figure.kpi),
        border=border,
    )
    if not figure.available:
        st.caption(figure.reason)
    elif figure.change is None and figure.change_pp is None:
        st.caption(f"No change to show: {figure.previous_reason}.")
    else:
        st.caption(f"Previous period {kpi_value(figure.previous, figure.unit)}")
    if figure.available and figure.note:  # e.g. a filter this KPI cannot take: shown for all instead
        st.caption(figure.note)


for column, figure in zip(st.columns(4), page.headline, strict=True):
    with column:
        metric(figure, border=True)

st.subheader("What moved them")
lines = [f"- {line}" for line in page.bridge.movers] or ["- No operational KPI changed."]
st.markdown("\n".join([*lines, f"- {page.bridge.sentence}"]))
st.caption(f"Formula: {FORMULA} (kpis.md §7). A modelled figure, not a measured lift.")

with st.expander("Operational KPIs", expanded=True):
    for start in range(0, len(page.operational), 5):
        for column, figure in zip(st.columns(5), page.operational[start : start + 5], strict=False):
            with column:
                metric(figure, border=False)

goals_column, alerts_column = st.columns(2)
with goals_column:
    st.subheader("Goals")
    if not page.goals.rows:
        st.info(page.goals.reason, icon=":material/flag:")
    for goal in page.goals.rows:
        progress = goal.get("progress")
        shown = 0.0 if progress is None else min(max(float(progress), 0.0), 1.0)
        status = STATUS.get(str(goal.get("status")), str(goal.get("status")))
        days_left = goal.get("days_left")
        st.progress(
            shown,
            text=f"**{goal.get('goal_id')}** · {goal.get('kpi')}: {status}"
            + ("" if progress is None else f" · {float(progress):.0%} of the way")
            + ("" if days_left is None else f" · {days_left} days left")
            + (f" · {goal['owner']}" if goal.get("owner") else ""),
        )
with alerts_column:
    st.subheader("Open alerts")
    if not page.alerts.rows and page.alerts.reason == NO_ALERTS_MART:
        st.info(page.alerts.reason, icon=":material/notifications_off:")
    elif not page.alerts.rows:
        st.success(page.alerts.reason, icon=":material/notifications_off:")
    for alert in page.alerts.rows:
        where = " · ".join(str(alert[c]) for c in ("platform", "language", "scope") if alert.get(c))
        text = f"**{alert.get('rule')}**{f' ({where})' if where else ''}: {alert.get('observed_value')} vs threshold {alert.get('threshold')}, since {alert.get('first_seen')}"
        (st.error if alert.get("severity") == "critical" else st.warning)(text, icon=":material/warning:")

funnel_column, revenue_column = st.columns(2)
with funnel_column:
    st.subheader("Funnel")
    stages = pd.DataFrame(
        [
            {"stage": s.stage, "value": s.value, "order": i}
            for i, s in enumerate(page.funnel)
            if s.value is not None
        ]
    )
    for stage in page.funnel:
        if stage.value is None:
            st.caption(f"{stage.stage}: {stage.reason}")
    if not stages.empty:
        bars = (
            alt.Chart(stages)
            .mark_bar(color=DIRECT)
            .encode(
                x=alt.X("value:Q", title=None),
                y=alt.Y("stage:N", sort=alt.EncodingSortField("order"), title=None),
                tooltip=["stage", alt.Tooltip("value:Q", format=",.0f")],
            )
        )
        labels = bars.mark_text(align="left", dx=4, color="#1f2933").encode(
            text=alt.Text("value:Q", format=",.0f")
        )
        st.altair_chart((bars + labels).properties(height=48 * len(stages)), width="stretch")
with revenue_column:
    st.subheader(f"Community-influenced revenue by {page.revenue_grain}")
    if not page.revenue:
        st.caption("No community-influenced revenue in the previous period and this one for these filters.")
    else:
        money = page.headline[0].unit
        revenue = pd.DataFrame(
            [
                {"bucket": p.bucket, "part": part, "amount": amount}
                for p in page.revenue
                for part, amount in (("direct", p.direct), ("assisted", p.assisted))
            ]
        )
        chart = (
            alt.Chart(revenue)
            .mark_bar()
            .encode(
                x=alt.X("bucket:O", title=None, timeUnit="yearmonthdate"),
                y=alt.Y("amount:Q", title=money, stack="zero"),
                color=alt.Color(
                    "part:N",
                    scale=alt.Scale(domain=["direct", "assisted"], range=[DIRECT, ASSISTED]),
                    title=None,
                ),
                tooltip=["bucket:T", "part:N", alt.Tooltip("amount:Q", format=",.2f")],
            )
        )
        st.altair_chart(chart, width="stretch")

st.subheader("Download")
try:
    find_chromium()
except PrintError as exc:
    st.caption(f"PDF and PNG downloads need Chromium: {exc}")
else:
    name = f"onepager_{page.period.start:%Y%m%d}_{page.period.end:%Y%m%d}"
    pdf_column, png_column, _ = st.columns([1, 1, 3])
    with pdf_column:
        st.download_button(
            "PDF", data=lambda: printed(page, "pdf"), file_name=f"{name}.pdf", mime="application/pdf",
            on_click="ignore", icon=":material/picture_as_pdf:",
        )  # fmt: skip
    with png_column:
        st.download_button(
            "PNG", data=lambda: printed(page, "png"), file_name=f"{name}.png", mime="image/png",
            on_click="ignore", icon=":material/image:",
        )  # fmt: skip
