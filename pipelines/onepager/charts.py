"""Inline SVG charts for the HTML one-pager: no script, no network, so the page prints and e-mails as is.

Both are plain bar charts with their numbers written on them (a reader of a printed page has no tooltip).
"""

from __future__ import annotations

from html import escape

from pipelines.onepager.format import kpi_value
from pipelines.onepager.sections import FunnelStage, RevenuePoint

INK, MUTED, DIRECT, ASSISTED = "#1f2933", "#52606d", "#1d4ed8", "#b45309"  # ≥ 4.5:1 on white


def funnel_svg(stages: tuple[FunnelStage, ...], width: int = 520) -> str:
    """Horizontal bars, one per stage, widths relative to the largest stage."""
    values = [s.value for s in stages if s.value]
    top = max(values) if values else 1.0
    row, label_w = 30, 170
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{row * len(stages) + 6}" role="img" aria-label="Funnel">'
    ]
    for i, stage in enumerate(stages):
        y = i * row + 4
        parts.append(f'<text x="0" y="{y + 17}" font-size="13" fill="{INK}">{escape(stage.stage)}</text>')
        if stage.value is None:
            parts.append(
                f'<text x="{label_w}" y="{y + 17}" font-size="12" fill="{MUTED}">{escape(stage.reason or "–")}</text>'
            )
            continue
        bar = max(2.0, (width - label_w - 90) * stage.value / top)
        parts.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{bar:.1f}" height="18" fill="{DIRECT}" rx="2"/>'
        )
        parts.append(
            f'<text x="{label_w + bar + 6:.1f}" y="{y + 17}" font-size="12" fill="{INK}">{stage.value:,.0f}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def revenue_svg(points: tuple[RevenuePoint, ...], unit: str, grain: str, width: int = 520) -> str:
    """Stacked columns per week or month: direct (bottom) and assisted (top)."""
    if not points:
        return f'<p class="muted">No community-influenced revenue in these {grain}s.</p>'
    top = max(p.total for p in points) or 1.0
    height, base, left = 170, 140, 4
    step = (width - left) / len(points)
    bar = min(48.0, step * 0.7)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 20}" role="img" aria-label="Community-influenced revenue">'
    ]
    for i, point in enumerate(points):
        x = left + i * step + (step - bar) / 2
        direct_h = 120 * max(point.direct, 0) / top
        assisted_h = 120 * max(point.assisted, 0) / top
        parts.append(
            f'<rect x="{x:.1f}" y="{base - direct_h:.1f}" width="{bar:.1f}" height="{direct_h:.1f}" fill="{DIRECT}"/>'
        )
        parts.append(
            f'<rect x="{x:.1f}" y="{base - direct_h - assisted_h:.1f}" width="{bar:.1f}" height="{assisted_h:.1f}" fill="{ASSISTED}"/>'
        )
        label = point.bucket.strftime("%d %b" if grain == "week" else "%b %Y")
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{base + 16}" font-size="11" text-anchor="middle" fill="{MUTED}">{label}</text>'
        )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{base - direct_h - assisted_h - 4:.1f}" font-size="10" text-anchor="middle" fill="{INK}">{escape(kpi_value(point.total, unit).replace(" " + unit, ""))}</text>'
        )
    parts.append(
        f'<rect x="{left}" y="{height + 4}" width="10" height="10" fill="{DIRECT}"/><text x="{left + 14}" y="{height + 13}" font-size="11" fill="{INK}">direct</text>'
        f'<rect x="{left + 70}" y="{height + 4}" width="10" height="10" fill="{ASSISTED}"/><text x="{left + 84}" y="{height + 13}" font-size="11" fill="{INK}">assisted</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
