"""One KPI for a period and its previous period: values, parts, change, and why a value is missing.

The values are the registry's (`compute_kpis` evaluates `marts.dim_kpis`' SQL over the KPI's fact); here
only the change is worked out from the two values: relative, this ÷ last − 1 (kpis.md §9 choice), and for a
ratio KPI the difference in percentage points as a secondary figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import duckdb

from pipelines.kpis import FILTERS, KpiRequest, compute_kpis, read_definitions
from pipelines.onepager.catalog import LOWER_IS_BETTER, empty_reason
from pipelines.onepager.period import Filters, Period

# A KPI whose fact has one row per calendar month counts the months that START in the period.
MONTHLY_NOTE = "computed for whole calendar months only: counts the months whose first day is in the period"


NO_MONTH_START = "computed for whole calendar months only, and the period contains no month's first day"


def _has_month_start(period: Period) -> bool:
    return period.start.day == 1 or (period.start.year, period.start.month) != (
        period.end.year,
        period.end.month,
    )


@dataclass(frozen=True)
class Figure:
    """A KPI in one period and the previous one. `reason` says why `value` is empty (None when it is not)."""

    kpi: str
    label: str
    unit: str
    value: float | None
    numerator: float | None
    denominator: float | None
    previous: float | None
    previous_numerator: float | None
    previous_denominator: float | None
    reason: str | None = None
    note: str | None = None  # e.g. a filter the KPI's fact cannot apply (the export's note)
    lower_is_better: bool = False

    @property
    def available(self) -> bool:
        return self.value is not None

    @property
    def change(self) -> float | None:
        """Relative change, this ÷ last − 1; None without both values or when last is 0."""
        if self.value is None or self.previous is None or self.previous == 0:
            return None
        return self.value / self.previous - 1

    @property
    def change_pp(self) -> float | None:
        """A ratio KPI's difference in percentage points (secondary figure); None for other units."""
        if self.unit != "ratio" or self.value is None or self.previous is None:
            return None
        return (self.value - self.previous) * 100

    @property
    def previous_reason(self) -> str | None:
        return None if self.previous is not None else "no value in the previous period"


def _number(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _request(period: Period, filters: Filters, kpis: tuple[str, ...]) -> KpiRequest:
    return KpiRequest(
        date_from=period.start,
        date_to=period.end,
        platform=filters.platform,
        language=filters.language,
        channel=filters.channel,
        kpis=kpis,
    )


def compute_figures(
    con: duckdb.DuckDBPyConnection, ids: tuple[str, ...], period: Period, filters: Filters
) -> dict[str, Figure]:
    """Each KPI of `ids` (registry order kept as given) for `period` and its previous period."""
    definitions = {d.kpi: d for d in read_definitions(con)}
    labels = dict(con.execute("select kpi, kpi_label from marts.dim_kpis").fetchall())
    known = tuple(kpi for kpi in ids if kpi in definitions)
    now = {r["kpi"]: r for r in compute_kpis(con, _request(period, filters, known))} if known else {}
    before = (
        {r["kpi"]: r for r in compute_kpis(con, _request(period.previous(), filters, known))} if known else {}
    )
    figures: dict[str, Figure] = {}
    for kpi in ids:
        definition = definitions.get(kpi)
        if definition is None:
            figures[kpi] = _missing(
                kpi, "this warehouse's KPI registry has no such KPI yet (rebuild with `socialkpi run`)"
            )
            continue
        row, last = now.get(kpi), before.get(kpi)
        if row is None:  # the fact cannot be filtered so (compute_kpis leaves it out)
            unusable = [
                name for name in FILTERS if getattr(filters, name) and name not in definition.group_columns
            ]
            figures[kpi] = _missing(
                kpi,
                f"its data has no {' or '.join(unusable)}: clear that filter to see it",
                labels.get(kpi, kpi),
                definition.unit,
            )
            continue
        value, numerator, denominator = (_number(row.get(c)) for c in ("value", "numerator", "denominator"))
        previous = _number(last.get("value")) if last else None
        exported = row.get("note") or None  # e.g. a filter the KPI's fact cannot take
        note, blank = exported, None
        if definition.date_column == "month":  # a monthly fact: only whole months can be counted
            note = exported or MONTHLY_NOTE
            if not _has_month_start(period):
                value, blank = None, NO_MONTH_START
            if not _has_month_start(period.previous()):
                previous = None
        reason = None
        if value is None:
            reason = exported or blank or empty_reason(kpi, definition.fact_relation, numerator, denominator)
        figures[kpi] = Figure(
            kpi=kpi,
            label=labels.get(kpi, kpi),
            unit=definition.unit,
            value=value,
            numerator=numerator,
            denominator=denominator,
            previous=previous,
            previous_numerator=_number(last.get("numerator")) if last else None,
            previous_denominator=_number(last.get("denominator")) if last else None,
            reason=reason,
            note=note,
            lower_is_better=kpi in LOWER_IS_BETTER,
        )
    return figures


def _missing(kpi: str, reason: str, label: str | None = None, unit: str = "") -> Figure:
    return Figure(
        kpi=kpi,
        label=label or kpi.replace("_", " ").capitalize(),
        unit=unit,
        value=None,
        numerator=None,
        denominator=None,
        previous=None,
        previous_numerator=None,
        previous_denominator=None,
        reason=f"not available: {reason}",
        lower_is_better=kpi in LOWER_IS_BETTER,
    )
