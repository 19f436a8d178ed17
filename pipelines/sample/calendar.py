"""The sample's calendar: date range, team time zone, inbound rhythms, campaigns and the experiment.

Every time inside the generator is a float of seconds since the epoch (UTC). The team works in
America/Toronto; the whole range is on daylight time (-04:00) and the clocks fall back on 2026-11-01,
which only late replies to October's last conversations reach.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

TEAM_TZ = ZoneInfo("America/Toronto")
START = date(2026, 8, 1)
END = date(2026, 10, 31)
EXPORT_DAY = date(2026, 11, 1)
DAY_S = 86_400.0
HOUR_S = 3_600.0


def local_epoch(day: date, seconds: float = 0.0) -> float:
    """Epoch seconds of a Toronto wall-clock time `seconds` after midnight of `day`."""
    midnight = datetime.combine(day, time(0), tzinfo=TEAM_TZ)
    return midnight.timestamp() + seconds


DST_START = datetime(2026, 3, 8, 7, 0, tzinfo=UTC).timestamp()
DST_END = datetime(2026, 11, 1, 6, 0, tzinfo=UTC).timestamp()
assert datetime.fromtimestamp(DST_START, TEAM_TZ).utcoffset() == timedelta(hours=-4)
assert datetime.fromtimestamp(DST_END - 1, TEAM_TZ).utcoffset() == timedelta(hours=-4)
assert datetime.fromtimestamp(DST_END, TEAM_TZ).utcoffset() == timedelta(hours=-5)
assert datetime.combine(START, time(0), tzinfo=TEAM_TZ).utcoffset() == timedelta(hours=-4)


def utc_offset_h(ts: float) -> int:
    """Toronto's UTC offset in whole hours at `ts` (a fast path for 2026's daylight time)."""
    if DST_START <= ts < DST_END:
        return -4
    offset = datetime.fromtimestamp(ts, TEAM_TZ).utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 3600)


EPOCH_DAY0 = date(1970, 1, 1)


def local_day(ts: float) -> date:
    """Toronto calendar day of an instant."""
    return EPOCH_DAY0 + timedelta(days=int((ts + utc_offset_h(ts) * HOUR_S) // DAY_S))


def local_clock(ts: float) -> tuple[int, float]:
    """(weekday 0=Mon, seconds after local midnight) of an instant in Toronto."""
    local = ts + utc_offset_h(ts) * HOUR_S
    days = int(local // DAY_S)
    return (days + 3) % 7, local - days * DAY_S


def days_in_range() -> list[date]:
    n = (END - START).days + 1
    return [START + timedelta(days=i) for i in range(n)]


# Inbound customer messages by Toronto hour: quiet nights, a lunch bump, busy evenings.
HOUR_WEIGHTS: tuple[float, ...] = (
    1.6, 1.0, 0.6, 0.4, 0.3, 0.4, 0.8, 1.6, 2.6, 3.4, 3.8, 4.1,
    4.6, 4.4, 4.0, 4.0, 4.3, 4.9, 5.6, 6.6, 7.4, 7.2, 5.6, 3.2,
)  # fmt: skip

# Monday .. Sunday.
WEEKDAY_WEIGHTS: tuple[float, ...] = (1.12, 1.16, 1.14, 1.10, 1.02, 0.78, 0.68)


@dataclass(frozen=True)
class Campaign:
    """A marketing campaign: its content, conversations and orders carry `name` while it runs."""

    name: str
    start: date
    end: date
    volume_lift: float
    conversion_lift: float
    discount_code: str
    discount_pct: int

    def active(self, day: date) -> bool:
        return self.start <= day <= self.end


CAMPAIGNS: tuple[Campaign, ...] = (
    Campaign("back_to_school", date(2026, 8, 17), date(2026, 9, 7), 1.30, 1.45, "BTS10", 10),
    Campaign("fall_launch", date(2026, 9, 21), date(2026, 10, 11), 1.65, 1.9, "FALL15", 15),
    Campaign("halloween", date(2026, 10, 24), date(2026, 10, 31), 1.25, 1.4, "SPOOKY20", 20),
)


def campaign_on(day: date) -> Campaign | None:
    for campaign in CAMPAIGNS:
        if campaign.active(day):
            return campaign
    return None


def volume_factor(day: date) -> float:
    """Relative inbound volume of a day: weekday rhythm x campaign lift x a slow audience growth."""
    campaign = campaign_on(day)
    lift = campaign.volume_lift if campaign else 1.0
    growth = 1.0 + 0.12 * (day - START).days / (END - START).days
    return WEEKDAY_WEIGHTS[day.weekday()] * lift * growth


@dataclass(frozen=True)
class Experiment:
    """An A/B test on DM conversations: treatment gets a prioritised, faster human reply."""

    experiment_id: str
    start: date
    end: date
    platforms: tuple[str, ...]
    intents: tuple[str, ...]


FAST_REPLY = Experiment(
    "exp_fast_reply",
    date(2026, 9, 1),
    date(2026, 10, 15),
    ("instagram", "facebook"),
    ("purchase", "question", "support"),
)

# Automation go-lives (the change log): template versions and coverage change on these days.
WELCOME_V2_FROM = date(2026, 9, 14)
TIKTOK_BOT_FROM = date(2026, 9, 14)
FRENCH_BOT_FROM = date(2026, 10, 5)


@dataclass(frozen=True)
class Schedule:
    """A team's weekly business hours in Toronto time: (open_s, close_s) per weekday, None = closed."""

    name: str
    hours: tuple[tuple[float, float] | None, ...]

    def next_open(self, ts: float) -> float:
        """`ts` itself inside business hours, else the next opening."""
        weekday, clock = local_clock(ts)
        for ahead in range(8):
            slot = self.hours[(weekday + ahead) % 7]
            if slot is not None:
                opens, closes = slot
                if ahead == 0:
                    if clock < opens:
                        return ts + (opens - clock)
                    if clock < closes:
                        return ts
                else:
                    return ts - clock + ahead * DAY_S + opens
        raise ValueError(f"schedule {self.name} is never open")


def _h(a: float, b: float) -> tuple[float, float]:
    return (a * HOUR_S, b * HOUR_S)


EN_TEAM = Schedule("en", (_h(8, 22),) * 5 + (_h(9, 20), _h(9, 20)))
FR_TEAM = Schedule("fr", (_h(8.5, 20),) * 5 + (_h(10, 16), None))
