"""The brand's posts on every platform and how each post's audience grows after publishing.

Performance is heavy-tailed (a few posts get most of the views) and front-loaded: a post collects most
of its lifetime views in its first days. The same growth curve drives the comments the inbox receives and
the lifetime / daily figures in the Meta exports, so the two agree.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from . import text
from .calendar import DAY_S, END, HOUR_S, START, campaign_on, local_epoch
from .ids import BASE62, YT_ALPHABET, chars, digits

PLATFORMS = ("instagram", "facebook", "tiktok", "youtube", "linkedin")
FIRST_POST_DAY = START - timedelta(days=20)  # older posts keep collecting comments in August

# posts per day at scale 1, post types with (share, median lifetime views, growth time constant in days)
POST_MIX: dict[str, tuple[float, tuple[tuple[str, float, float, float], ...]]] = {
    "instagram": (1.0, (("IG image", 0.35, 2600, 0.8), ("IG carousel", 0.30, 3400, 1.1), ("IG reel", 0.35, 8800, 2.4))),
    "facebook": (0.7, (("Photos", 0.45, 1300, 1.0), ("Videos", 0.15, 2100, 1.6), ("Reels", 0.25, 4800, 2.0),
                       ("Links", 0.15, 700, 0.7))),
    "tiktok": (0.8, (("Video", 1.0, 6500, 2.0),)),
    "youtube": (0.15, (("Video", 0.7, 1600, 5.0), ("Short", 0.3, 4200, 2.0))),
    "linkedin": (0.3, (("Image", 0.6, 900, 1.0), ("Article", 0.4, 600, 1.5))),
}  # fmt: skip

POSTING_HOURS = (7.5, 11.5, 12.5, 17.0, 18.5, 19.5, 20.5)


@dataclass(frozen=True)
class Post:
    post_id: str
    platform: str
    publish_ts: float
    post_type: str
    caption: str
    permalink: str
    duration_s: int
    campaign: str | None
    french: bool
    views_final: float
    reach_ratio: float
    like_rate: float
    share_rate: float
    save_rate: float
    follow_rate: float
    click_rate: float
    boosted_share: float
    tau_days: float

    def fraction(self, ts: float) -> float:
        """Share of the lifetime audience reached by `ts` (0 before publishing, towards 1 later)."""
        age = (ts - self.publish_ts) / DAY_S
        if age <= 0:
            return 0.0
        tau = self.tau_days
        return 0.85 * (1 - math.exp(-age / tau)) + 0.15 * (1 - math.exp(-age / (10 * tau)))

    def rate(self, ts: float) -> float:
        """Audience gained per day at `ts` (the weight of the post for a new comment)."""
        age = (ts - self.publish_ts) / DAY_S
        if age <= 0:
            return 0.0
        tau = self.tau_days
        return self.views_final * (
            0.85 / tau * math.exp(-age / tau) + 0.015 / tau * math.exp(-age / (10 * tau))
        )

    def views(self, ts: float) -> int:
        return int(self.views_final * self.fraction(ts))

    def metric(self, ts: float, per_view: float) -> int:
        return int(self.views_final * per_view * self.fraction(ts))


def _post_id(rng: random.Random, platform: str, n: int) -> str:
    if platform == "instagram":
        return digits(rng, 17, "18" if n % 3 else "17")
    if platform == "facebook":
        return digits(rng, 19 if n % 2 else 18, "122")
    if platform == "tiktok":
        return digits(rng, 19, "7")
    if platform == "youtube":
        return chars(rng, YT_ALPHABET, 11)
    return "urn:li:activity:" + digits(rng, 19, "7")


def _permalink(rng: random.Random, platform: str, post_id: str, post_type: str) -> str:
    if platform == "instagram":
        kind = "reel" if post_type == "IG reel" else "p"
        return f"https://www.instagram.com/{kind}/{chars(rng, BASE62 + '_-', 11)}/"
    if platform == "facebook":
        return f"https://www.facebook.com/{'reel' if post_type == 'Reels' else 'borealandco/posts'}/{post_id}"
    if platform == "tiktok":
        return f"https://www.tiktok.com/@borealandco/video/{post_id}"
    if platform == "youtube":
        return f"https://www.youtube.com/watch?v={post_id}"
    return f"https://www.linkedin.com/feed/update/{post_id}/"


def poisson_count(rng: random.Random, mean: float) -> int:
    """A Poisson-like count (normal approximation for large means)."""
    if mean > 40:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def build_posts(rng: random.Random, scale: float) -> dict[str, list[Post]]:
    """Every platform's posts from three weeks before the range to its end, in publish order."""
    posts: dict[str, list[Post]] = {p: [] for p in PLATFORMS}
    n_days = (END - FIRST_POST_DAY).days + 1
    for platform in PLATFORMS:
        per_day, mix = POST_MIX[platform]
        for i in range(n_days):
            day = FIRST_POST_DAY + timedelta(days=i)
            n = poisson_count(rng, per_day * scale)
            if i < 3 and not posts[platform]:
                n = max(n, 1)  # every platform has a post before the range starts
            for _ in range(n):
                posts[platform].append(_make_post(rng, platform, day, mix, len(posts[platform])))
        posts[platform].sort(key=lambda p: p.publish_ts)
    return posts


def _make_post(rng: random.Random, platform: str, day: date, mix: tuple, n: int) -> Post:
    post_type, _, median, tau = rng.choices(mix, weights=[m[1] for m in mix])[0]
    hour = rng.choice(POSTING_HOURS) + rng.uniform(-0.4, 0.4)
    publish = local_epoch(day, hour * HOUR_S + rng.randrange(60))
    publish -= publish % 60  # published on the minute
    campaign = campaign_on(day)
    tagged = campaign is not None and rng.random() < 0.65
    views = median * math.exp(rng.gauss(0, 0.9))
    if rng.random() < 0.04:
        views *= rng.uniform(8, 40)  # the occasional hit
    if tagged:
        views *= 1.6
    french = rng.random() < 0.22
    video = post_type in ("IG reel", "Videos", "Reels", "Video", "Short")
    post_id = _post_id(rng, platform, n)
    return Post(
        post_id=post_id,
        platform=platform,
        publish_ts=publish,
        post_type=post_type,
        caption=text.caption(
            rng, french, rng.random() < 0.25, campaign.name if tagged and campaign else None
        ),
        permalink=_permalink(rng, platform, post_id, post_type),
        duration_s=rng.randrange(7, 95) if video else 0,
        campaign=campaign.name if tagged and campaign else None,
        french=french,
        views_final=views,
        reach_ratio=rng.uniform(0.55, 0.85),
        like_rate=0.035 * math.exp(rng.gauss(0, 0.35)),
        share_rate=0.004 * math.exp(rng.gauss(0, 0.5)) * (2.0 if video else 1.0),
        save_rate=0.006 * math.exp(rng.gauss(0, 0.5)) * (1.8 if post_type == "IG carousel" else 1.0),
        follow_rate=0.0015 * math.exp(rng.gauss(0, 0.5)),
        click_rate=(0.018 if post_type == "Links" else 0.006) * math.exp(rng.gauss(0, 0.4)),
        boosted_share=rng.uniform(0.3, 0.6) if tagged and platform == "facebook" else 0.0,
        tau_days=tau * math.exp(rng.gauss(0, 0.25)),
    )


class PostPicker:
    """Chooses the post a new comment lands on, weighted by the post's current audience growth."""

    BLOCK_S = 6 * HOUR_S

    def __init__(self, posts: dict[str, list[Post]]) -> None:
        self._posts = posts
        self._times = {p: [post.publish_ts for post in v] for p, v in posts.items()}
        self._cache: dict[tuple[str, int], tuple[list[Post], list[float]]] = {}

    def pick(self, rng: random.Random, platform: str, ts: float) -> Post:
        block = int(ts // self.BLOCK_S)
        key = (platform, block)
        if key not in self._cache:
            if len(self._cache) > 64:
                self._cache.clear()
            self._cache[key] = self._candidates(platform, block * self.BLOCK_S)
        candidates, cum = self._cache[key]
        return rng.choices(candidates, cum_weights=cum)[0]

    def _candidates(self, platform: str, at: float) -> tuple[list[Post], list[float]]:
        posts, times = self._posts[platform], self._times[platform]
        recent = posts[bisect_right(times, at - 45 * DAY_S) : bisect_left(times, at)]
        if not recent:
            recent = [self._posts[platform][0]]
        cum, total = [], 0.0
        for post in recent:
            total += post.rate(at + self.BLOCK_S / 2) + 1e-9
            cum.append(total)
        return recent, cum


class CommentTally:
    """Inbox comments per post, counted against the export cutoffs (so exports never under-count)."""

    def __init__(self, cutoffs: dict[str, list[float]]) -> None:
        self._cutoffs = {p: sorted(c) for p, c in cutoffs.items()}
        self._counts: Counter[tuple[str, int]] = Counter()

    def record(self, platform: str, post_id: str, ts: float) -> None:
        cutoffs = self._cutoffs.get(platform)
        if cutoffs is not None:
            self._counts[(post_id, bisect_right(cutoffs, ts))] += 1

    def before(self, platform: str, post_id: str, cutoff: float) -> int:
        """Inbox comments on the post strictly before `cutoff` (which must be one of the cutoffs)."""
        k = self._cutoffs[platform].index(cutoff)
        return sum(self._counts.get((post_id, s), 0) for s in range(k + 1))
