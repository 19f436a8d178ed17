"""Check one event against the contract and shape it as a warehouse row; a breach raises ContractError."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from pipelines.events import settings
from pipelines.files.values import parse_rfc3339

EVENT_NAME = re.compile(r"^([a-z0-9]+)\.([a-z_]+)$")


class ContractError(ValueError):
    def __init__(self, field: str, reason: str):
        super().__init__(reason)
        self.field = field
        self.reason = reason


def _number(record: dict[str, Any], name: str, low: float, high: float) -> float | None:
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ContractError(name, f"{value!r} is not a number")
    if not low <= value <= high:
        raise ContractError(name, f"{value} is outside {low:g} … {high:g}")
    return float(value)


def validate(record: Any) -> dict[str, Any]:
    """The row for `raw.events`, or ContractError naming the field and the reason."""
    if not isinstance(record, dict):
        raise ContractError("", "the line is not a JSON object")
    for name in settings.REQUIRED_FIELDS:
        value = record.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ContractError(name, "required field is missing or empty")
    for name in settings.STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise ContractError(name, f"{value!r} is not a string")

    match = EVENT_NAME.match(record["event_name"])
    if not match:
        raise ContractError("event_name", f"{record['event_name']!r} is not <platform>.<event> in lower case")
    platform, event = match.groups()
    if platform not in settings.PLATFORMS:
        raise ContractError("event_name", f"unknown platform {platform!r}")
    if event not in settings.EVENT_ACTORS:
        raise ContractError("event_name", f"unknown event {event!r}")

    actor = record["actor"]
    if actor not in settings.ACTORS:
        raise ContractError("actor", f"unknown actor {actor!r} (customer, agent or bot)")
    if actor not in settings.EVENT_ACTORS[event]:
        allowed = " or ".join(sorted(settings.EVENT_ACTORS[event]))
        raise ContractError("actor", f"{event} is sent by {allowed}, not {actor!r}")
    if event in settings.MESSAGE_EVENTS and not record.get("message_id"):
        raise ContractError("message_id", f"required for {event}")
    if event in settings.COMMENT_EVENTS_NEEDING_CONTENT and not record.get("content_id"):
        raise ContractError("content_id", f"required for {event}")
    in_reply_to = record.get("in_reply_to_message_id")
    if in_reply_to is not None and in_reply_to == record.get("message_id"):
        raise ContractError(
            "in_reply_to_message_id", "names the event's own message_id: a message cannot answer itself"
        )

    try:
        occurred_at = parse_rfc3339(record["occurred_at"])
    except ValueError as exc:
        raise ContractError("occurred_at", str(exc)) from None

    csat = record.get("csat_score")
    csat_expected = csat is not None or event == "csat_submitted"
    if csat_expected and (isinstance(csat, bool) or not isinstance(csat, int) or not 1 <= csat <= 5):
        raise ContractError("csat_score", f"{csat!r} is not an integer 1 … 5")

    label = record.get("sentiment_label")
    if label is not None and label not in settings.SENTIMENT_LABELS:
        raise ContractError("sentiment_label", f"{label!r} is not positive, neutral or negative")
    priority = record.get("priority")
    if priority is not None and priority not in settings.PRIORITIES:
        raise ContractError("priority", f"{priority!r} is not low, normal, high or urgent")
    properties = record.get("properties")
    if properties is not None and not isinstance(properties, dict):
        raise ContractError("properties", "is not a JSON object")

    row: dict[str, Any] = {name: record.get(name) for name in settings.STRING_FIELDS}
    row["occurred_at"] = occurred_at
    row["occurred_at_text"] = record["occurred_at"]
    row["sentiment_score"] = _number(record, "sentiment_score", -1.0, 1.0)
    row["sentiment_confidence"] = _number(record, "sentiment_confidence", 0.0, 1.0)
    row["csat_score"] = csat
    row["properties"] = json.dumps(properties, sort_keys=True, ensure_ascii=False) if properties else None
    extra = {key: value for key, value in record.items() if key not in settings.KNOWN_FIELDS}
    row["extra_fields"] = json.dumps(extra, sort_keys=True, ensure_ascii=False) if extra else None
    return row
