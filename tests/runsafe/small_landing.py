"""The small landing the run-safety tests kill runs on: the hand-written 2017 landing of tests/e2e/own_landing.py
(events, an Instagram export, a Shopify orders export, HubSpot contacts, euro settings) plus one conversation
whose campaign and bot template are spreadsheet formulas, to follow from the input file to every export.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.own_landing import write_landing

HOSTILE_CAMPAIGN = '=HYPERLINK("http://x.example/steal","click me")'
HOSTILE_TEMPLATE = "+cmd|' /C calc'!A0"
# An Instagram DM on 7 March 2017 answered by a bot from the hostile template, in the hostile campaign
HOSTILE_EVENTS = [
    {
        "event_id": "ig-h-1",
        "event_name": "instagram.dm_received",
        "occurred_at": "2017-03-07T15:00:00Z",
        "conversation_id": "ig-dm-hostile",
        "message_id": "ig-h-m-1",
        "user_id": "ig-user-hostile",
        "actor": "customer",
        "language": "en",
        "campaign_tag": HOSTILE_CAMPAIGN,
    },
    {
        "event_id": "ig-h-2",
        "event_name": "instagram.auto_reply_sent",
        "occurred_at": "2017-03-07T15:00:30Z",
        "conversation_id": "ig-dm-hostile",
        "message_id": "ig-h-m-2",
        "user_id": "ig-user-hostile",
        "actor": "bot",
        "language": "en",
        "campaign_tag": HOSTILE_CAMPAIGN,
        "template_id": HOSTILE_TEMPLATE,
    },
]


def write_small_landing(landing: Path) -> Path:
    write_landing(landing, ("content", "commerce", "events"))
    lines = "".join(json.dumps(event) + "\n" for event in HOSTILE_EVENTS)
    (landing / "events" / "inbox_2017-03-hostile.jsonl").write_text(lines, encoding="utf-8")
    return landing
