"""The expectation suites, defined in code and written into `gx/` by `python -m expectations.build_suites`.

Each suite is a function returning a fresh `gx.ExpectationSuite` whose meta names the table it guards and the
query `run_checks` reads. The query selects the columns the suite uses, plus derived check columns for rules
GX has no expectation for (a ratio that must equal numerator / denominator): see `ratio_error`.

Every expectation carries `meta = {"severity": "error" | "warning", "guards": <KPI id or rule>}`. An `error`
fails the run (the warehouse is not published); a `warning` is reported only. GX's own `severity` field is set
to match (error -> critical), so Data Docs show the same thing.

Keys and not-null are dbt's job (its tests run first); the key checks here are the ones the brief asks GX to
repeat on the tables the app reads.
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

ERROR = "error"
WARNING = "warning"
_GX_SEVERITY = {ERROR: "critical", WARNING: "warning"}

PLATFORMS = ["instagram", "facebook", "tiktok", "youtube", "linkedin", "x"]
CHANNELS = ["dm", "comment"]
# canonical BCP 47 as the marts write it (bcp47_language): `en`, `fr-CA`, `und`
LANGUAGE_TAG_REGEX = r"^[a-z]{2,3}(?:-[A-Z]{2}|-[A-Za-z0-9]{3,8})*$"

# Two doubles that should be equal may differ in their last bits (sum / count computed in another order).
RATIO_TOLERANCE = 1e-9
# Plausibility: a first response more than 30 days after the first inbound suggests a unit or time-zone error.
FRT_PLAUSIBLE_MAX_MIN = 30 * 24 * 60


def expect(expectation: type[gxe.Expectation], severity: str, guards: str, description: str, **kwargs):
    """An expectation with our meta (severity, guards) and GX's matching severity."""
    return expectation(
        meta={"severity": severity, "guards": guards},
        severity=_GX_SEVERITY[severity],
        description=description,
        **kwargs,
    )


def ratio_error(ratio: str, numerator: str, denominator: str) -> str:
    """SQL: how far `ratio` is from numerator / denominator, as a check column expected to be ~0.

    Relative error (absolute below 1), so a mean of 90,000 minutes gets the same tolerance as a rate.
    0 when both sides are NULL (no denominator: the ratio must be NULL); 1 when only one side is NULL.
    """
    expected = f"({numerator}) / nullif({denominator}, 0)"
    return (
        f"case when {ratio} is null and {expected} is null then 0.0"
        f" when {ratio} is null or {expected} is null then 1.0"
        f" else abs({ratio} - {expected}) / greatest(abs({expected}), 1.0) end"
    )


def inbox_conversations() -> gx.ExpectationSuite:
    """marts.fct_conversations: one row per inbound conversation."""
    query = """\
select
    conversation_key,
    platform,
    channel,
    first_inbound_at,
    first_response_at,
    first_human_response_at,
    frt_any_min,
    frt_human_min,
    csat_score,
    language
from marts.fct_conversations"""
    return gx.ExpectationSuite(
        name="inbox_conversations",
        meta={"table": "marts.fct_conversations", "query": query},
        expectations=[
            expect(
                gxe.ExpectColumnValuesToBeUnique,
                ERROR,
                "grain: one row per conversation",
                "Each conversation (platform:conversation_id) appears once.",
                column="conversation_key",
            ),
            expect(
                gxe.ExpectColumnPairValuesAToBeGreaterThanB,
                ERROR,
                "frt_any_mean_min",
                "The clock starts at the first inbound: no first response comes before it.",
                column_A="first_response_at",
                column_B="first_inbound_at",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
            expect(
                gxe.ExpectColumnPairValuesAToBeGreaterThanB,
                ERROR,
                "frt_human_mean_min",
                "No first human response comes before the first inbound.",
                column_A="first_human_response_at",
                column_B="first_inbound_at",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
            expect(
                gxe.ExpectColumnPairValuesAToBeGreaterThanB,
                ERROR,
                "rule: bot replies count for frt_any, never for frt_human",
                "Human FRT is never faster than any FRT (a human reply is also a response).",
                column_A="frt_human_min",
                column_B="frt_any_min",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
            expect(
                gxe.ExpectColumnValuesToBeBetween,
                ERROR,
                "frt_any_mean_min",
                "A duration is never negative.",
                column="frt_any_min",
                min_value=0,
            ),
            expect(
                gxe.ExpectColumnValuesToBeBetween,
                ERROR,
                "frt_human_mean_min",
                "A duration is never negative.",
                column="frt_human_min",
                min_value=0,
            ),
            expect(
                gxe.ExpectColumnValuesToBeBetween,
                WARNING,
                "plausibility: frt_any_mean_min",
                "A first response more than 30 days after the first inbound suggests a unit or time-zone error.",
                column="frt_any_min",
                max_value=FRT_PLAUSIBLE_MAX_MIN,
            ),
            expect(
                gxe.ExpectColumnValuesToBeBetween,
                ERROR,
                "csat_mean",
                "CSAT scores are 1 to 5.",
                column="csat_score",
                min_value=1,
                max_value=5,
            ),
            expect(
                gxe.ExpectColumnValuesToMatchRegex,
                ERROR,
                "slicing: language",
                "Languages are canonical BCP 47 tags (en, fr-CA) or und.",
                column="language",
                regex=LANGUAGE_TAG_REGEX,
            ),
            expect(
                gxe.ExpectColumnValuesToBeInSet,
                ERROR,
                "slicing: channel",
                "Every conversation is a DM or a comment thread.",
                column="channel",
                value_set=CHANNELS,
            ),
            expect(
                gxe.ExpectColumnValuesToBeInSet,
                ERROR,
                "slicing: platform",
                "Every conversation comes from a supported platform.",
                column="platform",
                value_set=PLATFORMS,
            ),
        ],
    )


def inbox_daily() -> gx.ExpectationSuite:
    """reporting.rpt_inbox__daily: one row per conversation_date x platform x channel x language."""
    response_rate_error = ratio_error("response_rate", "responded_conversations", "conversations")
    frt_any_mean_error = ratio_error("frt_any_mean_min", "frt_any_total_min", "responded_conversations")
    frt_human_mean_error = ratio_error(
        "frt_human_mean_min", "frt_human_total_min", "human_responded_conversations"
    )
    query = f"""\
select
    conversation_date,
    platform,
    channel,
    language,
    conversations,
    responded_conversations,
    response_rate,
    frt_any_mean_min,
    frt_human_mean_min,
    {response_rate_error} as response_rate_error,
    {frt_any_mean_error} as frt_any_mean_error,
    {frt_human_mean_error} as frt_human_mean_error
from reporting.rpt_inbox__daily"""
    return gx.ExpectationSuite(
        name="inbox_daily",
        meta={"table": "reporting.rpt_inbox__daily", "query": query},
        expectations=[
            expect(
                gxe.ExpectCompoundColumnsToBeUnique,
                ERROR,
                "grain: one row per conversation_date x platform x channel x language",
                "One row per day, platform, channel and language.",
                column_list=["conversation_date", "platform", "channel", "language"],
            ),
            expect(
                gxe.ExpectColumnValuesToBeBetween,
                ERROR,
                "response_rate",
                "A rate lies in [0, 1].",
                column="response_rate",
                min_value=0,
                max_value=1,
            ),
            expect(
                gxe.ExpectColumnPairValuesAToBeGreaterThanB,
                ERROR,
                "response_rate",
                "No more responded conversations than conversations.",
                column_A="conversations",
                column_B="responded_conversations",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
            expect(
                gxe.ExpectColumnValuesToBeBetween,
                ERROR,
                "response_rate",
                "response_rate = responded_conversations / conversations "
                "(derived column response_rate_error: relative error, NULL-safe).",
                column="response_rate_error",
                max_value=RATIO_TOLERANCE,
            ),
            expect(
                gxe.ExpectColumnValuesToBeBetween,
                ERROR,
                "frt_any_mean_min",
                "A mean duration is never negative.",
                column="frt_any_mean_min",
                min_value=0,
            ),
            expect(
                gxe.ExpectColumnValuesToBeBetween,
                ERROR,
                "frt_human_mean_min",
                "A mean duration is never negative.",
                column="frt_human_mean_min",
                min_value=0,
            ),
            expect(
                gxe.ExpectColumnValuesToBeBetween,
                ERROR,
                "frt_any_mean_min",
                "frt_any_mean_min = frt_any_total_min / responded_conversations "
                "(derived column frt_any_mean_error: relative error, NULL-safe).",
                column="frt_any_mean_error",
                max_value=RATIO_TOLERANCE,
            ),
            expect(
                gxe.ExpectColumnValuesToBeBetween,
                ERROR,
                "frt_human_mean_min",
                "frt_human_mean_min = frt_human_total_min / human_responded_conversations "
                "(derived column frt_human_mean_error: relative error, NULL-safe).",
                column="frt_human_mean_error",
                max_value=RATIO_TOLERANCE,
            ),
        ],
    )
