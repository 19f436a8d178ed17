"""Every suite `build_suites` writes and `run_checks` runs, by layer; add a new suite's function here.

`tests/expectations/test_coverage.py` fails when a mart or report has no suite, or a rate column or KPI has
no guard, so a new model or KPI without its checks shows in review.
"""

from __future__ import annotations

from collections.abc import Callable

import great_expectations as gx

from expectations import (
    attribution_suites,
    content_suites,
    goal_suites,
    kpi_suites,
    privacy_suites,
    raw_suites,
    report_suites,
    suites,
)

RAW_SUITES: tuple[Callable[[], gx.ExpectationSuite], ...] = (
    raw_suites.raw_events,
    *raw_suites.raw_content_suites(),
    raw_suites.raw_shopify_order_lines,
    raw_suites.raw_hubspot_contacts,
    raw_suites.raw_hubspot_deals,
    raw_suites.raw_costs,
)
MART_SUITES: tuple[Callable[[], gx.ExpectationSuite], ...] = (
    suites.inbox_conversations,
    suites.inbox_daily,
    content_suites.inbox_comments,
    report_suites.inbox_messages,
    report_suites.inbox_sla_breaches,
    report_suites.inbox_language_cohorts,
    report_suites.content_negative_sentiment,
    content_suites.content_posts,
    content_suites.content_accounts,
    attribution_suites.attribution_identity,
    attribution_suites.attribution_touchpoints,
    attribution_suites.attribution_paths,
    attribution_suites.attribution_credits,
    attribution_suites.attribution_lift_tests,
    attribution_suites.revenue_orders,
    attribution_suites.revenue_conversions,
    attribution_suites.revenue_costs,
    attribution_suites.revenue_roi_monthly,
    attribution_suites.revenue_unit_economics,
    attribution_suites.revenue_funnel,
    attribution_suites.revenue_response_funnel,
    attribution_suites.revenue_retention,
    attribution_suites.revenue_currency_rejects,
    goal_suites.revenue_deals,
    goal_suites.goal_progress,
    goal_suites.goal_progress_daily,
    goal_suites.alert_log,
    goal_suites.automation_pause,
    *kpi_suites.kpi_mart_suites(),
    privacy_suites.personal_data,
)
SUITES = RAW_SUITES + MART_SUITES

# Tables in `marts` / `reporting` with no suite of their own, and why (the personal-data scan reads them all).
UNGUARDED = {
    "marts.dim_kpis": "the KPI registry itself (SQL and bounds, not data); dbt tests its keys",
    "marts.dim_posts": "post attributes; followers at publish are guarded in fct_post_daily (content_posts)",
    "reporting.rpt_inbox__review_queue": "a list of items for people to review, no figures",
    "marts.fct_costs_daily": "fct_costs (revenue_costs) spread over days; dbt's unit test and "
    "assert_roi_monthly_reconciles check the days sum to each line",
    "marts.fct_roi_daily": "the day grain of fct_roi_monthly (revenue_roi_monthly checks its roll-up); "
    "assert_attribution_kpi_registry_matches_report checks the registry over it against the report",
    "marts.fct_new_customer_retention": "0/1 flags per customer; rolled up and checked in "
    "rpt_revenue__retention_uplift_monthly (revenue_retention)",
}
