"""How numbers read on screen (app/lib/display.py), against values written out by hand: the defects seen in a
real browser — "2461.1 min", a red "−0.0 pp", "4" for 4.40, grey "None" cells."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from lib import display


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (2461.1, "1 d 17 h"),  # 41 h 1 min: days and hours, never "2461.1 min"
        (41.0, "41 min"),
        (0.8, "48 s"),
        (111.7, "1 h 52 min"),
        (60.0, "1 h"),
        (24 * 60.0, "1 d"),
        (0.0, "0 s"),
        (None, "—"),
        (math.nan, "—"),
    ],
)
def test_durations_are_humanised(minutes, text):
    assert display.duration(minutes) == text
    assert display.minutes(minutes) == text


def test_a_change_that_rounds_to_zero_has_no_sign_and_no_colour():
    tiny = display.rate_delta(0.5, 0.50004)  # −0.004 pp, "−0.0 pp" before
    assert tiny == "no change"
    assert display.metric_delta(tiny) == {"delta": "no change", "delta_color": "off", "delta_arrow": "off"}
    assert display.rate_delta(0.6, 0.5) == "+10.0 pp"
    assert display.metric_delta("+10.0 pp", "inverse") == {
        "delta": "+10.0 pp",
        "delta_color": "inverse",
        "delta_arrow": "auto",
    }
    assert display.count_delta(1000, 1000.2) == "no change"
    assert display.count_delta(110, 100) == "+10.0%"
    assert display.minutes_delta(30.0, 30.001) == "no change"
    assert display.minutes_delta(90.0, 30.0) == "+1 h"
    assert display.minutes_delta(30.0, 71.0) == "-41 min"


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (4.40, "CAD", "4.40 CAD"),  # money always 2 decimals
        (1234.0, "CAD", "1,234.00 CAD"),
        (4.40, "orders", "4.40"),  # a unit without its own rule: 2 decimals, never "4"
        (4.0, "orders", "4.00"),
        (2.5, "times", "2.50"),
        (0.1234, "ratio", "12.3%"),
        (1234.0, "conversations", "1,234"),
        (2461.1, "minutes", "1 d 17 h"),
        (None, "CAD", "—"),
        (None, "orders", "—"),
    ],
)
def test_one_format_per_unit(value, unit, text):
    assert display.kpi_value(value, unit) == text


def test_tables_show_a_dash_for_missing_cells_and_keep_the_numbers():
    table = pd.DataFrame(
        {"Language": ["en", None], "Minutes": [2461.1, None], "Share": [0.125, float("nan")]}
    )
    styled = display.styled(table, {"Minutes": display.duration, "Share": "{:.1%}"})
    html = styled.to_html()
    assert "None" not in html and "nan" not in html
    assert html.count("—") == 3
    assert "1 d 17 h" in html and "12.5%" in html
    assert styled.data["Minutes"].iloc[0] == 2461.1  # the data stays numeric (sorting, downloads)
