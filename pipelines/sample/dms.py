"""Direct-message conversations: bot first replies, hand-offs, human replies, resolution, CSAT, reopen."""

from __future__ import annotations

import math
import random
from datetime import date

from . import signals, text
from .agents import human_reply_at, pick_agent
from .calendar import DAY_S, FAST_REPLY, FRENCH_BOT_FROM, TIKTOK_BOT_FROM, WELCOME_V2_FROM, local_day
from .catalog import PRODUCTS, product_url
from .conversation import Conversation, Inbox, Touch, message_id
from .ids import PromoCodes

DM_PLATFORMS = (("instagram", 0.52), ("facebook", 0.25), ("tiktok", 0.18), ("linkedin", 0.05))


def _minutes(rng: random.Random, median: float, sigma: float) -> float:
    return median * math.exp(rng.gauss(0, sigma)) * 60.0


def bot_template(conv: Conversation, day: date) -> str | None:
    """The welcome template the automation answers with, or None when no automation covers the DM."""
    if conv.platform == "linkedin" or (conv.platform == "tiktok" and day < TIKTOK_BOT_FROM):
        return None
    if conv.french:
        return "welcome_fr_v1" if day >= FRENCH_BOT_FROM and conv.platform != "tiktok" else None
    return "welcome_v2" if day >= WELCOME_V2_FROM else "welcome_v1"


def assign_experiment(rng: random.Random, conv: Conversation, intent: str, day: date) -> None:
    exp = FAST_REPLY
    if exp.start <= day <= exp.end and conv.platform in exp.platforms and intent in exp.intents:
        conv.experiment_id = exp.experiment_id
        conv.variant = "treatment" if rng.random() < 0.5 else "control"


def tracked_url(rng: random.Random, conv: Conversation) -> str:
    product = rng.choice(PRODUCTS[:-1])
    return (
        f"{product_url(product)}?utm_source={conv.platform}&utm_medium=social"
        f"&utm_campaign={conv.campaign or 'evergreen'}&utm_content={conv.conversation_id}"
    )


class DmSimulation:
    """Simulates one DM conversation; the brand's side follows the team's automation and staffing."""

    def __init__(
        self, inbox: Inbox, codes: PromoCodes, conv: Conversation, start: float, intent: str
    ) -> None:
        self.inbox, self.rng, self.codes, self.conv = inbox, inbox.rng, codes, conv
        self.start, self.intent = start, intent
        self.day = local_day(start)
        self.touch: Touch | None = None
        self.first_response: float | None = None
        self.speedup = 1.0
        self.priority = "normal"

    # -- the customer's side ------------------------------------------------------------------------
    def customer(self, ts: float, followup: bool = False, frustration: float = 0.0) -> float:
        rng, conv = self.rng, self.conv
        intent = self.intent
        fields = signals.sentiment(rng, intent, frustration, conv.french)
        body = text.customer_text(rng, "followup" if followup else intent, conv.french, conv.person.city)
        conv.emit(
            rng, "dm_received", ts, "customer", message_id=message_id(rng, conv.platform),
            intent=intent, priority=self.priority, text=body, **fields,
        )  # fmt: skip
        return ts

    # -- the brand's side ---------------------------------------------------------------------------
    def bot(self, ts: float, event: str, template: str, **extra: object) -> float:
        rng, conv = self.rng, self.conv
        fields: dict[str, object] = {"template_id": template}
        if event in ("auto_reply_sent", "dm_response_sent"):
            fields["message_id"] = message_id(rng, conv.platform)
            fields["text"] = text.bot_text(
                template, str(extra.get("promo_code", "")), str(extra.get("tracked_url", ""))
            )
            self._responded(ts)
        fields.update(extra)
        conv.emit(rng, event, ts, "bot", **fields)
        return ts

    def agent(self, ts: float, agent_id: str, **extra: object) -> float:
        rng, conv = self.rng, self.conv
        body = text.agent_text(rng, conv.french, conv.person.first)
        if extra.get("promo_code"):
            body += f" Use code {extra['promo_code']} for 15% off."
        if extra.get("tracked_url"):
            body += f" {extra['tracked_url']}"
        conv.emit(
            rng, "dm_response_sent", ts, "agent", message_id=message_id(rng, conv.platform), agent_id=agent_id,
            text=body, **extra,
        )  # fmt: skip
        self._responded(ts)
        self.inbox.count_human(ts, conv.platform)
        return ts

    def _responded(self, ts: float) -> None:
        if self.first_response is None:
            self.first_response = ts

    def offer(self) -> dict[str, object]:
        """A promo code and/or tracked link for a buying customer (at most once per conversation)."""
        rng, conv = self.rng, self.conv
        if self.intent != "purchase" or (self.touch and (self.touch.promo_code or self.touch.tracked_url)):
            return {}
        lift = 1.3 if conv.campaign else 1.0
        extra: dict[str, object] = {}
        if rng.random() < 0.32 * lift:
            extra["promo_code"] = self.codes.issue()
        if rng.random() < 0.42 * lift:
            extra["tracked_url"] = tracked_url(rng, conv)
        if extra:
            touch = self._touch()
            touch.promo_code = extra.get("promo_code")  # type: ignore[assignment]
            touch.tracked_url = extra.get("tracked_url")  # type: ignore[assignment]
        return extra

    def _touch(self) -> Touch:
        if self.touch is None:
            conv = self.conv
            self.touch = Touch(
                conv.conversation_id, conv.platform, conv.person_idx, self.start, conv.campaign, self.intent,
                conv.french, conv.variant,
            )  # fmt: skip
            self.inbox.touches.append(self.touch)
        return self.touch

    # -- the conversation ---------------------------------------------------------------------------
    def run(self) -> Touch | None:
        rng, conv = self.rng, self.conv
        assign_experiment(rng, conv, self.intent, self.day)
        self.priority = signals.priority(rng, self.intent)
        if conv.variant == "treatment":
            self.speedup *= 0.35
        if self.priority in ("high", "urgent"):
            self.speedup *= 0.6
        last = self.customer(self.start)
        if rng.random() < 0.22:
            last = self.customer(last + rng.uniform(20, 400), followup=True)
        if self.intent == "spam":
            if rng.random() < 0.35:
                conv.emit(rng, "conversation_resolved", human_reply_at(rng, last, conv.queue), "agent",
                          agent_id=pick_agent(rng, conv.queue))  # fmt: skip
            return None
        template = bot_template(conv, self.day) if rng.random() < 0.82 else None
        if template is None:
            if rng.random() < (0.09 if conv.french else 0.04):
                return None  # never answered
            return self.human_thread(human_reply_at(rng, self.start, conv.queue, self.speedup), last)
        return self.bot_thread(template, last)

    def bot_thread(self, template: str, last: float) -> Touch | None:
        rng, conv = self.rng, self.conv
        t = self.bot(last + rng.uniform(2, 40), "auto_reply_sent", template)
        if rng.random() < 0.07:
            return None  # the customer never comes back after the welcome message
        t = self.customer(t + _minutes(rng, 2.5, 0.9), followup=rng.random() < 0.3)
        faq = self.intent in ("support", "question") and rng.random() < 0.5
        promo = self.intent == "purchase" and conv.campaign is not None and rng.random() < 0.4
        if faq or promo:
            if faq:
                faq_template = "faq_shipping_v2" if rng.random() < 0.6 else "faq_returns_v1"
                t = self.bot(t + rng.uniform(2, 15), "dm_response_sent", faq_template)
            else:
                t = self.bot(t + rng.uniform(2, 15), "dm_response_sent", "promo_v1", **self.offer())
            if rng.random() < 0.55:
                t = self.bot(t + _minutes(rng, 25, 0.7), "conversation_resolved", "faq_shipping_v2"
                             if faq else "promo_v1")  # fmt: skip
                self.maybe_csat(t, bot_only=True)
                return self.touch
            t = self.customer(t + _minutes(rng, 3, 0.8), followup=True, frustration=0.25)
            if rng.random() < 0.12:  # a bot loop: a third automated reply instead of a hand-off
                t = self.bot(t + rng.uniform(2, 15), "dm_response_sent", "faq_shipping_v2")
                if rng.random() < 0.5:
                    return self.touch
                t = self.customer(t + _minutes(rng, 4, 0.8), followup=True, frustration=0.5)
        handoff = self.bot(t + rng.uniform(3, 30), "escalated_to_agent", "handoff_v1")
        reply = max(human_reply_at(rng, self.start, conv.queue, self.speedup), handoff + 30)
        return self.human_thread(reply, handoff)

    def human_thread(self, reply: float, last: float) -> Touch | None:
        rng, conv = self.rng, self.conv
        reply = max(reply, last + rng.uniform(20, 90))
        agent_id = pick_agent(rng, conv.queue)
        t = self.agent(reply, agent_id, **self.offer())
        rounds = rng.choices((0, 1, 2, 3), weights=(0.15, 0.3, 0.3, 0.25))[0]
        for _ in range(rounds):
            gap = _minutes(rng, 9, 1.3)
            if gap > 2 * DAY_S:
                break
            t = self.customer(t + gap, followup=rng.random() < 0.5)
            if self.intent in ("complaint", "refund") and rng.random() < 0.2:
                t = self.escalate(t, agent_id)
            quick = rng.random() < 0.6
            reply = t + _minutes(rng, 4, 0.8) if quick else human_reply_at(rng, t, conv.queue, self.speedup)
            t = self.agent(reply, agent_id, **self.offer())
        t = self.maybe_lead(t, agent_id)
        if rng.random() < 0.86:
            t = self.resolve(t, agent_id)
            if rng.random() < 0.08:  # reopened by a new message after the resolution
                t = self.customer(t + _minutes(rng, 20 * 60, 1.0), followup=True, frustration=0.3)
                t = self.agent(human_reply_at(rng, t, conv.queue, self.speedup), agent_id)
                if rng.random() < 0.9:
                    self.resolve(t, agent_id)
        return self.touch

    def escalate(self, t: float, agent_id: str) -> float:
        rng, conv = self.rng, self.conv
        t += rng.uniform(30, 600)
        conv.emit(rng, "escalated_to_agent", t, "agent", agent_id=agent_id, priority="high")
        return t

    def maybe_lead(self, t: float, agent_id: str) -> float:
        rng, conv = self.rng, self.conv
        p = {"influencer": 0.65, "purchase": 0.12, "question": 0.05}.get(self.intent, 0.0)
        if rng.random() >= p:
            return t
        email = conv.person.email
        if rng.random() < 0.06:
            email = email[0].upper() + email[1:]  # typed by hand: e-mail matching must ignore case
        t += rng.uniform(30, 900)
        conv.emit(rng, "lead_created", t, "agent", agent_id=agent_id, contact_email=email)
        touch = self._touch()
        touch.lead_email = email.lower()
        touch.lead_ts = t
        return t

    def resolve(self, t: float, agent_id: str) -> float:
        rng, conv = self.rng, self.conv
        t += _minutes(rng, 18, 0.9)
        conv.emit(rng, "conversation_resolved", t, "agent", agent_id=agent_id)
        self.maybe_csat(t, bot_only=False)
        return t

    def maybe_csat(self, t: float, bot_only: bool) -> None:
        rng, conv = self.rng, self.conv
        if rng.random() >= 0.32:
            return
        frt = ((self.first_response or t) - self.start) / 60.0
        score = signals.csat(rng, conv.french, self.intent, frt, bot_only)
        conv.emit(rng, "csat_submitted", t + _minutes(rng, 25, 1.7), "customer", csat_score=score)


def simulate_dm(
    inbox: Inbox, codes: PromoCodes, conv: Conversation, start: float, intent: str | None = None
) -> None:
    rng = inbox.rng
    DmSimulation(inbox, codes, conv, start, intent or signals.DM_INTENTS.pick(rng)).run()
