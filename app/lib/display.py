"""How codes and numbers read on screen: display names, number formats, period-over-period deltas.

One format per unit, everywhere: money with 2 decimals ("4.40 CAD", never "4.4" or "4"), rates with one decimal
of a percent, counts whole, durations humanised ("1 d 17 h", "41 min", "48 s"). A missing value reads "—"
(never a grey "None"), and a change that rounds to zero reads "no change" without colour or arrow (never a red
"−0.0 pp").
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pandas as pd

MISSING = "—"
NO_CHANGE = "no change"

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


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def count(value: float | None) -> str:
    return MISSING if _missing(value) else f"{int(value):,}"


def amount(value: float | None) -> str:
    """A count or a per-post average: '1,234' when whole, else '4.7' (one decimal: views per post)."""
    if _missing(value):
        return MISSING
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def signed_count(value: float | None) -> str:
    """A change in a count, e.g. '+186' or '-12'."""
    return MISSING if _missing(value) else f"{int(value):+,}"


def seconds(value: float | None) -> str:
    return MISSING if _missing(value) else f"{value:,.1f} s"


def times(value: float | None) -> str:
    """A multiple (impressions ÷ reach, views ÷ followers), e.g. '1.59'."""
    return MISSING if _missing(value) else f"{value:,.2f}"


def signed_percent(value: float | None, digits: int = 1) -> str | None:
    """A relative change already computed by the marts, e.g. '+12.5%'; None when there is none."""
    return None if _missing(value) else f"{value:+.{digits}%}"


def percent(value: float | None, digits: int = 1) -> str:
    return MISSING if _missing(value) else f"{value:.{digits}%}"


def minutes(value: float | None) -> str:
    """A duration given in minutes, humanised (see `duration`)."""
    return duration(value)


def duration(value_min: float | None) -> str:
    """Minutes as a person reads them: '48 s', '41 min', '3 h 5 min', '1 d 17 h' (two units at most).

    '2461.1 min' makes the reader divide by 60 and 24; two units are enough to compare waits.
    """
    if _missing(value_min):
        return MISSING
    total_s = round(float(value_min) * 60)
    sign = "-" if total_s < 0 else ""
    total_s = abs(total_s)
    if total_s < 60:
        return f"{sign}{total_s} s"
    total_min = round(total_s / 60)
    if total_min < 60:
        return f"{sign}{total_min} min"
    if total_min < 24 * 60:
        hours, mins = divmod(total_min, 60)
        return f"{sign}{hours} h" + (f" {mins} min" if mins else "")
    total_h = round(total_min / 60)
    days, hours = divmod(total_h, 24)
    return f"{sign}{days} d" + (f" {hours} h" if hours else "")


def money(value: float | None, currency: str | None = None) -> str:
    """Money always with 2 decimals: '4.40 CAD', '1,234.00 CAD'."""
    if _missing(value):
        return MISSING
    return f"{value:,.2f}" + (f" {currency}" if currency else "")


def cell(value: Any) -> Any:
    """A table cell: a missing value reads '—' (st.dataframe would show a grey 'None')."""
    return MISSING if _missing(value) else value


def text_cells(table: pd.DataFrame) -> pd.DataFrame:
    """The table with its missing text cells as '—'; numeric columns stay numbers (sortable, downloadable)
    and are shown with '—' for missing by `styled`."""
    out = table.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_datetime64_any_dtype(
            out[column]
        ):
            out[column] = out[column].map(cell)
    return out


def styled(table: pd.DataFrame, formats: dict[str, str] | None = None) -> Any:
    """The table as a Styler: missing cells read '—' (not a grey 'None'); `formats` per column, e.g.
    {'Share': '{:.1%}'}. The numbers stay numbers, so sorting and CSV downloads keep raw values."""
    table = text_cells(table)
    styler = table.style.format(na_rep=MISSING)
    for column, fmt in (formats or {}).items():
        if column in table.columns:
            styler = styler.format(fmt, na_rep=MISSING, subset=[column])
    return styler


def _signed(rounded: float, text: str) -> str | None:
    return NO_CHANGE if rounded == 0 else text


def count_delta(current: float | None, previous: float | None) -> str | None:
    """Relative change of a count, e.g. '+12.5%'; 'no change' when it rounds to 0.0 %; None without a base."""
    if _missing(current) or _missing(previous) or not previous:
        return None
    change = round((current - previous) / previous * 100, 1)
    return _signed(change, f"{change:+.1f}%")


def rate_delta(current: float | None, previous: float | None) -> str | None:
    """Change of a rate in percentage points, e.g. '+2.1 pp'; 'no change' when it rounds to 0.0 pp."""
    if _missing(current) or _missing(previous):
        return None
    change = round((current - previous) * 100, 1)
    return _signed(change, f"{change:+.1f} pp")


def minutes_delta(current: float | None, previous: float | None) -> str | None:
    """Change of a duration, humanised, e.g. '-4 min', '+1 d 2 h'; 'no change' when it rounds to 0 s."""
    if _missing(current) or _missing(previous):
        return None
    change = current - previous
    text = duration(abs(change))
    if text == "0 s":
        return NO_CHANGE
    return ("+" if change > 0 else "-") + text


def delta_color(delta: str | None, color: str = "normal") -> str:
    """st.metric's delta_color: 'off' (grey, no arrow meaning) for a change that rounds to zero."""
    return "off" if delta == NO_CHANGE else color


def delta_arrow(delta: str | None) -> str:
    """st.metric's delta_arrow: no arrow for 'no change'."""
    return "off" if delta == NO_CHANGE else "auto"


def metric_delta(delta: str | None, color: str = "normal") -> dict[str, Any]:
    """The delta keyword arguments of st.metric for one change (colour and arrow off when it is zero)."""
    return {"delta": delta, "delta_color": delta_color(delta, color), "delta_arrow": delta_arrow(delta)}


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
        return money(value, unit)
    if _missing(value):
        return MISSING
    # Any other unit (orders per conversation, a score): 2 decimals always, so 4.40 never reads '4'.
    return f"{value:,.2f}"


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
    return MISSING if code is None or _missing(code) else BENCHMARK_POSITIONS.get(code, code)


def creator_tier_label(code: str) -> str:
    return CREATOR_TIERS.get(code, code)


def creator_tier_rating_label(code: str) -> str:
    return CREATOR_TIER_RATINGS.get(code, code)


def view_follower_band_label(code: str | None) -> str:
    return MISSING if code is None or _missing(code) else VIEW_FOLLOWER_BANDS.get(code, code)


def content_type_label(code: str) -> str:
    return code.replace("_", " ").capitalize() if isinstance(code, str) else MISSING


def campaign_label(code: str) -> str:
    return code.replace("_", " ").capitalize() if isinstance(code, str) else MISSING


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
