"""How the one-pager writes numbers, units and changes (the HTML page, the CLI and the app's captions).

Money in the reporting currency ('12,345.67 CAD'), ratios as percentages, durations humanised ('41 min',
'3 h 05 min', '1 d 17 h'), changes relative ('+12.5 %') with the percentage-point difference of a ratio
beside it ('+2.1 pp'). A change that rounds to zero is written without a sign.
"""

from __future__ import annotations

import math

from pipelines.onepager.figures import Figure

MISSING = "–"
COUNT_UNITS = frozenset(
    {"conversations", "messages", "comments", "posts", "engagements", "followers", "views", "shares",
     "conversions", "orders", "leads"}
)  # fmt: skip


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def duration(minutes: float) -> str:
    """'0.8 min', '41 min', '3 h 05 min', '1 d 17 h'."""
    if minutes < 10:
        return f"{minutes:.1f} min"
    if minutes < 60:
        return f"{minutes:.0f} min"
    if minutes < 24 * 60:
        hours, rest = divmod(round(minutes), 60)
        return f"{hours} h {rest:02d} min"
    days, rest = divmod(round(minutes / 60), 24)
    return f"{days} d {rest} h"


def is_money(unit: str | None) -> bool:
    return bool(unit) and len(unit) == 3 and unit.isalpha() and unit.isupper()


def kpi_value(value: float | None, unit: str | None, percent_digits: int = 1) -> str:
    if _missing(value):
        return MISSING
    assert value is not None
    if unit == "ratio":
        return f"{value * 100:.{percent_digits}f} %"
    if unit == "minutes":
        return duration(value)
    if is_money(unit):
        return f"{value:,.2f} {unit}"
    if unit in COUNT_UNITS:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{value:,.2f}"


def headline_value(value: float | None, unit: str | None) -> str:
    """A headline number short enough to read at a glance: money from 10,000 up in thousands or millions
    ('38.1k CAD', '1.25M CAD'); everything else as kpi_value."""
    if not _missing(value) and is_money(unit):
        assert value is not None
        if abs(value) >= 1_000_000:
            return f"{value / 1_000_000:,.2f}M {unit}"
        if abs(value) >= 10_000:
            return f"{value / 1_000:,.1f}k {unit}"
    return kpi_value(value, unit)


def relative_change(change: float | None) -> str | None:
    """'+12.5 %', '−3.0 %', '0.0 %' (no sign when it rounds to zero); None without a change."""
    if change is None:
        return None
    if round(change * 100, 1) == 0:
        return "0.0 %"
    return f"{change * 100:+.1f} %".replace("-", "−")


def pp_change(pp: float | None) -> str | None:
    if pp is None:
        return None
    if round(pp, 1) == 0:
        return "0.0 pp"
    return f"{pp:+.1f} pp".replace("-", "−")


def change_text(figure: Figure) -> str | None:
    """'+12.5 % (+1.2 pp)' for a ratio, '+12.5 %' otherwise; None when there is nothing to compare."""
    relative, pp = relative_change(figure.change), pp_change(figure.change_pp)
    if relative is None:
        return pp
    return f"{relative} ({pp})" if pp else relative


def change_words(figure: Figure) -> str:
    """'fell 40.0 %', 'rose 12.5 %', 'did not change' (for the bridge's sentences)."""
    change = figure.change
    if change is None or round(change * 100, 1) == 0:
        return "did not change"
    return f"{'rose' if change > 0 else 'fell'} {abs(change) * 100:.1f} %"


def is_good(figure: Figure) -> bool | None:
    """Whether the change is an improvement (None when there is none)."""
    change = figure.change if figure.change is not None else figure.change_pp
    if change is None or round(change * 100, 1) == 0:
        return None
    return (change < 0) if figure.lower_is_better else (change > 0)
