"""Suites for the long KPI marts (one row per group × KPI with value, numerator, denominator, unit).

One definition guards every such mart, because every one of them is rendered from the one KPI registry: each
row is joined to `marts.dim_kpis`, which carries the KPI's aggregation and the bounds its definition implies
(`value_min`, `value_max`, `bounds_severity`, from `kpi_bounds` in dbt_project/macros/kpi_registry.sql).
The query derives the check columns GX has no expectation for:

- `value_error`: how far `value` is from numerator ÷ denominator (rates, ratios and means; 0 otherwise);
- `out_of_bounds_error` / `out_of_bounds_warning`: 1 when the value leaves its KPI's bounds; a rate above 1 is
  a numerator above its denominator (value = numerator ÷ denominator is guarded too);
- `unregistered_kpi`: 1 for a KPI id the registry does not know;
- `unknown_unit`: 1 for a unit neither in UNITS nor the KPI's own in the registry (money: the reporting
  currency); an empty unit (a row filled for a day without data) is not checked, as before.
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations.suites import ERROR, RATIO_TOLERANCE, WARNING, expect, ratio_error

UNITS = [
    "ratio", "minutes", "seconds", "times", "score", "conversations", "messages", "comments", "posts",
    "engagements", "views", "shares", "followers",
]  # fmt: skip

# table -> (suite name, grain columns): every long KPI mart the registry renders
KPI_MARTS = {
    "reporting.rpt_inbox_kpis__daily": (
        "kpis_inbox_daily",
        ["kpi_date", "platform", "channel", "language", "priority", "kpi"],
    ),
    "reporting.rpt_automation__templates_daily": (
        "kpis_automation_templates_daily",
        ["kpi_date", "platform", "template_id", "kpi"],
    ),
    "reporting.rpt_content__post_kpis": ("kpis_content_posts", ["platform", "post_id", "kpi"]),
    "reporting.rpt_content__platform_period_kpis": (
        "kpis_content_platform_periods",
        ["period_kind", "period_start", "platform", "kpi"],
    ),
    "reporting.rpt_content__campaign_kpis": ("kpis_content_campaigns", ["platform", "campaign", "kpi"]),
    "reporting.rpt_content__content_type_kpis": ("kpis_content_types", ["platform", "content_type", "kpi"]),
    "reporting.rpt_content__platform_trends_daily": (
        "kpis_content_platform_trends",
        ["platform", "window_end_date", "window_days", "kpi"],
    ),
    "reporting.rpt_kpis__baselines_daily": ("kpis_baselines_daily", ["kpi_date", "kpi", "platform"]),
}


def kpi_mart_query(table: str, grain: list[str]) -> str:
    out_of_bounds = "(kpi_rows.value < kpis.value_min or kpi_rows.value > kpis.value_max)"
    error = ratio_error("kpi_rows.value", "kpi_rows.numerator", "kpi_rows.denominator")
    return f"""\
select
    {", ".join(f"kpi_rows.{column}" for column in grain)},
    kpi_rows.value,
    kpi_rows.numerator,
    kpi_rows.denominator,
    kpi_rows.unit,
    case when kpis.aggregation in ('rate', 'ratio', 'custom', 'mean') then {error} else 0.0 end as value_error,
    case when kpis.bounds_severity = 'error' and {out_of_bounds} then 1 else 0 end as out_of_bounds_error,
    case when kpis.bounds_severity = 'warning' and {out_of_bounds} then 1 else 0 end as out_of_bounds_warning,
    case when kpis.kpi is null then 1 else 0 end as unregistered_kpi,
    -- money KPIs carry the reporting currency (CAD, EUR, ...) as their unit: known when it is the registry's
    case when kpi_rows.unit is null or kpi_rows.unit in ({", ".join(f"'{unit}'" for unit in UNITS)})
        or kpi_rows.unit = kpis.unit then 0 else 1 end as unknown_unit
from {table} as kpi_rows
left join marts.dim_kpis as kpis
    on kpi_rows.kpi = kpis.kpi"""


def kpi_mart_suite(table: str) -> gx.ExpectationSuite:
    name, grain = KPI_MARTS[table]
    return gx.ExpectationSuite(
        name=name,
        meta={"table": table, "query": kpi_mart_query(table, grain)},
        expectations=[
            expect(
                gxe.ExpectCompoundColumnsToBeUnique,
                ERROR,
                f"grain: one row per {' x '.join(grain)}",
                "One row per group and KPI.",
                column_list=grain,
            ),
            expect(
                gxe.ExpectColumnValuesToBeBetween,
                ERROR,
                "rule: every rate, ratio and mean = numerator / denominator",
                "value = numerator / denominator (derived column value_error: relative error, NULL-safe).",
                column="value_error",
                max_value=RATIO_TOLERANCE,
            ),
            expect(
                gxe.ExpectColumnValuesToBeBetween,
                ERROR,
                "rule: a KPI stays within the bounds its definition implies (dim_kpis), e.g. a share in [0, 1]",
                "No value outside its KPI's bounds of severity error (a rate above 1 is a numerator above "
                "its denominator).",
                column="out_of_bounds_error",
                max_value=0,
            ),
            expect(
                gxe.ExpectColumnValuesToBeBetween,
                WARNING,
                "plausibility: content figures within their bounds",
                "No value outside its KPI's bounds of severity warning (content: a platform's correction).",
                column="out_of_bounds_warning",
                max_value=0,
            ),
            expect(
                gxe.ExpectColumnValuesToBeBetween,
                ERROR,
                "rule: every KPI is defined once, in the registry",
                "Every KPI id is in marts.dim_kpis.",
                column="unregistered_kpi",
                max_value=0,
            ),
            expect(
                gxe.ExpectColumnValuesToBeBetween,
                ERROR,
                "units",
                "Every KPI has a known unit (one of UNITS, or its unit in the registry: a money KPI's currency).",
                column="unknown_unit",
                max_value=0,
            ),
        ],
    )


def kpi_mart_suites() -> list:
    """One suite function per long KPI mart (named after the suite, for SUITES)."""

    def make(table: str):
        def suite() -> gx.ExpectationSuite:
            return kpi_mart_suite(table)

        suite.__name__ = KPI_MARTS[table][0]
        return suite

    return [make(table) for table in KPI_MARTS]
