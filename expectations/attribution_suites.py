"""Suites for attribution, revenue, funnels, retention and lift tests (kpis.md §5-7).

The attribution promise first: for every conversion and model the credits sum to exactly 1 and the attributed
revenue to the order's revenue (read from the conversions, not from the credits' own copy). The wide reports
get one derived `<column>_error` per ratio (value = numerator ÷ denominator) and bounds where the definition
implies them; `wide_ratio_suite` writes both from one table of ratios.
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations.suites import ERROR, RATIO_TOLERANCE, expect, ratio_error

MODELS = [
    "first_touch",
    "last_touch_utm",
    "dm_last_touch",
    "promo_code",
    "linear",
    "position_based",
    "time_decay",
    "last_non_direct",
]
MATCH_METHODS = ["promo_code", "tracked_link", "email", "handle", "contact_handle"]
# Credits and revenue are exact decimals: a sum may differ from 1 (or the revenue) by rounding noise only.
EXACT = 1e-9


def attribution_credits() -> gx.ExpectationSuite:
    """marts.fct_attribution_credits summed per conversion x model, against the conversion's revenue."""
    query = """\
select
    credits.order_id,
    credits.attribution_model,
    min(credits.credit) as min_credit,
    max(credits.credit) as max_credit,
    abs(sum(credits.credit) - 1) as credit_sum_error,
    abs(sum(credits.attributed_revenue_amount) - max(conversions.revenue_amount)) as revenue_error,
    case when credits.attribution_model = 'last_non_direct' then count(*) else 1 end as last_non_direct_touches
from marts.fct_attribution_credits as credits
left join marts.fct_conversions as conversions
    on credits.order_id = conversions.order_id
group by credits.order_id, credits.attribution_model"""
    return gx.ExpectationSuite(
        name="attribution_credits",
        meta={"table": "marts.fct_attribution_credits", "query": query},
        expectations=[
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "rule: credits per conversion and model sum to 1",
                   "Every model hands out exactly one conversion per order (derived credit_sum_error).",
                   column="credit_sum_error", max_value=EXACT),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR,
                   "rule: attributed revenue sums to the order's revenue",
                   "Every model hands out exactly the order's revenue (derived revenue_error; a credit "
                   "without a conversion shows as a missing revenue).", column="revenue_error", max_value=EXACT),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "rule: a credit is a share",
                   "No credit is negative.", column="min_credit", min_value=0),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "rule: a credit is a share",
                   "No credit is above 1.", column="max_credit", max_value=1),
            expect(gxe.ExpectColumnValuesToBeInSet, ERROR, "attribution models",
                   "Every credit comes from one of the eight models.", column="attribution_model",
                   value_set=MODELS),
            expect(gxe.ExpectColumnValuesToNotBeNull, ERROR, "rule: attributed revenue sums to the order's revenue",
                   "Every credited order is a conversion.", column="revenue_error"),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "last_non_direct",
                   "Last non-direct click is a single-touch model: one credited touchpoint per conversion "
                   "(derived last_non_direct_touches; 1 for the other models).",
                   column="last_non_direct_touches", min_value=1, max_value=1),
        ],
    )  # fmt: skip


def attribution_identity() -> gx.ExpectationSuite:
    """marts.fct_identity_links: one row per link between a social user and a CRM contact or an order."""
    query = """\
select identity_link_key, match_method, match_confidence, cast(match_score as double) as match_score
from marts.fct_identity_links"""
    return gx.ExpectationSuite(
        name="attribution_identity",
        meta={"table": "marts.fct_identity_links", "query": query},
        expectations=[
            expect(gxe.ExpectColumnValuesToBeUnique, ERROR, "grain: one row per link",
                   "Each link appears once.", column="identity_link_key"),
            expect(gxe.ExpectColumnValuesToBeInSet, ERROR, "identity: every link says how it was made",
                   "Links are made by promo code, tracked link, e-mail or handle, never guessed.",
                   column="match_method", value_set=MATCH_METHODS),
            expect(gxe.ExpectColumnValuesToBeInSet, ERROR, "identity: match confidence",
                   "Every link is of high or medium confidence.", column="match_confidence",
                   value_set=["high", "medium"]),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "identity: match score",
                   "A match score lies in (0, 1].", column="match_score", min_value=0, max_value=1,
                   strict_min=True),
        ],
    )  # fmt: skip


def attribution_touchpoints() -> gx.ExpectationSuite:
    """marts.fct_touchpoints: one row per touchpoint (social interaction, visit, redemption, CRM campaign)."""
    query = "select touchpoint_key, touched_at from marts.fct_touchpoints"
    return gx.ExpectationSuite(
        name="attribution_touchpoints",
        meta={"table": "marts.fct_touchpoints", "query": query},
        expectations=[
            expect(gxe.ExpectColumnValuesToBeUnique, ERROR, "grain: one row per touchpoint",
                   "Each touchpoint appears once.", column="touchpoint_key"),
            expect(gxe.ExpectColumnValuesToNotBeNull, ERROR, "paths: every touchpoint has a time",
                   "A touchpoint without a time cannot be ordered on a path.", column="touched_at"),
        ],
    )  # fmt: skip


def attribution_paths() -> gx.ExpectationSuite:
    """marts.fct_conversion_path_steps: one row per conversion x touchpoint on its path."""
    query = """\
select path_step_key, step_number, steps_total, days_before_conversion, touched_at, converted_at
from marts.fct_conversion_path_steps"""
    return gx.ExpectationSuite(
        name="attribution_paths",
        meta={"table": "marts.fct_conversion_path_steps", "query": query},
        expectations=[
            expect(gxe.ExpectColumnValuesToBeUnique, ERROR, "grain: one row per path step",
                   "Each step appears once.", column="path_step_key"),
            expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, ERROR, "paths: a touch comes before its conversion",
                   "No touchpoint on a path happened after the order.", column_A="converted_at",
                   column_B="touched_at", or_equal=True, ignore_row_if="either_value_is_missing"),
            expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, ERROR, "paths: steps are numbered 1..n",
                   "No step number above the path's length.", column_A="steps_total", column_B="step_number",
                   or_equal=True),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "paths: lookback window",
                   "No touch is counted from after the conversion.", column="days_before_conversion",
                   min_value=0),
        ],
    )  # fmt: skip


def revenue_orders() -> gx.ExpectationSuite:
    """marts.fct_orders: one row per Shopify order (its revenue counted once, net of refunds)."""
    query = """\
select order_id, currency_code, currency_rate, revenue_amount, gross_revenue_amount
from marts.fct_orders"""
    return gx.ExpectationSuite(
        name="revenue_orders",
        meta={"table": "marts.fct_orders", "query": query},
        expectations=[
            expect(gxe.ExpectColumnValuesToBeUnique, ERROR, "rule: an order's revenue is counted once",
                   "Each order appears once, whatever its line items.", column="order_id"),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "revenue: net of refunds",
                   "Net revenue is never negative.", column="revenue_amount", min_value=0),
            expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, ERROR, "revenue: net of refunds",
                   "Net revenue is never above gross revenue.", column_A="gross_revenue_amount",
                   column_B="revenue_amount", or_equal=True, ignore_row_if="either_value_is_missing"),
            expect(gxe.ExpectColumnValuesToMatchRegex, ERROR, "money in one reporting currency",
                   "Currencies are ISO 4217 codes.", column="currency_code", regex=r"^[A-Z]{3}$"),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "money in one reporting currency",
                   "An exchange rate is a positive number (seed currency_rates).", column="currency_rate",
                   min_value=0, strict_min=True),
        ],
    )  # fmt: skip


def revenue_conversions() -> gx.ExpectationSuite:
    """marts.fct_conversions: one row per conversion (an order that counts as one)."""
    query = """\
select order_id, revenue_amount, touchpoints, social_touchpoints
from marts.fct_conversions"""
    return gx.ExpectationSuite(
        name="revenue_conversions",
        meta={"table": "marts.fct_conversions", "query": query},
        expectations=[
            expect(gxe.ExpectColumnValuesToBeUnique, ERROR, "grain: one row per conversion",
                   "Each conversion appears once.", column="order_id"),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "revenue_per_conversion",
                   "A conversion's revenue is never negative.", column="revenue_amount", min_value=0),
            expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, ERROR, "assisted conversions",
                   "No more social touchpoints than touchpoints on a path.", column_A="touchpoints",
                   column_B="social_touchpoints", or_equal=True, ignore_row_if="either_value_is_missing"),
        ],
    )  # fmt: skip


def revenue_costs() -> gx.ExpectationSuite:
    """marts.fct_costs: one row per cost line in the reporting currency (or rejected with the reason)."""
    query = """\
select
    cost_key,
    cost_amount,
    currency_rate,
    agent_hours,
    case when cost_amount is null and currency_reject_reason is null then 1 else 0 end as lost_cost_line
from marts.fct_costs"""
    return gx.ExpectationSuite(
        name="revenue_costs",
        meta={"table": "marts.fct_costs", "query": query},
        expectations=[
            expect(gxe.ExpectColumnValuesToBeUnique, ERROR, "grain: one row per cost line",
                   "Each cost line appears once.", column="cost_key"),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "cost_per_conversation",
                   "Costs are never negative.", column="cost_amount", min_value=0),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "money in one reporting currency",
                   "An exchange rate is a positive number (seed currency_rates).", column="currency_rate",
                   min_value=0, strict_min=True),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "responses_per_agent_hour",
                   "Agent hours are never negative.", column="agent_hours", min_value=0),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "rule: bad input is never silently lost",
                   "A cost line without an amount in the reporting currency says why (derived lost_cost_line).",
                   column="lost_cost_line", max_value=0),
        ],
    )  # fmt: skip


def revenue_roi_monthly() -> gx.ExpectationSuite:
    """marts.fct_roi_monthly: one row per month x platform x campaign with the ROI parts."""
    pairs = [("conversations", "converted_conversations"), ("dm_conversations", "converted_dm_conversations"),
             ("leads", "leads_synced_to_crm"), ("qualifying_comments", "converted_comments")]  # fmt: skip
    query = f"""\
select month, platform, campaign_tag, {", ".join(column for pair in pairs for column in pair)},
    support_cost_amount, ad_spend_amount, attributed_revenue_amount
from marts.fct_roi_monthly"""
    expectations = [
        expect(gxe.ExpectCompoundColumnsToBeUnique, ERROR, "grain: one row per month x platform x campaign",
               "One row per month, platform and campaign.", column_list=["month", "platform", "campaign_tag"]),
    ]  # fmt: skip
    expectations += [
        expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, ERROR, f"ROI parts: {part} <= {whole}",
               f"No more {part} than {whole}.", column_A=whole, column_B=part, or_equal=True,
               ignore_row_if="either_value_is_missing")
        for whole, part in pairs
    ]  # fmt: skip
    expectations += [
        expect(gxe.ExpectColumnValuesToBeBetween, ERROR, f"ROI parts: {column}",
               "Money amounts are never negative.", column=column, min_value=0)
        for column in ("support_cost_amount", "ad_spend_amount", "attributed_revenue_amount")
    ]  # fmt: skip
    return gx.ExpectationSuite(
        name="revenue_roi_monthly", meta={"table": "marts.fct_roi_monthly", "query": query},
        expectations=expectations,
    )  # fmt: skip


def wide_ratio_suite(
    name: str,
    table: str,
    grain: list[str],
    ratios: dict[str, tuple[str, str | None]],
    shares: tuple[str, ...] = (),
    extra_columns: tuple[str, ...] = (),
    extra_expectations: tuple = (),
) -> gx.ExpectationSuite:
    """Each ratio column = numerator ÷ denominator (derived `<column>_error`; with no denominator the value
    must equal the numerator), and the `shares` within [0, 1]."""
    errors = [
        f"{ratio_error(column, numerator, denominator) if denominator else ratio_error(column, numerator, '1')}"
        f" as {column}_error"
        for column, (numerator, denominator) in ratios.items()
    ]
    query = f"select {', '.join([*grain, *ratios, *extra_columns, *errors])}\nfrom {table}"
    unique = (
        expect(gxe.ExpectCompoundColumnsToBeUnique, ERROR, f"grain: one row per {' x '.join(grain)}",
               "One row per group.", column_list=grain)
        if len(grain) > 1
        else expect(gxe.ExpectColumnValuesToBeUnique, ERROR, f"grain: one row per {grain[0]}",
                    "One row per group.", column=grain[0])
    )  # fmt: skip
    expectations = [unique]
    expectations += [
        expect(gxe.ExpectColumnValuesToBeBetween, ERROR, column,
               f"{column} = {numerator} / {denominator or 1} (derived {column}_error).",
               column=f"{column}_error", max_value=RATIO_TOLERANCE)
        for column, (numerator, denominator) in ratios.items()
    ]  # fmt: skip
    expectations += [
        expect(gxe.ExpectColumnValuesToBeBetween, ERROR, column, "A share lies in [0, 1].", column=column,
               min_value=0, max_value=1)
        for column in shares
    ]  # fmt: skip
    return gx.ExpectationSuite(
        name=name, meta={"table": table, "query": query}, expectations=[*expectations, *extra_expectations]
    )


UNIT_ECONOMICS_KPIS = (
    "cost_per_handled_interaction", "value_per_interaction", "contribution_per_conversation", "cpa", "roas",
    "revenue_per_conversion", "cost_per_lead", "cpm", "customer_ltv", "ltv_to_cac", "social_conversion_rate",
    "community_influenced_revenue", "assisted_value_share", "promo_code_redemption_rate",
    "comment_conversion_rate", "dm_conversion_rate", "crm_sync_completeness", "responses_per_agent_hour",
    "cost_per_conversation", "incremental_conversions", "incremental_revenue",
)  # fmt: skip


def revenue_unit_economics() -> gx.ExpectationSuite:
    """reporting.rpt_revenue__unit_economics_monthly: every §7 KPI with its numerator and denominator."""
    return wide_ratio_suite(
        "revenue_unit_economics",
        "reporting.rpt_revenue__unit_economics_monthly",
        ["month", "platform", "campaign_tag", "grouping_level"],
        # a KPI that is a sum (or a month-over-month difference) has no denominator: its value is its numerator
        {kpi: (f"{kpi}_numerator", f"coalesce({kpi}_denominator, 1)") for kpi in UNIT_ECONOMICS_KPIS},
        shares=("social_conversion_rate", "dm_conversion_rate", "comment_conversion_rate", "assisted_value_share",
                "crm_sync_completeness"),
    )  # fmt: skip


def revenue_funnel() -> gx.ExpectationSuite:
    """reporting.rpt_revenue__funnel_monthly: the five funnel stages per month x platform x campaign."""
    return wide_ratio_suite(
        "revenue_funnel",
        "reporting.rpt_revenue__funnel_monthly",
        ["month", "platform", "campaign_tag"],
        {"impression_to_engagement_rate": ("engagements", "impressions"), "consideration_rate": ("conversations", "engagements"),
         "impression_to_comment_rate": ("comments", "impressions"), "conversion_rate": ("attributed_conversions", "conversations"),
         "repeat_purchase_rate": ("repeat_conversions", "attributed_conversions"),
         "frt_any_mean_min": ("frt_any_total_min", "responded_conversations"),
         "dm_csat_mean": ("dm_csat_total", "dm_csat_ratings")},
        shares=("repeat_purchase_rate",),
    )  # fmt: skip


def revenue_response_funnel() -> gx.ExpectationSuite:
    """reporting.rpt_revenue__response_funnel_monthly: comment -> DM -> lead -> sale."""
    return wide_ratio_suite(
        "revenue_response_funnel",
        "reporting.rpt_revenue__response_funnel_monthly",
        ["month", "platform", "campaign_tag"],
        {"comment_to_dm_rate": ("comments_to_dm", "comments_in_scope"),
         "dm_to_lead_rate": ("comments_to_lead", "comments_to_dm"),
         "lead_to_sale_rate": ("comments_to_sale", "comments_to_lead"),
         "comment_to_sale_rate": ("comments_to_sale", "comments_in_scope"),
         "lead_conversion_rate": ("converted_leads", "leads"),
         "revenue_per_lead": ("converted_lead_revenue_amount", "leads")},
        shares=("comment_to_dm_rate", "dm_to_lead_rate", "lead_to_sale_rate", "comment_to_sale_rate",
                "lead_conversion_rate"),
    )  # fmt: skip


def revenue_retention() -> gx.ExpectationSuite:
    """reporting.rpt_revenue__retention_uplift_monthly: repeat purchase, served in DMs vs not."""
    uplift = "served_repeat_rate - unserved_repeat_rate"
    return wide_ratio_suite(
        "revenue_retention",
        "reporting.rpt_revenue__retention_uplift_monthly",
        ["cohort_month"],
        {"served_repeat_rate": ("served_repeat_customers", "served_customers"),
         "unserved_repeat_rate": ("unserved_repeat_customers", "unserved_customers"),
         "retention_uplift": (uplift, None),
         "retention_uplift_relative": ("retention_uplift", "unserved_repeat_rate")},
        shares=("served_repeat_rate", "unserved_repeat_rate"),
    )  # fmt: skip


def attribution_lift_tests() -> gx.ExpectationSuite:
    """reporting.rpt_attribution__lift_tests: one row per experiment x language x metric."""
    query = """\
select
    experiment_id,
    language,
    metric,
    p_value,
    ci_low,
    ci_high,
    absolute_lift,
    case when is_significant and not (is_sample_size_met and (ci_low > 0 or ci_high < 0)) then 1 else 0 end
        as significant_without_grounds
from reporting.rpt_attribution__lift_tests"""
    return gx.ExpectationSuite(
        name="attribution_lift_tests",
        meta={"table": "reporting.rpt_attribution__lift_tests", "query": query},
        expectations=[
            expect(gxe.ExpectCompoundColumnsToBeUnique, ERROR, "grain: one row per experiment x language x metric",
                   "One row per experiment, language and metric.",
                   column_list=["experiment_id", "language", "metric"]),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "lift tests: p-value",
                   "A p-value lies in [0, 1].", column="p_value", min_value=0, max_value=1),
            expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, ERROR, "lift tests: confidence interval",
                   "The interval's upper end is not below its lower end.", column_A="ci_high", column_B="ci_low",
                   or_equal=True, ignore_row_if="either_value_is_missing"),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR,
                   "lift tests: significant only when the interval excludes 0 and the sample size is met",
                   "No result is called significant without both (derived significant_without_grounds).",
                   column="significant_without_grounds", max_value=0),
        ],
    )  # fmt: skip


def revenue_currency_rejects() -> gx.ExpectationSuite:
    """reporting.rpt_revenue__currency_rejects: amounts left out for want of a rate, with the reason."""
    query = "select record_kind, record_id, reject_reason from reporting.rpt_revenue__currency_rejects"
    return gx.ExpectationSuite(
        name="revenue_currency_rejects",
        meta={"table": "reporting.rpt_revenue__currency_rejects", "query": query},
        expectations=[
            expect(gxe.ExpectColumnValuesToNotBeNull, ERROR, "rule: a rejected amount says why",
                   "Every rejected amount carries its reason.", column="reject_reason"),
        ],
    )  # fmt: skip
