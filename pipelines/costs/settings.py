"""costs.csv — our own small format (no tool exports it).

`month (YYYY-MM), category (support_staff | automation_tooling | ad_spend | other), platform, campaign,
amount, currency, agent_hours`. Grain: one row per month × category × platform × campaign (`cost_key`);
a second row with the same key is rejected rather than silently merged. Amounts stay in the row's currency
here; conversion to the reporting currency happens in dbt, which rejects a currency without a rate.
"""

from __future__ import annotations

import re
from datetime import date

import pyarrow as pa

from pipelines.files import values
from pipelines.files.tabular import Column, Layout

TABLE = "costs"
CATEGORIES = ("support_staff", "automation_tooling", "ad_spend", "other")


def parse_month(value: str | None) -> date | None:
    text = values.clean(value)
    if text is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}", text):
        raise ValueError(f"{text!r} is not a month YYYY-MM")
    year, month = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a month YYYY-MM")
    return date(year, month, 1)


def parse_category(value: str | None) -> str | None:
    text = values.clean(value)
    if text is not None and text not in CATEGORIES:
        raise ValueError(f"{text!r} is not one of {', '.join(CATEGORIES)}")
    return text


def parse_currency(value: str | None) -> str | None:
    text = values.clean(value)
    if text is not None and not re.fullmatch(r"[A-Za-z]{3}", text):
        raise ValueError(f"{text!r} is not a three-letter currency code")
    return text.upper() if text else None


COSTS = Layout(
    name="costs.csv",
    columns=(
        Column("month", ("month",), pa.date32(), parse_month, required=True, required_value=True),
        Column("category", ("category",), pa.string(), parse_category, required=True, required_value=True),
        Column("platform", ("platform",)),
        Column("campaign", ("campaign",)),
        Column(
            "amount",
            ("amount",),
            pa.decimal128(18, 4),
            values.parse_decimal,
            required=True,
            required_value=True,
        ),
        Column(
            "currency_code", ("currency",), pa.string(), parse_currency, required=True, required_value=True
        ),
        Column("agent_hours", ("agent_hours",), pa.float64(), values.parse_float),
    ),
)
