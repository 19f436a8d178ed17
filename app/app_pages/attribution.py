"""Attribution & ROI: the eight attribution models side by side, the conversion paths, ROAS / CPA / cost per
conversation for the sidebar's period (from the KPI registry, the numbers `socialkpi kpis` exports), and the
lift tests with their confidence intervals (kpis.md sections 5-7).

Comparing models is the point: first touch against last touch says which steps open and which close a sale,
but only if "last" is fair. The UTM-only last touch leaves every order whose last visit carried no UTM
unattributed; last non-direct click (GA4) credits organic search and referral visits too, so it is the page's
first model.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st
from lib import attribution, display, downloads, families, filters, queries, theme

ROI_KPIS = ("roas", "cpa", "cost_per_conversation", "attributed_revenue", "attributed_conversions")
CHART_HEIGHT = 300

scope = filters.current()
st.title("Attribution & ROI")
families.show_absent(scope.families)
if not scope.has("commerce"):
    st.stop()  # the notice above says what to add

notes = [scope.describe()]
if scope.languages:
    notes.append("the language filter applies to the lift tests only (orders have no language)")
if scope.platforms or scope.channels:
    notes.append("platform and channel filters apply to the credited touchpoint")
st.caption(" · ".join(notes))

# ROAS, CPA, cost per conversation -----------------------------------------------------------------------
roi = queries.all_kpis(**scope.query_args())
roi = roi[roi["kpi"].isin(ROI_KPIS)].set_index("kpi")
columns = st.columns(len(ROI_KPIS))
for column, kpi in zip(columns, ROI_KPIS, strict=True):
    if kpi not in roi.index:
        column.metric(kpi.replace("_", " ").capitalize(), display.MISSING, border=True)
        continue
    row = roi.loc[kpi]
    column.metric(
        str(row["kpi_label"]),
        display.kpi_value(row["value"], row["unit"]),
        help=f"`{kpi}` from the KPI registry for this period and filters: "
        f"{display.kpi_value(row['numerator'], row['unit'] if row['unit'] != 'times' else None)} ÷ "
        f"{display.amount(row['denominator'])}."
        if not display._missing(row["value"])
        else f"`{kpi}`: not defined for this period and filters (no cost, no conversion, or a filter the "
        "KPI cannot take: costs have no language or channel).",
        border=True,
    )
st.caption(
    "ROAS = attributed revenue ÷ cost; CPA = cost ÷ new customers; cost per conversation = cost ÷ conversations. "
    "“—”: not defined for this period and filters (see each number's help)."
)

# Models side by side ------------------------------------------------------------------------------------
models = attribution.models_side_by_side(
    scope.db, scope.version, scope.start, scope.end, scope.platforms, scope.channels
)
st.subheader("Attribution models side by side")
if models.empty:
    st.info(
        "No conversion in this period matches these filters. Widen the period or clear a filter.",
        icon=":material/filter_alt_off:",
    )
    st.stop()

order = [m for m in attribution.MODELS if m in set(models["attribution_model"])]
models = models.set_index("attribution_model").loc[order].reset_index()
currency = str(models["currency_code"].dropna().iloc[0]) if models["currency_code"].notna().any() else ""
orders = models["orders"].max()
side = pd.DataFrame(
    {
        "Model": models["attribution_model"].map(attribution.model_label),
        "Conversions": models["conversions"],
        f"Revenue ({currency})": models["revenue_amount"],
        "Unattributed": models["unattributed_conversions"].fillna(0) / orders,
        "Social conversions": models["social_conversions"],
        f"Social revenue ({currency})": models["social_revenue_amount"],
        "Rule": models["attribution_model"].map(lambda m: attribution.MODELS.get(m, ("", ""))[1]),
        "id": models["attribution_model"],
    }
)
st.dataframe(
    display.styled(
        side,
        {
            "Conversions": "{:,.1f}",
            f"Revenue ({currency})": "{:,.2f}",
            "Unattributed": "{:.1%}",
            "Social conversions": "{:,.1f}",
            f"Social revenue ({currency})": "{:,.2f}",
        },
    ),
    hide_index=True,
    width="stretch",
    key="attribution_models",
)
st.caption(
    f"{display.count(orders)} conversions in view; each model hands out exactly one conversion and the order's "
    "revenue per conversion. Unattributed: the share of conversions the model finds nothing to credit on the "
    "path (a fractional credit counts by its share)."
)
downloads.button(side, "attribution_models.csv", key="download_models")

by_channel = attribution.credits_by_channel(
    scope.db, scope.version, scope.start, scope.end, scope.platforms, scope.channels
)
by_channel["model_label"] = by_channel["attribution_model"].map(attribution.model_label)
by_channel["channel_label"] = by_channel["channel"].map(lambda c: c.replace("_", " "))
with st.container(border=True):
    st.markdown("**Revenue credited per channel, by model**")
    channels = sorted(set(by_channel["channel_label"]))
    chart = (
        alt.Chart(by_channel)
        .mark_bar()
        .encode(
            y=alt.Y("model_label:N", title=None, sort=[attribution.model_label(m) for m in order]),
            x=alt.X("sum(revenue_amount):Q", title=f"Revenue ({currency})", stack="zero"),
            color=alt.Color(
                "channel_label:N",
                scale=alt.Scale(
                    domain=channels, range=[theme.SERIES[i % len(theme.SERIES)] for i in range(len(channels))]
                ),
                legend=alt.Legend(orient="top", title=None, labelLimit=0),
            ),
            tooltip=[
                alt.Tooltip("model_label:N", title="Model"),
                alt.Tooltip("channel_label:N", title="Channel"),
                alt.Tooltip("conversions:Q", title="Conversions", format=",.2f"),
                alt.Tooltip("revenue_amount:Q", title="Revenue", format=",.2f"),
            ],
        )
        .properties(height=CHART_HEIGHT)
    )
    st.altair_chart(chart, width="stretch")

# Paths --------------------------------------------------------------------------------------------------
st.subheader("Conversion paths")
col_tags, col_paths = st.columns(2)
tags = attribution.path_tags(scope.db, scope.version, scope.start, scope.end)
with col_tags.container(border=True):
    st.markdown("**Path tags** (the social part of the path)")
    tag_table = pd.DataFrame(
        {
            "Path tag": tags["path_tag"],
            "Conversions": tags["conversions"],
            "Share": tags["conversions"] / tags["conversions"].sum() if not tags.empty else [],
            f"Revenue ({currency})": tags["revenue_amount"],
        }
    )
    st.dataframe(
        display.styled(
            tag_table, {"Conversions": "{:,.0f}", "Share": "{:.1%}", f"Revenue ({currency})": "{:,.2f}"}
        ),
        hide_index=True,
        width="stretch",
        key="attribution_tags",
    )
    downloads.button(tag_table, "path_tags.csv", key="download_tags")
paths = attribution.top_paths(scope.db, scope.version, scope.start, scope.end)
with col_paths.container(border=True):
    st.markdown("**Top paths** (every step's channel)")
    path_table = pd.DataFrame(
        {
            "Path": paths["conversion_path"],
            "Conversions": paths["conversions"],
            f"Revenue ({currency})": paths["revenue_amount"],
            "Steps (mean)": paths["mean_steps"],
        }
    )
    st.dataframe(
        display.styled(
            path_table,
            {"Conversions": "{:,.0f}", f"Revenue ({currency})": "{:,.2f}", "Steps (mean)": "{:,.1f}"},
        ),
        hide_index=True,
        width="stretch",
        key="attribution_paths",
    )
    downloads.button(path_table, "top_paths.csv", key="download_paths")
st.caption(
    "Paths and tags count every conversion of the period (the platform and channel filters do not apply)."
)

# Lift tests ---------------------------------------------------------------------------------------------
st.subheader("Lift tests")
lift = attribution.lift_tests(scope.db, scope.version, scope.languages)
if lift.empty:
    st.caption("No experiment in the warehouse (conversations tagged with experiment_id and variant).")
else:
    lift["label"] = (
        lift["experiment_id"] + " · " + lift["metric"].str.replace("_", " ") + " · " + lift["language"]
    )
    lift_table = pd.DataFrame(
        {
            "Experiment": lift["experiment_id"],
            "Metric": lift["metric"].str.replace("_", " "),
            "Language": lift["language"].map(
                lambda code: "All" if code == "(all)" else display.language_label(code)
            ),
            "Control n": lift["control_n"],
            "Treatment n": lift["treatment_n"],
            "Control": lift["control_value"],
            "Treatment": lift["treatment_value"],
            "Lift": lift["absolute_lift"],
            "95% CI low": lift["ci_low"],
            "95% CI high": lift["ci_high"],
            "p": lift["p_value"],
            "Verdict": [
                "Significant"
                if significant
                else ("Too few to tell" if not met else "No significant difference")
                for significant, met in zip(lift["is_significant"], lift["is_sample_size_met"], strict=True)
            ],
        }
    )
    st.dataframe(
        display.styled(
            lift_table,
            {
                "Control n": "{:,.0f}",
                "Treatment n": "{:,.0f}",
                "Control": "{:,.4g}",
                "Treatment": "{:,.4g}",
                "Lift": "{:+,.4g}",
                "95% CI low": "{:+,.4g}",
                "95% CI high": "{:+,.4g}",
                "p": "{:.3f}",
            },
        ),
        hide_index=True,
        width="stretch",
        key="attribution_lift",
    )
    intervals = lift.dropna(subset=["ci_low", "ci_high"])
    if not intervals.empty:
        base = alt.Chart(intervals).encode(y=alt.Y("label:N", title=None))
        chart = (
            base.mark_rule(strokeWidth=3, color=theme.SERIES[0]).encode(
                x=alt.X("ci_low:Q", title="Lift (treatment − control), 95% interval"), x2="ci_high:Q"
            )
            + base.mark_point(filled=True, size=60, color=theme.SERIES[2]).encode(
                x="absolute_lift:Q",
                tooltip=[
                    alt.Tooltip("label:N", title="Test"),
                    alt.Tooltip("absolute_lift:Q", title="Lift", format="+.4g"),
                    alt.Tooltip("ci_low:Q", title="95% CI low", format="+.4g"),
                    alt.Tooltip("ci_high:Q", title="95% CI high", format="+.4g"),
                ],
            )
            + alt.Chart(pd.DataFrame({"zero": [0]}))
            .mark_rule(color=theme.TEXT, strokeDash=[4, 4])
            .encode(x="zero:Q")
        ).properties(height=max(120, 28 * len(intervals)))
        st.altair_chart(chart, width="stretch")
    st.caption(
        "An interval that crosses zero (the dashed line) is no evidence of a lift; “Too few to tell”: an arm "
        "below the minimum sample the test needs. Rates as shares (0–1), amounts in the reporting currency."
    )
    downloads.button(lift_table, "lift_tests.csv", key="download_lift")
