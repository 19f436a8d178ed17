"""Which registry KPIs the one-pager shows, which direction is good, and how to say that one is empty.

Only ids and presentation live here: every value comes from the registry (`marts.dim_kpis`). A KPI listed
here that the warehouse's registry lacks is shown as "not available" with the reason, never dropped.
"""

from __future__ import annotations

# kpis.md §8, in the spec's order.
HEADLINE = (
    "community_influenced_revenue",
    "social_conversion_rate",
    "retention_uplift",
    "cost_per_conversation",
)

# The operational KPIs the community team owns (kpis.md §8: FRT, response rate, sentiment, escalation,
# automation coverage), medians beside means (a mean FRT hides a median of minutes).
OPERATIONAL = (
    "response_rate",
    "frt_any_median_min",
    "frt_any_mean_min",
    "frt_human_median_min",
    "response_time_median_min",
    "negative_share",
    "positive_share",
    "escalation_rate",
    "automation_coverage",
)

# The bridge's inputs (kpis.md §7 "incremental revenue"): the FRT whose change is reported, the DM conversion
# rate whose change is valued, and the AOV it is valued at.
BRIDGE_FRT = "frt_any_median_min"
BRIDGE_CONVERSION = "dm_conversion_rate"
BRIDGE_AOV = "revenue_per_conversion"

# Revenue over time: community-influenced (direct + assisted) and its assisted part (the numerator of
# assisted_value_share: assisted revenue ÷ all attributed revenue).
REVENUE_TOTAL = "community_influenced_revenue"
REVENUE_ASSISTED = "assisted_value_share"

# The funnel of kpis.md §5, from the registry: each stage a registry KPI (read for the period and filters).
FUNNEL = (
    ("Engagements", "engagements"),
    ("Conversations", "conversations"),
    ("Leads", "leads_generated"),
    ("Attributed conversions", "attributed_conversions"),
)

# A rise is bad for these (their st.metric delta is drawn inverse: red when up).
LOWER_IS_BETTER = frozenset(
    {
        "cost_per_conversation",
        "frt_any_median_min",
        "frt_any_mean_min",
        "frt_human_median_min",
        "response_time_median_min",
        "negative_share",
        "escalation_rate",
    }
)

# What is missing when a KPI has no value in a period, by the KPI's fact (the end of the table's name, so a
# daily fact replacing a monthly one keeps its reason).
EMPTY_BY_FACT = (
    ("fct_conversations", "no conversations in the period"),
    ("fct_inbox_messages", "no customer messages in the period"),
    ("fct_comments", "no comments with a sentiment label in the period"),
    ("fct_post_daily", "no posts published in the period"),
    ("fct_account_daily", "no account figures in the period"),
)
# ROI KPIs: the part that is missing, by KPI.
EMPTY_BY_KPI = {
    "cost_per_conversation": (
        "no support costs loaded for the period",
        "no handled conversations in the period",
    ),
    "social_conversion_rate": ("no attributed conversions in the period", "no conversations in the period"),
    "dm_conversion_rate": ("no attributed DM conversions in the period", "no DM conversations in the period"),
    "revenue_per_conversion": (
        "no attributed revenue in the period",
        "no attributed conversions in the period",
    ),
    "retention_uplift": ("no repeat purchases to compare", "no customers served in DMs in the period"),
}


def empty_reason(kpi: str, fact_relation: str, numerator: float | None, denominator: float | None) -> str:
    """Why a KPI has no value: the missing denominator (nothing to divide by) or numerator (nothing loaded)."""
    if kpi in EMPTY_BY_KPI:
        no_numerator, no_denominator = EMPTY_BY_KPI[kpi]
        return no_denominator if not denominator else no_numerator
    for fact, reason in EMPTY_BY_FACT:
        if fact_relation.endswith(fact):
            return reason
    return "no data in the period"
