"""Land the settings in the warehouse on every load: small tables in schema `settings`, replaced each run.

dbt reads them through sources and staging models (models/staging/settings/), as it reads raw data: the
settings are the user's data, not the code's (DECISIONLOG.md). What depends on the loaded data is worked
out here, from the raw tables as they stand after the load (this run's files and earlier ones):
  * holidays for the years the events cover (plus the business-hours horizon after the last);
  * a rate for every (currency, day) of the Shopify orders and cost lines;
  * the reporting currency: settings.toml's, else the data's only currency, else none (money KPIs empty).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import duckdb

from pipelines.config import RAW_SCHEMA
from pipelines.faults import checkpoint
from pipelines.settings.folder import Settings, read_settings
from pipelines.settings.holiday_dates import QueueHoliday, expand_holidays
from pipelines.settings.rates import DailyRate, daily_rates

SCHEMA = "settings"
# Business hours run this many days past the last event (dbt var business_hours_horizon_days): their
# holidays must be known too.
HORIZON_DAYS = 45

# (raw table, currency column, date expression): the money the data holds, in the day its rate is taken on.
MONEY_SOURCES = (
    ("shopify_order_lines", "currency_code", "cast(cast(created_at as timestamp) as date)", "created_at"),
    ("costs", "currency_code", "cast(date_trunc('month', cast(month as date)) as date)", "month"),
    # a deal is converted at its close date, else its create date (fct_deals)
    ("hubspot_deals", "currency", "cast(cast(closed_at as timestamp) as date)", "closed_at"),
    ("hubspot_deals", "currency", "cast(cast(created_at as timestamp) as date)", "created_at"),
)

TABLES = {
    "business_calendars": (
        "queue_id varchar, time_zone varchar, weekday integer, open_time varchar, close_time varchar, "
        "effective_from date, effective_to date"
    ),
    "team_queues": "platform varchar, language varchar, queue_id varchar",
    "business_holidays": "queue_id varchar, holiday_date date, holiday_name varchar, holiday_source varchar",
    "sla_policies": (
        "sla_policy_id varchar, queue_id varchar, channel varchar, priority varchar, language varchar, "
        "first_response_target_min integer, resolution_target_min integer, effective_from date, effective_to date"
    ),
    "currency_rates": (
        "currency_code varchar, reporting_currency_code varchar, rate_date date, rate decimal(18, 10), "
        "rate_source varchar"
    ),
    "follower_anchors": "platform varchar, account varchar, as_of_date date, followers bigint, note varchar",
    "parameters": "key varchar, value varchar",
    "goals": (
        "goal_id varchar, kpi varchar, kind varchar, platform varchar, language varchar, channel varchar, "
        "intent varchar, baseline double, improvement_pct double, target double, start_date date, "
        "deadline date, window_days integer, owner varchar, backup_owner varchar, description varchar"
    ),
    "alert_rules": (
        "rule varchar, threshold double, severity varchar, platform varchar, language varchar, "
        "min_volume integer, note varchar"
    ),
}


@dataclass
class SettingsReport:
    folder: str
    defaulted: tuple[str, ...]
    reporting_currency: str | None
    reporting_currency_reason: str
    holiday_years: list[int]
    holidays: int
    rate_sources: Counter[str] = field(default_factory=Counter)
    currencies_without_rate: list[str] = field(default_factory=list)


def _has_columns(con: duckdb.DuckDBPyConnection, table: str, *columns: str) -> bool:
    found = {
        name
        for (name,) in con.execute(
            "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
            [RAW_SCHEMA, table],
        ).fetchall()
    }
    return set(columns) <= found


def event_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """The years of the local dates business hours are built for: the events' span plus the horizon."""
    if not _has_columns(con, "events", "occurred_at"):
        return []
    first, last = con.execute(
        f"select min(try_cast(occurred_at as timestamp)), max(try_cast(occurred_at as timestamp)) "
        f"from {RAW_SCHEMA}.events"
    ).fetchall()[0]
    if first is None:
        return []
    first_day = first.date() - timedelta(days=1)
    last_day = last.date() + timedelta(days=HORIZON_DAYS + 1)
    return list(range(first_day.year, last_day.year + 1))


def money_days(con: duckdb.DuckDBPyConnection) -> set[tuple[str, date]]:
    """Every (currency, day) an amount of the loaded data is dated in."""
    needed: set[tuple[str, date]] = set()
    for table, currency, day, date_column in MONEY_SOURCES:
        if not _has_columns(con, table, currency, date_column):
            continue
        rows = con.execute(
            f"select distinct upper(trim({currency})), {day} from {RAW_SCHEMA}.{table} "
            f"where nullif(trim({currency}), '') is not null and {date_column} is not null"
        ).fetchall()
        needed.update((code, day_) for code, day_ in rows if day_ is not None)
    return needed


def reporting_currency(settings: Settings, needed: set[tuple[str, date]]) -> tuple[str | None, str]:
    """settings.toml's currency, else the data's only one; else none, with the reason shown on money KPIs."""
    if settings.reporting_currency:
        return settings.reporting_currency, "settings.toml reporting_currency"
    currencies = sorted({code for code, _ in needed})
    if len(currencies) == 1:
        return currencies[0], "the only currency of the data (settings.toml sets none)"
    if not currencies:
        return None, "no amounts with a currency in the data and no reporting_currency in settings.toml"
    # short (under twelve words): it is shown on every money row, and the marts carry no free text
    return None, f"no reporting_currency in settings.toml; the data has several: {','.join(currencies)}"


def _float(value) -> float | None:
    return None if value is None else float(value)


def _rows(settings: Settings, holidays: list[QueueHoliday], rates: list[DailyRate], parameters: dict) -> dict:
    return {
        "business_calendars": [
            (r.queue_id, r.time_zone, r.weekday, r.open_time, r.close_time, r.effective_from, r.effective_to)
            for r in settings.calendars
        ],
        "team_queues": [(r.platform, r.language, r.queue_id) for r in settings.queues],
        "business_holidays": [
            (h.queue_id, h.holiday_date, h.holiday_name, h.holiday_source) for h in holidays
        ],
        "sla_policies": [
            (
                r.sla_policy_id,
                r.queue_id,
                r.channel,
                r.priority,
                r.language,
                r.first_response_target_min,
                r.resolution_target_min,
                r.effective_from,
                r.effective_to,
            )
            for r in settings.sla_policies
        ],  # fmt: skip
        "currency_rates": [
            (r.currency_code, r.reporting_currency_code, r.rate_date, r.rate, r.rate_source) for r in rates
        ],
        "follower_anchors": [
            (r.platform, r.account, r.as_of_date, r.followers, r.note) for r in settings.follower_anchors
        ],
        "goals": [
            (
                r.goal_id,
                r.kpi,
                r.kind,
                r.platform,
                r.language,
                r.channel,
                r.intent,
                _float(r.baseline),
                _float(r.improvement_pct),
                _float(r.target),
                r.start_date,
                r.deadline,
                r.window_days,
                r.owner,
                r.backup_owner,
                r.description,
            )
            for r in settings.goals
        ],  # fmt: skip
        "alert_rules": [
            (r.rule, float(r.threshold), r.severity, r.platform, r.language, r.min_volume, r.note)
            for r in settings.alert_rules
        ],
        "parameters": sorted((key, value) for key, value in parameters.items() if value is not None),
    }


def land_settings(folder: str | None, warehouse: Path) -> SettingsReport:
    """Validate the settings folder, work out holidays and rates for the loaded data, replace `settings.*`."""
    settings = read_settings(folder)
    con = duckdb.connect(str(warehouse))
    try:
        years = event_years(con)
        needed = money_days(con)
        reporting, reason = reporting_currency(settings, needed)
        holidays = expand_holidays(settings, years)
        rates = daily_rates(needed, reporting, settings.currency_rates)
        covered = {(rate.currency_code, rate.rate_date) for rate in rates}
        missing = sorted({code for code, day in needed if code != reporting and (code, day) not in covered})
        parameters = {
            "reporting_currency": reporting,
            "reporting_currency_reason": reason,
            "time_zone": settings.time_zone,
            "settings_folder": settings.folder,
            "defaulted_files": json.dumps(list(settings.defaulted)),
        }
        con.execute("begin transaction")
        con.execute(f"drop schema if exists {SCHEMA} cascade")
        con.execute(f"create schema {SCHEMA}")
        for table, rows in _rows(settings, holidays, rates, parameters).items():
            con.execute(f"create table {SCHEMA}.{table} ({TABLES[table]})")
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                con.executemany(f"insert into {SCHEMA}.{table} values ({marks})", [list(row) for row in rows])
        checkpoint("during_settings")  # kill test hook (pipelines/faults.py): the settings are half-landed
        con.execute("commit")
    finally:
        con.close()
    return SettingsReport(
        folder=settings.folder,
        defaulted=settings.defaulted,
        reporting_currency=reporting,
        reporting_currency_reason=reason,
        holiday_years=years,
        holidays=len(holidays),
        rate_sources=Counter(rate.rate_source for rate in rates),
        currencies_without_rate=missing,
    )


def read_parameters(warehouse: Path) -> dict[str, str]:
    """settings.parameters of a loaded warehouse (empty when it has none): what dbt gets as vars."""
    if not warehouse.exists():
        return {}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        exists = con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = 'parameters'",
            [SCHEMA],
        ).fetchall()[0][0]
        if not exists:
            return {}
        return dict(con.execute(f"select key, value from {SCHEMA}.parameters").fetchall())
    finally:
        con.close()
