"""Suites for the inbox message fact and the wide reports that are not rendered from the KPI registry."""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations.suites import ERROR, RATIO_TOLERANCE, expect, ratio_error


def inbox_messages() -> gx.ExpectationSuite:
    """marts.fct_inbox_messages: one row per message of a conversation."""
    query = """\
select
    message_event_id,
    occurred_at,
    next_brand_response_at,
    response_us
from marts.fct_inbox_messages"""
    return gx.ExpectationSuite(
        name="inbox_messages",
        meta={"table": "marts.fct_inbox_messages", "query": query},
        expectations=[
            expect(gxe.ExpectColumnValuesToBeUnique, ERROR, "grain: one row per message",
                   "Each message appears once.", column="message_event_id"),
            expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, ERROR, "avg_response_time_min",
                   "The next brand response never comes before the message.",
                   column_A="next_brand_response_at", column_B="occurred_at", or_equal=True,
                   ignore_row_if="either_value_is_missing"),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "avg_response_time_min",
                   "A response time is never negative.", column="response_us", min_value=0),
        ],
    )  # fmt: skip


def inbox_sla_breaches() -> gx.ExpectationSuite:
    """reporting.rpt_inbox__sla_breaches: one row per conversation that breached its first-response SLA."""
    query = """\
select
    conversation_key,
    sla_first_response_target_min,
    first_response_late_business_min
from reporting.rpt_inbox__sla_breaches"""
    return gx.ExpectationSuite(
        name="inbox_sla_breaches",
        meta={"table": "reporting.rpt_inbox__sla_breaches", "query": query},
        expectations=[
            expect(gxe.ExpectColumnValuesToBeUnique, ERROR, "grain: one row per breached conversation",
                   "Each breach is listed once.", column="conversation_key"),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "sla_breaches",
                   "A breach is late (by more than 0 business minutes).",
                   column="first_response_late_business_min", min_value=0, strict_min=True),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "sla_compliance_rate",
                   "Every SLA target is a positive number of minutes.", column="sla_first_response_target_min",
                   min_value=0, strict_min=True),
        ],
    )  # fmt: skip


def inbox_language_cohorts() -> gx.ExpectationSuite:
    """reporting.rpt_inbox__language_cohorts_monthly: one row per month x language."""
    query = f"""\
select
    cohort_month,
    language,
    volume_share,
    cohort_frt_ratio,
    {ratio_error("cohort_frt_ratio", "frt_any_mean_min", "other_languages_frt_any_mean_min")} as cohort_frt_ratio_error
from reporting.rpt_inbox__language_cohorts_monthly"""
    return gx.ExpectationSuite(
        name="inbox_language_cohorts",
        meta={"table": "reporting.rpt_inbox__language_cohorts_monthly", "query": query},
        expectations=[
            expect(gxe.ExpectCompoundColumnsToBeUnique, ERROR, "grain: one row per month x language",
                   "One row per month and language.", column_list=["cohort_month", "language"]),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "cohort volume share",
                   "A language's share of the month's conversations lies in [0, 1].", column="volume_share",
                   min_value=0, max_value=1),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "cohort_frt_ratio",
                   "cohort_frt_ratio = frt_any_mean_min / other_languages_frt_any_mean_min "
                   "(derived column cohort_frt_ratio_error).", column="cohort_frt_ratio_error",
                   max_value=RATIO_TOLERANCE),
        ],
    )  # fmt: skip


def content_negative_sentiment() -> gx.ExpectationSuite:
    """reporting.rpt_content__negative_sentiment_daily: one row per post x day with comments."""
    query = f"""\
select
    platform,
    content_id,
    comment_date,
    comments,
    labelled_comments,
    negative_comments,
    negative_share,
    {ratio_error("negative_share", "negative_comments", "labelled_comments")} as negative_share_error
from reporting.rpt_content__negative_sentiment_daily"""
    return gx.ExpectationSuite(
        name="content_negative_sentiment",
        meta={"table": "reporting.rpt_content__negative_sentiment_daily", "query": query},
        expectations=[
            expect(gxe.ExpectCompoundColumnsToBeUnique, ERROR, "grain: one row per post x day",
                   "One row per post and day.", column_list=["platform", "content_id", "comment_date"]),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "negative_share",
                   "A share lies in [0, 1].", column="negative_share", min_value=0, max_value=1),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "negative_share",
                   "negative_share = negative_comments / labelled_comments (derived column negative_share_error).",
                   column="negative_share_error", max_value=RATIO_TOLERANCE),
            expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, ERROR, "negative_share",
                   "No more labelled comments than comments.", column_A="comments", column_B="labelled_comments",
                   or_equal=True, ignore_row_if="either_value_is_missing"),
        ],
    )  # fmt: skip
