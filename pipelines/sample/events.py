"""The interaction-event files: one file per ISO week (some gzip), late arrivals and duplicates.

Conversations are simulated day by day in order of their first message and written as they finish, so
memory stays flat at any scale. Lines in a file are grouped by conversation, hence not in time order.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from .agents import queue_of
from .breakers import Breaker
from .calendar import HOUR_S, HOUR_WEIGHTS, campaign_on, days_in_range, local_day, local_epoch, volume_factor
from .comments import COMMENT_PLATFORMS, comment_id, simulate_comment
from .conversation import Conversation, Inbox
from .dms import DM_PLATFORMS, simulate_dm
from .ids import ALNUM, PromoCodes, chars
from .people import People, is_french
from .posts import CommentTally, Post, PostPicker, poisson_count
from .signals import Table
from .writers import LineFile

CONVERSATIONS_PER_DAY = 29.0  # at scale 1, before weekday / campaign factors
DM_SHARE = 0.68
PULLED_AT = local_epoch(date(2026, 11, 3), 9 * HOUR_S)  # when the inbox export was pulled
LATE_ONLY, LATE_DUPLICATE, REDELIVERED = 0.012, 0.015, 0.003
ENCODER = json.JSONEncoder(ensure_ascii=False)
PREFIX = {"instagram": "ig", "facebook": "fb", "tiktok": "tt", "youtube": "yt", "linkedin": "li"}


@lru_cache(maxsize=512)
def week_file(day: date) -> str:
    year, week, _ = day.isocalendar()
    ext = ".jsonl.gz" if week % 2 == 0 else ".jsonl"
    return f"events/events_{year}-W{week:02d}{ext}"


def week_mtime(day: date) -> float:
    """The Monday after the week, 06:00 Toronto: when the weekly file was exported."""
    monday = day + timedelta(days=7 - day.weekday())
    return local_epoch(monday, 6 * HOUR_S)


class EventSink:
    """Routes serialised events to their week file, to late arrivals, or to both (duplicates)."""

    def __init__(self, out_dir: Path, rng: random.Random) -> None:
        self._out = out_dir
        self._rng = rng
        self._files: dict[str, LineFile] = {}
        self._redelivered: dict[str, list[str]] = {}
        self._late: list[str] = []
        self.breaker = Breaker(rng)

    def write(self, ts: float, record: dict) -> None:
        rel = week_file(local_day(ts))
        broken = self.breaker.maybe_break(ts, record)
        if broken is not None:
            self._file(rel, ts).write(broken)
            return
        line = ENCODER.encode(record)
        u = self._rng.random()
        if u < LATE_ONLY:
            self._late.append(line)
            return
        self._file(rel, ts).write(line)
        if u < LATE_ONLY + LATE_DUPLICATE:
            self._late.append(line)
        elif u < LATE_ONLY + LATE_DUPLICATE + REDELIVERED:
            self._redelivered.setdefault(rel, []).append(line)

    def _file(self, rel: str, ts: float) -> LineFile:
        f = self._files.get(rel)
        if f is None:
            f = self._files[rel] = LineFile(self._out / rel, week_mtime(local_day(ts)))
        return f

    def close(self) -> dict[str, int]:
        for rel, lines in self._redelivered.items():
            for line in lines:
                self._files[rel].write(line)
        counts = {}
        for rel in sorted(self._files):
            self._files[rel].close()
            counts[rel] = self._files[rel].lines
        self._rng.shuffle(self._late)
        late = LineFile(self._out / "events/late_arrivals.jsonl", PULLED_AT)
        for line in self._late:
            late.write(line)
        late.close()
        counts["events/late_arrivals.jsonl"] = late.lines
        return counts


@dataclass
class EventsResult:
    counts: dict[str, int]
    inbox: Inbox
    breaks: dict[str, int] = field(default_factory=dict)


DM_TABLE = Table(DM_PLATFORMS)
COMMENT_TABLE = Table(COMMENT_PLATFORMS)
HOUR_CUM = list(accumulate(HOUR_WEIGHTS))


class Driver:
    def __init__(self, seed: int, scale: float, people: People, posts: dict[str, list[Post]],
                 tally: CommentTally, out_dir: Path) -> None:  # fmt: skip
        self.rng = random.Random(f"{seed}:events")
        self.scale = scale
        self.people = people
        self.picker = PostPicker(posts)
        self.tally = tally
        self.inbox = Inbox(self.rng)
        self.codes = PromoCodes(random.Random(f"{seed}:codes"))
        self.sink = EventSink(out_dir, random.Random(f"{seed}:routing"))

    def conversation(self, channel: str, platform: str, person_idx: int, conversation_id: str,
                     campaign: str | None) -> Conversation:  # fmt: skip
        person = self.people.get(person_idx)
        french = is_french(person.language)
        self.inbox.conversations += 1
        return Conversation(conversation_id, platform, channel, person, person_idx, person.language, french,
                            queue_of(french), campaign)  # fmt: skip

    def flush(self, conv: Conversation) -> None:
        for ts, record in conv.events:
            if ts <= PULLED_AT:
                self.sink.write(ts, record)

    def dm(
        self, start: float, platform: str, person_idx: int, campaign: str | None, intent: str | None
    ) -> None:
        cid = f"{PREFIX[platform]}-dm-{chars(self.rng, ALNUM, 12)}"
        conv = self.conversation("dm", platform, person_idx, cid, campaign)
        simulate_dm(self.inbox, self.codes, conv, start, intent)
        self.flush(conv)

    def comment(self, start: float) -> None:
        rng = self.rng
        platform = COMMENT_TABLE.pick(rng)
        post = self.picker.pick(rng, platform, start)
        person_idx = self.people.draw(rng)
        conv = self.conversation("comment", platform, person_idx, comment_id(rng, platform, post.post_id),
                                 post.campaign)  # fmt: skip
        conv.content_id = post.post_id
        dm_at = simulate_comment(self.inbox, conv, post, self.tally, start)
        self.flush(conv)
        if dm_at is not None and platform != "youtube":
            self.dm(
                dm_at, platform, person_idx, post.campaign, "purchase" if rng.random() < 0.7 else "question"
            )

    def run(self) -> EventsResult:
        rng = self.rng
        hours = range(24)
        for day in days_in_range():
            n = poisson_count(rng, CONVERSATIONS_PER_DAY * self.scale * volume_factor(day))
            starts = sorted(
                local_epoch(
                    day, rng.choices(hours, cum_weights=HOUR_CUM)[0] * HOUR_S + rng.uniform(0, HOUR_S)
                )
                for _ in range(n)
            )
            campaign = campaign_on(day)
            for start in starts:
                if rng.random() < DM_SHARE:
                    tagged = campaign.name if campaign and rng.random() < 0.5 else None
                    self.dm(start, DM_TABLE.pick(rng), self.people.draw(rng), tagged, None)
                else:
                    self.comment(start)
        counts = self.sink.close()
        return EventsResult(counts, self.inbox, dict(self.sink.breaker.counts))


def generate_events(out_dir: Path, seed: int, scale: float, people: People, posts: dict[str, list[Post]],
                    tally: CommentTally) -> EventsResult:  # fmt: skip
    return Driver(seed, scale, people, posts, tally, out_dir).run()
