"""`socialkpi kpis`: any KPI of the registry, for any period and grouping, computed from the facts.

The formulas are not here: each KPI's aggregate SQL is read from `marts.dim_kpis`, which dbt renders from
the one registry (dbt_project/macros/kpi_registry.sql). This module only chooses the rows (period, filters)
and the groups, so a period's median is the median of its conversations, never a median of daily medians.

A filter a KPI cannot take is never a reason to drop it: cost KPIs (costs have no language) and KPIs whose fact
lacks the column (content has no language) come back computed for everything, with a `note` saying which
filter did not apply and why (DECISIONLOG.md). A KPI comparing with the previous period (incremental revenue)
gets the rows of the period of equal length just before, flagged `is_previous_period`.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import duckdb

from pipelines.config import serving_path
from pipelines.csvsafe import safe_row

GROUPS = (
    "platform", "account", "language", "channel", "priority", "template", "post", "campaign", "content_type",
    "date", "week", "month",
)  # fmt: skip
GROUP_NAMES = {"template": "template_id", "post": "post_id"}  # --by name → the registry's group name
DATE_GROUPS = ("date", "week", "month")
FILTERS = ("platform", "language", "channel")
OUTPUT_COLUMNS = ("kpi", "value", "numerator", "denominator", "unit")
COMPARISON_COLUMNS = ("previous_value", "change")  # with KpiRequest.compare_previous
NOTE_COLUMN = "note"
PLURALS = {"platform": "platforms", "language": "languages", "channel": "channels"}
# Reported figures are rounded to this many significant digits, here and nowhere else (DECISIONLOG.md, issue 13)
SIGNIFICANT_DIGITS = 12
NUMBERS = ("value", "numerator", "denominator")


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
    compare_previous: bool = False  # add previous_value and change against the previous period
    previous_from: date | None = None  # that period (default: equal length, just before)
    previous_to: date | None = None


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
    unscoped: dict[str, str] = field(default_factory=dict)  # filter -> why the KPI cannot take it
    comparison: str = ""  # `previous_period`: the SQL reads is_previous_period


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


def _parse_groups(text: str, separator: str = ",") -> dict[str, str]:
    pairs = (item.split("=", 1) for item in text.split(separator) if item)
    return {name: column for name, column in pairs}


def read_definitions(con: duckdb.DuckDBPyConnection) -> list[KpiDefinition]:
    try:
        rows = con.execute(
            "select kpi, unit, fact_relation, date_column, group_columns, value_sql, numerator_sql, "
            "denominator_sql, as_of_column, period_series, unscoped_filters, comparison "
            "from marts.dim_kpis order by kpi_order"
        ).fetchall()
    except duckdb.CatalogException as exc:
        raise KpiExportError("the warehouse has no marts.dim_kpis: run `socialkpi transform`") from exc
    except duckdb.BinderException as exc:
        raise KpiExportError("marts.dim_kpis is out of date: run `socialkpi transform`") from exc
    return [
        KpiDefinition(
            kpi, unit, fact, date, _parse_groups(groups), value, num, den, as_of or "", _split(series),
            _parse_groups(unscoped or "", ";"), comparison or "",
        )
        for kpi, unit, fact, date, groups, value, num, den, as_of, series, unscoped, comparison in rows
    ]  # fmt: skip


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


@dataclass(frozen=True)
class KpiQuery:
    sql: str
    parameters: list
    note: str = ""  # which filters or groups did not apply, and why


def _fact_name(definition: KpiDefinition) -> str:
    return definition.fact_relation.rsplit(".", 1)[-1]


def filter_note(definition: KpiDefinition, name: str) -> str | None:
    """Why the KPI cannot take filter `name` (it is then computed for all values), or None when it can."""
    plural = PLURALS.get(name, name + "s")
    if name in definition.unscoped:
        return f"{definition.unscoped[name]}: {definition.kpi} is for all {plural}"
    if name not in definition.group_columns:
        return f"{_fact_name(definition)} has no {name}: {definition.kpi} is for all {plural}"
    return None


def fact_date_range(
    con: duckdb.DuckDBPyConnection, definition: KpiDefinition
) -> tuple[date | None, date | None]:
    [(first, last)] = con.execute(
        f"select min({definition.date_column}), max({definition.date_column}) from {definition.fact_relation}"
    ).fetchall()
    return first, last


def kpi_query(
    definition: KpiDefinition, request: KpiRequest, period: tuple[date, date] | None = None
) -> KpiQuery | None:
    """The SQL, parameters and note of one KPI for the request, or None when its fact cannot be grouped so.

    `period` is the full period of a KPI comparing with the previous period (compute_kpis resolves an open
    --from / --to to the fact's first / last day); such a KPI reads the rows of both periods.
    """
    notes: list[str] = []
    groups = []
    for group in request.by:
        expression = group_expression(group, definition)
        if expression is None:
            return None
        if group in definition.unscoped:
            notes.append(f"{definition.unscoped[group]}: {definition.kpi} is not split by {group}")
            expression = "cast(null as varchar)"
        elif definition.comparison and group in DATE_GROUPS:
            notes.append(
                f"{definition.kpi} compares the whole period with the one before: not split by {group}"
            )
            expression = "cast(null as date)"
        groups.append(f"{expression} as {group}")
    conditions, parameters = [], []
    date_from, date_to = period if period else (request.date_from, request.date_to)
    previous_from = None
    if definition.comparison == "previous_period" and period:
        try:
            previous_from = date_from - (date_to - date_from) - timedelta(days=1)
            previous_to = date_from - timedelta(days=1)
        except OverflowError:  # a period reaching back to year 1 has none of equal length before it
            raise KpiExportError(
                f"{definition.kpi} compares {date_from} – {date_to} with the period of equal length before it, "
                "which would start before the year 1: choose a later --from"
            ) from None
        notes.append(f"compared with {previous_from.isoformat()} – {previous_to.isoformat()}")
    if date_from:
        conditions.append(f"{definition.date_column} >= ?")
        parameters.append(previous_from or date_from)
    if date_to:
        conditions.append(f"{definition.date_column} <= ?")
        parameters.append(date_to)
        if definition.as_of_column:  # lifetime figures as of the period's end
            conditions.append(f"{definition.as_of_column} <= ?")
            parameters.append(date_to)
    for name in FILTERS:
        values = getattr(request, name)
        if values:
            note = filter_note(definition, name)
            if note:  # a cost has no language: the KPI is for all languages, and says so
                notes.append(note)
                continue
            column = definition.group_columns[name]
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
    relation = _rows_relation(definition, where, date_groups)
    if definition.comparison == "previous_period":
        flag = f"{definition.date_column} < ?" if date_from else "false"
        relation = f"(select *, {flag} as is_previous_period from {relation}) as compared_rows"
        parameters = [*([date_from] if date_from else []), *parameters]
    sql = f"select {select} from {relation}"
    if groups:
        positions = ", ".join(str(len(OUTPUT_COLUMNS) + i + 1) for i in range(len(groups)))
        sql += f" group by {positions} order by {positions}"
    return KpiQuery(sql, parameters, "; ".join(notes))


def stable(value: object) -> object:
    """A float rounded to SIGNIFICANT_DIGITS significant digits; anything else unchanged.

    DuckDB sums doubles in whatever order its threads finish, so the same sum could differ in its last bits
    between two runs (issue 13: conversions 3436.9999999999995 once, 3437.0 the next). Twelve significant
    digits keep every figure a KPI reports (a double carries ~15.9) and drop the summation noise, so an
    export is byte-identical run after run and warehouse after warehouse built from the same landing."""
    if isinstance(value, float) and value == value and value not in (float("inf"), float("-inf")):
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    return value


def _run(con: duckdb.DuckDBPyConnection, query: KpiQuery) -> list[dict]:
    cursor = con.execute(query.sql, query.parameters)
    names = [column[0] for column in cursor.description]
    rows = []
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        rows.append(
            {**row, **{n: stable(row[n]) for n in NUMBERS if n in row}, NOTE_COLUMN: query.note or None}
        )
    return rows


def previous_period(request: KpiRequest) -> tuple[date, date]:
    """The period compared with: the request's own, else the one of equal length just before --from."""
    if request.previous_from and request.previous_to:
        return request.previous_from, request.previous_to
    if not (request.date_from and request.date_to):
        raise KpiExportError("a comparison with the previous period needs --from and --to (or a --preset)")
    days = (request.date_to - request.date_from).days + 1
    return request.date_from - timedelta(days=days), request.date_from - timedelta(days=1)


def change(value: object, before: object) -> float | None:
    """Relative change (this ÷ before − 1, never percentage points; kpis.md §9), None when undefined."""
    if not isinstance(value, int | float) or not isinstance(before, int | float) or before == 0:
        return None
    return stable(value / before - 1)


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
    before = None
    if request.compare_previous:
        start, end = previous_period(request)
        before = KpiRequest(
            **{**request.__dict__, "date_from": start, "date_to": end, "compare_previous": False}
        )
    rows: list[dict] = []
    for definition in definitions:
        period = None
        if definition.comparison:
            first, last = fact_date_range(con, definition)
            start, end = request.date_from or first, request.date_to or last
            if start is None or end is None:  # an empty fact: say so rather than leave the KPI out
                note = f"{_fact_name(definition)} has no rows: no period to compare"
                rows.append(
                    {"kpi": definition.kpi, "value": None, "unit": definition.unit, NOTE_COLUMN: note}
                )
                continue
            period = (start, end)
        query = kpi_query(definition, request, period)
        if query is None:
            continue
        current = _run(con, query)
        if before is not None:
            earlier = kpi_query(definition, before, (before.date_from, before.date_to) if period else None)
            previous = (
                {_group_key(row, request.by): row["value"] for row in _run(con, earlier)} if earlier else {}
            )
            for row in current:
                row["previous_value"] = previous.get(_group_key(row, request.by))
                row["change"] = change(row["value"], row["previous_value"])
        rows.extend(current)
    return rows


def _group_key(row: dict, by: tuple[str, ...]) -> tuple:
    return tuple(row.get(group) for group in by)


def export_kpis(warehouse: Path, request: KpiRequest, preset: str | None = None) -> list[dict]:
    """One dict per KPI × group: kpi, value, numerator, denominator, unit, the --by columns, note (and
    previous_value, change when compared); `preset` (daily, weekly, monthly) completes the request."""
    con = duckdb.connect(str(readable_file(warehouse)), read_only=True)
    try:
        return compute_kpis(con, resolve_request(con, request, preset))
    finally:
        con.close()


def resolve_request(con: duckdb.DuckDBPyConnection, request: KpiRequest, preset: str | None) -> KpiRequest:
    """The request a cadence preset makes of `request` (kpi_presets.py), or `request` itself."""
    if not preset:
        return request
    from pipelines.kpi_presets import preset_request  # the presets build on this module

    return preset_request(con, preset, request)


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


def output_columns(by: tuple[str, ...], compare_previous: bool = False) -> list[str]:
    """kpi, value, numerator, denominator, unit, the --by groups, [previous_value, change,] note."""
    return [*OUTPUT_COLUMNS, *by, *(COMPARISON_COLUMNS if compare_previous else ()), NOTE_COLUMN]


def render(rows: list[dict], by: tuple[str, ...], output_format: str, compare_previous: bool = False) -> str:
    """CSV (empty cells where a value is NULL), JSON (a list of objects) or an aligned text table, with a
    fixed column order ending in `note` (which filter did not apply to the row's KPI, and why)."""
    columns = output_columns(by, compare_previous)
    if output_format == "table":
        return render_table(rows, columns)
    if output_format == "json":
        return json.dumps([{c: _plain(row.get(c)) for c in columns} for row in rows], indent=1) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(safe_row(columns))
    for row in rows:  # formula-safe cells: a campaign or template name is user text (pipelines/csvsafe.py)
        writer.writerow(safe_row(["" if row.get(c) is None else _plain(row.get(c)) for c in columns]))
    return buffer.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if value != value else f"{value:.6g}"
    return str(_plain(value))


def render_table(rows: list[dict], columns: list[str]) -> str:
    """Columns padded to their widest cell, for a person at a terminal (CSV / JSON are for programs)."""
    cells = [columns, *([_cell(row.get(c)) for c in columns] for row in rows)]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    return "".join(
        "  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip() + "\n"
        for line in cells
    )
