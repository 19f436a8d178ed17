"""The one-pager as one self-contained HTML page (inline CSS and SVG, no script, no external file), the page
`socialkpi onepager` writes and prints to PDF / PNG.

Each KPI's definition is its `title` (hover) and is printed in the small print below it, so a printed page
still says what every number means.
"""

from __future__ import annotations

from datetime import UTC, datetime

import jinja2

from pipelines.onepager.bridge import FORMULA
from pipelines.onepager.charts import funnel_svg, revenue_svg
from pipelines.onepager.format import change_text, is_good, kpi_value
from pipelines.onepager.report import OnePager

GOAL_COLUMNS = ("goal_id", "kpi", "current_value", "target", "progress", "status", "days_left", "owner")
ALERT_COLUMNS = (
    "rule",
    "platform",
    "language",
    "scope",
    "observed_value",
    "threshold",
    "severity",
    "first_seen",
)

TEMPLATE = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>socialkpi one-pager · {{ op.period.label() }}</title>
<style>
  @page { size: A4; margin: 12mm; }
  body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1f2933; margin: 0 auto; max-width: 1100px; padding: 16px; }
  h1 { font-size: 22px; margin: 0 0 2px; } h2 { font-size: 15px; margin: 18px 0 6px; border-bottom: 1px solid #cbd2d9; }
  .muted { color: #52606d; font-size: 12px; }
  .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 10px; }
  .card { border: 1px solid #cbd2d9; border-radius: 6px; padding: 10px 12px; }
  .card .label { font-size: 13px; } .card .value { font-size: 26px; font-weight: bold; margin: 4px 0; }
  .good { color: #0f7a3a; } .bad { color: #b42318; } .flat { color: #52606d; }
  table { border-collapse: collapse; width: 100%; font-size: 12px; }
  th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #e4e7eb; }
  td.num, th.num { text-align: right; }
  .two { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 16px; }
  .bar { background: #e4e7eb; height: 8px; width: 120px; display: inline-block; border-radius: 4px; }
  .bar span { background: #1d4ed8; height: 8px; display: block; border-radius: 4px; }
</style></head>
<body>
<h1>Executive one-pager</h1>
<div class="muted">{{ op.period.label() }} compared with {{ op.previous.label() }} · {{ op.filters.label() }} ·
generated {{ generated }}</div>

<h2>Headline</h2>
<div class="cards">
{% for f in op.headline %}
  <div class="card" title="{{ op.definitions[f.kpi] }}" data-kpi="{{ f.kpi }}">
    <div class="label">{{ f.label }}</div>
    <div class="value">{{ value(f.value, f.unit) }}</div>
    {% if f.available %}
      <div class="{{ tone(f) }}">{{ change_text(f) or "no change to show: " ~ f.previous_reason }}</div>
      <div class="muted">previous period {{ value(f.previous, f.unit) }}{% if f.numerator is not none %} ·
        {{ number(f.numerator) }} ÷ {{ number(f.denominator) }}{% endif %}</div>
    {% else %}
      <div class="muted">{{ f.reason }}</div>
    {% endif %}
    {% if f.note and f.available %}<div class="muted">{{ f.note }}</div>{% endif %}
  </div>
{% endfor %}
</div>

<h2>What moved them</h2>
<ul>
{% for line in op.bridge.movers %}<li>{{ line }}</li>{% else %}<li class="muted">No operational KPI changed.</li>{% endfor %}
<li>{{ op.bridge.sentence }}</li>
</ul>
<div class="muted">Formula: {{ formula }} (kpis.md §7). A modelled figure, not a measured lift.</div>

<h2>Operations</h2>
<table>
<tr><th>KPI</th><th class="num">this period</th><th class="num">previous</th><th class="num">change</th><th>note</th></tr>
{% for f in op.operational %}
<tr title="{{ op.definitions[f.kpi] }}"><td>{{ f.label }}</td><td class="num">{{ value(f.value, f.unit) }}</td>
<td class="num">{{ value(f.previous, f.unit) }}</td><td class="num {{ tone(f) }}">{{ change_text(f) or "–" }}</td>
<td class="muted">{{ f.reason or f.note or "" }}</td></tr>
{% endfor %}
</table>

<div class="two">
<div><h2>Goals</h2>
{% if op.goals.rows %}
<table><tr>{% for c in goal_columns %}<th>{{ c.replace("_", " ") }}</th>{% endfor %}</tr>
{% for g in op.goals.rows %}<tr>
{% for c in goal_columns %}<td>{% if c == "progress" %}<span class="bar"><span style="width: {{ bar(g.get(c)) }}%"></span></span> {{ pct(g.get(c)) }}{% else %}{{ cell(g.get(c)) }}{% endif %}</td>{% endfor %}
</tr>{% endfor %}</table>
{% else %}<p class="muted">{{ op.goals.reason }}</p>{% endif %}
</div>
<div><h2>Open alerts</h2>
{% if op.alerts.rows %}
<table><tr>{% for c in alert_columns if c in op.alerts.rows[0] %}<th>{{ c.replace("_", " ") }}</th>{% endfor %}</tr>
{% for a in op.alerts.rows %}<tr>{% for c in alert_columns if c in a %}<td>{{ cell(a.get(c)) }}</td>{% endfor %}</tr>{% endfor %}</table>
{% else %}<p class="muted">{{ op.alerts.reason }}</p>{% endif %}
</div>
</div>

<div class="two">
<div><h2>Funnel</h2>{{ funnel | safe }}</div>
<div><h2>Community-influenced revenue by {{ op.revenue_grain }}</h2>{{ revenue | safe }}</div>
</div>

<h2>Definitions</h2>
<table>{% for kpi, text in op.definitions.items() %}<tr><td>{{ kpi }}</td><td class="muted">{{ text }}</td></tr>{% endfor %}</table>
</body></html>
"""
)


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def _percent(value: object) -> str:
    return "–" if value is None else f"{float(value) * 100:.0f} %"  # type: ignore[arg-type]


def _bar(value: object) -> float:
    return 0.0 if value is None else max(0.0, min(100.0, float(value) * 100))  # type: ignore[arg-type]


def _tone(figure) -> str:
    good = is_good(figure)
    return "flat" if good is None else "good" if good else "bad"


def render_html(onepager: OnePager, generated: datetime | None = None) -> str:
    money = next((f.unit for f in onepager.headline if f.kpi == "community_influenced_revenue"), "")
    return TEMPLATE.render(
        op=onepager,
        generated=(generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC"),
        value=kpi_value,
        number=lambda v: "–" if v is None else f"{v:,.2f}".rstrip("0").rstrip("."),
        change_text=change_text,
        tone=_tone,
        cell=_cell,
        pct=_percent,
        bar=_bar,
        formula=FORMULA,
        goal_columns=GOAL_COLUMNS,
        alert_columns=ALERT_COLUMNS,
        funnel=funnel_svg(onepager.funnel),
        revenue=revenue_svg(onepager.revenue, money, onepager.revenue_grain),
    )
