"""The Content page's headline for exactly the sidebar's period, from the KPI registry.

The content marts hold each KPI per calendar week and month (with benchmark bands and positions); a reader
who picked 4 – 31 October in the sidebar must not get "October 2026" (1 – 31 October) in the headline. For the
sidebar's period the headline is computed by `socialkpi kpis`' own SQL (`pipelines.kpis.compute_kpis`, grouped
by platform), the same numbers the All KPIs page shows; the benchmark badges stay with the calendar periods,
where dbt computes them.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from lib import warehouse
from lib.queries import TTL_S
from pipelines.kpis import KpiExportError, KpiRequest, compute_kpis, kpi_catalog

MART_ONLY_COLUMNS = (
    "followers_at_period_end",
    "benchmark_low",
    "benchmark_high",
    "benchmark_position",
    "creator_tier",
    "creator_tier_rating",
    "view_follower_band",
)


@st.cache_data(ttl=TTL_S, show_spinner=False)
def headline_kpis(
    db: str, version: int, start: date, end: date, platforms: tuple[str, ...], kpis: tuple[str, ...]
) -> pd.DataFrame:
    """One row per platform x KPI of [start, end], in the columns of `queries.content_period_kpis` (the
    benchmark columns empty)."""
    with warehouse.serving_database().cursor(db) as cur:
        try:
            # a KPI the registry lacks (a warehouse built by an older version) is shown empty, not an error
            known = {row["kpi"] for row in kpi_catalog(cur)}
            wanted = tuple(dict.fromkeys(kpi for kpi in kpis if kpi in known))
            request = KpiRequest(
                date_from=start, date_to=end, platform=platforms, by=("platform",), kpis=wanted
            )
            rows = compute_kpis(cur, request) if wanted else []
        except KpiExportError as exc:
            raise warehouse.WarehouseNotReady(f"{db}: {exc}") from exc
    table = pd.DataFrame(rows, columns=["platform", "kpi", "value", "numerator", "denominator", "unit"])
    for column in MART_ONLY_COLUMNS:
        table[column] = None
    return table.dropna(subset=["platform"]).sort_values(["platform", "kpi"]).reset_index(drop=True)
