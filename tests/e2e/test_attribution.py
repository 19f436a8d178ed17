"""Attribution on a hand-written landing folder (attribution_landing.py): every credit of every model worked
out by hand, the identity links, path tags and the ROI parts they feed; and revenue conservation on the sample."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from tests.conftest import query, socialkpi
from tests.e2e import attribution_landing as landing_data

MODELS = (
    "last_touch_utm",
    "dm_last_touch",
    "promo_code",
    "first_touch",
    "linear",
    "position_based",
    "time_decay",
    "last_non_direct",
)
HALF_LIFE_DAYS = 7


def _shares(weights: list[float]) -> list[float]:
    total = sum(weights)
    return [w / total for w in weights]


def hand_credits(order_id: str) -> dict[str, dict[str, float]]:
    """model -> {touchpoint_key: credit}, from the path written down by hand."""
    path = landing_data.PATHS[order_id]
    none = {f"unattributed:{order_id}": 1.0}
    if not path:
        return dict.fromkeys(MODELS, none)
    keys = [key for key, _ in path]
    n = len(keys)
    utm = [key for key in keys if key.startswith("visit:") and key not in landing_data.NO_UTM]
    non_direct = [key for key in keys if key not in landing_data.DIRECT]
    dms = [key for key in keys if ":ig-dm-" in key or ":fb-dm-" in key]
    last_utm = {utm[-1]: 1.0} if utm else none
    if n == 1:
        position = [1.0]
    elif n == 2:
        position = [0.5, 0.5]
    else:
        position = [0.4, *([0.2 / (n - 2)] * (n - 2)), 0.4]
    promo = {"9000000000001": {"conversation:instagram:ig-dm-d1": 1.0}}
    return {
        "last_touch_utm": last_utm,
        "dm_last_touch": {dms[-1]: 1.0} if dms else last_utm,
        "promo_code": promo.get(order_id, none),
        "first_touch": {keys[0]: 1.0},
        "linear": dict.fromkeys(keys, 1 / n),
        "position_based": dict(zip(keys, position, strict=True)),
        "time_decay": dict(
            zip(keys, _shares([2 ** (-days / HALF_LIFE_DAYS) for _, days in path]), strict=True)
        ),
        # GA4's last non-direct click: the last step that is not a direct visit; the last direct one otherwise
        "last_non_direct": {(non_direct or keys)[-1]: 1.0},
    }


def attribution_cli(warehouse: Path, *args: str) -> list[dict]:
    result = socialkpi("attribution", "--warehouse", str(warehouse), *args)
    assert result.returncode == 0, result.stderr[-3000:]
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.fixture(scope="module")
def hand_written(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("attribution")
    landing, warehouse = base / "landing", base / "warehouse" / "w.duckdb"
    landing_data.write(landing)
    result = socialkpi("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr[-3000:]
    return warehouse


def test_every_credit_of_every_model_matches_the_hand_computation(hand_written):
    rows = attribution_cli(hand_written, "--conversions")
    got: dict[tuple[str, str], dict[str, Decimal]] = {}
    revenue: dict[tuple[str, str], Decimal] = {}
    for row in rows:
        key = (row["order_id"], row["attribution_model"])
        got.setdefault(key, {})[row["touchpoint_key"]] = Decimal(row["credit"])
        revenue[key] = revenue.get(key, Decimal(0)) + Decimal(row["attributed_revenue_amount"])
        assert Decimal(row["order_revenue_amount"]) == Decimal(landing_data.REVENUE[row["order_id"]])
    assert {order for order, _ in got} == set(landing_data.REVENUE)  # O4 (cancelled) is no conversion
    for order_id in landing_data.REVENUE:
        for model, expected in hand_credits(order_id).items():
            credits = got[(order_id, model)]
            assert set(credits) == set(expected), (order_id, model)
            for touchpoint, credit in credits.items():
                assert abs(credit - Decimal(repr(expected[touchpoint]))) <= Decimal("1e-14"), (
                    order_id,
                    model,
                    touchpoint,
                )
            assert sum(credits.values()) == 1, (order_id, model)  # exactly, in decimals
            assert revenue[(order_id, model)] == Decimal(landing_data.REVENUE[order_id]), (order_id, model)


def test_exact_decimal_shares_are_exact(hand_written):
    rows = attribution_cli(hand_written, "--conversions", "--model", "position_based")
    credits = {row["touchpoint_key"]: row["credit"] for row in rows if row["order_id"] == "9000000000001"}
    assert credits == {
        "conversation:instagram:ig-c-k1": "0.4",
        "conversation:instagram:ig-dm-d1": "0.2",
        "visit:last_visit:9000000000001": "0.4",
    }
    linear = {
        row["touchpoint_key"]: (row["credit"], row["attributed_revenue_amount"])
        for row in attribution_cli(hand_written, "--conversions", "--model", "linear")
        if row["order_id"] == "9000000000001"
    }
    # two thirds rounded to 15 decimals, the last step takes the remainder; revenue likewise to 6 decimals
    assert linear == {
        "conversation:instagram:ig-c-k1": ("0.333333333333333", "33.333333"),
        "conversation:instagram:ig-dm-d1": ("0.333333333333333", "33.333333"),
        "visit:last_visit:9000000000001": ("0.333333333333334", "33.333334"),
    }


def test_summary_per_model_and_group(hand_written):
    total = sum(Decimal(v) for v in landing_data.REVENUE.values())
    summary = attribution_cli(hand_written)
    assert [
        (r["attribution_model"], r["conversions"], r["revenue_amount"], r["currency_code"]) for r in summary
    ] == [(model, "4", str(total), "CAD") for model in MODELS]
    by_channel = {
        row["channel"]: (Fraction(row["conversions"]), Decimal(row["revenue_amount"]))
        for row in attribution_cli(hand_written, "--model", "dm_last_touch", "--by", "channel")
    }
    # O1 -> D1, O2 -> D2 (DMs); O3 -> its Google Ads visit (no DM on the path); O5 unattributed
    assert by_channel == {
        "dm": (2, Decimal("181.08")),
        "paid_search": (1, Decimal("50.00")),
        "unattributed": (1, Decimal("40.00")),
    }
    september_12 = attribution_cli(
        hand_written,
        "--model",
        "promo_code",
        "--by",
        "platform",
        "--from",
        "2026-09-12",
        "--to",
        "2026-09-15",
    )
    assert [(r["platform"], r["conversions"], r["revenue_amount"]) for r in september_12] == [
        ("(none)", "1", "81.08"),
        ("instagram", "1", "100"),
    ]
    as_json = json.loads(
        socialkpi(
            "attribution", "--warehouse", str(hand_written), "--format", "json", "--model", "linear"
        ).stdout
    )
    assert as_json == [
        {"attribution_model": "linear", "conversions": 4, "revenue_amount": 271.08, "currency_code": "CAD"}
    ]


def test_bad_arguments_and_missing_warehouse(tmp_path):
    assert (
        socialkpi("attribution", "--warehouse", str(tmp_path / "w.duckdb"), "--by", "colour").returncode == 2
    )
    assert (
        socialkpi("attribution", "--warehouse", str(tmp_path / "w.duckdb"), "--model", "magic").returncode
        == 2
    )
    missing = socialkpi("attribution", "--warehouse", str(tmp_path / "w.duckdb"))
    assert missing.returncode == 1
    assert "no warehouse" in missing.stderr


def test_identity_links_and_paths(hand_written):
    links = set(
        query(
            hand_written,
            "select linked_kind, linked_id, match_method, match_confidence from marts.fct_identity_links",
        )
    )
    assert links == {
        ("order", "9000000000001", "promo_code", "high"),
        ("order", "9000000000002", "tracked_link", "high"),
        ("order", "9000000000002", "email", "high"),
        ("contact", "501", "email", "high"),
        ("order", "9000000000003", "email", "high"),
        ("contact", "502", "handle", "medium"),
    }  # FALL15, given to two people, links nobody to O5
    conversions = {
        order: (tag, assisted, direct)
        for order, tag, assisted, direct in query(
            hand_written,
            "select order_id, path_tag, is_assisted, is_social_direct from marts.fct_conversions",
        )
    }
    assert conversions == {
        "9000000000001": ("comment→DM→sale", False, True),
        "9000000000002": ("DM-sale", False, True),
        "9000000000003": ("comment→sale", True, False),
        "9000000000005": ("non-social", False, False),
    }
    steps = query(
        hand_written,
        "select order_id, touchpoint_key, step_number from marts.fct_conversion_path_steps order by 1, 3",
    )
    assert [(o, k) for o, k, _ in steps] == [
        (order, key) for order, path in landing_data.PATHS.items() for key, _ in path
    ]  # D0, 46 days before O1, is outside the 30-day window
    orders = dict(
        query(hand_written, "select order_id, revenue_amount from marts.fct_orders where is_conversion")
    )
    assert {k: str(v) for k, v in orders.items()} == landing_data.REVENUE  # USD 60.00 × 1.3514 = 81.08


def test_roi_parts_of_the_month(hand_written):
    (row,) = query(
        hand_written,
        "select conversations, converted_conversations, social_conversion_rate, dm_conversations, "
        "converted_dm_conversations, dm_conversion_rate, leads, leads_synced_to_crm, crm_sync_completeness, "
        "qualifying_comments, converted_comments, comment_conversion_rate, promo_code_redemptions, "
        "community_influenced_revenue, assisted_value_share_numerator "
        "from reporting.rpt_revenue__unit_economics_monthly "
        "where grouping_level = 'month' and month = date '2026-09-01'",
    )
    # September: K1, D1, D2, K3, D4, D5; converted (on a path): K1, D1, D2, K3. DMs D1, D2, D4, D5.
    # Leads: D2 (its e-mail is a HubSpot contact) and K3 (not synced). Comments in scope: K1, K3, both convert.
    # Community-influenced: O1 + O2 + O3 (a social step on the path) = 231.08; assisted: O3 = 50.
    assert row[:13] == (6, 4, pytest.approx(4 / 6), 4, 2, 0.5, 2, 1, 0.5, 2, 2, 1.0, 1)
    assert row[13] == pytest.approx(231.08)
    assert row[14] == pytest.approx(50.0)


def test_funnels_retention_and_lift(hand_written):
    funnel = query(
        hand_written,
        "select sum(comments_in_scope), sum(comments_to_dm), sum(leads), sum(converted_leads), "
        "sum(converted_lead_revenue_amount) from reporting.rpt_revenue__response_funnel_monthly "
        "where month = date '2026-09-01'",
    )
    # K1 and K3 are in scope; neither author opened a DM within 24 h. Leads D2 and K3 are on the paths of
    # O2 (81.08) and O3 (50.00).
    assert funnel == [(2, 0, 2, 2, Decimal("131.08"))]
    stages = query(
        hand_written,
        "select sum(conversations), sum(attributed_conversions), sum(promo_code_redemptions) "
        "from reporting.rpt_revenue__funnel_monthly where month = date '2026-09-01'",
    )
    assert stages == [(6, pytest.approx(4.0), 1)]
    # every new customer's 60-day window runs past the last order (22 Sep): none is judged yet
    assert query(
        hand_written,
        "select sum(customers_window_incomplete), sum(served_customers + unserved_customers) "
        "from reporting.rpt_revenue__retention_uplift_monthly",
    ) == [(4, 0)]
    lift = {
        metric: row
        for metric, *row in query(
            hand_written,
            "select metric, control_n, treatment_n, control_value, treatment_value, absolute_lift, "
            "is_significant from reporting.rpt_attribution__lift_tests where language = '(all)'",
        )
    }
    # conversion: control D2 converted, D5 not; treatment D1 converted, D4 not. AOV: O1 100.00 vs O2 81.08.
    assert lift["conversion_rate"] == [2, 2, 0.5, 0.5, 0.0, False]
    assert lift["aov"] == [1, 1, pytest.approx(81.08), pytest.approx(100.0), pytest.approx(18.92), False]
    assert lift["retention_rate"] == [1, 1, 0.0, 0.0, 0.0, False]


def test_revenue_is_conserved_on_the_sample(sample_run):
    """Every model hands out exactly the conversions' revenue, per conversion, on the generated sample."""
    assert sample_run.returncode == 0, sample_run.stderr[-3000:]
    orders, revenue = query(
        sample_run.warehouse, "select count(*), sum(revenue_amount) from marts.fct_orders where is_conversion"
    )[0]
    assert orders > 100
    per_model = query(
        sample_run.warehouse,
        "select attribution_model, count(distinct order_id), sum(credit), sum(attributed_revenue_amount) "
        "from marts.fct_attribution_credits group by 1 order by 1",
    )
    assert [row[0] for row in per_model] == sorted(MODELS)
    for model, conversions, credits, attributed in per_model:
        assert (conversions, credits, attributed) == (orders, orders, revenue), model
    unbalanced = query(
        sample_run.warehouse,
        "select count(*) from (select order_id, attribution_model, sum(credit) as c, "
        "sum(attributed_revenue_amount) as r, max(order_revenue_amount) as o "
        "from marts.fct_attribution_credits group by 1, 2) where c <> 1 or r <> o",
    )
    assert unbalanced == [(0,)]
    # the export's line items never multiply an order's revenue
    raw_total = query(
        sample_run.warehouse,
        "select count(distinct order_id) from staging.stg_shopify__order_lines where order_id is not null",
    )[0][0]
    assert raw_total == query(sample_run.warehouse, "select count(*) from marts.fct_orders")[0][0]
