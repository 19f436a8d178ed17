"""How the one-pager writes numbers: units, humanised durations, signs of changes, compact headline money."""

from __future__ import annotations

import pytest

from pipelines.onepager.figures import Figure
from pipelines.onepager.format import change_text, duration, headline_value, is_good, kpi_value


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0.8, "0.8 min"), (41.2, "41 min"), (185.0, "3 h 05 min"), (2461.1, "1 d 17 h")],
)
def test_durations_read_as_time(minutes, text):
    assert duration(minutes) == text


def test_values_by_unit():
    assert kpi_value(0.0436, "ratio") == "4.4 %"
    assert kpi_value(38071.96, "CAD") == "38,071.96 CAD"
    assert kpi_value(None, "CAD") == "–"
    assert kpi_value(552.0, "conversations") == "552"
    assert headline_value(38071.96, "CAD") == "38.1k CAD"
    assert headline_value(1_254_000.0, "EUR") == "1.25M EUR"
    assert headline_value(9_999.5, "CAD") == "9,999.50 CAD"
    assert headline_value(0.0436, "ratio") == "4.4 %"


def figure(value, previous, unit="ratio", lower_is_better=False) -> Figure:
    return Figure("k", "K", unit, value, None, None, previous, None, None, lower_is_better=lower_is_better)


def test_changes_are_relative_with_pp_beside_a_ratio():
    assert change_text(figure(0.025, 0.02)) == "+25.0 % (+0.5 pp)"
    assert change_text(figure(6.0, 10.0, "minutes")) == "−40.0 %"
    assert change_text(figure(0.2, 0.2)) == "0.0 % (0.0 pp)"  # no sign, no colour for no change
    assert change_text(figure(0.2, None)) is None
    assert change_text(figure(0.1, 0.0)) == "+10.0 pp"  # from 0 there is no relative change


def test_good_depends_on_the_direction():
    assert is_good(figure(6.0, 10.0, "minutes", lower_is_better=True)) is True
    assert is_good(figure(12.0, 10.0, "CAD", lower_is_better=True)) is False
    assert is_good(figure(0.5, 0.4)) is True
    assert is_good(figure(0.4, 0.4)) is None
