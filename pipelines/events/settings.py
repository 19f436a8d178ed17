"""The interaction-events contract (shared/spec/events.md) as data: fields, platforms, events, actors.

Write disposition: merge on `event_id` (the idempotency key), so the same event loaded twice counts once.
Grain: one row per event. Cursor: none — files are skipped by content hash when already loaded.
"""

from __future__ import annotations

import pyarrow as pa

TABLE = "events"
PRIMARY_KEY = "event_id"

PLATFORMS = frozenset({"instagram", "facebook", "tiktok", "youtube", "linkedin", "x"})

# event -> actors allowed to emit it
EVENT_ACTORS: dict[str, frozenset[str]] = {
    "comment_received": frozenset({"customer"}),
    "comment_replied": frozenset({"agent", "bot"}),
    "comment_hidden": frozenset({"agent", "bot"}),
    "comment_deleted": frozenset({"agent", "bot"}),
    "dm_received": frozenset({"customer"}),
    "dm_response_sent": frozenset({"agent", "bot"}),
    "auto_reply_sent": frozenset({"bot"}),
    "escalated_to_agent": frozenset({"agent", "bot"}),
    "conversation_resolved": frozenset({"agent", "bot"}),
    "csat_submitted": frozenset({"customer"}),
    "lead_created": frozenset({"agent", "bot"}),
}
ACTORS = frozenset({"customer", "agent", "bot"})
MESSAGE_EVENTS = frozenset(
    {"comment_received", "comment_replied", "dm_received", "dm_response_sent", "auto_reply_sent"}
)
COMMENT_EVENTS_NEEDING_CONTENT = frozenset({"comment_received"})

REQUIRED_FIELDS = ("event_id", "event_name", "occurred_at", "conversation_id", "user_id", "actor")
SENTIMENT_LABELS = frozenset({"positive", "neutral", "negative"})
PRIORITIES = frozenset({"low", "normal", "high", "urgent"})

STRING_FIELDS = (
    "event_id",
    "event_name",
    "conversation_id",
    "message_id",
    # optional: the message this one answers, when the source knows it (threaded exports, platform APIs);
    # a brand reply that names it answers that message only (fct_comments, fct_inbox_messages)
    "in_reply_to_message_id",
    "content_id",
    "user_id",
    "actor",
    "agent_id",
    "language",
    "sentiment_label",
    "intent",
    "priority",
    "campaign_tag",
    "template_id",
    "tracked_url",
    "promo_code",
    "contact_email",
    "experiment_id",
    "variant",
    "text",
)
FLOAT_FIELDS = ("sentiment_score", "sentiment_confidence")
KNOWN_FIELDS = frozenset((*STRING_FIELDS, *FLOAT_FIELDS, "occurred_at", "csat_score", "properties"))

ARROW_SCHEMA = pa.schema(
    [
        *[(name, pa.string()) for name in STRING_FIELDS],
        ("occurred_at", pa.timestamp("us")),  # UTC, naive
        ("occurred_at_text", pa.string()),  # as received, with its offset
        ("sentiment_score", pa.float64()),
        ("sentiment_confidence", pa.float64()),
        ("csat_score", pa.int64()),
        ("properties", pa.string()),  # JSON text
        ("extra_fields", pa.string()),  # JSON text of fields outside the contract, untouched
        ("_source_file", pa.string()),
        ("_source_line", pa.int64()),
        ("_loaded_at", pa.timestamp("us")),
    ]
)
