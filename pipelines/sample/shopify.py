"""The Shopify orders export (`orders_export_<n>.csv`) and the order journeys file.

One row per line item; order-level fields only on an order's first row (Name, Email, Created at and the
line-item columns repeat on every row). `orders_export_1.csv` (August-September) has the older 75-column
header without `Outstanding Balance, Employee, Location, Device ID`; `orders_export_2.csv` (October) has
today's 79 columns. No BOM, LF line endings.
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

from . import timefmt
from .calendar import HOUR_S, WELCOME_V2_FROM, local_epoch
from .catalog import BRAND
from .ids import BASE62, chars, digits
from .orders import EXPORT_END, Order, OrderBook
from .writers import CsvFile, LineFile

HEADER = [
    "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at", "Accepts Marketing",
    "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code", "Discount Amount", "Shipping Method",
    "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem compare at price",
    "Lineitem sku", "Lineitem requires shipping", "Lineitem taxable", "Lineitem fulfillment status",
    "Billing Name", "Billing Street", "Billing Address1", "Billing Address2", "Billing Company", "Billing City",
    "Billing Zip", "Billing Province", "Billing Country", "Billing Phone", "Shipping Name", "Shipping Street",
    "Shipping Address1", "Shipping Address2", "Shipping Company", "Shipping City", "Shipping Zip",
    "Shipping Province", "Shipping Country", "Shipping Phone", "Notes", "Note Attributes", "Cancelled at",
    "Payment Method", "Payment Reference", "Refunded Amount", "Vendor", "Outstanding Balance", "Employee",
    "Location", "Device ID", "Id", "Tags", "Risk Level", "Source", "Lineitem discount", "Tax 1 Name",
    "Tax 1 Value", "Tax 2 Name", "Tax 2 Value", "Tax 3 Name", "Tax 3 Value", "Tax 4 Name", "Tax 4 Value",
    "Tax 5 Name", "Tax 5 Value", "Phone", "Receipt Number", "Duties", "Billing Province Name",
    "Shipping Province Name", "Payment ID", "Payment Terms Name", "Next Payment Due At", "Payment References",
]  # fmt: skip
NEWER_COLUMNS = ("Outstanding Balance", "Employee", "Location", "Device ID")
OLD_HEADER = [c for c in HEADER if c not in NEWER_COLUMNS]
# columns filled on every line-item row; all others only on an order's first row
LINE_COLUMNS = {
    "Name", "Email", "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price",
    "Lineitem compare at price", "Lineitem sku", "Lineitem requires shipping", "Lineitem taxable",
    "Lineitem fulfillment status", "Vendor", "Lineitem discount",
}  # fmt: skip
TAXES = {
    "ON": (("HST 13%", 0.13),), "QC": (("GST 5%", 0.05), ("QST 9.975%", 0.09975)),
    "BC": (("GST 5%", 0.05), ("BC PST 7%", 0.07)), "AB": (("GST 5%", 0.05),),
    "MB": (("GST 5%", 0.05), ("MB RST 7%", 0.07)), "SK": (("GST 5%", 0.05), ("SK PST 6%", 0.06)),
    "NS": (("HST 14%", 0.14),), "NB": (("HST 15%", 0.15),), "NL": (("HST 15%", 0.15),), "PE": (("HST 15%", 0.15),),
}  # fmt: skip
USD_RATE = 0.74
ENCODER = json.JSONEncoder(ensure_ascii=False)
NOTES = (
    "Please leave the parcel at the side door, thanks!",
    "C'est un cadeau, merci de ne pas inclure la facture.",
    "Gift for my dad\nHappy birthday, love you!",
    'Can you write "Joyeux anniversaire" on the card?',
)
SPLIT_DAY = date(2026, 10, 1)  # orders from this day on go to orders_export_2.csv
DOWNLOADED = local_epoch(date(2026, 11, 1), 10 * HOUR_S)


def money(x: float) -> str:
    return f"{x:.2f}"


def _price(order: Order, cad: float) -> float:
    return round(cad * USD_RATE) if order.currency == "USD" else cad


def _zip(code: str) -> str:
    return "'" + code if code[:1] == "0" else code  # Shopify protects leading zeros with an apostrophe


def _note_attributes(order: Order) -> str:
    visit = order.last_visit
    if visit is None or visit.utm is None:
        return ""
    old_app = order.ts < local_epoch(WELCOME_V2_FROM)  # the attribution app changed its spelling then
    lines = []
    for key in ("source", "medium", "campaign", "content"):
        value = visit.utm.get(key)
        if value is not None:
            lines.append(f"UTM {key}: {value}" if old_app else f"utm_{key}: {value}")
    return "\n".join(lines)


class OrderRows:
    """Turns an Order into export rows (dicts by column name) and a journey line."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def rows(self, order: Order) -> list[dict[str, str]]:
        rng, person = self.rng, order.person
        lines = [(p, q, _price(order, p.price)) for p, q in order.items]
        gross = sum(q * price for _, q, price in lines)
        discount = round(gross * order.discount_pct / 100, 2) if order.discount_code else 0.0
        subtotal = round(gross - discount, 2)
        pos = order.source == "pos"
        if pos:
            shipping, method = 0.0, ""
        elif order.currency == "USD":
            shipping, method = _price(order, 19.95), "International Shipping"
        elif rng.random() < 0.1:
            shipping, method = 15.95, "Expedited Parcel"
        elif subtotal >= 75:
            shipping, method = 0.0, "Free Shipping"
        else:
            shipping, method = 9.95, "Standard Shipping"
        if pos:
            tax_lines = [(n, round(subtotal * r, 2)) for n, r in TAXES["QC"]]  # the pop-up is in Montréal
        elif order.currency == "USD":
            tax_lines = []
        else:
            tax_lines = [(n, round((subtotal + shipping) * r, 2)) for n, r in TAXES[person.province]]
        taxes = round(sum(v for _, v in tax_lines), 2)
        total = round(subtotal + shipping + taxes, 2)
        status, refunded, cancelled_at, paid = self._money_status(order, total, lines)
        fulfilled_at = order.ts + 3600 * rng.uniform(6, 72)
        fulfilled = pos or (status not in ("voided",) and not cancelled_at and fulfilled_at < EXPORT_END)
        if pos:
            fulfilled_at = order.ts
        payment_id = "r" + chars(rng, BASE62, 25) if paid else ""
        first: dict[str, str] = {
            "Financial Status": status,
            "Paid at": timefmt.shopify(order.ts + rng.uniform(1, 5)) if paid else "",
            "Fulfillment Status": "fulfilled" if fulfilled else "unfulfilled",
            "Fulfilled at": timefmt.shopify(fulfilled_at) if fulfilled else "",
            "Accepts Marketing": "yes" if person.accepts_marketing else "no",
            "Currency": order.currency,
            "Subtotal": money(subtotal), "Shipping": money(shipping), "Taxes": money(taxes), "Total": money(total),
            "Discount Code": order.discount_code or "", "Discount Amount": money(discount),
            "Shipping Method": method,
            "Notes": rng.choice(NOTES) if rng.random() < 0.03 else "",
            "Note Attributes": _note_attributes(order) if rng.random() < 0.65 else "",
            "Cancelled at": timefmt.shopify(cancelled_at) if cancelled_at else "",
            "Payment Method": self._payment_method(order, paid),
            "Payment Reference": f"c{digits(rng, 14)}.1" if paid else "",
            "Refunded Amount": money(refunded),
            "Outstanding Balance": money(0.0 if paid or cancelled_at else total),
            "Id": order.order_id, "Tags": ", ".join(order.tags),
            "Risk Level": rng.choices(("Low", "Medium", "High"), weights=(0.94, 0.05, 0.01))[0],
            "Source": order.source,
            "Phone": person.phone if rng.random() < 0.35 else "",
            "Payment ID": payment_id, "Payment References": payment_id,
            "Billing Province Name": person.province_name, "Shipping Province Name": "" if pos else person.province_name,
        }  # fmt: skip
        if pos:
            first.update({"Employee": "Camille Roy", "Location": "Pop-up Mile End", "Device ID": "3",
                          "Receipt Number": f"{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}"})  # fmt: skip
        if order.source == "shopify_draft_order" and not paid and not cancelled_at:
            first["Payment Terms Name"] = "Net 15"
            first["Next Payment Due At"] = timefmt.shopify(order.ts + 15 * 86400)
        for i, (name, value) in enumerate(tax_lines, start=1):
            first[f"Tax {i} Name"], first[f"Tax {i} Value"] = name, money(value)
        first.update(self._addresses(order, pos))
        rows = []
        created = timefmt.shopify(order.ts)
        allocated = 0.0
        for i, (product, qty, price) in enumerate(lines):
            share = (
                round(discount * qty * price / gross, 2)
                if i < len(lines) - 1
                else round(discount - allocated, 2)
            )
            allocated += share
            row = dict(first) if i == 0 else {}
            row.update({
                "Name": order.name, "Email": person.email, "Created at": created,
                "Lineitem quantity": str(qty), "Lineitem name": f"{product.name_en} - {product.variant}",
                "Lineitem price": money(price), "Lineitem compare at price":
                money(_price(order, product.compare_at)) if product.compare_at else "",
                "Lineitem sku": product.sku, "Lineitem requires shipping": "false" if not product.sku else "true",
                "Lineitem taxable": "false" if not product.sku else "true",
                "Lineitem fulfillment status": "fulfilled" if fulfilled else "pending",
                "Vendor": BRAND, "Lineitem discount": money(share),
            })  # fmt: skip
            rows.append(row)
        return rows

    def _money_status(self, order: Order, total: float, lines: list) -> tuple[str, float, float | None, bool]:
        """(financial status, refunded amount, cancelled at, paid?)."""
        u = self.rng.random()
        if order.source == "shopify_draft_order" and u < 0.3:
            return "pending", 0.0, None, False
        if u < 0.025:
            return "refunded", total, order.ts + 3600 * self.rng.uniform(1, 40), True
        if u < 0.065:
            return "refunded", total, None, True
        if u < 0.085 and len(lines) > 1:
            return "partially_refunded", lines[-1][2] * lines[-1][1], None, True
        return "paid", 0.0, None, True

    def _payment_method(self, order: Order, paid: bool) -> str:
        if not paid:
            return "manual"
        if order.source == "pos":
            return self.rng.choice(("Shopify Payments", "Cash"))
        return self.rng.choices(
            ("Shopify Payments", "PayPal Express Checkout", "gift_card"), weights=(82, 16, 2)
        )[0]

    def _addresses(self, order: Order, pos: bool) -> dict[str, str]:
        p = order.person
        billing = {
            "Name": p.name, "Street": p.street, "Address1": p.street, "Address2": "", "Company": "",
            "City": p.city, "Zip": _zip(p.zip), "Province": p.province, "Country": p.country, "Phone": "",
        }  # fmt: skip
        out = {f"Billing {k}": v for k, v in billing.items()}
        if not pos:
            shipping = dict(billing)
            if self.rng.random() < 0.08:  # a gift shipped to someone else
                shipping.update(Name=f"{self.rng.choice(('Sam', 'Alex', 'Marie'))} {p.last}",
                                Street=f"{self.rng.randrange(10, 999)} {p.street.split(' ', 1)[1]}")  # fmt: skip
                shipping["Address1"] = shipping["Street"]
            if self.rng.random() < 0.3:
                shipping["Phone"] = p.phone
            out.update({f"Shipping {k}": v for k, v in shipping.items()})
        return out

    @staticmethod
    def journey(order: Order) -> str:
        return ENCODER.encode({
            "order_id": order.order_id,
            "customerOrderIndex": order.customer_order_index,
            "daysToConversion": order.days_to_conversion,
            "firstVisit": order.first_visit.to_json() if order.first_visit else None,
            "lastVisit": order.last_visit.to_json() if order.last_visit else None,
        })  # fmt: skip


def write_shopify(out_dir: Path, book: OrderBook, seed: int) -> dict[str, int]:
    rows = OrderRows(random.Random(f"{seed}:shopify-rows"))
    exports = {
        1: CsvFile(out_dir / "commerce/orders_export_1.csv", OLD_HEADER, DOWNLOADED, bom=False, newline="\n"),
        2: CsvFile(out_dir / "commerce/orders_export_2.csv", HEADER, DOWNLOADED, bom=False, newline="\n"),
    }
    journeys = LineFile(out_dir / "commerce/order_journeys.jsonl", DOWNLOADED + 600)
    for day, orders in book.days():
        out = exports[2 if day >= SPLIT_DAY else 1]
        columns = OLD_HEADER if out is exports[1] else HEADER
        for order in orders:
            for row in rows.rows(order):
                out.write([row.get(c, "") for c in columns])
            journeys.write(rows.journey(order))
    counts = {}
    for n, f in exports.items():
        f.close()
        counts[f"commerce/orders_export_{n}.csv"] = f.rows
    journeys.close()
    counts["commerce/order_journeys.jsonl"] = journeys.lines
    return counts
