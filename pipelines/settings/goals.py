"""goals.csv: the user's SMART goals (kpis.md §9), one row per goal × KPI.

A goal with several KPIs ("100 qualified leads in 60 days with response rate 95 % and average response
under 10 min") is several rows sharing a `goal_id`; the goal's own fields (start, deadline, owners) must then
agree. A row is checked here on its own and across rows; whether its KPI id exists and whether the KPI can
be split by the scope it names can only be judged against the KPI registry, so dbt checks that
(`int_goals__checked`) and the build fails with the goal and the field. The computations (baseline when left
empty, current value, progress, status) are in the goal marts (models/marts/goals/), not here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator

from pipelines.settings.errors import SettingsError
from pipelines.settings.rows import SettingsRow, Text

GOALS = "goals.csv"
KINDS = ("level", "relative_change", "below", "above", "count_per_period")
# What a user may write for a kind, as the spec names the threshold kinds ("threshold < / >").
KIND_ALIASES = {"<": "below", ">": "above", "threshold_below": "below", "threshold_above": "above"}
# The goal's own fields: every row of a goal must give the same value.
SHARED = ("start_date", "deadline", "owner", "backup_owner")


class GoalRow(SettingsRow):
    """One KPI of a goal: what to move, in which scope, from where to where, by when, who owns it."""

    goal_id: Text
    kpi: Text
    kind: Literal["level", "relative_change", "below", "above", "count_per_period"]
    platform: Literal["instagram", "facebook", "tiktok", "youtube", "linkedin", "x"] | None = None
    language: str | None = None
    channel: Literal["dm", "comment"] | None = None
    intent: str | None = None
    baseline: Decimal | None = None
    improvement_pct: Decimal | None = None
    # validated after kind, baseline and improvement_pct (declaration order), also when left empty
    target: Decimal | None = Field(default=None, validate_default=True)
    start_date: date
    deadline: date
    window_days: int = Field(default=30, ge=1, le=366)
    owner: Text
    backup_owner: str | None = None
    description: str | None = None

    @field_validator("kind", mode="before")
    @classmethod
    def kind_alias(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip().lower()
            return KIND_ALIASES.get(value, value)
        return value

    @field_validator("deadline")
    @classmethod
    def deadline_after_start(cls, value: date, info: ValidationInfo) -> date:
        start = info.data.get("start_date")
        if start is not None and value <= start:
            raise ValueError(f"must be after start_date {start}")
        return value

    @field_validator("improvement_pct")
    @classmethod
    def moves_something(cls, value: Decimal | None) -> Decimal | None:
        if value is not None and value == 0:
            raise ValueError("0 % would make the target equal to the baseline")
        return value

    @field_validator("target")
    @classmethod
    def target_is_defined(cls, value: Decimal | None, info: ValidationInfo) -> Decimal | None:
        kind, baseline, pct = (
            info.data.get("kind"),
            info.data.get("baseline"),
            info.data.get("improvement_pct"),
        )
        if kind == "relative_change":
            if value is not None:
                raise ValueError(
                    "a relative_change goal's target is baseline × (1 + improvement_pct ÷ 100): leave it "
                    "empty and give improvement_pct"
                )
            if pct is None:
                raise ValueError("a relative_change goal needs improvement_pct (e.g. 15 or -70)")
        elif value is None and pct is None:
            raise ValueError("give a target, or improvement_pct for baseline × (1 + improvement_pct ÷ 100)")
        elif value is not None and pct is not None:
            raise ValueError("give a target or improvement_pct, not both")
        if value is not None and baseline is not None and value == baseline:
            raise ValueError(f"equals the baseline ({baseline}): there is nothing to move")
        return value


def goal_error(error: SettingsError, goal_id: str | None) -> SettingsError:
    """The same error, prefixed with the goal it belongs to (a user thinks in goals, not in line numbers)."""
    if not goal_id:
        return error
    return SettingsError(error.file, f"goal {goal_id}: {error.detail}", error.row, error.field)


def check_goals(rows: list) -> None:
    """Across rows: one row per goal × KPI, and a goal's shared fields the same on each of its rows."""
    first: dict[str, object] = {}
    seen: dict[tuple[str, str, tuple], int] = {}
    for numbered in rows:
        row: GoalRow = numbered.row
        key = (row.goal_id, row.kpi, (row.platform, row.language, row.channel, row.intent))
        if key in seen:
            raise SettingsError(
                GOALS,
                f"goal {row.goal_id}: KPI {row.kpi} with the same scope is already row {seen[key]}",
                numbered.line,
                "kpi",
            )
        seen[key] = numbered.line
        other = first.setdefault(row.goal_id, numbered)
        for name in SHARED:
            if getattr(other.row, name) != getattr(row, name):
                raise SettingsError(
                    GOALS,
                    f"goal {row.goal_id}: {name} {getattr(row, name)} differs from row {other.line} "
                    f"({getattr(other.row, name)}); the rows of one goal share it",
                    numbered.line,
                    name,
                )
