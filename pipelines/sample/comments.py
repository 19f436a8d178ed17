"""Comment threads on posts: replies, moderation (hide / delete), bot comment-to-DM and follow-ups."""

from __future__ import annotations

import math
import random

from . import signals, text
from .agents import comment_reply_at, pick_agent
from .calendar import TIKTOK_BOT_FROM, local_day
from .conversation import Conversation, Inbox
from .ids import BASE62, chars, digits
from .posts import CommentTally, Post

COMMENT_PLATFORMS = (
    ("instagram", 0.40),
    ("facebook", 0.20),
    ("tiktok", 0.26),
    ("youtube", 0.09),
    ("linkedin", 0.05),
)
REPLY_RATE = {"instagram": 0.62, "facebook": 0.58, "tiktok": 0.38, "youtube": 0.30, "linkedin": 0.55}


def comment_id(rng: random.Random, platform: str, post_id: str) -> str:
    if platform == "instagram":
        return digits(rng, 17, "179")
    if platform == "facebook":
        return f"{post_id}_{digits(rng, 16, '1')}"
    if platform == "tiktok":
        return digits(rng, 19, "7")
    if platform == "youtube":
        return "Ugx" + chars(rng, BASE62, 23)
    return "urn:li:comment:" + digits(rng, 19, "7")


def simulate_comment(
    inbox: Inbox, conv: Conversation, post: Post, tally: CommentTally, start: float
) -> float | None:
    """Simulate one comment thread; returns when its author opens a DM, if they do."""
    rng = inbox.rng
    intent = signals.COMMENT_INTENTS.pick(rng)
    priority = signals.priority(rng, intent)
    first_id = conv.conversation_id

    def customer(ts: float, mid: str, followup: bool) -> None:
        fields = signals.sentiment(rng, intent, 0.2 if followup else 0.0, conv.french)
        body = text.customer_text(rng, "followup" if followup else intent, conv.french, conv.person.city)
        conv.emit(rng, "comment_received", ts, "customer", message_id=mid, intent=intent, priority=priority,
                  text=body, **fields)  # fmt: skip
        tally.record(conv.platform, post.post_id, ts)

    def reply(ts: float) -> float:
        t = comment_reply_at(rng, ts, conv.queue)
        conv.emit(rng, "comment_replied", t, "agent", message_id=comment_id(rng, conv.platform, post.post_id),
                  agent_id=pick_agent(rng, conv.queue), text=text.comment_reply_text(rng, conv.french,
                  conv.person.first))  # fmt: skip
        return t

    customer(start, first_id, followup=False)
    if intent == "spam":
        u = rng.random()
        if u < 0.55:
            conv.emit(rng, "comment_hidden", start + rng.uniform(5, 120), "bot", message_id=first_id,
                      template_id="mod_spam_v1")  # fmt: skip
        elif u < 0.8:
            conv.emit(rng, "comment_deleted", comment_reply_at(rng, start, conv.queue), "agent",
                      message_id=first_id, agent_id=pick_agent(rng, conv.queue))  # fmt: skip
        return None
    if intent in ("complaint", "refund"):
        u = rng.random()
        if u < 0.08:
            conv.emit(rng, "comment_hidden", comment_reply_at(rng, start, conv.queue), "agent",
                      message_id=first_id, agent_id=pick_agent(rng, conv.queue))  # fmt: skip
            return None
        if u < 0.25:
            conv.emit(
                rng, "escalated_to_agent", start + rng.uniform(60, 3600), "bot", template_id="handoff_v1"
            )
    dm_at = None
    bot_platform = conv.platform in ("instagram", "facebook") or (
        conv.platform == "tiktok" and local_day(start) >= TIKTOK_BOT_FROM
    )
    last = start
    if intent in ("purchase", "question") and bot_platform and not conv.french and rng.random() < 0.45:
        last = start + rng.uniform(5, 60)
        conv.emit(rng, "auto_reply_sent", last, "bot", message_id=comment_id(rng, conv.platform, post.post_id),
                  template_id="comment_dm_v1", text=text.bot_text("comment_dm_v1"))  # fmt: skip
        if rng.random() < 0.5:
            dm_at = last + 60 * 8 * math.exp(rng.gauss(0, 0.9))
    rate = REPLY_RATE[conv.platform] * (0.85 if conv.french else 1.0)
    if rng.random() < rate:
        last = reply(last)
        if rng.random() < 0.25:
            follow = last + 3600 * math.exp(rng.gauss(0, 1.0))
            customer(follow, comment_id(rng, conv.platform, post.post_id), followup=True)
            if rng.random() < 0.5:
                reply(follow)
    if (
        dm_at is None
        and intent in ("purchase", "question")
        and conv.platform != "youtube"
        and rng.random() < 0.15
    ):
        dm_at = start + 3600 * 2 * math.exp(rng.gauss(0, 1.1))
    return dm_at
