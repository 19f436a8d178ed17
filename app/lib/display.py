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
    "x": "X",
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


def amount(value: float | None) -> str:
    """A count or a per-post average: '1,234' when whole, else '4.7' (one decimal)."""
    if _missing(value):
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def signed_count(value: float | None) -> str:
    """A change in a count, e.g. '+186' or '-12'."""
    return "–" if _missing(value) else f"{int(value):+,}"


def seconds(value: float | None) -> str:
    return "–" if _missing(value) else f"{value:,.1f} s"


def times(value: float | None) -> str:
    """A multiple (impressions ÷ reach, views ÷ followers), e.g. '1.59'."""
    return "–" if _missing(value) else f"{value:,.2f}"


def signed_percent(value: float | None, digits: int = 1) -> str | None:
    """A relative change already computed by the marts, e.g. '+12.5%'; None when there is none."""
    return None if _missing(value) else f"{value:+.{digits}%}"


def percent(value: float | None, digits: int = 1) -> str:
    return "–" if _missing(value) else f"{value:.{digits}%}"


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


# Units of `marts.dim_kpis` that are counts of things (a per-post average keeps its decimal).
COUNT_UNITS = frozenset(
    {"posts", "engagements", "followers", "views", "shares", "comments", "conversations", "messages"}
)


def kpi_value(value: float | None, unit: str | None, percent_digits: int = 1) -> str:
    """One KPI value as its unit reads: ratio '2.5%', minutes '4.2 min', seconds '12.3 s', times '1.59'."""
    if unit == "ratio":
        return percent(value, percent_digits)
    if unit == "minutes":
        return minutes(value)
    if unit == "seconds":
        return seconds(value)
    if unit in ("times", "score"):
        return times(value)
    if unit in COUNT_UNITS:
        return amount(value)
    if unit and len(unit) == 3 and unit.isalpha() and unit.isupper():  # money in the reporting currency
        return "–" if _missing(value) else f"{value:,.2f} {unit}"
    return count(value)


BENCHMARK_POSITIONS = {"below": "Below benchmark", "within": "Within benchmark", "above": "Above benchmark"}
CREATOR_TIERS = {
    "under_10k": "< 10k followers",
    "10k_to_100k": "10k–100k followers",
    "over_100k": "> 100k followers",
}
CREATOR_TIER_RATINGS = {"excellent": "Excellent", "good": "Good", "below_good": "Below good"}
VIEW_FOLLOWER_BANDS = {
    "mostly_followers": "Mostly followers",
    "normal_organic": "Normal organic reach",
    "viral": "Beyond the audience (viral)",
}


def benchmark_position_label(code: str | None) -> str:
    return "–" if code is None or _missing(code) else BENCHMARK_POSITIONS.get(code, code)


def creator_tier_label(code: str) -> str:
    return CREATOR_TIERS.get(code, code)


def creator_tier_rating_label(code: str) -> str:
    return CREATOR_TIER_RATINGS.get(code, code)


def view_follower_band_label(code: str | None) -> str:
    return "–" if code is None or _missing(code) else VIEW_FOLLOWER_BANDS.get(code, code)


def content_type_label(code: str) -> str:
    return code.replace("_", " ").capitalize() if isinstance(code, str) else "–"


def campaign_label(code: str) -> str:
    return code.replace("_", " ").capitalize() if isinstance(code, str) else "–"


def percent_band(low: float | None, high: float | None) -> str | None:
    """A benchmark band, e.g. '1.0–5.0%'; None without one."""
    if _missing(low) or _missing(high):
        return None
    return f"{low * 100:.1f}–{high * 100:.1f}%"


def period(start: date, end: date) -> str:
    """'3 – 16 Mar 2025', '28 Feb – 6 Mar 2025', '29 Dec 2024 – 4 Jan 2025', or one day."""
    if start == end:
        return f"{end.day} {end:%b %Y}"
    if start.year != end.year:
        return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"
    if start.month != end.month:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} – {end.day} {end:%b %Y}"
