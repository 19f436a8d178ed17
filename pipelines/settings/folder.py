"""Read and validate a user's settings folder; fill what it leaves out with honest defaults.

The folder lives with the user's data (default `<landing>/settings/`), never in the code: the bundled sample
ships its own. Every file is optional. A missing file means the default written in docs/settings.md: open
24/7, one SLA policy in force from the beginning of time, no holidays, no follower anchors, the ECB's rates,
and a reporting currency only when the data has a single one. A bad value stops the load with a
`SettingsError` naming the file, row and field: a setting is never silently dropped.
"""

from __future__ import annotations

import csv
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

import fsspec
import holidays as holiday_library
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pipelines.settings.alert_rules import ALERT_RULES, AlertRuleRow, check_rules, default_rules
from pipelines.settings.errors import SettingsError
from pipelines.settings.goals import GOALS, GoalRow, check_goals, goal_error
from pipelines.settings.rows import (
    CalendarRow,
    Currency,
    CurrencyRateRow,
    FollowerAnchorRow,
    HolidayRow,
    QueueRow,
    SettingsRow,
    SlaPolicyRow,
)

TOML = "settings.toml"
CALENDARS = "business_calendars.csv"
QUEUES = "team_queues.csv"
HOLIDAYS = "holidays.csv"
SLA_POLICIES = "sla_policies.csv"
CURRENCY_RATES = "currency_rates.csv"
FOLLOWER_ANCHORS = "follower_anchors.csv"
FILES = (
    TOML, CALENDARS, QUEUES, HOLIDAYS, SLA_POLICIES, CURRENCY_RATES, FOLLOWER_ANCHORS, GOALS, ALERT_RULES,
)  # fmt: skip

DEFAULT_QUEUE = "default"
DEFAULT_TIME_ZONE = "UTC"
DEFAULT_SLA_POLICY = SlaPolicyRow(
    sla_policy_id="default",
    queue_id="*",
    channel="*",
    priority="*",
    language="*",
    first_response_target_min=120,
    resolution_target_min=1440,
)

Row = TypeVar("Row", bound=SettingsRow)


class PrivacySettings(BaseModel):
    """`[privacy]` of settings.toml: how long raw personal data is kept (pipelines/privacy/retention.py).

    No default: nothing is purged unless the user sets a period (a purge cannot be undone)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    retention_days: int | None = Field(default=None, ge=1, le=36500)


class TomlSettings(BaseModel):
    """settings.toml: the values that are one per user rather than one per row."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reporting_currency: Currency | None = None
    time_zone: str | None = None
    holiday_regions: dict[str, str] = Field(default_factory=dict)
    privacy: PrivacySettings = Field(default_factory=PrivacySettings)

    @field_validator("time_zone")
    @classmethod
    def known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            CalendarRow.known_zone(value)
        return value

    @field_validator("holiday_regions")
    @classmethod
    def supported_regions(cls, value: dict[str, str]) -> dict[str, str]:
        for queue, region in value.items():
            holiday_region(region, f"holiday_regions.{queue}")
        return value


def holiday_region(region: str, key: str = "region") -> tuple[str, str | None]:
    """'CA-ON' -> ('CA', 'ON'), 'FR' -> ('FR', None), checked against what the `holidays` package supports."""
    country, _, subdivision = region.strip().upper().partition("-")
    supported = holiday_library.list_supported_countries()
    if country not in supported:
        raise ValueError(
            f"{key}: {region!r} is not a country of the holidays package (ISO 3166 code, e.g. CA, FR)"
        )
    if subdivision and subdivision not in supported[country]:
        raise ValueError(
            f"{key}: {region!r}: {subdivision} is not a subdivision of {country} in the holidays package "
            f"(one of {', '.join(supported[country])})"
        )
    return country, subdivision or None


@dataclass(frozen=True)
class Numbered:
    """A validated row and the line it came from (for errors across rows)."""

    line: int
    row: SettingsRow


@dataclass(frozen=True)
class Settings:
    """Everything the warehouse needs from a settings folder, defaults filled in."""

    folder: str
    reporting_currency: str | None
    time_zone: str | None
    holiday_regions: dict[str, str]
    calendars: list[CalendarRow]
    queues: list[QueueRow]
    holidays: list[HolidayRow]
    sla_policies: list[SlaPolicyRow]
    currency_rates: list[CurrencyRateRow]
    follower_anchors: list[FollowerAnchorRow]
    goals: list[GoalRow] = field(default_factory=list)
    alert_rules: list[AlertRuleRow] = field(default_factory=default_rules)
    defaulted: tuple[str, ...] = field(default_factory=tuple)
    retention_days: int | None = None  # [privacy] retention_days; None: raw personal data is kept

    @property
    def queue_ids(self) -> list[str]:
        return sorted({row.queue_id for row in self.calendars})


def _read_text(folder: str, name: str) -> str | None:
    fs, root = fsspec.core.url_to_fs(folder)
    path = f"{root.rstrip('/')}/{name}"
    if not fs.exists(path):
        return None
    with fs.open(path, "rb") as handle:
        raw = handle.read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SettingsError(name, f"not UTF-8 text ({exc}); save it as UTF-8") from exc


def _message(error: dict) -> str:
    text = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        return "unknown setting"
    return text


def read_csv(folder: str, name: str, model: type[Row]) -> list[Numbered] | None:
    """The rows of one settings CSV (None when the file is absent). Lines starting with `#` are comments."""
    text = _read_text(folder, name)
    if text is None:
        return None
    numbered = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not numbered:
        return []
    header_line, header_text = numbered[0]
    header = [cell.strip() for cell in next(csv.reader([header_text]))]
    known = set(model.model_fields)
    for column in header:
        if column not in known:
            raise SettingsError(
                name, f"unknown column (expected {', '.join(model.model_fields)})", header_line, column
            )
    for column, info in model.model_fields.items():
        if info.is_required() and column not in header:
            raise SettingsError(name, "required column missing from the header", header_line, column)
    rows = []
    for number, line in numbered[1:]:
        cells = next(csv.reader([line]))
        if len(cells) != len(header):
            raise SettingsError(name, f"has {len(cells)} cells, the header has {len(header)}", number)
        record = {column: cell.strip() for column, cell in zip(header, cells, strict=True) if cell.strip()}
        try:
            rows.append(Numbered(number, model.model_validate(record)))
        except ValidationError as exc:
            error = exc.errors()[0]
            column = str(error["loc"][0]) if error["loc"] else None
            got = f" (got {record[column]!r})" if column in record else ""
            raise SettingsError(name, _message(error) + got, number, column) from exc
    return rows


def read_toml(folder: str) -> TomlSettings | None:
    text = _read_text(folder, TOML)
    if text is None:
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(TOML, f"not valid TOML: {exc}") from exc
    try:
        return TomlSettings.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(part) for part in error["loc"]) or None
        raise SettingsError(TOML, _message(error), field=key) from exc


def _check_references(name: str, rows: list[Numbered], queues: set[str]) -> None:
    for numbered in rows:
        queue = numbered.row.queue_id
        if queue != "*" and queue not in queues:
            raise SettingsError(
                name,
                f"queue {queue!r} has no business calendar (queues: {', '.join(sorted(queues))})",
                numbered.line,
                "queue_id",
            )


def _overlaps(a_from: date | None, a_to: date | None, b_from: date | None, b_to: date | None) -> bool:
    return (b_to is None or a_from is None or a_from < b_to) and (
        a_to is None or b_from is None or b_from < a_to
    )


def _check_calendars(rows: list[Numbered]) -> None:
    zones: dict[str, str] = {}
    for numbered in rows:
        row: CalendarRow = numbered.row  # type: ignore[assignment]
        zone = zones.setdefault(row.queue_id, row.time_zone)
        if zone != row.time_zone:
            raise SettingsError(
                CALENDARS,
                f"queue {row.queue_id} already has time zone {zone}; one per queue",
                numbered.line,
                "time_zone",
            )


def _check_policies(rows: list[Numbered]) -> None:
    seen: dict[str, int] = {}
    by_scope: dict[tuple, list[Numbered]] = defaultdict(list)
    for numbered in rows:
        row: SlaPolicyRow = numbered.row  # type: ignore[assignment]
        if row.sla_policy_id in seen:
            raise SettingsError(
                SLA_POLICIES, f"{row.sla_policy_id!r} is already the id of row {seen[row.sla_policy_id]}",
                numbered.line, "sla_policy_id",
            )  # fmt: skip
        seen[row.sla_policy_id] = numbered.line
        scope = (row.queue_id, row.channel, row.priority, row.language.lower())
        for other in by_scope[scope]:
            if _overlaps(
                row.effective_from, row.effective_to, other.row.effective_from, other.row.effective_to
            ):
                raise SettingsError(
                    SLA_POLICIES,
                    f"in force on the same days as row {other.line} ({other.row.sla_policy_id}) for the same "
                    "queue, channel, priority and language: the most specific rule could not choose",
                    numbered.line,
                    "effective_from",
                )
        by_scope[scope].append(numbered)


def _check_rates(rows: list[Numbered]) -> None:
    by_pair: dict[tuple[str, str], list[Numbered]] = defaultdict(list)
    for numbered in rows:
        row: CurrencyRateRow = numbered.row  # type: ignore[assignment]
        for other in by_pair[(row.currency_code, row.reporting_currency_code)]:
            if _overlaps(
                row.effective_from, row.effective_to, other.row.effective_from, other.row.effective_to
            ):
                raise SettingsError(
                    CURRENCY_RATES,
                    f"covers days row {other.line} covers too",
                    numbered.line,
                    "effective_from",
                )
        by_pair[(row.currency_code, row.reporting_currency_code)].append(numbered)


def _check_anchors(rows: list[Numbered]) -> None:
    seen: dict[tuple, int] = {}
    for numbered in rows:
        row: FollowerAnchorRow = numbered.row  # type: ignore[assignment]
        key = (row.platform, row.account or "", row.as_of_date)
        if key in seen:
            raise SettingsError(
                FOLLOWER_ANCHORS,
                f"the same platform, account and day as row {seen[key]}",
                numbered.line,
                "as_of_date",
            )
        seen[key] = numbered.line


def read_goals(folder: str) -> list[Numbered] | None:
    """goals.csv (None when absent); an error names the goal besides the file, row and field."""
    try:
        rows = read_csv(folder, GOALS, GoalRow)
    except SettingsError as exc:
        raise goal_error(exc, _goal_id_of_line(folder, exc.row)) from exc
    if rows is not None:
        check_goals(rows)
    return rows


def _goal_id_of_line(folder: str, line: int | None) -> str | None:
    """The goal_id cell of line `line` of goals.csv, to name the goal in an error about that line."""
    text = _read_text(folder, GOALS)
    if text is None or line is None:
        return None
    lines = text.splitlines()
    content = [n for n, t in enumerate(lines, start=1) if t.strip() and not t.lstrip().startswith("#")]
    if not content or line <= content[0] or line > len(lines):
        return None
    header = [cell.strip() for cell in next(csv.reader([lines[content[0] - 1]]))]
    cells = next(csv.reader([lines[line - 1]]), [])
    if "goal_id" not in header or header.index("goal_id") >= len(cells):
        return None
    return cells[header.index("goal_id")].strip() or None


def default_calendar(time_zone: str) -> list[CalendarRow]:
    """Open 24/7 from the beginning of time: business time is wall-clock time until the user says otherwise."""
    return [
        CalendarRow(
            queue_id=DEFAULT_QUEUE, time_zone=time_zone, weekday=day, open_time="00:00", close_time="24:00"
        )
        for day in range(1, 8)
    ]


def read_settings(folder: str | None) -> Settings:
    """The settings of `folder` (absent or partly absent: the defaults), validated across files."""
    folder = folder or ""
    present = bool(folder) and fsspec.core.url_to_fs(folder)[0].isdir(fsspec.core.url_to_fs(folder)[1])
    read = (lambda name, model: read_csv(folder, name, model)) if present else (lambda name, model: None)
    toml = (read_toml(folder) if present else None) or TomlSettings()
    defaulted: list[str] = [] if present and _read_text(folder, TOML) is not None else [TOML]

    calendars = read(CALENDARS, CalendarRow)
    if calendars is None:
        defaulted.append(CALENDARS)
        calendars = [Numbered(0, row) for row in default_calendar(toml.time_zone or DEFAULT_TIME_ZONE)]
    _check_calendars(calendars)
    queue_ids = {numbered.row.queue_id for numbered in calendars}

    queues = read(QUEUES, QueueRow)
    if queues is None:
        defaulted.append(QUEUES)
        if len(queue_ids) > 1:
            raise SettingsError(
                QUEUES,
                f"missing, and {CALENDARS} has several queues ({', '.join(sorted(queue_ids))}): say which "
                "conversations go to which queue (`*,*,<queue>` routes everything else)",
            )
        queues = [Numbered(0, QueueRow(platform="*", language="*", queue_id=next(iter(queue_ids))))]
    _check_references(QUEUES, queues, queue_ids)

    for queue in toml.holiday_regions:
        if queue != "*" and queue not in queue_ids:
            raise SettingsError(
                TOML, f"queue {queue!r} has no business calendar", field=f"holiday_regions.{queue}"
            )
    holidays = read(HOLIDAYS, HolidayRow)
    if holidays is None:
        defaulted.append(HOLIDAYS)
        holidays = []
    _check_references(HOLIDAYS, holidays, queue_ids)

    policies = read(SLA_POLICIES, SlaPolicyRow)
    if policies is None:
        defaulted.append(SLA_POLICIES)
        policies = [Numbered(0, DEFAULT_SLA_POLICY)]
    _check_references(SLA_POLICIES, policies, queue_ids)
    _check_policies(policies)

    rates = read(CURRENCY_RATES, CurrencyRateRow)
    if rates is None:
        defaulted.append(CURRENCY_RATES)
        rates = []
    _check_rates(rates)

    anchors = read(FOLLOWER_ANCHORS, FollowerAnchorRow)
    if anchors is None:
        defaulted.append(FOLLOWER_ANCHORS)
        anchors = []
    _check_anchors(anchors)

    goals = read_goals(folder) if present else None
    if goals is None:
        defaulted.append(GOALS)
        goals = []

    rules = read(ALERT_RULES, AlertRuleRow)
    if rules is None:
        defaulted.append(ALERT_RULES)
        rules = [Numbered(0, row) for row in default_rules()]
    check_rules(rules)

    return Settings(
        folder=folder,
        reporting_currency=toml.reporting_currency,
        time_zone=toml.time_zone,
        holiday_regions=dict(toml.holiday_regions),
        calendars=[n.row for n in calendars],  # type: ignore[misc]
        queues=[n.row for n in queues],  # type: ignore[misc]
        holidays=[n.row for n in holidays],  # type: ignore[misc]
        sla_policies=[n.row for n in policies],  # type: ignore[misc]
        currency_rates=[n.row for n in rates],  # type: ignore[misc]
        follower_anchors=[n.row for n in anchors],  # type: ignore[misc]
        goals=[n.row for n in goals],  # type: ignore[misc]
        alert_rules=[n.row for n in rules],  # type: ignore[misc]
        defaulted=tuple(defaulted),
        retention_days=toml.privacy.retention_days,
    )
