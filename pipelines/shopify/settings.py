"""Shopify orders export (`orders_export*.csv`) and order journeys (`order_journeys*.jsonl`).

Orders export: one row per LINE ITEM; order-level fields (totals, status, discount, note attributes …) are
filled only on an order's first row. Grain of `shopify_order_lines`: order name × line index (1-based, in
file order); merge on both. Timestamps like `2025-09-11 20:20:59 -0300` are stored in UTC.
Older exports lack `Outstanding Balance, Employee, Location, Device ID`: those are optional. The CSV has no
landing page or UTM column: UTM comes from `Note Attributes` and from the order journeys.
Order journeys: one object per order in the shape of `Order.customerJourneySummary`; grain one row per
order; merge on `order_id`.
"""

from __future__ import annotations

import pyarrow as pa

from pipelines.files import values
from pipelines.files.tabular import Column, Layout

ORDER_GLOBS = ("commerce/orders_export*.csv", "commerce/**/orders_export*.csv")
JOURNEY_GLOBS = ("commerce/order_journeys*.jsonl", "commerce/**/order_journeys*.jsonl")
ORDER_LINES_TABLE = "shopify_order_lines"
JOURNEYS_TABLE = "shopify_order_journeys"

TIMESTAMP_FORMATS = ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%Y-%m-%dT%H:%M:%S%z")
DECIMAL = pa.decimal128(18, 4)


def _ts(name: str, header: str, required: bool = False) -> Column:
    return Column(
        name, (header,), pa.timestamp("us"), lambda v: values.parse_datetime(v, TIMESTAMP_FORMATS), required
    )


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
        Column("currency_code", ("Currency",), required=True),
        _money("subtotal_amount", "Subtotal"),
        _money("shipping_amount", "Shipping"),
        _money("taxes_amount", "Taxes"),
        _money("total_amount", "Total", required=True),
        Column("discount_code", ("Discount Code",)),
        _money("discount_amount", "Discount Amount"),
        _ts("created_at", "Created at", required=True),
        _ts("cancelled_at", "Cancelled at"),
        _money("refunded_amount", "Refunded Amount"),
        Column("order_id", ("Id",), pa.string(), values.parse_id, required=True),
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
