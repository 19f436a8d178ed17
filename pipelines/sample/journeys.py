"""Shopify customer-journey visits (`Order.customerJourneySummary`): where a buyer came from."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from itertools import accumulate

from . import timefmt
from .calendar import DAY_S
from .catalog import SHOP_URL
from .ids import BASE62, chars

# (channel, weight outside campaigns, weight multiplier inside a campaign window)
CHANNELS: tuple[tuple[str, float, float], ...] = (
    ("direct", 0.22, 0.8), ("google_organic", 0.18, 0.9), ("google_cpc", 0.12, 1.1), ("email", 0.14, 1.6),
    ("instagram_social", 0.10, 2.2), ("facebook_paid", 0.07, 2.6), ("tiktok_social", 0.06, 2.0),
    ("instagram_paid", 0.04, 2.6), ("referral", 0.04, 1.0), ("linkedin_social", 0.01, 1.0),
    ("none", 0.02, 1.0),
)  # fmt: skip
PATHS = ("/", "/collections/new", "/collections/fall", "/products/merino-toque", "/products/sherpa-fleece",
         "/products/wool-socks-3pk", "/products/canvas-daypack", "/pages/gift-guide")  # fmt: skip


@dataclass(frozen=True)
class Visit:
    ts: float
    landing_page: str
    referrer: str | None
    source: str
    utm: dict[str, str | None] | None
    referral_code: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "occurredAt": timefmt.graphql_utc(self.ts),
            "landingPage": self.landing_page,
            "referrerUrl": self.referrer,
            "referralCode": self.referral_code,
            "source": self.source,
            "utmParameters": self.utm,
        }


_NAMES = [c for c, _, _ in CHANNELS]
_CUM = {
    False: list(accumulate(w for _, w, _ in CHANNELS)),
    True: list(accumulate(w * lift for _, w, lift in CHANNELS)),
}


def pick_channel(rng: random.Random, in_campaign: bool) -> str:
    return rng.choices(_NAMES, cum_weights=_CUM[in_campaign])[0]


def _utm(
    source: str, medium: str, campaign: str, content: str | None = None, term: str | None = None
) -> dict:
    return {"source": source, "medium": medium, "campaign": campaign, "content": content, "term": term}


def _with_query(path: str, utm: dict[str, str | None], extra: str = "") -> str:
    query = "&".join(f"utm_{k}={v}" for k, v in utm.items() if v is not None)
    return f"{SHOP_URL}{path}?{query}{extra}"


def channel_visit(rng: random.Random, channel: str, ts: float, campaign: str | None,
                  content_ids: dict[str, str]) -> Visit | None:  # fmt: skip
    """A visit from a marketing channel; `content_ids` offers a recent post id per platform."""
    path = rng.choice(PATHS)
    tag = campaign or "evergreen"
    if channel == "none":
        return None
    if channel == "direct":
        return Visit(ts, SHOP_URL + path, None, "direct", None)
    if channel == "google_organic":
        return Visit(ts, SHOP_URL + path, "https://www.google.com/", "google", None)
    if channel == "google_cpc":
        utm = _utm(
            "google", "cpc", campaign or "brand_search", term=rng.choice(("merino toque", "boreal and co"))
        )
        return Visit(ts, _with_query(path, utm, f"&gclid={chars(rng, BASE62, 20)}"), "https://www.google.com/",
                     "google", utm)  # fmt: skip
    if channel == "email":
        utm = _utm("klaviyo", "email", campaign or "weekly_newsletter")
        return Visit(ts, _with_query(path, utm), None, "klaviyo", utm)
    if channel == "referral":
        code = rng.choice(("maya.outdoors", "lea.plein.air", "northtrailblog"))
        return Visit(ts, f"{SHOP_URL}{path}?ref={code}", "https://blog.example.org/fall-gear", "blog.example.org",
                     None, code)  # fmt: skip
    platform, kind = channel.split("_")
    if kind == "paid":
        utm = _utm(platform, "paid_social", tag, f"{tag}_{rng.choice(('carousel', 'reel', 'story'))}")
    else:
        utm = _utm(platform, "social", tag, content_ids.get(platform))
    referrer = {"instagram": "https://l.instagram.com/", "facebook": "https://m.facebook.com/",
                "tiktok": "https://www.tiktok.com/", "linkedin": "https://www.linkedin.com/"}[platform]  # fmt: skip
    return Visit(ts, _with_query(path, utm), referrer, platform, utm)


def dm_visit(ts: float, platform: str, tracked: str) -> Visit:
    """A visit through the tracked link an agent or bot sent in a DM (utm_content = conversation id)."""
    query = tracked.split("?", 1)[1]
    params = dict(part.split("=", 1) for part in query.split("&"))
    utm = _utm(params["utm_source"], params["utm_medium"], params["utm_campaign"], params["utm_content"])
    referrer = "https://l.instagram.com/" if platform == "instagram" else f"https://www.{platform}.com/"
    return Visit(ts, tracked, referrer, platform, utm)


def summary(rng: random.Random, order_ts: float, last: Visit | None, first_channel: Visit | None) -> tuple:
    """(daysToConversion, firstVisit, lastVisit); the first visit is the last one in single-session buys."""
    if last is None:
        return None, None, None
    if first_channel is None or rng.random() < 0.45:
        return 0 if order_ts - last.ts < DAY_S else int((order_ts - last.ts) // DAY_S), last, last
    days_before = min(45.0, math.exp(rng.gauss(1.0, 1.0)))
    first = Visit(last.ts - days_before * DAY_S, first_channel.landing_page, first_channel.referrer,
                  first_channel.source, first_channel.utm, first_channel.referral_code)  # fmt: skip
    return int((order_ts - first.ts) // DAY_S), first, last
