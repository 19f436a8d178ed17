"""The one-pager's other sections: goals and open alerts (from their marts, when the warehouse has them),
the funnel and community-influenced revenue over time (registry KPIs).

The goal and alert marts are built from the user's settings folder; a warehouse without them (built before
goals existed, or with no goals file) gets an explanation instead of an empty box.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from pipelines.kpis import KpiRequest, compute_kpis
from pipelines.onepager.catalog import FUNNEL, REVENUE_ASSISTED, REVENUE_TOTAL
from pipelines.onepager.figures import compute_figures
from pipelines.onepager.period import Filters, Period

GOALS = "marts.fct_goal_progress"
ALERTS = "marts.fct_alerts"
NO_GOALS = "no goals yet: add settings/goals.csv (docs/settings.md) and run `socialkpi run`"
NO_ALERTS_MART = "no alert log yet: this warehouse was built without alerts (run `socialkpi run`)"


@dataclass(frozen=True)
class Rows:
    """Rows of a section, or the reason there are none."""

    rows: tuple[dict, ...]
    reason: str | None = None


@dataclass(frozen=True)
class FunnelStage:
    stage: str
    kpi: str
    value: float | None
    reason: str | None


@dataclass(frozen=True)
class RevenuePoint:
    bucket: date
    total: float
    assisted: float

    @property
    def direct(self) -> float:
        """Community-influenced revenue that was not assisted: the social step was the last touch."""
        return self.total - self.assisted


def _has_table(con: duckdb.DuckDBPyConnection, relation: str) -> bool:
    schema, table = relation.split(".")
    rows = con.execute(
        "select 1 from information_schema.tables where table_schema = ? and table_name = ?", [schema, table]
    ).fetchall()
    return bool(rows)


def _dicts(cursor: duckdb.DuckDBPyConnection) -> tuple[dict, ...]:
    names = [column[0] for column in cursor.description]
    return tuple(dict(zip(names, row, strict=True)) for row in cursor.fetchall())


def read_goals(con: duckdb.DuckDBPyConnection) -> Rows:
    """Every goal × KPI of the goal mart (as of its last data day), soonest deadline first."""
    if not _has_table(con, GOALS):
        return Rows((), NO_GOALS)
    rows = _dicts(con.execute(f"select * from {GOALS} order by deadline, goal_id, kpi"))
    return Rows(rows, None if rows else NO_GOALS)


def read_open_alerts(con: duckdb.DuckDBPyConnection) -> Rows:
    """The alerts that fired on the last data day, critical first."""
    if not _has_table(con, ALERTS):
        return Rows((), NO_ALERTS_MART)
    rows = _dicts(
        con.execute(
            f"select * from {ALERTS} where is_open "
            "order by case severity when 'critical' then 0 else 1 end, last_seen desc, rule"
        )
    )
    return Rows(rows, None if rows else "no open alerts")


def funnel(con: duckdb.DuckDBPyConnection, period: Period, filters: Filters) -> tuple[FunnelStage, ...]:
    figures = compute_figures(con, tuple(kpi for _, kpi in FUNNEL), period, filters)
    return tuple(FunnelStage(stage, kpi, figures[kpi].value, figures[kpi].reason) for stage, kpi in FUNNEL)


def revenue_grain(period: Period) -> str:
    """Weeks for up to half a year (the period and the previous one), months beyond."""
    return "week" if period.days * 2 <= 183 else "month"


def revenue_over_time(
    con: duckdb.DuckDBPyConnection, period: Period, filters: Filters
) -> tuple[tuple[RevenuePoint, ...], str]:
    """Community-influenced revenue (direct + assisted) per week or month over the previous period and this
    one: the registry's community_influenced_revenue and the numerator of assisted_value_share."""
    grain = revenue_grain(period)
    request = KpiRequest(
        by=(grain,),
        date_from=period.previous().start,
        date_to=period.end,
        platform=filters.platform,
        language=filters.language,
        channel=filters.channel,
        kpis=(REVENUE_TOTAL, REVENUE_ASSISTED),
    )
    try:
        rows = compute_kpis(con, request)
    except ValueError:  # a registry without one of them: the section says so
        return (), grain
    total = {r[grain]: r["value"] for r in rows if r["kpi"] == REVENUE_TOTAL and r["value"] is not None}
    assisted = {r[grain]: r["numerator"] or 0.0 for r in rows if r["kpi"] == REVENUE_ASSISTED}
    points = tuple(
        RevenuePoint(bucket, float(value), float(assisted.get(bucket, 0.0)))
        for bucket, value in sorted(total.items())
    )
    return points, grain
