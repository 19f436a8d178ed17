"""`socialkpi alerts`: the open alerts and pause-automation recommendations, for a scheduler.

Everything is computed in the warehouse (marts.fct_alerts, marts.fct_automation_pause_recommendations; the
rules in dbt_project/DECISIONLOG.md, the thresholds in the user's alert_rules.csv): this module only selects
and prints, so the command, the app and the one-pager can never disagree. Without --from / --to it lists
the alerts open on the last data day; with them, every alert of the log that fired in the period, open or
not. The exit code is what a scheduler acts on: 1 when an alert at or above --fail-on is open.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from pipelines.kpis import KpiExportError, readable_file

SEVERITIES = ("warning", "critical")
ALERT_COLUMNS = (
    "rule",
    "severity",
    "platform",
    "language",
    "observed_value",
    "comparison",
    "threshold",
    "first_seen",
    "last_seen",
    "days_fired",
    "is_open",
)
PAUSE_COLUMNS = (
    "platform",
    "language",
    "as_of_date",
    "reason",
    "severity",
    "negative_share_7d",
    "negative_share_threshold",
    "conversion_rate_7d",
    "conversion_rate_baseline_30d",
    "conversion_ratio",
    "conversion_ratio_threshold",
)


class AlertsError(ValueError):
    """The warehouse cannot answer (not built yet, or built before the alert marts existed)."""


@dataclass(frozen=True)
class AlertsRequest:
    date_from: date | None = None
    date_to: date | None = None
    fail_on: str | None = None


@dataclass(frozen=True)
class AlertsReport:
    alerts: list[dict]
    pause_recommendations: list[dict]
    fail_on: str | None

    @property
    def failing(self) -> list[dict]:
        """The open alerts at or above --fail-on (what makes the command exit 1)."""
        if self.fail_on is None:
            return []
        floor = SEVERITIES.index(self.fail_on)
        return [a for a in self.alerts if a["is_open"] and SEVERITIES.index(a["severity"]) >= floor]


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict]:
    result = con.execute(sql, params)
    names = [column[0] for column in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def read_alerts(warehouse: Path, request: AlertsRequest) -> AlertsReport:
    try:
        path = readable_file(warehouse)
    except KpiExportError as exc:
        raise AlertsError(str(exc)) from exc
    con = duckdb.connect(str(path), read_only=True)
    try:
        found = {
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts'"
            ).fetchall()
        }
        missing = {"fct_alerts", "fct_automation_pause_recommendations"} - found
        if missing:
            raise AlertsError(
                f"{path} has no marts.{', marts.'.join(sorted(missing))}: run `socialkpi run` (or transform)"
            )
        if request.date_from is None and request.date_to is None:
            where, params = "is_open", []
        else:
            where = "last_seen >= ? and first_seen <= ?"
            params = [request.date_from or date.min, request.date_to or date.max]
        alerts = _rows(
            con,
            f"select {', '.join(ALERT_COLUMNS)} from marts.fct_alerts where {where} "
            "order by case severity when 'critical' then 0 else 1 end, rule, platform, language, first_seen",
            params,
        )
        pauses = _rows(
            con,
            f"select {', '.join(PAUSE_COLUMNS)} from marts.fct_automation_pause_recommendations "
            "where is_pause_recommended order by platform, language",
            [],
        )
    finally:
        con.close()
    return AlertsReport(alerts, pauses, request.fail_on)


def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value != value:
        return None
    return value


def render_json(report: AlertsReport) -> str:
    return (
        json.dumps(
            {
                "alerts": [{c: _plain(row[c]) for c in ALERT_COLUMNS} for row in report.alerts],
                "pause_recommendations": [
                    {c: _plain(row[c]) for c in PAUSE_COLUMNS} for row in report.pause_recommendations
                ],
                "fail_on": report.fail_on,
                "failing": len(report.failing),
            },
            indent=1,
        )
        + "\n"
    )


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, bool):
        return "open" if value else "closed"
    return str(_plain(value))


def _table(rows: list[dict], columns: tuple[str, ...]) -> list[str]:
    cells = [[_cell(row[c]) for c in columns] for row in rows]
    widths = [max([len(c), *(len(line[i]) for line in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip() for line in cells]
    return lines


def render_table(report: AlertsReport) -> str:
    lines = [f"alerts ({len(report.alerts)})"]
    lines += _table(report.alerts, ALERT_COLUMNS) if report.alerts else ["  none"]
    lines += ["", f"pause automation recommended ({len(report.pause_recommendations)})"]
    if report.pause_recommendations:
        lines += _table(report.pause_recommendations, PAUSE_COLUMNS)
    else:
        lines += ["  none"]
    return "\n".join(lines) + "\n"
