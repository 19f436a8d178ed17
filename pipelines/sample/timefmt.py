"""Timestamp spellings of the tools the sample imitates (all from epoch seconds, no wall clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from .calendar import utc_offset_h

_ZONES = {h: timezone(timedelta(hours=h)) for h in (-4, -5)}  # Toronto's two offsets


def _local(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, _ZONES[utc_offset_h(ts)])


def _utc(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def rfc3339_local(ts: float) -> str:
    """`2026-09-01T10:00:00-04:00`: Toronto wall clock with its offset."""
    return _local(int(ts)).isoformat()


def rfc3339_z(ts: float, millis: bool = False) -> str:
    """`2026-09-01T14:00:00Z` or `2026-09-01T14:00:00.123Z`."""
    if millis:
        dt = _utc(int(ts * 1000) / 1000)
        return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"
    return _utc(int(ts)).strftime("%Y-%m-%dT%H:%M:%SZ")


def rfc3339_utc_offset(ts: float) -> str:
    """`2026-09-01T14:00:00+00:00`."""
    return _utc(int(ts)).isoformat()


def naive_local(ts: float) -> str:
    """`2026-09-01T10:00:00`: no offset (breaks the contract)."""
    return _local(int(ts)).replace(tzinfo=None).isoformat()


def shopify(ts: float) -> str:
    """`2026-09-11 20:20:59 -0400`."""
    return _local(int(ts)).strftime("%Y-%m-%d %H:%M:%S %z")


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
