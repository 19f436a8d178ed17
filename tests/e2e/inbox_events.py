"""A hand-written events file whose KPIs are worked out by hand in test_inbox_kpis.py.

Times are UTC (Toronto is UTC−4 in September). Conversations:
  D1 en DM: bot replies in 30 s, hands off at 1 min, an agent answers at 31 min, resolved at 60, CSAT 5.
  D2 fr-CA DM: agent at 120 min, resolved, the customer writes again (reopen), answered in 10 min,
     resolved again at 300 min; a lead. Its lines arrive out of order and its first message twice.
  D3 en DM: very negative (score −0.8), never answered, never handed off: a missed escalation.
  D4 en DM: a bot answers in 6 s and resolves it alone at 2 min (automation success).
  K1 en Facebook comment: an agent replies after 45 min.
Plus three lines that break the contract (unknown actor, unparseable time, not JSON).
"""

from __future__ import annotations

import json


def ev(event_id, name, at, conversation, actor, **extra):
    record = {
        "event_id": event_id,
        "event_name": name,
        "occurred_at": at,
        "conversation_id": conversation,
        "user_id": f"user-{conversation}",
        "actor": actor,
    }
    if name.split(".")[1] in {
        "dm_received",
        "dm_response_sent",
        "auto_reply_sent",
        "comment_received",
        "comment_replied",
    }:
        record["message_id"] = f"msg-{event_id}"
    return record | extra


D1 = [
    ev("e1", "instagram.dm_received", "2026-09-08T09:00:00-04:00", "D1", "customer", language="en"),
    ev("e2", "instagram.auto_reply_sent", "2026-09-08T13:00:30Z", "D1", "bot", template_id="welcome_v1"),
    ev("e3", "instagram.escalated_to_agent", "2026-09-08T13:01:00Z", "D1", "bot"),
    ev("e4", "instagram.dm_response_sent", "2026-09-08T13:31:00Z", "D1", "agent", agent_id="a1"),
    ev("e5", "instagram.conversation_resolved", "2026-09-08T14:00:00Z", "D1", "agent"),
    ev("e6", "instagram.csat_submitted", "2026-09-08T14:05:00Z", "D1", "customer", csat_score=5),
]
D2 = [
    ev("f1", "instagram.dm_received", "2026-09-08T14:00:00Z", "D2", "customer", language="fr-CA"),
    ev("f2", "instagram.dm_response_sent", "2026-09-08T16:00:00Z", "D2", "agent", agent_id="a2"),
    ev("f3", "instagram.conversation_resolved", "2026-09-08T16:30:00Z", "D2", "agent"),
    ev("f4", "instagram.dm_received", "2026-09-08T18:00:00Z", "D2", "customer", language="fr-CA"),
    ev("f5", "instagram.dm_response_sent", "2026-09-08T18:10:00Z", "D2", "agent", agent_id="a2"),
    ev(
        "f7",
        "instagram.lead_created",
        "2026-09-08T18:20:00Z",
        "D2",
        "agent",
        contact_email="Marie@example.org",
    ),
    ev("f6", "instagram.conversation_resolved", "2026-09-08T19:00:00Z", "D2", "agent"),
]
D3 = [
    ev(
        "g1",
        "instagram.dm_received",
        "2026-09-09T13:00:00Z",
        "D3",
        "customer",
        language="en",
        sentiment_label="negative",
        sentiment_score=-0.8,
    ),
]
D4 = [
    ev("h1", "instagram.dm_received", "2026-09-09T15:00:00Z", "D4", "customer", language="en"),
    ev("h2", "instagram.auto_reply_sent", "2026-09-09T15:00:06Z", "D4", "bot", template_id="faq_v2"),
    ev("h3", "instagram.conversation_resolved", "2026-09-09T15:02:00Z", "D4", "bot"),
]
K1 = [
    ev(
        "k1",
        "facebook.comment_received",
        "2026-09-09T16:00:00Z",
        "K1",
        "customer",
        language="en",
        content_id="p1",
    ),
    ev("k2", "facebook.comment_replied", "2026-09-09T16:45:00Z", "K1", "agent", agent_id="a1"),
]
BROKEN = [
    json.dumps(ev("x1", "instagram.dm_received", "2026-09-09T10:00:00Z", "X1", "robot")),
    json.dumps(ev("x2", "instagram.dm_received", "yesterday", "X2", "customer")),
    '{"event_id": "x3", "event_name": ',
]
VALID = [*D1, *D2, *D3, *D4, *K1]


def lines() -> list[str]:
    """The file as delivered: D2 out of order with its first message twice, broken lines in between."""
    d2 = [D2[3], D2[1], D2[0], D2[6], D2[2], D2[4], D2[5], D2[0]]
    ordered = [*D1, BROKEN[0], *d2, *D3, BROKEN[1], *D4, *K1, BROKEN[2]]
    return [item if isinstance(item, str) else json.dumps(item) for item in ordered]
