"""`socialkpi kpis`: any KPI of the registry, for any period and grouping, computed from the facts.

The formulas are not here: each KPI's aggregate SQL is read from `marts.dim_kpis`, which dbt renders from
the one registry (dbt_project/macros/kpi_registry.sql). This module only chooses the rows (period, filters)
and the groups, so a period's median is the median of its conversations, never a median of daily medians.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from pipelines.config import serving_path

GROUPS = (
    "platform", "account", "language", "channel", "priority", "template", "post", "campaign", "content_type",
    "date", "week", "month",
)  # fmt: skip
GROUP_NAMES = {"template": "template_id", "post": "post_id"}  # --by name → the registry's group name
DATE_GROUPS = ("date", "week", "month")
FILTERS = ("platform", "language", "channel")
OUTPUT_COLUMNS = ("kpi", "value", "numerator", "denominator", "unit")


class KpiExportError(ValueError):
    """The request cannot be answered (unknown KPI or grouping, no warehouse, no marts)."""


@dataclass(frozen=True)
class KpiRequest:
    """Which rows and groups: an empty filter tuple means no filter."""

    by: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    channel: tuple[str, ...] = ()
    platform: tuple[str, ...] = ()
    language: tuple[str, ...] = ()
    kpis: tuple[str, ...] = ()


@dataclass(frozen=True)
class KpiDefinition:
    kpi: str
    unit: str
    fact_relation: str
    date_column: str
    group_columns: dict[str, str]  # group name -> fact column
    value_sql: str
    numerator_sql: str
    denominator_sql: str
    as_of_column: str = ""
    period_series: tuple[str, ...] = ()


def readable_file(warehouse: Path) -> Path:
    """The published copy when there is one (checked data, never locked by a running load), else the file."""
    published = serving_path(warehouse)
    if published.exists():
        return published
    if warehouse.exists():
        return warehouse
    raise KpiExportError(f"no warehouse at {warehouse}: run `socialkpi run` first")


def group_expression(group: str, definition: KpiDefinition) -> str | None:
    """SQL for one --by group on a KPI's fact, or None when that fact has no such column."""
    if group == "date":
        return definition.date_column
    if group in ("week", "month"):
        return f"cast(date_trunc('{group}', {definition.date_column}) as date)"
    return definition.group_columns.get(GROUP_NAMES.get(group, group))


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(text.split(",")) if text else ()


def _parse_groups(text: str) -> dict[str, str]:
    pairs = (item.split("=", 1) for item in text.split(",") if item)
    return {name: column for name, column in pairs}


def read_definitions(con: duckdb.DuckDBPyConnection) -> list[KpiDefinition]:
    try:
        rows = con.execute(
            "select kpi, unit, fact_relation, date_column, group_columns, value_sql, numerator_sql, "
            "denominator_sql, as_of_column, period_series from marts.dim_kpis order by kpi_order"
        ).fetchall()
    except duckdb.CatalogException as exc:
        raise KpiExportError("the warehouse has no marts.dim_kpis: run `socialkpi transform`") from exc
    return [
        KpiDefinition(
            kpi, unit, fact, date, _parse_groups(groups), value, num, den, as_of or "", _split(series)
        )
        for kpi, unit, fact, date, groups, value, num, den, as_of, series in rows
    ]


def _rows_relation(definition: KpiDefinition, where: str, date_groups: list[str]) -> str:
    """The fact's rows for the request; a level series also gets its first / last day in each period."""
    if not definition.period_series:
        return f"{definition.fact_relation}{where}"
    partition = ", ".join([*definition.period_series, *date_groups])
    day = definition.date_column
    return (
        f"(select *, {day} = min({day}) over (partition by {partition}) as is_period_start, "
        f"{day} = max({day}) over (partition by {partition}) as is_period_end "
        f"from {definition.fact_relation}{where}) as period_rows"
    )


def kpi_query(definition: KpiDefinition, request: KpiRequest) -> tuple[str, list] | None:
    """The SQL and parameters of one KPI for the request, or None when its fact cannot be grouped so."""
    groups = []
    for group in request.by:
        expression = group_expression(group, definition)
        if expression is None:
            return None
        groups.append(f"{expression} as {group}")
    conditions, parameters = [], []
    if request.date_from:
        conditions.append(f"{definition.date_column} >= ?")
        parameters.append(request.date_from)
    if request.date_to:
        conditions.append(f"{definition.date_column} <= ?")
        parameters.append(request.date_to)
        if definition.as_of_column:  # lifetime figures as of the period's end
            conditions.append(f"{definition.as_of_column} <= ?")
            parameters.append(request.date_to)
    for name in FILTERS:
        values = getattr(request, name)
        if values:
            column = definition.group_columns.get(name)
            if column is None:  # a content KPI has no language: it is not in a language's figures
                return None
            conditions.append(f"{column} in ({', '.join('?' for _ in values)})")
            parameters.extend(values)
    select = ", ".join(
        [
            f"'{definition.kpi}' as kpi",
            f"{definition.value_sql} as value",
            f"{definition.numerator_sql} as numerator",
            f"{definition.denominator_sql} as denominator",
            f"'{definition.unit}' as unit",
            *groups,
        ]
    )
    where = " where " + " and ".join(conditions) if conditions else ""
    date_groups = [group_expression(g, definition) or "" for g in request.by if g in DATE_GROUPS]
    sql = f"select {select} from {_rows_relation(definition, where, date_groups)}"
    if groups:
        positions = ", ".join(str(len(OUTPUT_COLUMNS) + i + 1) for i in range(len(groups)))
        sql += f" group by {positions} order by {positions}"
    return sql, parameters


def compute_kpis(con: duckdb.DuckDBPyConnection, request: KpiRequest) -> list[dict]:
    """One dict per KPI × group on an open connection (the app passes its own read-only cursor)."""
    unknown = [group for group in request.by if group not in GROUPS]
    if unknown:
        raise KpiExportError(f"unknown --by {', '.join(unknown)}: choose from {', '.join(GROUPS)}")
    definitions = read_definitions(con)
    if request.kpis:
        known = {d.kpi for d in definitions}
        missing = [kpi for kpi in request.kpis if kpi not in known]
        if missing:
            raise KpiExportError(f"unknown KPI {', '.join(missing)}: see `socialkpi kpis --list`")
        definitions = [d for d in definitions if d.kpi in request.kpis]
    rows: list[dict] = []
    for definition in definitions:
        query = kpi_query(definition, request)
        if query is None:
            continue
        cursor = con.execute(*query)
        names = [column[0] for column in cursor.description]
        rows.extend(dict(zip(names, values, strict=True)) for values in cursor.fetchall())
    return rows


def export_kpis(warehouse: Path, request: KpiRequest) -> list[dict]:
    """One dict per KPI × group: kpi, value, numerator, denominator, unit, then the --by columns."""
    con = duckdb.connect(str(readable_file(warehouse)), read_only=True)
    try:
        return compute_kpis(con, request)
    finally:
        con.close()


def kpi_catalog(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every KPI's id, label, section, aggregation and unit, in registry order."""
    cursor = con.execute(
        "select kpi, kpi_label, kpi_section, aggregation, unit from marts.dim_kpis order by kpi_order"
    )
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def list_kpis(warehouse: Path) -> list[dict]:
    con = duckdb.connect(str(readable_file(warehouse)), read_only=True)
    try:
        return kpi_catalog(con)
    finally:
        con.close()


def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value != value:  # NaN never leaves as a number
        return None
    return value


def render(rows: list[dict], by: tuple[str, ...], output_format: str) -> str:
    """CSV (empty cells where a value is NULL) or JSON (a list of objects) with a fixed column order."""
    columns = [*OUTPUT_COLUMNS, *by]
    if output_format == "json":
        return json.dumps([{c: _plain(row.get(c)) for c in columns} for row in rows], indent=1) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else _plain(row.get(c)) for c in columns])
    return buffer.getvalue()
