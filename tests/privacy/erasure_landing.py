"""A small landing of three people, written by hand, for the erasure test (2018 dates, one currency).

- Ana: an Instagram DM and an Instagram comment thread; in her DM she gives her e-mail (a `lead_created`
  event with `contact_email`), and she is a HubSpot contact (with her Instagram handle) and a Shopify buyer.
  The test erases her by e-mail only: her user id is found through the links.
- Ben: an `x` DM and an `x` comment. Erased by user id (`@Ben_Okafor_99`, another case, with the `@`).
- Chloe: an Instagram DM answered after 15 minutes, a HubSpot contact and a Shopify order of 80.00 CAD.
  Nothing of hers may change.

- Dora: an Instagram DM of November 2016, older than the retention period the landing's settings.toml sets
  (the days since 2017-01-01, worked out on the day the test runs): the load blanks her personal data and
  the conversation still counts (first response 30 minutes).

Every value the test looks for (ids, e-mails, names, addresses, phone numbers, message texts) is listed
here beside the rows that carry it.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

from tests.e2e.own_landing import SHOPIFY_HEADER

ANA_USER = "ana.silva.42"
ANA_EMAIL = "Ana.Silva@Example.com"  # as she typed it; HubSpot and Shopify hold it lower-cased
BEN_USER = "ben_okafor_99"
CHLOE_USER = "chloe.k"
CHLOE_EMAIL = "chloe@example.org"

ANA_TEXTS = ("Bonjour, ma commande 1001 n'est pas arrivée", "Jolie robe, dispo en 38 ?")
BEN_TEXTS = ("hey my parcel never showed up", "great post lol")
CHLOE_TEXT = "Do you ship to Winnipeg?"

# plain values of each erased person that must be gone from every layer after the erasure
ANA_VALUES = (ANA_USER, ANA_EMAIL.lower(), "Silva", "+1 514 555 0142", "12 rue des Érables", *ANA_TEXTS)
BEN_VALUES = (BEN_USER, *BEN_TEXTS)
CHLOE_VALUES = (CHLOE_USER, CHLOE_EMAIL, CHLOE_TEXT)


def _event(event_id: str, name: str, at: str, conversation: str, user: str, actor: str, **more) -> dict:
    event = {
        "event_id": event_id,
        "event_name": name,
        "occurred_at": at,
        "conversation_id": conversation,
        "message_id": f"m-{event_id}",
        "user_id": user,
        "actor": actor,
        "language": "fr-CA" if user == ANA_USER else "en",
    }
    if actor == "agent":
        event["agent_id"] = "agent-7"
    event.update(more)
    return event


EVENTS = [
    # Ana's Instagram DM: she writes, an agent answers 10 min later, the agent records the lead with her e-mail
    _event("ig-a-1", "instagram.dm_received", "2018-05-14T14:00:00Z", "ig-dm-ana", ANA_USER, "customer",
           text=ANA_TEXTS[0]),
    _event("ig-a-2", "instagram.dm_response_sent", "2018-05-14T14:10:00Z", "ig-dm-ana", ANA_USER, "agent",
           text="Désolé Ana, je regarde"),
    _event("ig-a-3", "instagram.lead_created", "2018-05-14T14:12:00Z", "ig-dm-ana", ANA_USER, "agent",
           contact_email=f"  {ANA_EMAIL} "),
    # Ana's comment on a post, replied to
    _event("ig-a-4", "instagram.comment_received", "2018-05-15T09:00:00-04:00", "ig-thread-ana", ANA_USER,
           "customer", content_id="17900000000000777", text=ANA_TEXTS[1]),
    _event("ig-a-5", "instagram.comment_replied", "2018-05-15T09:30:00-04:00", "ig-thread-ana", ANA_USER,
           "agent", content_id="17900000000000777", in_reply_to_message_id="m-ig-a-4"),
    # a line of Ana's the loader rejects (unknown actor): the rejected record holds her id and text
    _event("ig-a-6", "instagram.dm_received", "2018-05-14T15:00:00Z", "ig-dm-ana", ANA_USER, "robot",
           text=ANA_TEXTS[0] + " (encore)"),
    # Ben's x DM and comment
    _event("x-b-1", "x.dm_received", "2018-05-16T08:00:00Z", "x-dm-ben", BEN_USER, "customer", text=BEN_TEXTS[0]),
    _event("x-b-2", "x.dm_response_sent", "2018-05-16T08:45:00Z", "x-dm-ben", BEN_USER, "agent"),
    _event("x-b-3", "x.comment_received", "2018-05-16T10:00:00Z", "x-thread-ben", BEN_USER, "customer",
           content_id="x-post-9", text=BEN_TEXTS[1]),
    # Chloe's Instagram DM: answered after 15 minutes by an agent
    _event("ig-c-1", "instagram.dm_received", "2018-05-17T16:00:00Z", "ig-dm-chloe", CHLOE_USER, "customer",
           text=CHLOE_TEXT),
    _event("ig-c-2", "instagram.dm_response_sent", "2018-05-17T16:15:00Z", "ig-dm-chloe", CHLOE_USER, "agent"),
]  # fmt: skip
DORA_USER = "dora.vintage"
DORA_TEXT = "Vous livrez avant Noël ?"
DORA_CONVERSATION = "ig-dm-16"  # a thread id names no one
DORA_FRT_MIN = 30.0  # 10:00 -> 10:30
DORA_EVENTS = {"ig-d-1", "ig-d-2"}
EVENTS += [
    _event("ig-d-1", "instagram.dm_received", "2016-11-02T10:00:00Z", DORA_CONVERSATION, DORA_USER, "customer",
           text=DORA_TEXT),
    _event("ig-d-2", "instagram.dm_response_sent", "2016-11-02T10:30:00Z", DORA_CONVERSATION, DORA_USER,
           "agent"),
]  # fmt: skip
RETENTION_CUTOFF = date(2017, 1, 1)  # the first day kept


def retention_days(today: date) -> int:
    return (today - RETENTION_CUTOFF).days


ANA_EVENTS = {"ig-a-1", "ig-a-2", "ig-a-3", "ig-a-4", "ig-a-5"}  # loaded; ig-a-6 is rejected
ANA_REJECTED_LINE = 6
BEN_EVENTS = {"x-b-1", "x-b-2", "x-b-3"}
CHLOE_EVENTS = {"ig-c-1", "ig-c-2"}
CHLOE_FRT_MIN = 15.0  # 16:00 -> 16:15

# HubSpot contacts from a saved view (quoted, CRLF, as HubSpot writes it); `Instagram handle` is a custom
# property the loader reads (pipelines/hubspot/settings.py HANDLE_ALIASES)
HUBSPOT_CONTACTS = (
    '"Record ID","First Name","Last Name","Email","Phone Number","Create Date","Lifecycle Stage",'
    '"Instagram handle"\r\n'
    f'"501","Ana","Silva","{ANA_EMAIL.lower()}","+1 514 555 0142","2018-05-14 14:20","lead","@{ANA_USER}"\r\n'
    f'"502","Chloe","Kowalski","{CHLOE_EMAIL}","","2018-05-17 16:30","customer","{CHLOE_USER}"\r\n'
)
CHLOE_CONTACT = "502"

# Shopify orders (the real export header): Ana's two-line order and Chloe's one-line order
ORDERS = [
    # name, id, e-mail, total, created at, line items, billing name, address, city, phone
    ("#1001", "6100000000001", ANA_EMAIL.lower(), "120.00", "2018-05-20 10:00:00 -0400", ("Robe", "Ceinture"),
     "Ana Silva", "12 rue des Érables", "Montréal", "+1 514 555 0142"),
    ("#1002", "6100000000002", CHLOE_EMAIL, "80.00", "2018-05-21 11:00:00 -0500", ("Scarf",),
     "Chloe Kowalski", "4 Main St", "Winnipeg", ""),
]  # fmt: skip
ANA_ORDER = "6100000000001"
CHLOE_ORDER = "6100000000002"
CHLOE_REVENUE = "80.00"


def write_events(landing: Path) -> None:
    folder = landing / "events"
    folder.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(event, ensure_ascii=False) + "\n" for event in EVENTS)
    (folder / "inbox-2018-05.jsonl").write_text(text, encoding="utf-8")


def write_commerce(landing: Path) -> None:
    folder = landing / "commerce"
    folder.mkdir(parents=True, exist_ok=True)
    header = SHOPIFY_HEADER.split(",")
    rows = [header]
    for name, order_id, email, total, created, items, billing, address, city, phone in ORDERS:
        for index, item in enumerate(items):
            row = dict.fromkeys(header, "")
            row.update(
                {
                    "Name": name,
                    "Email": email,
                    "Lineitem quantity": "1",
                    "Lineitem name": item,
                    "Lineitem price": total if len(items) == 1 else "60.00",
                    "Lineitem requires shipping": "true",
                    "Lineitem taxable": "true",
                    "Lineitem fulfillment status": "fulfilled",
                    "Created at": created,
                    "Id": order_id,
                }
            )
            if index == 0:  # Shopify writes order-level fields on an order's first line only
                row.update({"Financial Status": "paid", "Paid at": created, "Fulfillment Status": "fulfilled",
                            "Accepts Marketing": "no", "Currency": "CAD", "Subtotal": total,
                            "Shipping": "0.00", "Taxes": "0.00", "Total": total, "Discount Amount": "0.00",
                            "Billing Name": billing, "Billing Address1": address, "Billing City": city,
                            "Billing Phone": phone, "Refunded Amount": "0.00", "Vendor": "Our Shop",
                            "Risk Level": "Low", "Source": "web"})  # fmt: skip
            rows.append([row[column] for column in header])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (folder / "orders_export_1.csv").write_text(buffer.getvalue(), encoding="utf-8")
    (folder / "hubspot-crm-exports-all-contacts-2018-06-01.csv").write_bytes(HUBSPOT_CONTACTS.encode("utf-8"))


def write_settings(landing: Path) -> None:
    folder = landing / "settings"
    folder.mkdir(parents=True, exist_ok=True)
    days = retention_days(datetime.now(UTC).date())
    (folder / "settings.toml").write_text(f"[privacy]\nretention_days = {days}\n", encoding="utf-8")


def write_landing(landing: Path) -> Path:
    write_events(landing)
    write_commerce(landing)
    write_settings(landing)
    return landing
