"""A small hand-written landing folder (May 2019) whose people leak into free-text fields.

Two customers, Gabrielle Tremblay and Oliver Bennett, in every family that carries people: an Instagram DM
and comment (events), a Shopify orders export, their order journeys, a HubSpot contacts export, and costs.
Their ids, handle, e-mails and names are PLANTED in the fields people type, where a pipeline that drops only
the obvious columns would carry them into the marts (PLANTED lists each). Layouts are the tools' own: the
Shopify and HubSpot headers as they export them (pipelines/sample writes the same), the events contract
(docs/inputs.md), the journeys file in the shape of Shopify's `customerJourneySummary`, costs.csv.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pipelines.sample.hubspot import CONTACT_HEADER
from pipelines.sample.shopify import HEADER as SHOPIFY_HEADER

GABRIELLE_ID = "17841455512340001"  # Instagram-scoped user id
GABRIELLE_HANDLE = "@gtremblay_ig"
GABRIELLE_EMAIL = "gabrielle.tremblay@mail.example"
OLIVER_ID = "17841455512340002"
OLIVER_EMAIL = "oliver.bennett@courriel.example"

# field -> value carrying a person; every one must be kept out of the marts and the published copy
PLANTED = {
    "events.campaign_tag": "vip_gtremblay_ig",
    "events.tracked_url utm_content": GABRIELLE_ID,
    "events.tracked_url parameter": GABRIELLE_EMAIL,
    "events.promo_code": "TREMBLAY15",
    "shopify.Discount Code": "TREMBLAY15",
    "shopify.Note Attributes": OLIVER_EMAIL,
    "journeys.utm content": "gtremblay_ig",
    "journeys.landingPage parameter": OLIVER_EMAIL,
    "costs.campaign": "influencer_gtremblay_ig",
    "hubspot.First Touch Converting Campaign": "Referral from Oliver Bennett",
}


def _event(event_id: str, name: str, at: str, **fields) -> dict:
    return {"event_id": event_id, "event_name": name, "occurred_at": at, **fields}


EVENTS = [
    _event(
        "pl-1",
        "instagram.dm_received",
        "2019-05-06T14:00:00-04:00",
        conversation_id="ig-dm-planted-1",
        message_id="pl-m-1",
        user_id=GABRIELLE_ID,
        actor="customer",
        language="fr-CA",
        campaign_tag="vip_gtremblay_ig",
        text=f"Bonjour, ici Gabrielle Tremblay ({GABRIELLE_EMAIL}), ma commande n'est pas arrivée",
    ),
    _event(
        "pl-2",
        "instagram.dm_response_sent",
        "2019-05-06T14:20:00-04:00",
        conversation_id="ig-dm-planted-1",
        message_id="pl-m-2",
        in_reply_to_message_id="pl-m-1",
        user_id=GABRIELLE_ID,
        actor="agent",
        agent_id="agt_marc_gagnon",
        language="fr-CA",
        campaign_tag="vip_gtremblay_ig",
        tracked_url="https://shop.example.com/products/wool-scarf?utm_source=instagram&utm_medium=social"
        f"&utm_campaign=spring&utm_content={GABRIELLE_ID}&email=gabrielle.tremblay%40mail.example",
        promo_code="TREMBLAY15",
        text="Désolé Gabrielle! Voici un code: TREMBLAY15",
    ),
    _event(
        "pl-3",
        "instagram.lead_created",
        "2019-05-06T14:25:00-04:00",
        conversation_id="ig-dm-planted-1",
        user_id=GABRIELLE_ID,
        actor="agent",
        agent_id="agt_marc_gagnon",
        contact_email=GABRIELLE_EMAIL,
    ),
    _event(
        "pl-4",
        "instagram.comment_received",
        "2019-05-07T09:00:00-04:00",
        conversation_id="pl-comment-1",
        message_id="pl-comment-1",
        content_id="18000000000000001",
        user_id=OLIVER_ID,
        actor="customer",
        language="en",
        campaign_tag="spring",
        text=f"Love it! Oliver Bennett here, write me at {OLIVER_EMAIL}",
    ),
]

ORDERS = [
    {
        "Name": "#2001",
        "Email": GABRIELLE_EMAIL,
        "Financial Status": "paid",
        "Paid at": "2019-05-08 10:15:00 -0400",
        "Currency": "CAD",
        "Subtotal": "45.00",
        "Shipping": "0.00",
        "Taxes": "5.85",
        "Total": "50.85",
        "Discount Code": "TREMBLAY15",
        "Discount Amount": "6.75",
        "Created at": "2019-05-08 10:14:58 -0400",
        "Lineitem quantity": "1",
        "Lineitem name": "Wool Scarf - Grey",
        "Lineitem price": "45.00",
        "Lineitem sku": "BC-SCF-GRY",
        "Billing Name": "Gabrielle Tremblay",
        "Billing Street": "4512 Rue Saint-Denis",
        "Billing Phone": "+15145550199",
        "Shipping Name": "Gabrielle Tremblay",
        "Shipping Street": "4512 Rue Saint-Denis",
        "Notes": "Laisser chez la voisine, Mme Tremblay",
        "Note Attributes": "utm_source: instagram\nutm_medium: social\nutm_campaign: spring",
        "Refunded Amount": "0.00",
        "Vendor": "Boreal & Co.",
        "Id": "5120000000001",
        "Source": "web",
    },
    {
        "Name": "#2002",
        "Email": OLIVER_EMAIL,
        "Financial Status": "paid",
        "Paid at": "2019-05-09 18:02:11 -0400",
        "Currency": "CAD",
        "Subtotal": "28.00",
        "Shipping": "9.95",
        "Taxes": "4.93",
        "Total": "42.88",
        "Discount Code": "",
        "Discount Amount": "0.00",
        "Created at": "2019-05-09 18:02:10 -0400",
        "Lineitem quantity": "1",
        "Lineitem name": "Cedar & Smoke Candle - 8 oz",
        "Lineitem price": "28.00",
        "Lineitem sku": "BC-CND-CED",
        "Billing Name": "Oliver Bennett",
        "Billing Street": "88 Harbourfront Way",
        "Shipping Name": "Oliver Bennett",
        "Shipping Street": "88 Harbourfront Way",
        "Note Attributes": f"utm_source: newsletter\nutm_medium: email\ncustomer_email: {OLIVER_EMAIL}",
        "Refunded Amount": "0.00",
        "Vendor": "Boreal & Co.",
        "Id": "5120000000002",
        "Source": "web",
    },
]


def _visit(at: str, landing_page: str, source: str, utm: dict) -> dict:
    return {
        "occurredAt": at,
        "landingPage": landing_page,
        "referrerUrl": "https://l.instagram.com/" if source == "instagram" else None,
        "referralCode": None,
        "source": source,
        "utmParameters": {"term": None, **utm},
    }


JOURNEYS = [
    {
        "order_id": "5120000000001",
        "customerOrderIndex": 1,
        "daysToConversion": 2,
        "firstVisit": _visit(
            "2019-05-06T18:40:00Z",
            "https://shop.example.com/products/wool-scarf?utm_source=instagram&utm_medium=social"
            "&utm_campaign=spring&utm_content=gtremblay_ig",
            "instagram",
            {"source": "instagram", "medium": "social", "campaign": "spring", "content": "gtremblay_ig"},
        ),
        "lastVisit": _visit(
            "2019-05-08T14:10:00Z",
            "https://shop.example.com/products/wool-scarf?utm_source=instagram&utm_medium=social"
            "&utm_campaign=spring&utm_content=gtremblay_ig",
            "instagram",
            {"source": "instagram", "medium": "social", "campaign": "spring", "content": "gtremblay_ig"},
        ),
    },
    {
        "order_id": "5120000000002",
        "customerOrderIndex": 1,
        "daysToConversion": 0,
        "firstVisit": _visit(
            "2019-05-09T21:55:00Z",
            "https://shop.example.com/collections/candles?utm_source=newsletter&utm_medium=email"
            "&utm_campaign=may&subscriber=oliver.bennett%40courriel.example",
            "newsletter",
            {"source": "newsletter", "medium": "email", "campaign": "may", "content": None},
        ),
        "lastVisit": _visit(
            "2019-05-09T21:55:00Z",
            "https://shop.example.com/collections/candles?utm_source=newsletter&utm_medium=email"
            "&utm_campaign=may&subscriber=oliver.bennett%40courriel.example",
            "newsletter",
            {"source": "newsletter", "medium": "email", "campaign": "may", "content": None},
        ),
    },
]

CONTACTS = [
    {
        "Record ID": "901",
        "First Name": "Gabrielle",
        "Last Name": "Tremblay",
        "Email": GABRIELLE_EMAIL,
        "Phone Number": "+15145550199",
        "Create Date": "2019-05-06 14:25",
        "Lifecycle Stage": "Customer",
        "Original Source": "Social Media",
        "Original Source Drill-Down 1": "Instagram",
        "Latest Source": "Social Media",
        "Became a Lead Date": "5/6/2019 2:25 PM",
        "Became a Customer Date": "5/8/2019 10:15 AM",
        "First Touch Converting Campaign": "spring",
        "Instagram handle": GABRIELLE_HANDLE,
        "Preferred language": "French",
        "City": "Montréal",
        "State/Region": "Quebec",
        "Contact owner": "Marc Gagnon",
    },
    {
        "Record ID": "902",
        "First Name": "Oliver",
        "Last Name": "Bennett",
        "Email": OLIVER_EMAIL,
        "Create Date": "2019-05-09 18:05",
        "Lifecycle Stage": "Customer",
        "Original Source": "Email Marketing",
        "Latest Source": "Email Marketing",
        "Became a Customer Date": "2019-05-09 18:05",
        "First Touch Converting Campaign": "Referral from Oliver Bennett",
        "Preferred language": "English",
        "City": "Halifax",
        "State/Region": "Nova Scotia",
        "Contact owner": "Marc Gagnon",
    },
]

COSTS = "month,category,platform,campaign,amount,currency,agent_hours\n" + (
    "2019-05,support_staff,instagram,,1200.00,CAD,40\n2019-05,ad_spend,instagram,influencer_gtremblay_ig,100.00,CAD,\n"
)


def _csv(header: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in header})
    return out.getvalue()


def write_planted_landing(landing: Path) -> Path:
    for folder in ("events", "commerce", "costs"):
        (landing / folder).mkdir(parents=True, exist_ok=True)
    (landing / "events" / "inbox_2019-05.jsonl").write_text(
        "".join(json.dumps(event, ensure_ascii=False) + "\n" for event in EVENTS), encoding="utf-8"
    )
    (landing / "commerce" / "orders_export_1.csv").write_text(_csv(SHOPIFY_HEADER, ORDERS), encoding="utf-8")
    (landing / "commerce" / "order_journeys.jsonl").write_text(
        "".join(json.dumps(journey) + "\n" for journey in JOURNEYS), encoding="utf-8"
    )
    (landing / "commerce" / "hubspot-crm-exports-all-contacts-2019-06-01.csv").write_text(
        _csv(CONTACT_HEADER, CONTACTS), encoding="utf-8"
    )
    (landing / "costs" / "costs.csv").write_text(COSTS, encoding="utf-8")
    return landing
