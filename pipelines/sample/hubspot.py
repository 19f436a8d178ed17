"""HubSpot CRM exports: all contacts and all deals, as downloaded on 2026-11-01.

Contacts come from three places: leads captured in DMs (synced a few minutes after `lead_created`; a few
never sync), Shopify customers (the Shopify integration), and newsletter subscribers. Dates mix the two
spellings HubSpot uses (`2026-03-12 09:14` and `3/15/2026 2:30 PM`) row by row.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import timefmt
from .calendar import DAY_S, HOUR_S, local_epoch
from .conversation import Touch
from .orders import EXPORT_END, OrderBook
from .people import People
from .writers import CsvFile

CONTACT_HEADER = [
    "Record ID", "First Name", "Last Name", "Email", "Phone Number", "Create Date", "Lifecycle Stage",
    "Lead Status", "Original Source", "Original Source Drill-Down 1", "Original Source Drill-Down 2",
    "Latest Source", "First Conversion Date", "Became a Lead Date", "Became a Customer Date",
    "First Touch Converting Campaign", "Last Touch Converting Campaign", "Instagram handle", "Preferred language",
    "City", "State/Region", "Contact owner",
]  # fmt: skip
DEAL_HEADER = [
    "Record ID", "Deal Name", "Deal Stage", "Close Date", "Amount", "Pipeline", "Create Date", "Deal owner",
    "Deal Type", "Associated Contact IDs",
]  # fmt: skip
PLATFORM_LABEL = {
    "instagram": "Instagram",
    "facebook": "Facebook",
    "tiktok": "TikTok",
    "linkedin": "LinkedIn",
}
OWNERS = ("Julie Gagnon", "Marc Tremblay", "Sarah Wilson")
EXPORTED = local_epoch(date(2026, 11, 1), 11 * HOUR_S)
HISTORY_START = local_epoch(date(2024, 1, 15))
OPEN_STAGES = ("Appointment Scheduled", "Qualified To Buy", "Presentation Scheduled", "Decision Maker Bought-In",
               "Contract Sent")  # fmt: skip


@dataclass
class Contact:
    person_idx: int
    created: float
    source: str
    drill1: str
    drill2: str
    lead: Touch | None = None
    subscriber: bool = False
    record_id: str = ""


def _when(rng: random.Random, ts: float | None) -> str:
    if ts is None:
        return ""
    return timefmt.hubspot_us(ts) if rng.random() < 0.3 else timefmt.hubspot_iso(ts)


def collect_contacts(
    rng: random.Random, people: People, touches: list[Touch], book: OrderBook
) -> list[Contact]:
    contacts: dict[int, Contact] = {}
    for idx in book.customers:
        if book.prior.get(idx):
            created = HISTORY_START + rng.random() * (local_epoch(date(2026, 7, 20)) - HISTORY_START)
        else:
            created = book.first_order[idx] + rng.uniform(60, 1800)
        contacts[idx] = Contact(idx, created, "Offline Sources", "INTEGRATION", "Shopify")
    for touch in touches:
        if touch.lead_email is None or touch.lead_ts is None or rng.random() < 0.07:
            continue  # a few leads never reach the CRM (crm_sync_completeness < 1)
        created = touch.lead_ts + rng.uniform(60, 1800)
        existing = contacts.get(touch.person_idx)
        if existing is None or existing.created > created:
            contacts[touch.person_idx] = Contact(touch.person_idx, created, "Organic Social",
                                                 PLATFORM_LABEL[touch.platform], "Inbox")  # fmt: skip
        contacts[touch.person_idx].lead = contacts[touch.person_idx].lead or touch
    n_subscribers = int(people.size * 0.12)
    for _ in range(n_subscribers):
        idx = people.draw(rng, skew=1.0)
        if idx in contacts:
            contacts[idx].subscriber = True
            continue
        created = local_epoch(date(2025, 6, 1)) + rng.random() * (EXPORT_END - local_epoch(date(2025, 6, 1)))
        source, drill1 = rng.choice((("Direct Traffic", "shop.example.com"), ("Organic Search", "google"),
                                     ("Paid Social", "Facebook"), ("Paid Social", "Instagram")))  # fmt: skip
        contacts[idx] = Contact(idx, created, source, drill1, "Newsletter pop-up", subscriber=True)
    ordered = sorted(contacts.values(), key=lambda c: (c.created, c.person_idx))
    record = 51_200_000_000
    for contact in ordered:
        record += rng.randrange(1, 400)
        contact.record_id = str(record)
    return ordered


def write_contacts(out_dir: Path, rng: random.Random, people: People, contacts: list[Contact],
                   book: OrderBook) -> int:  # fmt: skip
    out = CsvFile(out_dir / "commerce/hubspot-crm-exports-all-contacts-2026-11-01.csv", CONTACT_HEADER, EXPORTED,
                  bom=False, newline="\n")  # fmt: skip
    for c in contacts:
        p = people.get(c.person_idx)
        customer_at = book.first_order.get(c.person_idx)
        if book.prior.get(c.person_idx):
            customer_at = c.created + rng.uniform(0, 3) * DAY_S
        lead = c.lead
        if customer_at is not None:
            stage = "Customer"
        elif lead is not None:
            stage = "Sales Qualified Lead" if lead.intent == "influencer" else "Lead"
        else:
            stage = "Subscriber"
        first_conversion = min(t for t in (c.created, lead.lead_ts if lead else None) if t is not None)
        campaign = lead.campaign if lead else None
        latest = "Organic Social" if lead else c.source
        out.write([
            c.record_id, p.first, p.last, p.email, p.phone if rng.random() < 0.3 else "", _when(rng, c.created),
            stage, "In Progress" if stage.endswith("Lead") else "", c.source, c.drill1, c.drill2, latest,
            _when(rng, first_conversion), _when(rng, lead.lead_ts if lead else None),
            _when(rng, customer_at), campaign or "", campaign or "",
            f"@{p.handle}" if lead and lead.platform == "instagram" else "",
            "French" if p.language and p.language.startswith("fr") else "English" if p.language else "",
            p.city, p.province_name, rng.choice(OWNERS) if lead else "",
        ])  # fmt: skip
    out.close()
    return out.rows


def write_deals(out_dir: Path, rng: random.Random, people: People, contacts: list[Contact]) -> int:
    out = CsvFile(out_dir / "commerce/hubspot-crm-exports-all-deals-2026-11-01.csv", DEAL_HEADER, EXPORTED,
                  bom=False, newline="\n")  # fmt: skip
    record = 13_400_000_000
    deals = []
    for c in contacts:
        lead = c.lead
        if lead is None or lead.intent not in ("influencer", "purchase"):
            continue
        if lead.intent == "purchase" and rng.random() > 0.25:
            continue
        deals.append(c)
    for c in deals:
        lead = c.lead
        assert lead is not None and lead.lead_ts is not None
        p = people.get(c.person_idx)
        record += rng.randrange(1, 5000)
        created = max(c.created, lead.lead_ts) + rng.uniform(1, 48) * HOUR_S
        age_days = (EXPORTED - created) / DAY_S
        wholesale = lead.intent == "influencer" and rng.random() < 0.5
        if rng.random() < min(0.85, age_days / 40):
            stage = "Closed Won" if rng.random() < 0.42 else "Closed Lost"
            close = min(created + rng.uniform(3, max(4.0, min(age_days, 45))) * DAY_S, EXPORTED - HOUR_S)
        else:
            stage = rng.choice(OPEN_STAGES)
            close = EXPORTED + rng.uniform(5, 60) * DAY_S  # expected close date
        amount = (
            rng.choice((750, 1200, 1800, 2500, 4000, 6500, 12000))
            if wholesale
            else rng.choice((300, 450, 900))
        )
        name = f"{p.last} {'- Wholesale' if wholesale else '- Corporate gifting' if lead.intent == 'purchase' else '- Collab'}"
        out.write([
            str(record), name, stage, _when(rng, close), f"{amount:.2f}" if rng.random() < 0.95 else "",
            "Wholesale" if wholesale else "Sales Pipeline", _when(rng, created), rng.choice(OWNERS),
            "newbusiness", c.record_id,
        ])  # fmt: skip
    out.close()
    return out.rows


def write_hubspot(
    out_dir: Path, seed: int, people: People, touches: list[Touch], book: OrderBook
) -> dict[str, int]:
    rng = random.Random(f"{seed}:hubspot")
    contacts = collect_contacts(rng, people, touches, book)
    return {
        "commerce/hubspot-crm-exports-all-contacts-2026-11-01.csv": write_contacts(
            out_dir, rng, people, contacts, book
        ),
        "commerce/hubspot-crm-exports-all-deals-2026-11-01.csv": write_deals(out_dir, rng, people, contacts),
    }
