"""Flatten one `customerJourneySummary` object into a row; a malformed object raises ValueError."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from pipelines.files.values import MAX_INT, parse_id, parse_rfc3339

VISIT_FIELDS = ("landingPage", "referrerUrl", "referralCode", "source")
UTM_FIELDS = ("source", "medium", "campaign", "content", "term")


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


def _visit(prefix: str, visit: Any) -> dict[str, Any]:
    row: dict[str, Any] = {f"{prefix}_occurred_at": None}
    row.update({f"{prefix}_{_snake(name)}": None for name in VISIT_FIELDS})
    row.update({f"{prefix}_utm_{name}": None for name in UTM_FIELDS})
    if visit is None:
        return row
    if not isinstance(visit, dict):
        raise ValueError(f"{prefix}: not an object")
    if visit.get("occurredAt") is not None:
        try:
            row[f"{prefix}_occurred_at"] = parse_rfc3339(visit["occurredAt"])
        except ValueError as exc:
            raise ValueError(f"{prefix}.occurredAt: {exc}") from None
    for name in VISIT_FIELDS:
        value = visit.get(name)
        row[f"{prefix}_{_snake(name)}"] = None if value is None else str(value)
    utm = visit.get("utmParameters") or {}
    if not isinstance(utm, dict):
        raise ValueError(f"{prefix}.utmParameters: not an object")
    for name in UTM_FIELDS:
        value = utm.get(name)
        row[f"{prefix}_utm_{name}"] = None if value is None else str(value)
    return row


def flatten(record: Any) -> dict[str, Any]:
    if not isinstance(record, dict):
        raise ValueError("the line is not a JSON object")
    order_id = parse_id(None if record.get("order_id") is None else str(record["order_id"]))
    if not order_id:
        raise ValueError("order_id: required field is missing")
    row: dict[str, Any] = {"order_id": order_id}
    for name, key in (
        ("customer_order_index", "customerOrderIndex"),
        ("days_to_conversion", "daysToConversion"),
    ):
        value = record.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"{key}: {value!r} is not a whole number")
        if value is not None and abs(value) > MAX_INT:
            raise ValueError(f"{key}: {value} is beyond the largest whole number the warehouse holds")
        row[name] = value
    row.update(_visit("first_visit", record.get("firstVisit")))
    row.update(_visit("last_visit", record.get("lastVisit")))
    return row


def _visit_fields(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [
        (f"{prefix}_occurred_at", pa.timestamp("us")),
        *[(f"{prefix}_{_snake(name)}", pa.string()) for name in VISIT_FIELDS],
        *[(f"{prefix}_utm_{name}", pa.string()) for name in UTM_FIELDS],
    ]


ARROW_SCHEMA = pa.schema(
    [
        ("order_id", pa.string()),
        ("customer_order_index", pa.int64()),
        ("days_to_conversion", pa.int64()),
        *_visit_fields("first_visit"),
        *_visit_fields("last_visit"),
        ("raw_json", pa.string()),
        ("_source_file", pa.string()),
        ("_source_line", pa.int64()),
        ("_loaded_at", pa.timestamp("us")),
    ]
)
