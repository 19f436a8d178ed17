"""What every conversation shares: its identity, the event builder and the hand-offs to commerce."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from . import timefmt
from .calendar import DST_END, local_day
from .ids import BASE62, chars, uuid4_like
from .people import Person

# event field order in every line
FIELD_ORDER = (
    "event_id", "event_name", "occurred_at", "conversation_id", "message_id", "content_id", "user_id",
    "actor", "agent_id", "language", "sentiment_label", "sentiment_score", "sentiment_confidence", "intent",
    "priority", "campaign_tag", "template_id", "tracked_url", "promo_code", "contact_email", "csat_score",
    "experiment_id", "variant", "text", "properties",
)  # fmt: skip

# how each platform's events spell time: (local offset, Z, Z with millis, +00:00) weights
TIME_STYLES = {
    "instagram": (0.45, 0.2, 0.25, 0.10),
    "facebook": (0.45, 0.2, 0.25, 0.10),
    "tiktok": (0.30, 0.1, 0.0, 0.60),
    "youtube": (0.20, 0.8, 0.0, 0.0),
    "linkedin": (0.90, 0.1, 0.0, 0.0),
}
SOURCES = {
    "instagram": "meta_webhook",
    "facebook": "meta_webhook",
    "tiktok": "inbox_export",
    "youtube": "youtube_api",
    "linkedin": "inbox_export",
}


_TIME_THRESHOLDS = {
    p: (w[0] / sum(w), (w[0] + w[1]) / sum(w), (w[0] + w[1] + w[2]) / sum(w)) for p, w in TIME_STYLES.items()
}


def format_time(rng: random.Random, platform: str, ts: float) -> str:
    local, z, z_millis = _TIME_THRESHOLDS[platform]
    if ts >= DST_END:
        local = 0.8  # the late events come from the inbox tool's export, in Toronto time (now -05:00)
    u = rng.random()
    if u < local:
        return timefmt.rfc3339_local(ts)
    if u < z:
        return timefmt.rfc3339_z(ts)
    if u < z_millis:
        return timefmt.rfc3339_z(ts, millis=True)
    return timefmt.rfc3339_utc_offset(ts)


@dataclass
class Touch:
    """A conversation that may lead to commerce: a promo code, a tracked link or a lead e-mail."""

    conversation_id: str
    platform: str
    person_idx: int
    ts: float
    campaign: str | None
    intent: str
    french: bool
    variant: str | None = None
    promo_code: str | None = None
    tracked_url: str | None = None
    lead_email: str | None = None
    lead_ts: float | None = None


@dataclass
class Conversation:
    """One comment thread or DM conversation being simulated."""

    conversation_id: str
    platform: str
    channel: str  # "dm" | "comment"
    person: Person
    person_idx: int
    language: str | None
    french: bool
    queue: str
    campaign: str | None
    content_id: str | None = None
    experiment_id: str | None = None
    variant: str | None = None
    events: list[tuple[float, dict]] = field(default_factory=list)
    user_id: str = ""

    properties: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.user_id = self.person.user_id(self.platform)
        self.properties = {"channel": self.channel, "queue": self.queue, "source": SOURCES[self.platform]}

    def emit(self, rng: random.Random, event: str, ts: float, actor: str, **fields: object) -> dict:
        """Append one event. `fields` hold the optional fields; None values are left out."""
        record: dict[str, object] = {
            "event_id": uuid4_like(rng),
            "event_name": f"{self.platform}.{event}",
            "occurred_at": format_time(rng, self.platform, ts),
            "conversation_id": self.conversation_id,
        }
        if "message_id" in fields:
            record["message_id"] = fields.pop("message_id")
        if self.content_id is not None:
            record["content_id"] = self.content_id
        record["user_id"] = self.user_id
        record["actor"] = actor
        if self.language is not None and not (actor != "customer" and rng.random() < 0.08):
            fields.setdefault("language", self.language)
        if self.campaign is not None:
            fields.setdefault("campaign_tag", self.campaign)
        if self.experiment_id is not None:
            fields["experiment_id"] = self.experiment_id
            fields["variant"] = self.variant
        fields["properties"] = self.properties
        for key in FIELD_ORDER[8:]:
            value = fields.get(key)
            if value is not None:
                record[key] = value
        self.events.append((ts, record))
        return record


@lru_cache(maxsize=512)
def _month_of_day(day: date) -> str:
    return day.strftime("%Y-%m")


def month_of(ts: float) -> str:
    return _month_of_day(local_day(ts))


def message_id(rng: random.Random, platform: str) -> str:
    if platform in ("instagram", "facebook"):
        return "m_" + chars(rng, BASE62, 22)
    return "msg_" + chars(rng, BASE62, 16)


@dataclass
class Inbox:
    """Shared state of one run's inbox simulation."""

    rng: random.Random
    touches: list[Touch] = field(default_factory=list)
    conversations: int = 0
    human_messages: dict[tuple[str, str], int] = field(default_factory=dict)  # (month, platform) -> count

    def count_human(self, ts: float, platform: str) -> None:
        key = (month_of(ts), platform)
        self.human_messages[key] = self.human_messages.get(key, 0) + 1
