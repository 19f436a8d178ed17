"""Formula cells are escaped in every CSV the command line and the app write; numbers stay numbers."""

from __future__ import annotations

import csv
import io
import sys
from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from pipelines import attribution, kpis
from pipelines.config import REPO_ROOT
from pipelines.csvsafe import safe_cell

if str(REPO_ROOT / "app") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "app"))

FORMULAS = [
    '=HYPERLINK("http://x.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1",
    "\r=1",
    "-",
    "+",
    "=",
]
TEXT = ["plain", "a=b", "x-1", "'already quoted", "", "spring-sale", " =1 (space first)"]
NUMBERS_AS_TEXT = ["-3.5", "+2", "-0.125", "-1e-05", "-12", "-.5"]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_cell_a_spreadsheet_would_run_gets_a_quote(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", TEXT + NUMBERS_AS_TEXT)
def test_text_and_numbers_are_left_alone(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", [-3.5, -12, Decimal("-0.1250000000"), None, True, date(2017, 3, 1)])
def test_non_text_values_are_left_alone(value):
    assert safe_cell(value) == value


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_kpis_csv_escapes_group_names_and_keeps_negative_numbers():
    rows = [
        {"kpi": "conversations", "value": 2.0, "numerator": None, "denominator": None, "unit": "conversations",
         "template": FORMULAS[1], "campaign": FORMULAS[0], "previous_value": 4.0, "change": -0.5, "note": None},
        {"kpi": "conversations", "value": -3.5, "numerator": None, "denominator": None, "unit": "conversations",
         "template": "-3.5", "campaign": "spring", "previous_value": None, "change": None, "note": "=note"},
    ]  # fmt: skip
    out = parse(kpis.render(rows, ("template", "campaign"), "csv", compare_previous=True))
    assert out == [
        ["kpi", "value", "numerator", "denominator", "unit", "template", "campaign", "previous_value", "change", "note"],
        ["conversations", "2.0", "", "", "conversations", "'" + FORMULAS[1], "'" + FORMULAS[0], "4.0", "-0.5", ""],
        ["conversations", "-3.5", "", "", "conversations", "-3.5", "spring", "", "", "'=note"],
    ]  # fmt: skip


def test_attribution_csv_escapes_campaigns_and_keeps_negative_decimals():
    rows = [
        {"attribution_model": "linear", "campaign": "@evil", "conversions": Decimal("0.5000000000"),
         "revenue_amount": Decimal("-12.50"), "currency_code": "EUR"},
    ]  # fmt: skip
    request = attribution.AttributionRequest(by=("campaign",))
    out = parse(attribution.render(rows, attribution.columns_for(request), "csv"))
    assert out == [
        ["attribution_model", "campaign", "conversions", "revenue_amount", "currency_code"],
        ["linear", "'@evil", "0.5", "-12.5", "EUR"],
    ]


def test_app_download_escapes_text_cells_and_keeps_number_columns():
    from lib.downloads import csv_bytes

    table = pd.DataFrame(
        {
            "Template": [FORMULAS[0], "welcome", "-1"],
            "Change": [-0.25, 0.5, None],
            "Conversations": [3, -1, 0],
            "=Evil header": ["a", "b", "c"],
        }
    )
    text = csv_bytes(table).decode("utf-8-sig")
    assert parse(text) == [
        ["Template", "Change", "Conversations", "'=Evil header"],
        ["'" + FORMULAS[0], "-0.25", "3", "a"],
        ["welcome", "0.5", "-1", "b"],
        ["-1", "", "0", "c"],
    ]
