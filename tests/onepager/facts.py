"""The headline KPIs computed from their facts' own columns for the tests (plain SQL, not the registry's).

The ROI facts may be monthly (one row per calendar month: a period then counts the months whose first day it
holds; the one-pager shows no value for a period without one) or daily; the fact and its date column are
read from `marts.dim_kpis`, so these hold for both.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from pipelines.onepager import Period

# The four headline KPIs as the facts' own columns: (numerator, denominator); a sum has no denominator.
PARTS = {
    "community_influenced_revenue": ("community_influenced_revenue_amount", None),
    "social_conversion_rate": ("converted_conversations", "conversations"),
    "cost_per_conversation": ("support_cost_amount", "handled_conversations"),
}


def same(actual: float | None, wanted: float | None, rel: float = 1e-9) -> bool:
    """Equal to a relative tolerance, or both empty."""
    return actual is None if wanted is None else actual == pytest.approx(wanted, rel=rel)


def fact(con, kpi: str) -> tuple[str, str]:
    [(relation, column)] = con.execute(
        "select fact_relation, date_column from marts.dim_kpis where kpi = ?", [kpi]
    ).fetchall()
    return relation, column


def counts_months(con, kpi: str, period: Period) -> bool:
    """False when the KPI's fact is monthly and the period holds no month's first day (no value then)."""
    _, column = fact(con, kpi)
    if column != "month":
        return True
    return any((period.start + timedelta(days=i)).day == 1 for i in range(period.days))


def expected(con, kpi: str, period: Period, platform: str | None = None) -> float | None:
    """The KPI from its fact's columns: Σ numerator (÷ Σ denominator), NULL when nothing to divide by."""
    if not counts_months(con, kpi, period):
        return None
    relation, column = fact(con, kpi)
    numerator, denominator = PARTS[kpi]
    where = f"{column} between ? and ?" + (" and platform = ?" if platform else "")
    params = [period.start, period.end, *([platform] if platform else [])]
    [(total, divisor)] = con.execute(
        f"select sum({numerator}), {f'sum({denominator})' if denominator else 'null'} from {relation} where {where}",
        params,
    ).fetchall()
    if denominator is None:
        return float(total or 0)
    return float(total) / float(divisor) if divisor else None


def expected_retention_uplift(con, period: Period) -> tuple[bool, float | None]:
    """(registered, value): the registry's own SQL for retention_uplift over exactly the period's rows (its
    formula is another part's; what is checked here is the period), or (False, None) before it exists."""
    registered = con.execute(
        "select fact_relation, date_column, value_sql from marts.dim_kpis where kpi = 'retention_uplift'"
    ).fetchall()
    if not registered:
        return False, None
    [(relation, column, value_sql)] = registered
    [(value,)] = con.execute(
        f"select {value_sql} from {relation} where {column} between ? and ?", [period.start, period.end]
    ).fetchall()
    return True, None if value is None else float(value)
