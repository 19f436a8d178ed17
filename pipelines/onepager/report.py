"""The whole one-pager for a period and filters, as one value the HTML page and the app both draw."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.kpis import readable_file
from pipelines.onepager.bridge import Bridge, build_bridge
from pipelines.onepager.catalog import BRIDGE_AOV, BRIDGE_CONVERSION, HEADLINE, OPERATIONAL
from pipelines.onepager.definitions import definition
from pipelines.onepager.figures import Figure, compute_figures
from pipelines.onepager.period import Filters, Period
from pipelines.onepager.sections import (
    FunnelStage,
    RevenuePoint,
    Rows,
    funnel,
    read_goals,
    read_open_alerts,
    revenue_over_time,
)


@dataclass(frozen=True)
class OnePager:
    period: Period
    previous: Period
    filters: Filters
    headline: tuple[Figure, ...]
    operational: tuple[Figure, ...]
    bridge: Bridge
    goals: Rows
    alerts: Rows
    funnel: tuple[FunnelStage, ...]
    revenue: tuple[RevenuePoint, ...]
    revenue_grain: str
    definitions: dict[str, str]  # kpi -> the tooltip text (dbt docs block, else label and aggregation)


def build_onepager(
    con: duckdb.DuckDBPyConnection, period: Period, filters: Filters | None = None
) -> OnePager:
    filters = filters or Filters()
    ids = (*HEADLINE, *OPERATIONAL, BRIDGE_CONVERSION, BRIDGE_AOV)
    figures = compute_figures(con, tuple(dict.fromkeys(ids)), period, filters)
    operational = {kpi: figures[kpi] for kpi in OPERATIONAL}
    stages = funnel(con, period, filters)
    revenue, grain = revenue_over_time(con, period, filters)
    registry = {
        kpi: (label, aggregation)
        for kpi, label, aggregation in con.execute(
            "select kpi, kpi_label, aggregation from marts.dim_kpis"
        ).fetchall()
    }
    shown = [*HEADLINE, *OPERATIONAL, BRIDGE_CONVERSION, BRIDGE_AOV, *(s.kpi for s in stages)]
    return OnePager(
        period=period,
        previous=period.previous(),
        filters=filters,
        headline=tuple(figures[kpi] for kpi in HEADLINE),
        operational=tuple(operational.values()),
        bridge=build_bridge(operational, figures[BRIDGE_CONVERSION], figures[BRIDGE_AOV]),
        goals=read_goals(con),
        alerts=read_open_alerts(con),
        funnel=stages,
        revenue=revenue,
        revenue_grain=grain,
        definitions={
            kpi: definition(kpi, *registry.get(kpi, (figures[kpi].label if kpi in figures else kpi, None)))
            for kpi in dict.fromkeys(shown)
        },
    )


@contextmanager
def open_onepager(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the published copy (else the warehouse), closed afterwards."""
    con = duckdb.connect(str(readable_file(warehouse)), read_only=True)
    try:
        yield con
    finally:
        con.close()
