"""Contract-breaking lines (~0.3 %): what the loader must reject with a reason, never drop silently.

Each kind appears at least once, whatever the scale: while a kind is still missing the odds are raised.
A broken line replaces the event it was made from (the event is lost to the warehouse, as in real life).
"""

from __future__ import annotations

import json
import random

from . import timefmt

KINDS = (
    "missing_event_id",
    "missing_conversation_id",
    "unknown_actor",
    "unparseable_time",
    "time_without_offset",
    "csat_out_of_range",
    "unknown_platform",
    "unknown_event",
    "invalid_json",
)
RATE = 0.003


class Breaker:
    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self.missing = list(KINDS)
        self.counts = dict.fromkeys(KINDS, 0)

    def maybe_break(self, ts: float, record: dict) -> str | None:
        """The broken line for this event, or None to keep it intact."""
        rng = self._rng
        is_csat = record["event_name"].endswith(".csat_submitted")
        if is_csat and ("csat_out_of_range" in self.missing or rng.random() < 0.004):
            return self._apply("csat_out_of_range", ts, record)
        odds = 0.05 if len(self.missing) > 1 else RATE
        if rng.random() >= odds:
            return None
        pool = [k for k in self.missing if k != "csat_out_of_range"] or [
            k for k in KINDS if k != "csat_out_of_range"
        ]
        return self._apply(rng.choice(pool), ts, record)

    def _apply(self, kind: str, ts: float, record: dict) -> str:
        rng = self._rng
        broken = dict(record)
        if kind == "missing_event_id":
            del broken["event_id"]
        elif kind == "missing_conversation_id":
            del broken["conversation_id"]
        elif kind == "unknown_actor":
            broken["actor"] = "robot"
        elif kind == "unparseable_time":
            broken["occurred_at"] = rng.choice(("yesterday 5pm", "il y a 2 heures", "31/09/2026 25:61"))
        elif kind == "time_without_offset":
            broken["occurred_at"] = timefmt.naive_local(ts)
        elif kind == "csat_out_of_range":
            broken["csat_score"] = 7
        elif kind == "unknown_platform":
            broken["event_name"] = "myspace." + broken["event_name"].split(".", 1)[1]
        elif kind == "unknown_event":
            broken["event_name"] = broken["event_name"].split(".", 1)[0] + ".story_mention"
        line = json.JSONEncoder(ensure_ascii=False).encode(broken)
        if kind == "invalid_json":
            line = line[: max(20, len(line) // 2)]  # a line cut off mid-write
        if kind in self.missing:
            self.missing.remove(kind)
        self.counts[kind] += 1
        return line
