"""run_checks on the real warehouse of a sample run: it passes as built, and each corruption trips its guard.

Every suite has one corruption below, a specific way a wrong model or a bad input would look, and the test
asserts that exactly the intended expectations fail: the guards bite, and they bite where they should.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from expectations.catalog import SUITES
from expectations.checkpoint import GX_DIR, CheckReport, run_checks

BETWEEN = "expect_column_values_to_be_between"
PAIR = "expect_column_pair_values_a_to_be_greater_than_b"
REGEX = "expect_column_values_to_match_regex"
IN_SET = "expect_column_values_to_be_in_set"
NULL = "expect_column_values_to_be_null"


def first_row(table: str, condition: str = "true") -> str:
    """A condition selecting one row of `table` (the first that meets `condition`)."""
    return f"rowid = (select min(rowid) from {table} where {condition})"


# suite -> (what goes wrong, statements, the expectations that must fail: (type, columns), severity)
CORRUPTIONS = {
    "raw_events": (
        "an event of an unknown platform",
        [f"update raw.events set event_name = 'myspace.comment_received' where {first_row('raw.events')}"],
        (REGEX, ("event_name",)), "error",
    ),
    "raw_meta_instagram_posts": (
        "a post id read as a float",
        ["update raw.meta_instagram_posts set post_id = '1.79e+16' "
         f"where {first_row('raw.meta_instagram_posts')}"],
        (REGEX, ("post_id",)), "error",
    ),
    "raw_meta_facebook_posts": (
        "a negative count",
        [f"update raw.meta_facebook_posts set reach = -1 where {first_row('raw.meta_facebook_posts')}"],
        (BETWEEN, ("reach",)), "error",
    ),
    "raw_tiktok_content": (
        "a negative count",
        [f"update raw.tiktok_content set total_views = -5 where {first_row('raw.tiktok_content')}"],
        (BETWEEN, ("total_views",)), "error",
    ),
    "raw_youtube_videos": (
        "a video id with YouTube's leading space kept",
        ["update raw.youtube_videos set video_id = ' ' || substr(video_id, 2) "
         f"where {first_row('raw.youtube_videos')}"],
        (REGEX, ("video_id",)), "error",
    ),
    "raw_linkedin_posts": (
        "a post published after the load that read it",
        [f"update raw.linkedin_posts set created_on = date '2031-01-01' where {first_row('raw.linkedin_posts')}"],
        (BETWEEN, ("published_after_load",)), "error",
    ),
    "raw_shopify_order_lines": (
        "a currency that is not ISO 4217",
        ["update raw.shopify_order_lines set currency_code = 'usd' "
         f"where {first_row('raw.shopify_order_lines', 'currency_code is not null')}"],
        (REGEX, ("currency_code",)), "error",
    ),
    "raw_hubspot_contacts": (
        "a contact stored twice",
        ["insert into raw.hubspot_contacts select * from raw.hubspot_contacts "
         f"where {first_row('raw.hubspot_contacts')}"],
        ("expect_column_values_to_be_unique", ("contact_id",)), "error",
    ),
    "raw_hubspot_deals": (
        "a deal of negative amount",
        [f"update raw.hubspot_deals set amount = -100 where {first_row('raw.hubspot_deals')}"],
        (BETWEEN, ("amount",)), "error",
    ),
    "raw_costs": (
        "a cost category outside costs.csv's four",
        [f"update raw.costs set category = 'misc' where {first_row('raw.costs')}"],
        (IN_SET, ("category",)), "error",
    ),
    "inbox_conversations": (
        "a first response before the first inbound",
        ["update marts.fct_conversations set first_response_at = first_inbound_at - interval 5 minute "
         f"where {first_row('marts.fct_conversations', 'first_response_at is not null')}"],
        (PAIR, ("first_response_at", "first_inbound_at")), "error",
    ),
    "inbox_daily": (
        "a response rate that is not responded / conversations",
        ["update reporting.rpt_inbox__daily set response_rate = response_rate / 2 "
         f"where {first_row('reporting.rpt_inbox__daily', 'responded_conversations > 0')}"],
        (BETWEEN, ("response_rate_error",)), "error",
    ),
    "inbox_comments": (
        "a reply before its comment",
        ["update marts.fct_comments set first_reply_at = commented_at - interval 1 minute "
         f"where {first_row('marts.fct_comments', 'first_reply_at is not null')}"],
        (PAIR, ("first_reply_at", "commented_at")), "error",
    ),
    "inbox_messages": (
        "a negative response time",
        ["update marts.fct_inbox_messages set response_us = -1 where "
         + first_row("marts.fct_inbox_messages", "response_us is not null")],
        (BETWEEN, ("response_us",)), "error",
    ),
    "inbox_sla_breaches": (
        "a breach listed twice",
        ["insert into reporting.rpt_inbox__sla_breaches select * from reporting.rpt_inbox__sla_breaches where "
         + first_row("reporting.rpt_inbox__sla_breaches")],
        ("expect_column_values_to_be_unique", ("conversation_key",)), "error",
    ),
    "inbox_language_cohorts": (
        "a language with more than all of the month's conversations",
        ["update reporting.rpt_inbox__language_cohorts_monthly set volume_share = 1.5 where "
         + first_row("reporting.rpt_inbox__language_cohorts_monthly")],
        (BETWEEN, ("volume_share",)), "error",
    ),
    "content_negative_sentiment": (
        "a negative share that is not negative / labelled comments",
        ["update reporting.rpt_content__negative_sentiment_daily set negative_share = negative_share + 0.01 where "
         + first_row("reporting.rpt_content__negative_sentiment_daily",
                     "labelled_comments > 0 and negative_share < 0.5")],
        (BETWEEN, ("negative_share_error",)), "error",
    ),
    "attribution_identity": (
        "a link that does not say how it was made",
        [f"update marts.fct_identity_links set match_method = 'guess' where {first_row('marts.fct_identity_links')}"],
        (IN_SET, ("match_method",)), "error",
    ),
    "attribution_touchpoints": (
        "a touchpoint stored twice",
        ["insert into marts.fct_touchpoints select * from marts.fct_touchpoints where "
         + first_row("marts.fct_touchpoints")],
        ("expect_column_values_to_be_unique", ("touchpoint_key",)), "error",
    ),
    "attribution_paths": (
        "a touch after its conversion",
        ["update marts.fct_conversion_path_steps set touched_at = converted_at + interval 1 day where "
         + first_row("marts.fct_conversion_path_steps")],
        (PAIR, ("converted_at", "touched_at")), "error",
    ),
    "attribution_credits": (
        "a credit sum of 0.9",
        ["update marts.fct_attribution_credits set credit = credit - 0.1 where "
         + first_row("marts.fct_attribution_credits", "credit >= 0.1")],
        (BETWEEN, ("credit_sum_error",)), "error",
    ),
    "attribution_lift_tests": (
        "a p-value above 1",
        ["update reporting.rpt_attribution__lift_tests set p_value = 1.5 where "
         + first_row("reporting.rpt_attribution__lift_tests")],
        (BETWEEN, ("p_value",)), "error",
    ),
    "revenue_orders": (
        "an order counted twice (one row per line item)",
        ["insert into marts.fct_orders select * from marts.fct_orders where " + first_row("marts.fct_orders")],
        ("expect_column_values_to_be_unique", ("order_id",)), "error",
    ),
    "revenue_conversions": (
        "more social touchpoints than touchpoints",
        ["update marts.fct_conversions set social_touchpoints = touchpoints + 1 where "
         + first_row("marts.fct_conversions")],
        (PAIR, ("touchpoints", "social_touchpoints")), "error",
    ),
    "revenue_deals": (
        "a deal amount lost without a reason",
        ["update marts.fct_deals set deal_amount = null, currency_reject_reason = null where "
         + first_row("marts.fct_deals", "original_amount is not null")],
        (BETWEEN, ("lost_deal_amount",)), "error",
    ),
    "goal_progress": (
        "progress that is not (current - baseline) / (target - baseline)",
        ["update marts.fct_goal_progress set progress = progress + 0.5 where "
         + first_row("marts.fct_goal_progress", "progress is not null")],
        (BETWEEN, ("progress_error",)), "error",
    ),
    "goal_progress_daily": (
        "a snapshot's progress that is not its definition",
        ["update marts.fct_goal_progress_daily set progress = progress + 0.5 where "
         + first_row("marts.fct_goal_progress_daily", "progress is not null")],
        (BETWEEN, ("progress_error",)), "error",
    ),
    "alert_log": (
        "an alert last seen before it was first seen",
        ["update marts.fct_alerts set last_seen = first_seen - 1 where " + first_row("marts.fct_alerts")],
        (BETWEEN, ("seen_backwards",)), "error",
    ),
    "automation_pause": (
        "a conversion ratio that is not the 7-day rate / the 30-day baseline",
        ["update marts.fct_automation_pause_recommendations set conversion_ratio = conversion_ratio * 2 + 1 where "
         + first_row("marts.fct_automation_pause_recommendations", "conversion_ratio is not null")],
        (BETWEEN, ("conversion_ratio_error",)), "error",
    ),
    "revenue_costs": (
        "a cost line lost without a reason",
        ["update marts.fct_costs set cost_amount = null, currency_reject_reason = null where "
         + first_row("marts.fct_costs")],
        (BETWEEN, ("lost_cost_line",)), "error",
    ),
    "revenue_roi_monthly": (
        "more converted conversations than conversations",
        ["update marts.fct_roi_monthly set converted_conversations = conversations + 1 where "
         + first_row("marts.fct_roi_monthly", "conversations is not null")],
        (PAIR, ("conversations", "converted_conversations")), "error",
    ),
    "revenue_unit_economics": (
        "a DM conversion rate that is not its numerator / denominator",
        ["update reporting.rpt_revenue__unit_economics_monthly set dm_conversion_rate = dm_conversion_rate / 2 "
         "where " + first_row("reporting.rpt_revenue__unit_economics_monthly", "dm_conversion_rate > 0")],
        (BETWEEN, ("dm_conversion_rate_error",)), "error",
    ),
    "revenue_funnel": (
        "a repeat purchase rate above 1",
        ["update reporting.rpt_revenue__funnel_monthly set repeat_conversions = 3 * attributed_conversions, "
         "repeat_purchase_rate = 3 where "
         + first_row("reporting.rpt_revenue__funnel_monthly", "attributed_conversions > 0")],
        (BETWEEN, ("repeat_purchase_rate",)), "error",
    ),
    "revenue_response_funnel": (
        "a comment-to-DM rate that is not DMs / comments",
        ["update reporting.rpt_revenue__response_funnel_monthly set comment_to_dm_rate = comment_to_dm_rate / 2 "
         "where " + first_row("reporting.rpt_revenue__response_funnel_monthly", "comment_to_dm_rate > 0")],
        (BETWEEN, ("comment_to_dm_rate_error",)), "error",
    ),
    "revenue_retention": (
        "a relative uplift that is not uplift / the unserved rate",
        ["update reporting.rpt_revenue__retention_uplift_monthly set retention_uplift_relative = "
         "retention_uplift_relative + 1 where "
         + first_row("reporting.rpt_revenue__retention_uplift_monthly", "retention_uplift_relative is not null")],
        (BETWEEN, ("retention_uplift_relative_error",)), "error",
    ),
    "revenue_currency_rejects": (
        "an amount left out without a reason",
        ["insert into reporting.rpt_revenue__currency_rejects (record_kind, record_id) values ('cost', 'x')"],
        ("expect_column_values_to_not_be_null", ("reject_reason",)), "error",
    ),
    "content_posts": (
        "reach above impressions (Meta's own inconsistency on boosted posts: a warning)",
        ["update marts.fct_post_daily set reach = reach + 100000000 "
         "where " + first_row("marts.fct_post_daily", "platform = 'instagram' and reach is not null")],
        (NULL, ("reach_above_views",)), "warning",
    ),
    "content_accounts": (
        "an anchor that makes followers negative",
        [f"update marts.fct_account_daily set followers = -5 where {first_row('marts.fct_account_daily')}"],
        (BETWEEN, ("followers",)), "error",
    ),
    "kpis_inbox_daily": (
        "a rate above 1 (numerator above its denominator)",
        ["update reporting.rpt_inbox_kpis__daily set value = 1.5, numerator = 3, denominator = 2 "
         "where " + first_row("reporting.rpt_inbox_kpis__daily", "kpi = 'response_rate'")],
        (BETWEEN, ("out_of_bounds_error",)), "error",
    ),
    "kpis_automation_templates_daily": (
        "a KPI the registry does not define",
        ["update reporting.rpt_automation__templates_daily set kpi = 'made_up_rate' "
         f"where {first_row('reporting.rpt_automation__templates_daily')}"],
        (BETWEEN, ("unregistered_kpi",)), "error",
    ),
    "kpis_content_posts": (
        "a rate that is not numerator / denominator",
        ["update reporting.rpt_content__post_kpis set value = value * 2 where "
         + first_row("reporting.rpt_content__post_kpis", "kpi = 'engagement_rate_impressions' and value > 0")],
        (BETWEEN, ("value_error",)), "error",
    ),
    "kpis_content_platform_periods": (
        "a row written twice",
        ["insert into reporting.rpt_content__platform_period_kpis select * from "
         "reporting.rpt_content__platform_period_kpis where "
         + first_row("reporting.rpt_content__platform_period_kpis")],
        ("expect_compound_columns_to_be_unique", ("period_kind", "period_start", "platform", "kpi")), "error",
    ),
    "kpis_content_campaigns": (
        "a unit nobody reads",
        ["update reporting.rpt_content__campaign_kpis set unit = 'percent' "
         f"where {first_row('reporting.rpt_content__campaign_kpis')}"],
        (BETWEEN, ("unknown_unit",)), "error",
    ),
    "kpis_content_types": (
        "an engagement rate above 1 (implausible, not impossible: a warning)",
        ["update reporting.rpt_content__content_type_kpis set value = 2, numerator = 2 * denominator where "
         + first_row("reporting.rpt_content__content_type_kpis", "kpi = 'engagement_rate_views' and denominator > 0")],
        (BETWEEN, ("out_of_bounds_warning",)), "warning",
    ),
    "kpis_content_platform_trends": (
        "a follower growth rate below -100 %",
        ["update reporting.rpt_content__platform_trends_daily set value = -2, numerator = -2 * denominator where "
         + first_row("reporting.rpt_content__platform_trends_daily",
                     "kpi = 'follower_growth_rate' and denominator > 0")],
        (BETWEEN, ("out_of_bounds_error",)), "error",
    ),
    "kpis_baselines_daily": (
        "a 30-day baseline rate above 1 read as a day's value (numerator above its denominator)",
        ["update reporting.rpt_kpis__baselines_daily set value = 1.5, numerator = 3, denominator = 2 where "
         + first_row("reporting.rpt_kpis__baselines_daily", "kpi = 'response_rate' and value is not null")],
        (BETWEEN, ("out_of_bounds_error",)), "error",
    ),
    "personal_data": (
        "an e-mail address in a mart",
        [f"update marts.dim_posts set campaign = 'jane.doe@example.com' where {first_row('marts.dim_posts')}"],
        (NULL, ("column_with_emails",)), "error",
    ),
}  # fmt: skip


def failed(report: CheckReport) -> set[tuple[str, str, tuple[str, ...], str]]:
    return {(o.suite, o.expectation_type, o.columns, o.severity) for o in report.failures}


def intended(*suites: str) -> set[tuple[str, str, tuple[str, ...], str]]:
    return {(suite, *CORRUPTIONS[suite][2], CORRUPTIONS[suite][3]) for suite in suites}


def digest(paths: list[Path]) -> dict[Path, str]:
    return {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


def committed_gx_files() -> list[Path]:
    return sorted(p for p in GX_DIR.rglob("*") if p.is_file() and "uncommitted" not in p.parts)


def test_every_suite_has_a_corruption_it_must_catch():
    assert set(CORRUPTIONS) == {make.__name__ for make in SUITES}


def test_the_sample_warehouse_passes_and_nothing_but_docs_is_written(warehouse: Path, tmp_path: Path):
    before = digest([warehouse, *committed_gx_files()])

    report = run_checks(warehouse, data_docs_dir=tmp_path / "docs")

    assert report.success, report.summary()
    assert report.skipped == []
    assert report.evaluated == sum(len(make().expectations) for make in SUITES)
    assert (report.failed_errors, report.failed_warnings) == (0, 0)
    assert all(
        o.success and o.severity in {"error", "warning"} and o.guards and o.table for o in report.results
    )
    assert report.data_docs_index == (tmp_path / "docs" / "index.html").resolve()
    assert report.data_docs_index.is_file()
    # Read-only: the warehouse file and the committed GX files are byte for byte as before.
    assert digest([warehouse, *committed_gx_files()]) == before


def test_each_suite_catches_its_corruption_and_nothing_else_fails(warehouse, corrupt, tmp_path):
    corrupt(*(statement for _, statements, _, _ in CORRUPTIONS.values() for statement in statements))

    report = run_checks(warehouse, data_docs_dir=tmp_path / "docs")

    assert report.success is False
    assert failed(report) == intended(*CORRUPTIONS), report.summary()
    warnings = sum(severity == "warning" for *_, severity in CORRUPTIONS.values())
    assert (report.failed_errors, report.failed_warnings) == (len(CORRUPTIONS) - warnings, warnings)


@pytest.mark.parametrize(
    "suite", ["kpis_inbox_daily", "inbox_comments", "attribution_credits", "personal_data"]
)
def test_one_corruption_alone_fails_exactly_its_guard(warehouse, corrupt, tmp_path, suite):
    corrupt(*CORRUPTIONS[suite][1])

    report = run_checks(warehouse, data_docs_dir=tmp_path / "docs")

    assert report.success is False
    assert failed(report) == intended(suite), report.summary()
    [failure] = report.failures
    assert failure.observed_value  # the failure says what it saw
    if suite == "personal_data":
        assert "marts.dim_posts.campaign" in failure.observed_value


def test_a_failed_warning_is_reported_but_does_not_fail_the_run(warehouse, corrupt, tmp_path):
    corrupt(*CORRUPTIONS["kpis_content_types"][1])

    report = run_checks(warehouse, data_docs_dir=tmp_path / "docs")

    assert report.success is True
    assert (report.failed_errors, report.failed_warnings) == (0, 1)
    assert failed(report) == intended("kpis_content_types")


def test_a_missing_mart_is_an_error_not_a_quiet_pass(warehouse, corrupt, tmp_path):
    corrupt("drop table reporting.rpt_inbox__daily")

    with pytest.raises(duckdb.CatalogException):
        run_checks(warehouse, data_docs_dir=tmp_path / "docs")


def test_a_family_the_landing_folder_lacks_is_skipped_and_named(warehouse, corrupt, tmp_path):
    corrupt("drop table raw.hubspot_contacts")

    report = run_checks(warehouse, data_docs_dir=tmp_path / "docs")

    assert report.success, report.summary()
    assert report.skipped == ["raw_hubspot_contacts"]
    assert "raw_hubspot_contacts" in report.summary()
