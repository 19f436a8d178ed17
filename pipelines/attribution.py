"""`socialkpi attribution`: attributed conversions and revenue per attribution model and group, or with
`--conversions` one row per conversion × model × credited touchpoint.

The credits are computed in dbt (`marts.fct_attribution_credits`): per conversion and model they sum to exactly 1
and the attributed revenue to exactly the order's revenue. This module only filters and sums them. Credits and
money stay decimals: CSV prints them exactly; JSON writes them as numbers.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from pipelines.config import serving_path
from pipelines.csvsafe import safe_row

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
# --by group -> SQL on marts.fct_attribution_credits
GROUPS = {
    "model": "attribution_model",
    "platform": "coalesce(platform, '(none)')",
    "campaign": "campaign_tag",
    "channel": "channel",
    "month": "conversion_month",
}
SUMMARY_COLUMNS = ("attribution_model", "conversions", "revenue_amount", "currency_code")
CONVERSION_COLUMNS = (
    "order_id",
    "attribution_model",
    "touchpoint_key",
    "touchpoint_type",
    "channel",
    "platform",
    "campaign_tag",
    "step_number",
    "touched_at",
    "converted_at",
    "conversion_date",
    "path_tag",
    "credit",
    "order_revenue_amount",
    "attributed_revenue_amount",
    "currency_code",
)


class AttributionExportError(ValueError):
    """The request cannot be answered (no warehouse, no attribution marts)."""


@dataclass(frozen=True)
class AttributionRequest:
    models: tuple[str, ...] = ()
    by: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    conversions: bool = False


def parse_by(value: str) -> tuple[str, ...]:
    """`platform,month` -> ("platform", "month"); raises ValueError naming an unknown group."""
    groups = tuple(part.strip() for part in value.split(",") if part.strip())
    unknown = [group for group in groups if group not in GROUPS]
    if unknown:
        raise ValueError(f"unknown group {', '.join(unknown)}: choose from {', '.join(GROUPS)}")
    return tuple(dict.fromkeys(groups))


def readable_file(warehouse: Path) -> Path:
    """The published serving copy when there is one (checked, never locked by a load), else the file itself."""
    published = serving_path(warehouse)
    if published.exists():
        return published
    if warehouse.exists():
        return warehouse
    raise AttributionExportError(f"no warehouse at {warehouse}: run `socialkpi run` first")


def _where(request: AttributionRequest, alias: str = "") -> tuple[str, list]:
    prefix = f"{alias}." if alias else ""
    conditions, parameters = [], []
    if request.models:
        conditions.append(f"{prefix}attribution_model in ({', '.join('?' for _ in request.models)})")
        parameters.extend(request.models)
    if request.date_from:
        conditions.append(f"{prefix}conversion_date >= ?")
        parameters.append(request.date_from)
    if request.date_to:
        conditions.append(f"{prefix}conversion_date <= ?")
        parameters.append(request.date_to)
    return (" where " + " and ".join(conditions) if conditions else ""), parameters


def _model_order(column: str) -> str:
    cases = " ".join(f"when '{model}' then {i}" for i, model in enumerate(MODELS))
    return f"case {column} {cases} else {len(MODELS)} end"


def summary_query(request: AttributionRequest) -> tuple[str, list]:
    groups = [group for group in request.by if group != "model"]
    selects = [f"{GROUPS[group]} as {group}" for group in groups]
    where, parameters = _where(request)
    group_by = ", ".join(["attribution_model", *(GROUPS[group] for group in groups)])
    order_by = ", ".join([_model_order("attribution_model"), *(GROUPS[group] for group in groups)])
    sql = (
        "select attribution_model, "
        + "".join(f"{select}, " for select in selects)
        + "sum(credit) as conversions, sum(attributed_revenue_amount) as revenue_amount, "
        "min(currency_code) as currency_code "
        f"from marts.fct_attribution_credits{where} group by {group_by} order by {order_by}"
    )
    return sql, parameters


def conversions_query(request: AttributionRequest) -> tuple[str, list]:
    where, parameters = _where(request, "credits")
    sql = (
        "select credits.order_id, credits.attribution_model, credits.touchpoint_key, credits.touchpoint_type, "
        "credits.channel, credits.platform, credits.campaign_tag, credits.step_number, credits.touched_at, "
        "credits.converted_at, credits.conversion_date, conversions.path_tag, credits.credit, "
        "credits.order_revenue_amount, credits.attributed_revenue_amount, credits.currency_code "
        "from marts.fct_attribution_credits as credits "
        "left join marts.fct_conversions as conversions on credits.order_id = conversions.order_id"
        f"{where} order by credits.converted_at, credits.order_id, "
        f"{_model_order('credits.attribution_model')}, credits.step_number nulls first"
    )
    return sql, parameters


def compute(con: duckdb.DuckDBPyConnection, request: AttributionRequest) -> list[dict]:
    sql, parameters = conversions_query(request) if request.conversions else summary_query(request)
    try:
        cursor = con.execute(sql, parameters)
    except duckdb.CatalogException as exc:
        raise AttributionExportError(
            "the warehouse has no attribution marts (marts.fct_attribution_credits): run `socialkpi transform`"
        ) from exc
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def export_attribution(warehouse: Path, request: AttributionRequest) -> list[dict]:
    con = duckdb.connect(str(readable_file(warehouse)), read_only=True)
    try:
        return compute(con, request)
    finally:
        con.close()


def columns_for(request: AttributionRequest) -> tuple[str, ...]:
    if request.conversions:
        return CONVERSION_COLUMNS
    groups = tuple(group for group in request.by if group != "model")
    return (SUMMARY_COLUMNS[0], *groups, *SUMMARY_COLUMNS[1:])


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _json_value(value: object) -> object:
    value = _plain(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _csv_value(value: object) -> object:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return value


def render(rows: list[dict], columns: tuple[str, ...], output_format: str) -> str:
    """CSV (exact decimals, empty cells for NULL) or JSON (a list of objects), columns in a fixed order."""
    if output_format == "json":
        return json.dumps([{c: _json_value(row.get(c)) for c in columns} for row in rows], indent=1) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(safe_row(list(columns)))
    for row in rows:  # formula-safe cells: campaign tags come from UTM parameters (pipelines/csvsafe.py)
        writer.writerow(safe_row([_csv_value(row.get(c)) for c in columns]))
    return buffer.getvalue()
