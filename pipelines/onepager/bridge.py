"""The bridge from operations to outcomes (kpis.md §8): what moved, in plain words, and what the change in
DM conversion is worth, with its formula.

Incremental revenue is kpis.md §7's "Δ conversion rate × DM volume × AOV", the formula of
rpt_revenue__unit_economics_monthly applied to the one-pager's two periods instead of two calendar months:
  Δ conversion rate  dm_conversion_rate this period − dm_conversion_rate the previous period
  DM volume          this period's DM conversations (dm_conversion_rate's denominator)
  AOV                revenue_per_conversion this period (attributed revenue ÷ attributed conversions)
All three are registry values; the product is the only arithmetic done here. It is "modelled": the change is
valued as if the whole conversion change came from the operational changes listed beside it; it is not a
lift test (rpt_attribution__lift_tests measures that).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.onepager.catalog import BRIDGE_FRT, OPERATIONAL
from pipelines.onepager.figures import Figure
from pipelines.onepager.format import change_words, kpi_value

FORMULA = "incremental revenue = Δ DM conversion rate × DM volume × AOV"


@dataclass(frozen=True)
class Bridge:
    movers: tuple[str, ...]  # plain sentences, biggest relative change first
    incremental_revenue: float | None
    conversion_change_pp: float | None
    dm_volume: float | None
    aov: float | None
    unit: str
    sentence: str  # the incremental revenue in words, or why there is none
    formula: str = FORMULA


def movers(operational: dict[str, Figure], limit: int = 3) -> tuple[str, ...]:
    """The operational KPIs that changed most (relative), as sentences; the FRT first when it moved."""
    moved = [f for f in operational.values() if f.change is not None and f.change != 0]
    moved.sort(key=lambda f: (f.kpi != BRIDGE_FRT, -abs(f.change or 0)))
    return tuple(
        f"{f.label} {change_words(f)} ({kpi_value(f.previous, f.unit)} → {kpi_value(f.value, f.unit)})"
        for f in moved[:limit]
    )


def build_bridge(operational: dict[str, Figure], conversion: Figure, aov: Figure) -> Bridge:
    moved = movers({k: operational[k] for k in OPERATIONAL if k in operational})
    unit = aov.unit
    missing = [
        f"{figure.label}: {figure.reason or figure.previous_reason}"
        for figure, needs_previous in ((conversion, True), (aov, False))
        if figure.value is None or (needs_previous and figure.previous is None)
    ]
    if missing or conversion.denominator is None:
        return Bridge(
            moved, None, None, None, None, unit, "Incremental revenue not available: " + "; ".join(missing)
        )
    delta = conversion.value - conversion.previous  # type: ignore[operator]
    revenue = delta * conversion.denominator * aov.value  # type: ignore[operator]
    direction = "rose" if delta > 0 else "fell" if delta < 0 else "did not change"
    sentence = (
        f"{conversion.label} {direction} {abs(delta) * 100:.2f} pp "
        f"({kpi_value(conversion.previous, 'ratio', 2)} → {kpi_value(conversion.value, 'ratio', 2)}); "
        f"at {conversion.denominator:,.0f} DM conversations and an AOV of {kpi_value(aov.value, unit)} "
        f"that is modelled as {kpi_value(revenue, unit)} of incremental revenue."
    )
    return Bridge(moved, revenue, delta * 100, conversion.denominator, aov.value, unit, sentence)
