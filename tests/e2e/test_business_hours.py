"""Business hours and SLAs recomputed here, straight from the sample's settings folder (its holidays as the load
expanded them) and shared/spec/kpis.md §2, with zoneinfo:
every conversation's queue, business durations, SLA policy, deadline and verdicts must match
int_conversations_business_durations to the microsecond."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.conftest import query

US = timedelta(microseconds=1)
HOUR_US = 3_600_000_000


def read_settings_csv(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def language_matches(rule: str, language: str) -> int:
    """2 exact tag, 1 primary language, 0 wildcard, -1 no match."""
    if rule == "*":
        return 0
    if rule.lower() == language.lower():
        return 2
    return 1 if rule.lower() == language.split("-")[0].lower() else -1


@dataclass(frozen=True)
class Calendars:
    queues: list[dict[str, str]]
    calendars: list[dict[str, str]]
    holidays: set[tuple[str, str]]
    policies: list[dict[str, str]]

    @classmethod
    def from_settings(cls, folder: Path, warehouse: Path) -> Calendars:
        holidays = set(
            query(warehouse, "select queue_id, cast(holiday_date as varchar) from settings.business_holidays")
        )
        return cls(
            read_settings_csv(folder, "team_queues"),
            read_settings_csv(folder, "business_calendars"),
            holidays,
            read_settings_csv(folder, "sla_policies"),
        )

    def queue(self, platform: str, language: str) -> str:
        candidates = []
        for rule in self.queues:
            lang = language_matches(rule["language"], language)
            if lang < 0 or rule["platform"] not in ("*", platform):
                continue
            given_platform = rule["platform"] != "*"
            key = (given_platform + (rule["language"] != "*"), given_platform, lang == 2)
            candidates.append((tuple(-k for k in key), rule["queue_id"]))
        return min(candidates)[1]

    def zone(self, queue: str) -> ZoneInfo:
        return ZoneInfo(next(row["time_zone"] for row in self.calendars if row["queue_id"] == queue))

    def windows(self, queue: str, day: date) -> list[tuple[datetime, datetime]]:
        """The queue's open intervals on a local date, as naive UTC datetimes."""
        if (queue, day.isoformat()) in self.holidays or ("*", day.isoformat()) in self.holidays:
            return []
        result = []
        for row in self.calendars:
            if row["queue_id"] != queue or int(row["weekday"]) != day.isoweekday():
                continue
            if not (
                row["effective_from"] <= day.isoformat()
                and (not row["effective_to"] or day.isoformat() < row["effective_to"])
            ):
                continue
            zone = ZoneInfo(row["time_zone"])

            def utc(clock: str, zone: ZoneInfo = zone) -> datetime:
                hours, minutes = map(int, clock.split(":"))
                local = datetime.combine(day, time(0)) + timedelta(hours=hours, minutes=minutes)
                return local.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)

            result.append((utc(row["open_time"]), utc(row["close_time"])))
        return sorted(result)

    def business_us(self, queue: str, start: datetime, end: datetime) -> int:
        zone, total = self.zone(queue), 0
        day = start.replace(tzinfo=UTC).astimezone(zone).date() - timedelta(days=1)
        while day <= end.replace(tzinfo=UTC).astimezone(zone).date() + timedelta(days=1):
            for opens, closes in self.windows(queue, day):
                overlap = min(end, closes) - max(start, opens)
                total += max(overlap // US, 0)
            day += timedelta(days=1)
        return total

    def due(self, queue: str, start: datetime, target_us: int) -> datetime:
        """The instant the business clock passes start + target (inside an open interval, never at a close)."""
        zone, left = self.zone(queue), target_us
        day = start.replace(tzinfo=UTC).astimezone(zone).date() - timedelta(days=1)
        for _ in range(400):
            for opens, closes in self.windows(queue, day):
                if closes <= start:
                    continue
                begin = max(opens, start)
                length = (closes - begin) // US
                if left < length:
                    return begin + timedelta(microseconds=left)
                left -= length
            day += timedelta(days=1)
        raise AssertionError("no deadline within 400 days")

    def policy(self, queue: str, channel: str, priority: str | None, language: str, first: datetime) -> dict:
        local_day = first.replace(tzinfo=UTC).astimezone(self.zone(queue)).date().isoformat()
        candidates = []
        for row in self.policies:
            lang = language_matches(row["language"], language)
            if lang < 0 or row["queue_id"] not in ("*", queue) or row["channel"] not in ("*", channel):
                continue
            if row["priority"] != "*" and row["priority"] != priority:
                continue
            if not (
                row["effective_from"] <= local_day
                and (not row["effective_to"] or local_day < row["effective_to"])
            ):
                continue
            given = [row[f] != "*" for f in ("priority", "channel", "queue_id", "language")]
            key = (sum(given), *given[:3], lang == 2)
            candidates.append((tuple(-k for k in key), row["sla_policy_id"], row))
        return min(candidates, key=lambda c: (c[0], c[1]))[2]


def expected_rows(landing: Path, warehouse: Path) -> dict[tuple, tuple]:
    cal = Calendars.from_settings(landing / "settings", warehouse)
    conversations = query(
        warehouse,
        "select platform, conversation_id, channel, language, priority, first_inbound_at, first_response_at, "
        "first_human_response_at, first_resolved_at, last_resolved_at, last_customer_message_at "
        "from intermediate.int_conversations_aggregated",
    )
    as_of = max(max(t for t in (c[5], c[6], c[7], c[9], c[10]) if t is not None) for c in conversations)
    expected = {}
    for row in conversations:
        platform, cid, channel, language, priority, first, any_at, human_at, resolved1, resolved_last, _ = row
        queue = cal.queue(platform, language)
        policy = cal.policy(queue, channel, priority, language, first)
        sla_at = min((t for t in (human_at, resolved1) if t is not None), default=None)
        target_us = int(policy["first_response_target_min"]) * 60_000_000
        due = cal.due(queue, first, target_us)
        if sla_at is not None:
            within = cal.business_us(queue, first, sla_at) <= target_us
        else:
            within = False if due < as_of else None
        wall = (any_at or as_of) - first  # the 60-minute alert counts any response, bot or human
        expected[(platform, cid)] = (
            queue,
            policy["sla_policy_id"],
            None if any_at is None else cal.business_us(queue, first, any_at),
            None if human_at is None else cal.business_us(queue, first, human_at),
            None if resolved_last is None else cal.business_us(queue, first, resolved_last),
            due,
            within,
            within is False,
            wall // US > HOUR_US,
        )
    return expected


def test_business_durations_match_independent_computation(sample_run):
    built = {
        (row[0], row[1]): tuple(row[2:])
        for row in query(
            sample_run.warehouse,
            "select platform, conversation_id, queue_id, sla_policy_id, frt_business_any_us, frt_business_human_us, "
            "resolution_business_us, first_response_due_at, is_first_response_within_sla, is_sla_breached, "
            "is_frt_over_60m from intermediate.int_conversations_business_durations",
        )
    }
    expected = expected_rows(sample_run.landing, sample_run.warehouse)
    assert built.keys() == expected.keys()
    mismatches = {key: (built[key], expected[key]) for key in expected if built[key] != expected[key]}
    assert list(mismatches.items())[:5] == []
    # the sample exercises what the rules are about
    assert {queue for queue, *_ in expected.values()} == {"en_support", "fr_support", "b2b_support"}
    assert any(v[6] is True for v in expected.values()) and any(v[7] for v in expected.values())


def test_business_hours_never_exceed_wall_clock(sample_run):
    rows = query(
        sample_run.warehouse,
        "select count(*) from intermediate.int_conversations_business_durations "
        "where frt_business_any_us < 0 or frt_business_any_us > date_diff('microsecond', first_inbound_at, first_response_at)",
    )
    assert rows == [(0,)]
