"""The support team: who answers, and how long a customer waits for a human.

English queue: six agents, 8:00-22:00 on weekdays and 9:00-20:00 at weekends. French queue: two bilingual
agents, shorter weekday hours, Saturday mornings, no Sundays. That staffing gap is what makes fr-CA first responses about three times slower than English
(the spec's example: EN ~45 min, fr-CA ~140 min) and what the cohort KPIs must surface.
"""

from __future__ import annotations

import math
import random

from .calendar import EN_TEAM, FR_TEAM, Schedule

EN_AGENTS = ("agt_0101", "agt_0102", "agt_0103", "agt_0104", "agt_0105", "agt_0106")
FR_AGENTS = ("agt_0201", "agt_0202")

# median minutes to a human reply while the queue is open, by queue
MEDIAN_WAIT_MIN = {"en": 38.0, "fr": 48.0}
# median minutes of backlog to clear when the queue opens in the morning
MEDIAN_BACKLOG_MIN = {"en": 40.0, "fr": 45.0}


def queue_of(french: bool) -> str:
    return "fr" if french else "en"


def schedule_of(queue: str) -> Schedule:
    return FR_TEAM if queue == "fr" else EN_TEAM


def pick_agent(rng: random.Random, queue: str) -> str:
    return rng.choice(FR_AGENTS if queue == "fr" else EN_AGENTS)


def human_reply_at(rng: random.Random, ts: float, queue: str, speedup: float = 1.0) -> float:
    """When a human answers a customer message received at `ts` (speedup < 1 answers faster)."""
    opens = schedule_of(queue).next_open(ts)
    if opens > ts:
        wait = MEDIAN_BACKLOG_MIN[queue] * math.exp(rng.gauss(0, 0.7))
    else:
        wait = MEDIAN_WAIT_MIN[queue] * math.exp(rng.gauss(0, 0.95))
    return opens + max(0.6, wait * speedup) * 60.0


def comment_reply_at(rng: random.Random, ts: float, queue: str) -> float:
    """Comments wait longer than DMs: the team sweeps them a few times a day."""
    opens = schedule_of(queue).next_open(ts)
    median = 75.0 if queue == "en" else 210.0
    return opens + max(1.0, median * math.exp(rng.gauss(0, 1.0))) * 60.0
