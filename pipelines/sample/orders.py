"""Shopify orders: the shop's everyday sales plus the ones social conversations lead to.

Orders come out day by day in creation order, so the writers can stream them. A conversation that sent
a promo code or a tracked link converts with a probability raised by campaigns and by the fast-reply
experiment's treatment; such orders redeem the code and/or land on the tracked link.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from .calendar import (
    CAMPAIGNS,
    DAY_S,
    END,
    HOUR_S,
    START,
    WEEKDAY_WEIGHTS,
    campaign_on,
    local_day,
    local_epoch,
)
from .catalog import PRODUCTS, Product
from .conversation import Touch
from .journeys import Visit, channel_visit, dm_visit, pick_channel, summary
from .people import People, Person
from .posts import Post

ORDERS_PER_DAY = 27.0  # at scale 1 outside campaigns
EXPORT_END = local_epoch(END + timedelta(days=1)) - 1  # the export covers orders up to Oct 31 23:59:59
POPUP_DAYS = (date(2026, 10, 17), date(2026, 10, 18))  # a pop-up shop in Montréal (point-of-sale orders)
CAMPAIGN_CODES = {c.name: (c.discount_code, c.discount_pct) for c in CAMPAIGNS}


_PRODUCT_CUM = list(accumulate(p.weight for p in PRODUCTS))


@dataclass
class Order:
    ts: float
    person: Person
    person_idx: int
    currency: str
    items: list[tuple[Product, int]]
    source: str = "web"
    discount_code: str | None = None
    discount_pct: int = 0
    touch: Touch | None = None
    last_visit: Visit | None = None
    first_visit: Visit | None = None
    days_to_conversion: int | None = None
    customer_order_index: int = 1
    name: str = ""
    order_id: str = ""
    tags: list[str] = field(default_factory=list)


def _items(rng: random.Random, first: Product | None = None) -> list[tuple[Product, int]]:
    n = rng.choices((1, 2, 3, 4), weights=(0.55, 0.28, 0.12, 0.05))[0]
    chosen = [first] if first else []
    while len(chosen) < n:
        product = rng.choices(PRODUCTS, cum_weights=_PRODUCT_CUM)[0]
        if product not in chosen:
            chosen.append(product)
    return [(p, 2 if rng.random() < 0.1 else 1) for p in chosen]


def _product_of(url: str | None) -> Product | None:
    if not url:
        return None
    handle = url.split("/products/", 1)[1].split("?", 1)[0]
    return next(p for p in PRODUCTS if p.handle == handle)


def conversion_chance(touch: Touch) -> float:
    """How likely a conversation's offer or lead turns into an order."""
    p = 0.2 if (touch.promo_code or touch.tracked_url) else 0.0
    if touch.lead_email:
        p += 0.18
    if touch.campaign:
        campaign = next(c for c in CAMPAIGNS if c.name == touch.campaign)
        p *= campaign.conversion_lift
    if touch.variant == "treatment":
        p *= 1.5
    if touch.french:
        p *= 0.85
    return min(p, 0.9)


class OrderBook:
    """Generates the orders of the range, one day at a time."""

    def __init__(self, seed: int, scale: float, people: People, touches: list[Touch],
                 posts: dict[str, list[Post]]) -> None:  # fmt: skip
        self.rng = random.Random(f"{seed}:orders")
        self.scale = scale
        self.people = people
        self.posts = posts
        self.counts: dict[int, int] = {}  # person -> orders so far (including before the range)
        self.customers: list[int] = []
        self.first_order: dict[int, float] = {}
        self.prior: dict[int, int] = {}  # person -> orders placed before the range
        self.by_day: dict[date, list[Order]] = {}
        self._publish = {p: [post.publish_ts for post in v] for p, v in posts.items()}
        self._convert(touches)

    def _convert(self, touches: list[Touch]) -> None:
        rng = self.rng
        for touch in touches:
            if rng.random() >= conversion_chance(touch):
                continue
            ts = touch.ts + 3600 * 18 * math.exp(rng.gauss(0, 1.2))
            if ts > EXPORT_END or ts - touch.ts > 21 * DAY_S:
                continue
            order = self._new(ts, touch.person_idx, _items(rng, _product_of(touch.tracked_url)))
            order.touch = touch
            if touch.promo_code and rng.random() < 0.88:
                order.discount_code, order.discount_pct = touch.promo_code, 15
            if touch.tracked_url and rng.random() < 0.75:
                order.last_visit = dm_visit(ts - rng.uniform(120, 2400), touch.platform, touch.tracked_url)
            else:
                order.last_visit = channel_visit(rng, "direct", ts - rng.uniform(120, 2400), None, {})
            if rng.random() < 0.2 and not order.discount_code:
                order.source = "shopify_draft_order"  # the agent built the cart in the admin
                order.last_visit = None
                order.tags.append("instagram-dm" if touch.platform == "instagram" else "social-dm")
            self.by_day.setdefault(local_day(ts), []).append(order)

    def _new(self, ts: float, person_idx: int, items: list[tuple[Product, int]]) -> Order:
        person = self.people.get(person_idx)
        return Order(ts, person, person_idx, "USD" if person.country == "US" else "CAD", items)

    def _organic(self, day: date) -> list[Order]:
        rng = self.rng
        campaign = campaign_on(day)
        lift = campaign.conversion_lift if campaign else 1.0
        weekday = 0.6 + 0.4 * WEEKDAY_WEIGHTS[day.weekday()]
        mean = ORDERS_PER_DAY * self.scale * lift * weekday
        n = max(0, round(rng.gauss(mean, math.sqrt(mean)))) if mean > 0 else 0
        recent = self._recent_posts(day)
        orders = []
        for _ in range(n):
            hour = rng.choices(range(24), weights=_ORDER_HOURS)[0]
            ts = local_epoch(day, hour * HOUR_S + rng.uniform(0, HOUR_S))
            if self.customers and rng.random() < 0.27:
                idx = rng.choice(self.customers)
            else:
                idx = self.people.draw(rng, skew=1.15)
            order = self._new(ts, idx, _items(rng))
            channel = pick_channel(rng, campaign is not None)
            order.last_visit = channel_visit(rng, channel, ts - rng.uniform(120, 3000),
                                             campaign.name if campaign else None, recent)  # fmt: skip
            if channel == "none":
                order.source = "shopify_draft_order" if rng.random() < 0.5 else "web"
            if campaign and rng.random() < 0.35:
                order.discount_code, order.discount_pct = CAMPAIGN_CODES[campaign.name]
            elif rng.random() < 0.05:
                order.discount_code, order.discount_pct = "WELCOME10", 10
            orders.append(order)
        if day in POPUP_DAYS:
            for _ in range(max(1, round(rng.gauss(22, 4) * self.scale))):
                ts = local_epoch(day, rng.uniform(11, 19) * HOUR_S)
                order = self._new(ts, self.people.draw(rng, skew=1.0), _items(rng))
                order.source, order.last_visit, order.currency = "pos", None, "CAD"
                orders.append(order)
        return orders

    def _recent_posts(self, day: date) -> dict[str, str]:
        """A recent post per platform, for utm_content of bio-link visits."""
        out = {}
        cutoff = local_epoch(day)
        for platform, posts in self.posts.items():
            end = bisect_left(self._publish[platform], cutoff)
            recent = posts[max(0, end - 5) : end]
            if recent:
                out[platform] = max(recent, key=lambda p: p.views_final).post_id
        return out

    def days(self) -> Iterator[tuple[date, list[Order]]]:
        """Every day's orders in creation order, numbered and linked to each customer's history."""
        rng = self.rng
        number, order_id = 18_240, 6_712_413_000_000
        day = START
        while day <= END:
            orders = self._organic(day) + self.by_day.pop(day, [])
            orders.sort(key=lambda o: o.ts)
            for order in orders:
                number += 1
                order_id += rng.randrange(100_000, 9_000_000)
                order.name, order.order_id = f"#{number}", str(order_id)
                self._history(order)
                if order.last_visit is not None:
                    first_channel = channel_visit(rng, pick_channel(rng, False), order.ts, None, {})
                    order.days_to_conversion, order.first_visit, order.last_visit = summary(
                        rng, order.ts, order.last_visit, first_channel
                    )
            yield day, orders
            day += timedelta(days=1)

    def _history(self, order: Order) -> None:
        idx = order.person_idx
        if idx not in self.counts:
            prior = 0 if self.rng.random() < 0.72 else self.rng.randrange(1, 6)
            self.counts[idx] = prior
            self.prior[idx] = prior
            self.customers.append(idx)
            self.first_order[idx] = order.ts
        self.counts[idx] += 1
        order.customer_order_index = self.counts[idx]
        if self.counts[idx] >= 5 and "vip" not in order.tags:
            order.tags.append("vip")


_ORDER_HOURS = (0.8, 0.4, 0.2, 0.1, 0.1, 0.2, 0.5, 1.2, 2.2, 3.0, 3.6, 3.9,
                4.2, 4.1, 3.8, 3.7, 3.8, 4.1, 4.5, 5.0, 5.4, 5.2, 3.6, 1.8)  # fmt: skip
