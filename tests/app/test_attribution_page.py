"""The Attribution & ROI page under AppTest, on the hand-written attribution marts of attribution_fixture.py:
every model's conversions and revenue worked out here from the credits, the paths, the lift tests, for every
filter, including selections that match nothing."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from attribution_fixture import CREDITS, LIFT, ORDERS, PATHS
from streamlit.testing.v1 import AppTest

if TYPE_CHECKING:
    from conftest import FixtureWarehouse

APP_SCRIPT = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"
PAGE = "app_pages/attribution.py"
LABELS = {
    "last_non_direct": "Last non-direct click",
    "last_touch_utm": "Last touch (UTM)",
    "linear": "Linear",
}


def open_page(query_params: dict[str, str | list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=30)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table_with(at: AppTest, column: str):
    return next(f.value for f in at.dataframe if column in f.value.columns)


def by_model(platforms=(), channels=()) -> dict[str, dict[str, float]]:
    """Per model, worked out from the fixture's credits: credited conversions and revenue, unattributed."""
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for order, model, _key, channel, platform, _social, credit in CREDITS:
        if (platforms and platform not in platforms) or (channels and channel not in channels):
            continue
        revenue = round(ORDERS[order][1] * credit, 6)
        if channel == "unattributed":
            totals[model]["unattributed"] += credit
        else:
            totals[model]["conversions"] += credit
            totals[model]["revenue"] += revenue
    return totals


def test_models_side_by_side(serving_warehouse: FixtureWarehouse) -> None:
    at = open_page()

    assert at.title[0].value == "Attribution & ROI"
    models = table_with(at, "Unattributed")
    # GA4's last non-direct click first: the model a reader should compare the others with
    assert list(models["id"]) == ["last_non_direct", "last_touch_utm", "linear"]
    want = by_model()
    for row in models.to_dict("records"):
        model = row["id"]
        assert row["Model"] == LABELS[model]
        assert row["Conversions"] == pytest.approx(want[model]["conversions"])
        assert row["Revenue (CAD)"] == pytest.approx(want[model]["revenue"])
        assert row["Unattributed"] == pytest.approx(want[model]["unattributed"] / len(ORDERS))
    # B's last visit is direct: UTM-only last touch leaves B unattributed, last non-direct credits its search visit
    assert models.set_index("id").loc["last_touch_utm", "Unattributed"] == pytest.approx(2 / 3)
    assert models.set_index("id").loc["last_non_direct", "Unattributed"] == pytest.approx(1 / 3)
    assert len(at.get("vega_lite_chart")) == 2  # credits per channel, lift intervals


def test_paths_and_tags(serving_warehouse: FixtureWarehouse) -> None:
    at = open_page()

    tags = table_with(at, "Path tag")
    counts = defaultdict(int)
    for tag, _path, _steps in PATHS.values():
        counts[tag] += 1
    assert dict(zip(tags["Path tag"], tags["Conversions"], strict=True)) == counts
    paths = table_with(at, "Steps (mean)")
    assert set(paths["Path"]) == {path for _tag, path, _steps in PATHS.values()}


def test_lift_tests_with_intervals(serving_warehouse: FixtureWarehouse) -> None:
    at = open_page()
    lift = table_with(at, "95% CI low")
    assert len(lift) == 1
    (language, _cn, _tn, _c, _t, absolute, low, high, p, met, significant) = LIFT[0]
    row = lift.iloc[0]
    assert (row["Language"], row["Lift"], row["95% CI low"], row["95% CI high"]) == (
        "All",
        absolute,
        low,
        high,
    )
    assert row["Verdict"] == "No significant difference"

    at = open_page({"language": "fr-CA"})
    lift = table_with(at, "95% CI low")
    assert list(lift["Language"]) == ["French (Canada)"]
    assert lift.iloc[0]["Verdict"] == "Too few to tell"  # below the minimum sample per arm
    assert any("language filter applies to the lift tests only" in c.value for c in at.caption)


def test_platform_and_channel_filters_apply_to_the_credited_touchpoint(
    serving_warehouse: FixtureWarehouse,
) -> None:
    at = open_page({"platform": "instagram", "channel": "dm"})

    models = table_with(at, "Unattributed")
    want = by_model(platforms=("instagram",), channels=("dm",))
    assert list(models["id"]) == ["linear"]  # only linear credits A's Instagram DM
    assert models.iloc[0]["Conversions"] == pytest.approx(want["linear"]["conversions"])
    assert models.iloc[0]["Revenue (CAD)"] == pytest.approx(want["linear"]["revenue"])


@pytest.mark.parametrize(
    "params",
    [
        {"platform": "facebook", "channel": "comment"},  # no credit matches
        {"period": ["2025-03-13", "2025-03-16"]},  # no conversion in the period
    ],
)
def test_a_selection_without_conversions_says_so(serving_warehouse: FixtureWarehouse, params) -> None:
    at = open_page(params)

    assert "No conversion in this period matches these filters" in at.info[0].value
    assert not at.error
