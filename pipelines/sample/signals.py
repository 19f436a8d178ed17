"""What an inbox tool's classifiers attach to a customer message: intent, priority and sentiment."""

from __future__ import annotations

import random
from itertools import accumulate


class Table:
    """A weighted choice with its cumulative weights computed once."""

    def __init__(self, table: tuple[tuple[str, float], ...]) -> None:
        self.keys = [k for k, _ in table]
        self.cum = list(accumulate(w for _, w in table))

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.keys, cum_weights=self.cum)[0]


DM_INTENTS = Table((
    ("purchase", 0.33), ("question", 0.14), ("support", 0.26), ("complaint", 0.08), ("refund", 0.04),
    ("praise", 0.05), ("influencer", 0.06), ("spam", 0.04),
))  # fmt: skip
COMMENT_INTENTS = Table((
    ("praise", 0.32), ("question", 0.21), ("purchase", 0.14), ("support", 0.07), ("complaint", 0.08),
    ("refund", 0.01), ("influencer", 0.02), ("spam", 0.15),
))  # fmt: skip

TONE = {
    "praise": 0.72, "purchase": 0.3, "question": 0.05, "support": -0.12, "complaint": -0.66, "refund": -0.5,
    "influencer": 0.38, "spam": 0.05,
}  # fmt: skip


def priority(rng: random.Random, intent: str) -> str:
    u = rng.random()
    if intent in ("complaint", "refund"):
        return "urgent" if u < 0.05 else "high" if u < 0.45 else "normal"
    if intent in ("spam", "praise"):
        return "low" if u < 0.6 else "normal"
    return "high" if u < 0.04 else "low" if u < 0.09 else "normal"


def sentiment(rng: random.Random, intent: str, frustration: float, french: bool) -> dict[str, object]:
    """Label, score in [-1, 1] and confidence in [0, 1]; the French model is a little less sure."""
    score = max(-1.0, min(1.0, TONE[intent] - frustration + rng.gauss(0, 0.25)))
    label = "positive" if score > 0.25 else "negative" if score < -0.25 else "neutral"
    confidence = 0.52 + 0.45 * abs(score) + rng.gauss(0, 0.1) - (0.07 if french else 0.0)
    return {
        "sentiment_label": label,
        "sentiment_score": round(score, 3),
        "sentiment_confidence": round(max(0.3, min(0.99, confidence)), 3),
    }


def csat(rng: random.Random, french: bool, intent: str, frt_min: float, bot_only: bool) -> int:
    """A 1-5 rating: English ~4.6, French ~3.9 on average; slow answers and complaints drag it down."""
    mean = 4.25 if french else 4.9
    if frt_min > 240:
        mean -= 0.45
    if intent in ("complaint", "refund"):
        mean -= 0.7
    if bot_only:
        mean -= 0.25
    return max(1, min(5, round(rng.gauss(mean, 0.65))))
