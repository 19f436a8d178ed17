"""A hand-written landing folder whose attribution is worked out by hand in test_attribution.py.

Times are UTC, September 2026. People and what links them to orders:
  U1 (Instagram) comments on a post (K1, 14 days before O1), opens a DM (D1, 7 days before O1) where an agent
     sends the one-time code DM-AAAAA; U1 also had an old DM (D0) 45 days before, outside the 30-day window.
     O1 (CAD 100.00, two line items) redeems DM-AAAAA; its journey's only visit is an e-mail click at the
     order time. Identity: promo_code. Path: K1 → D1 → e-mail visit; tag `comment→DM→sale`.
  U2 (Facebook) opens D2 two days before O2; a bot sends a tracked link (utm_content = the conversation id)
     and an agent records a lead with e-mail Ann@Example.org (HubSpot has the contact as ANN@example.org).
     O2 (USD 60.00 → CAD 81.08 at the sample brand's own rate 1.3514, from its settings folder) has e-mail ` ann@example.org`; its journey: a Google
     organic visit 1 day before, then the tracked link 1 hour before. Identity: tracked_link and email.
     Path: D2 → organic search → social visit; tag `DM-sale`.
  U3 (Instagram) comments (K3) two days before O3 and leaves e-mail bob@example.org on a lead (no HubSpot
     contact). O3 (CAD 50.00) has no journey, only `utm_*` lines in Note Attributes (Google Ads). Identity:
     email. Path: K3 → paid-search visit: the last touch is not social, so O3 is *assisted*; tag `comment→sale`.
  U4 and U5 each receive the shared campaign code FALL15 in a DM; O5 (CAD 40.00) redeems FALL15: a code
     given to two people is no identity; O5's journey: a Google organic visit 3 days before, then a direct
     visit at the order. Path: organic search → direct: the UTM-based models find nothing (unattributed),
     last non-direct click skips the direct visit and credits the search visit (GA4's rule).
  O4 (CAD 70.00) is cancelled: not a conversion.
  U6's user id is an Instagram username (an inbox tool's export); HubSpot contact 502 has `@U6.Handle`: a
     handle link (medium confidence) to the contact, in August, with no order.
The DMs D1 and D4 are the treatment arm of experiment exp_fast_reply, D2 and D5 its control arm.
"""

from __future__ import annotations

import json
from pathlib import Path


def ev(event_id: str, name: str, at: str, conversation: str, user: str, actor: str, **extra) -> dict:
    record = {
        "event_id": event_id,
        "event_name": name,
        "occurred_at": at,
        "conversation_id": conversation,
        "user_id": user,
        "actor": actor,
        "language": "en",
    }
    if name.split(".")[1] in {
        "dm_received",
        "dm_response_sent",
        "auto_reply_sent",
        "comment_received",
        "comment_replied",
    }:
        record["message_id"] = f"msg-{event_id}"
    if name.split(".")[1].startswith("comment"):
        record["content_id"] = "post-1"
    return record | extra


U1, U2, U3, U4, U5 = (
    "17000000000000001",
    "2000000000000002",
    "17000000000000003",
    "17000000000000004",
    "17000000000000005",
)
TRACKED = (
    "https://shop.example.com/products/merino-toque?utm_source=facebook&utm_medium=social"
    "&utm_campaign=fall_launch&utm_content=fb-dm-d2"
)

EVENTS = [
    # U1
    ev("a0", "instagram.dm_received", "2026-07-31T12:00:00Z", "ig-dm-d0", U1, "customer", intent="question"),
    ev("a0r", "instagram.dm_response_sent", "2026-07-31T12:10:00Z", "ig-dm-d0", U1, "agent", agent_id="ag1"),
    ev(
        "a1",
        "instagram.comment_received",
        "2026-09-01T12:00:00Z",
        "ig-c-k1",
        U1,
        "customer",
        intent="purchase",
    ),
    ev("a2", "instagram.comment_replied", "2026-09-01T12:20:00Z", "ig-c-k1", U1, "agent", agent_id="ag1"),
    ev("a3", "instagram.dm_received", "2026-09-08T12:00:00Z", "ig-dm-d1", U1, "customer", intent="purchase"),
    ev(
        "a4",
        "instagram.dm_response_sent",
        "2026-09-08T12:05:00Z",
        "ig-dm-d1",
        U1,
        "agent",
        agent_id="ag1",
        promo_code="DM-AAAAA",
    ),
    # U2
    ev("b1", "facebook.dm_received", "2026-09-10T10:00:00Z", "fb-dm-d2", U2, "customer", intent="purchase"),
    ev("b2", "facebook.auto_reply_sent", "2026-09-10T10:00:30Z", "fb-dm-d2", U2, "bot", tracked_url=TRACKED),
    ev(
        "b3",
        "facebook.lead_created",
        "2026-09-10T10:30:00Z",
        "fb-dm-d2",
        U2,
        "agent",
        agent_id="ag2",
        contact_email="Ann@Example.org",
    ),
    # U3
    ev(
        "c1",
        "instagram.comment_received",
        "2026-09-18T12:00:00Z",
        "ig-c-k3",
        U3,
        "customer",
        intent="question",
    ),
    ev("c2", "instagram.comment_replied", "2026-09-18T12:30:00Z", "ig-c-k3", U3, "agent", agent_id="ag1"),
    ev(
        "c3",
        "instagram.lead_created",
        "2026-09-18T12:40:00Z",
        "ig-c-k3",
        U3,
        "agent",
        agent_id="ag1",
        contact_email="bob@example.org",
    ),
    # U4, U5: a shared campaign code
    ev("d1", "instagram.dm_received", "2026-09-20T09:00:00Z", "ig-dm-d4", U4, "customer", intent="purchase"),
    ev(
        "d2",
        "instagram.dm_response_sent",
        "2026-09-20T09:10:00Z",
        "ig-dm-d4",
        U4,
        "agent",
        promo_code="FALL15",
    ),
    ev("e1", "instagram.dm_received", "2026-09-20T10:00:00Z", "ig-dm-d5", U5, "customer", intent="purchase"),
    ev(
        "e2",
        "instagram.dm_response_sent",
        "2026-09-20T10:10:00Z",
        "ig-dm-d5",
        U5,
        "agent",
        promo_code="FALL15",
    ),
    # U6: an inbox tool that exports the Instagram username as the user id; HubSpot has @U6.Handle
    ev(
        "f1",
        "instagram.dm_received",
        "2026-08-20T10:00:00Z",
        "ig-dm-d6",
        "u6.handle",
        "customer",
        intent="question",
    ),
    ev("f2", "instagram.dm_response_sent", "2026-08-20T10:05:00Z", "ig-dm-d6", "u6.handle", "agent"),
]

ORDER_HEADER = [
    "Name", "Email", "Financial Status", "Paid at", "Currency", "Subtotal", "Shipping", "Taxes", "Total",
    "Discount Code", "Discount Amount", "Created at", "Cancelled at", "Refunded Amount", "Id", "Tags", "Source",
    "Note Attributes", "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem sku",
]  # fmt: skip


def _order(name, email, currency, total, code, created, cancelled, order_id, notes, lines):
    first = {
        "Name": name, "Email": email, "Financial Status": "paid", "Paid at": created, "Currency": currency,
        "Subtotal": total, "Shipping": "0.00", "Taxes": "0.00", "Total": total, "Discount Code": code,
        "Discount Amount": "0.00", "Created at": created, "Cancelled at": cancelled, "Refunded Amount": "0.00",
        "Id": order_id, "Tags": "", "Source": "web", "Note Attributes": notes,
    }  # fmt: skip
    rows = []
    for i, (qty, product, price) in enumerate(lines):
        row = dict(first) if i == 0 else {"Name": name, "Email": email, "Created at": created}
        row |= {
            "Lineitem quantity": qty,
            "Lineitem name": product,
            "Lineitem price": price,
            "Lineitem sku": "SKU",
        }
        rows.append(row)
    return rows


ORDERS = [
    *_order("#1001", "u1@example.org", "CAD", "100.00", "DM-AAAAA", "2026-09-15 08:00:00 -0400", "", "9000000000001",
            "", [("1", "Merino toque - Grey", "60.00"), ("2", "Wool socks - M", "20.00")]),
    *_order("#1002", " ann@example.org", "USD", "60.00", "", "2026-09-12 06:00:00 -0400", "", "9000000000002",
            "", [("1", "Merino toque - Grey", "60.00")]),
    *_order("#1003", "bob@example.org", "CAD", "50.00", "", "2026-09-20 08:00:00 -0400", "", "9000000000003",
            "utm_source: google\nutm_medium: cpc\nutm_campaign: brand_search", [("1", "Mug - Blue", "50.00")]),
    *_order("#1004", "carl@example.org", "CAD", "70.00", "", "2026-09-21 08:00:00 -0400", "2026-09-21 09:00:00 -0400",
            "9000000000004", "", [("1", "Blanket - Red", "70.00")]),
    *_order("#1005", "dana@example.org", "CAD", "40.00", "FALL15", "2026-09-22 08:00:00 -0400", "", "9000000000005",
            "", [("1", "Mittens - Red", "40.00")]),
]  # fmt: skip


def _visit(at: str, landing: str, source: str, utm: dict | None) -> dict:
    return {"occurredAt": at, "landingPage": landing, "referrerUrl": None, "referralCode": None, "source": source,
            "utmParameters": utm}  # fmt: skip


EMAIL_UTM = {
    "source": "klaviyo",
    "medium": "email",
    "campaign": "weekly_newsletter",
    "content": None,
    "term": None,
}
FB_UTM = {
    "source": "facebook",
    "medium": "social",
    "campaign": "fall_launch",
    "content": "fb-dm-d2",
    "term": None,
}
JOURNEYS = [
    {
        "order_id": "9000000000001",
        "customerOrderIndex": 1,
        "daysToConversion": 0,
        "firstVisit": _visit(
            "2026-09-15T12:00:00Z", "https://shop.example.com/?utm_source=klaviyo", "klaviyo", EMAIL_UTM
        ),
        "lastVisit": _visit(
            "2026-09-15T12:00:00Z", "https://shop.example.com/?utm_source=klaviyo", "klaviyo", EMAIL_UTM
        ),
    },
    {
        "order_id": "9000000000002",
        "customerOrderIndex": 1,
        "daysToConversion": 1,
        "firstVisit": _visit("2026-09-11T10:00:00Z", "https://shop.example.com/", "google", None),
        "lastVisit": _visit("2026-09-12T09:00:00Z", TRACKED, "facebook", FB_UTM),
    },
    {
        "order_id": "9000000000005",
        "customerOrderIndex": 1,
        "daysToConversion": 3,
        "firstVisit": _visit(
            "2026-09-19T12:00:00Z", "https://shop.example.com/collections/mittens", "google", None
        ),
        "lastVisit": _visit("2026-09-22T12:00:00Z", "https://shop.example.com/cart", "direct", None),
    },
]

CONTACTS = [
    [
        "Record ID",
        "Email",
        "Create Date",
        "Lifecycle Stage",
        "First Touch Converting Campaign",
        "Instagram handle",
    ],
    ["501", "ANN@example.org", "2026-09-10 10:40", "Lead", "fall_launch", ""],
    ["502", "erin@example.org", "8/20/2026 11:00 AM", "Subscriber", "", "@U6.Handle"],
]

# order id -> revenue in CAD; the hand-computed paths (touchpoint key, days before the order), in time order
REVENUE = {
    "9000000000001": "100.00",
    "9000000000002": "81.08",
    "9000000000003": "50.00",
    "9000000000005": "40.00",
}
PATHS = {
    "9000000000001": [
        ("conversation:instagram:ig-c-k1", 14.0),
        ("conversation:instagram:ig-dm-d1", 7.0),
        ("visit:last_visit:9000000000001", 0.0),
    ],
    "9000000000002": [
        ("conversation:facebook:fb-dm-d2", 2.0),
        ("visit:first_visit:9000000000002", 1.0),
        ("visit:last_visit:9000000000002", 1 / 24),
    ],
    "9000000000003": [
        ("conversation:instagram:ig-c-k3", 2.0),
        ("visit:note_attributes:9000000000003", 0.0),
    ],
    "9000000000005": [
        ("visit:first_visit:9000000000005", 3.0),
        ("visit:last_visit:9000000000005", 0.0),
    ],
}
# the steps that are direct visits (no source, no referrer): last non-direct click credits them only when the
# path has nothing else
DIRECT = {"visit:last_visit:9000000000005"}
# the visits without UTM (organic search, direct): last_touch_utm never credits them
NO_UTM = {"visit:first_visit:9000000000002", "visit:first_visit:9000000000005", *DIRECT}
PATH_TAGS = {
    "9000000000001": "comment→DM→sale",
    "9000000000002": "DM-sale",
    "9000000000003": "comment→sale",
    "9000000000005": "non-social",
}


# the fast-reply experiment: D1 and D4 in the treatment arm, D2 and D5 in control
ARMS = {"ig-dm-d1": "treatment", "ig-dm-d4": "treatment", "fb-dm-d2": "control", "ig-dm-d5": "control"}
for _event in EVENTS:
    if _event["conversation_id"] in ARMS:
        _event |= {"experiment_id": "exp_fast_reply", "variant": ARMS[_event["conversation_id"]]}


def write(landing: Path) -> None:
    import csv

    from pipelines.sample.settings import write_settings

    write_settings(landing)  # CAD reporting, USD at 1.3514: the sample brand's settings folder
    (landing / "events").mkdir(parents=True)
    (landing / "commerce").mkdir(parents=True)
    (landing / "events" / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in EVENTS))
    with (landing / "commerce" / "orders_export_1.csv").open("w", newline="") as f:
        writer = csv.DictWriter(f, ORDER_HEADER)
        writer.writeheader()
        writer.writerows(ORDERS)
    (landing / "commerce" / "order_journeys.jsonl").write_text(
        "".join(json.dumps(j) + "\n" for j in JOURNEYS)
    )
    with (landing / "commerce" / "hubspot-crm-exports-all-contacts-2026-11-01.csv").open(
        "w", newline=""
    ) as f:
        csv.writer(f).writerows(CONTACTS)
