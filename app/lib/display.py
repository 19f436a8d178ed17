"""How codes and numbers read on screen: display names, number formats, period-over-period deltas."""

from __future__ import annotations

import math
from datetime import date

PLATFORM_LABELS = {
    "instagram": "Instagram",
    "facebook": "Facebook",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "linkedin": "LinkedIn",
}
CHANNEL_LABELS = {"dm": "Direct messages", "comment": "Comments"}
LANGUAGE_LABELS = {
    "en": "English",
    "en-CA": "English (Canada)",
    "fr": "French",
    "fr-CA": "French (Canada)",
    "und": "Undetermined",
}


def platform_label(code: str) -> str:
    return PLATFORM_LABELS.get(code, code)


def channel_label(code: str) -> str:
    return CHANNEL_LABELS.get(code, code)


def language_label(code: str) -> str:
    return LANGUAGE_LABELS.get(code, code)


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def count(value: float | None) -> str:
    return "–" if _missing(value) else f"{int(value):,}"


def percent(value: float | None) -> str:
    return "–" if _missing(value) else f"{value:.1%}"


def minutes(value: float | None) -> str:
    return "–" if _missing(value) else f"{value:,.1f} min"


def count_delta(current: float | None, previous: float | None) -> str | None:
    """Relative change of a count, e.g. '+12.5%'; None when there is nothing to compare with."""
    if _missing(current) or _missing(previous) or not previous:
        return None
    return f"{(current - previous) / previous:+.1%}"


def rate_delta(current: float | None, previous: float | None) -> str | None:
    """Change of a rate in percentage points, e.g. '+2.1 pp'."""
    if _missing(current) or _missing(previous):
        return None
    return f"{(current - previous) * 100:+.1f} pp"


def minutes_delta(current: float | None, previous: float | None) -> str | None:
    """Change of a duration, e.g. '-4.2 min'."""
    if _missing(current) or _missing(previous):
        return None
    return f"{current - previous:+,.1f} min"


def period(start: date, end: date) -> str:
    """'3 – 16 Mar 2025', '28 Feb – 6 Mar 2025', '29 Dec 2024 – 4 Jan 2025', or one day."""
    if start == end:
        return f"{end.day} {end:%b %Y}"
    if start.year != end.year:
        return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"
    if start.month != end.month:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} – {end.day} {end:%b %Y}"
