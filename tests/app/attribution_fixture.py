"""Hand-written attribution marts for the app tests' serving copy (the columns the Attribution & ROI page reads).

Three conversions in March 2025 (the fixture's fortnight), revenue in CAD:
  A (100.00, 5 Mar): Instagram comment → Instagram DM → e-mail visit.
  B (60.00, 10 Mar): organic-search visit → direct visit.
  C (40.00, 12 Mar): no path.
Credits of three models, as fct_attribution_credits holds them (per conversion they sum to 1):
  last_non_direct: A → the e-mail visit; B → the search visit (the direct visit is skipped); C unattributed.
  last_touch_utm:  A → the e-mail visit; B and C unattributed (no UTM).
  linear:          A → 1/3 each step (the last takes the rounding remainder); B → 1/2 each; C unattributed.
One lift test: exp_fast_reply, conversion_rate, all languages and fr-CA.
"""

from __future__ import annotations

from datetime import date

import duckdb

CURRENCY = "CAD"
ORDERS = {"A": (date(2025, 3, 5), 100.0), "B": (date(2025, 3, 10), 60.0), "C": (date(2025, 3, 12), 40.0)}
THIRD = 0.333333333333333
# (order, model, touchpoint_key, channel, platform, is_social, credit)
CREDITS = [
    ("A", "last_non_direct", "visit:last_visit:A", "email", None, False, 1.0),
    ("B", "last_non_direct", "visit:first_visit:B", "organic_search", None, False, 1.0),
    ("C", "last_non_direct", "unattributed:C", "unattributed", None, False, 1.0),
    ("A", "last_touch_utm", "visit:last_visit:A", "email", None, False, 1.0),
    ("B", "last_touch_utm", "unattributed:B", "unattributed", None, False, 1.0),
    ("C", "last_touch_utm", "unattributed:C", "unattributed", None, False, 1.0),
    ("A", "linear", "conversation:instagram:k1", "comment", "instagram", True, THIRD),
    ("A", "linear", "conversation:instagram:d1", "dm", "instagram", True, THIRD),
    ("A", "linear", "visit:last_visit:A", "email", None, False, 1 - 2 * THIRD),
    ("B", "linear", "visit:first_visit:B", "organic_search", None, False, 0.5),
    ("B", "linear", "visit:last_visit:B", "direct", None, False, 0.5),
    ("C", "linear", "unattributed:C", "unattributed", None, False, 1.0),
]
# order -> (path_tag, conversion_path, touchpoints)
PATHS = {
    "A": ("comment→DM→sale", "comment→DM→email→sale", 3),
    "B": ("non-social", "organic search→direct→sale", 2),
    "C": ("non-social", "sale", 0),
}
# (language, control_n, treatment_n, control, treatment, lift, ci_low, ci_high, p, sample met, significant)
LIFT = [
    ("(all)", 120, 118, 0.10, 0.15, 0.05, -0.03, 0.13, 0.21, True, False),
    ("fr-CA", 40, 38, 0.05, 0.18, 0.13, 0.01, 0.25, 0.04, False, False),
]


def write_attribution(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        create table marts.fct_attribution_credits (
            order_id varchar, attribution_model varchar, touchpoint_key varchar, channel varchar,
            platform varchar, is_social boolean, credit decimal(20, 18), conversion_date date,
            currency_code varchar, order_revenue_amount decimal(18, 6), attributed_revenue_amount decimal(18, 6)
        )
        """
    )
    con.executemany(
        "insert into marts.fct_attribution_credits values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (order, model, key, channel, platform, social, credit, ORDERS[order][0], CURRENCY,
             ORDERS[order][1], round(ORDERS[order][1] * credit, 6))
            for order, model, key, channel, platform, social, credit in CREDITS
        ],
    )  # fmt: skip
    con.execute(
        """
        create table marts.fct_conversions (
            order_id varchar, conversion_date date, revenue_amount decimal(18, 2), currency_code varchar,
            path_tag varchar, conversion_path varchar, touchpoints bigint
        )
        """
    )
    con.executemany(
        "insert into marts.fct_conversions values (?, ?, ?, ?, ?, ?, ?)",
        [(order, day, revenue, CURRENCY, *PATHS[order]) for order, (day, revenue) in ORDERS.items()],
    )
    con.execute(
        """
        create table reporting.rpt_attribution__lift_tests (
            experiment_id varchar, language varchar, metric varchar, control_n bigint, treatment_n bigint,
            control_value double, treatment_value double, absolute_lift double, relative_lift double,
            ci_low double, ci_high double, p_value double, method varchar, min_sample_per_arm integer,
            is_sample_size_met boolean, is_significant boolean
        )
        """
    )
    con.executemany(
        "insert into reporting.rpt_attribution__lift_tests values "
        "('exp_fast_reply', ?, 'conversion_rate', ?, ?, ?, ?, ?, NULL, ?, ?, ?, 'two_proportion_z', 100, ?, ?)",
        LIFT,
    )
