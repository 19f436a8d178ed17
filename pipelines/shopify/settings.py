"""Shopify orders export and order journeys (`order_journeys*.jsonl`).

Orders export, under any file name (`orders_export_1.csv`, `Shopify_orders_export_2.csv`,
`orders_export_1 (1).csv`) or as the zip Shopify e-mails for a large export (one or more such CSVs):
one row per LINE ITEM; order-level fields (totals, status, currency, discount, note attributes …) are
filled only on an order's first row, `Name`, `Email`, `Created at` and the `Lineitem …` columns on every
row. Grain of `shopify_order_lines`: order name × line index (1-based, in file order); merge on both.
Timestamps like `2025-09-11 20:20:59 -0300` are stored in UTC; amounts have a dot decimal and as many
decimals as the currency has (`163056` CLP, `54.50` USD). `Currency` is the order's ISO code: one file
holds orders in several currencies (conversion happens downstream, from the user's settings).
The header grew over the years, every generation is read: before 2014 it ended at `Cancelled at` (no
`Id`, `Refunded Amount`, `Source` …), then `Payment Method … Tax 5 Value` (65 columns), `Phone … Next
Payment Due At` (72), `Payment ID, Payment References` (75) and today's 79 with `Outstanding Balance,
Employee, Location, Device ID`. Only the line-item and order columns below marked required are needed.
The CSV has no landing page or UTM column: UTM comes from `Note Attributes` and from the order journeys.
Order journeys: one object per order in the shape of `Order.customerJourneySummary`; grain one row per
order; merge on `order_id`.
"""

from __future__ import annotations

import pyarrow as pa

from pipelines.files import values
from pipelines.files.tabular import Column, Layout

ORDER_LINES_TABLE = "shopify_order_lines"
JOURNEYS_TABLE = "shopify_order_journeys"

TIMESTAMP_FORMATS = ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%Y-%m-%dT%H:%M:%S%z")
DECIMAL = pa.decimal128(18, 4)


def _ts(name: str, header: str, required: bool = False) -> Column:
    return Column(
        name, (header,), pa.timestamp("us"), lambda v: values.parse_datetime(v, TIMESTAMP_FORMATS), required
    )


def parse_currency(value: str | None) -> str | None:
    """An ISO 4217 code (`ZAR`, `usd`); anything else is a reject naming the value."""
    text = values.clean(value)
    if text is None:
        return None
    if len(text) != 3 or not text.isascii() or not text.isalpha():
        raise ValueError(f"{text!r} is not a three-letter ISO 4217 currency code")
    return text.upper()


def _money(name: str, header: str, required: bool = False) -> Column:
    return Column(name, (header,), DECIMAL, values.parse_decimal, required)


ORDERS = Layout(
    name="Shopify orders export",
    columns=(
        Column("order_name", ("Name",), required=True, required_value=True),
        Column("email", ("Email",), required=True),
        Column("financial_status", ("Financial Status",), required=True),
        _ts("paid_at", "Paid at"),
        Column("fulfillment_status", ("Fulfillment Status",)),
        Column("currency_code", ("Currency",), parse=parse_currency, required=True),
        _money("subtotal_amount", "Subtotal"),
        _money("shipping_amount", "Shipping"),
        _money("taxes_amount", "Taxes"),
        _money("total_amount", "Total", required=True),
        Column("discount_code", ("Discount Code",)),
        _money("discount_amount", "Discount Amount"),
        _ts("created_at", "Created at", required=True),
        _ts("cancelled_at", "Cancelled at"),
        _money("refunded_amount", "Refunded Amount"),
        Column("order_id", ("Id",), pa.string(), values.parse_id),
        Column("tags", ("Tags",)),
        Column("source_name", ("Source",)),
        Column("note_attributes", ("Note Attributes",)),
        Column("lineitem_quantity", ("Lineitem quantity",), pa.int64(), values.parse_int, required=True),
        Column("lineitem_name", ("Lineitem name",), required=True),
        _money("lineitem_price", "Lineitem price", required=True),
        Column("lineitem_sku", ("Lineitem sku",)),
        _money("lineitem_discount_amount", "Lineitem discount"),
        Column("payment_method", ("Payment Method",)),
    ),
)

# Optional columns a KPI reads, and what stays empty without them (a note on the file, never a reject).
FEEDS = {
    "order_id": "orders are keyed by their `Name` and cannot be joined to their journeys (first/last "
    "visit, landing page, UTM), so visit touchpoints and the attribution KPIs built on them stay empty for "
    "these orders",
    "discount_code": "promo-code redemptions (promo_code_redemptions, DM-sale paths) stay empty",
    "note_attributes": "UTM parameters from the checkout's note attributes stay empty (visit "
    "touchpoints then come from the order journeys only)",
    "refunded_amount": "refunds are not deducted from revenue (taken as 0)",
}
