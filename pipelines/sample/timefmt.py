"""Timestamp spellings of the tools the sample imitates (all from epoch seconds, no wall clock).

The hot paths format from `time.gmtime` fields directly (several million calls at scale 100).
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

from .calendar import utc_offset_h

_ZONES = {h: timezone(timedelta(hours=h)) for h in range(-12, 15)}


def _local(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, _ZONES[utc_offset_h(ts)])


def _fields(ts: float) -> tuple[str, str]:
    """(`YYYY-MM-DD`, `HH:MM:SS`) of an instant in UTC, or shifted beforehand for local time."""
    t = time.gmtime(ts)
    return (
        f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}",
        f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}",
    )


def _offset(hours: int, colon: bool) -> str:
    sign = "-" if hours < 0 else "+"
    return f"{sign}{abs(hours):02d}:00" if colon else f"{sign}{abs(hours):02d}00"


def rfc3339_local(ts: float) -> str:
    """`2026-09-01T10:00:00-04:00`: Toronto wall clock with its offset."""
    hours = utc_offset_h(ts)
    day, clock = _fields(int(ts) + hours * 3600)
    return f"{day}T{clock}{_offset(hours, True)}"


def rfc3339_z(ts: float, millis: bool = False) -> str:
    """`2026-09-01T14:00:00Z` or `2026-09-01T14:00:00.123Z`."""
    day, clock = _fields(int(ts))
    if millis:
        return f"{day}T{clock}.{int(ts * 1000) % 1000:03d}Z"
    return f"{day}T{clock}Z"


def rfc3339_utc_offset(ts: float) -> str:
    """`2026-09-01T14:00:00+00:00`."""
    day, clock = _fields(int(ts))
    return f"{day}T{clock}+00:00"


def naive_local(ts: float) -> str:
    """`2026-09-01T10:00:00`: no offset (breaks the contract)."""
    day, clock = _fields(int(ts) + utc_offset_h(ts) * 3600)
    return f"{day}T{clock}"


def shopify(ts: float) -> str:
    """`2026-09-11 20:20:59 -0400`."""
    hours = utc_offset_h(ts)
    day, clock = _fields(int(ts) + hours * 3600)
    return f"{day} {clock} {_offset(hours, False)}"


def meta_publish(ts: float) -> str:
    """`09/11/2026 20:20`: Meta Business Suite's publish time, account time zone."""
    return _local(ts).strftime("%m/%d/%Y %H:%M")


def hubspot_iso(ts: float) -> str:
    """`2026-03-12 09:14`."""
    return _local(ts).strftime("%Y-%m-%d %H:%M")


def hubspot_us(ts: float) -> str:
    """`3/15/2026 2:30 PM`."""
    dt = _local(ts)
    hour = dt.hour % 12 or 12
    return f"{dt.month}/{dt.day}/{dt.year} {hour}:{dt.minute:02d} {'AM' if dt.hour < 12 else 'PM'}"


def graphql_utc(ts: float) -> str:
    """`2026-09-11T23:55:12Z`: Shopify Admin GraphQL DateTime."""
    return rfc3339_z(ts)
