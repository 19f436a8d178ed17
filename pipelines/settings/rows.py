"""One pydantic model per row of a settings CSV: the types and rules a value must follow.

A row is validated on its own here; rules across rows and files (a queue routed to must have a calendar, one
time zone per queue) are in `folder.py`. Empty cells arrive as None, so an optional date left empty means
"always" (from the beginning of time, or with no end).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

PLATFORMS = ("instagram", "facebook", "tiktok", "youtube", "linkedin", "x")
CLOCK = re.compile(r"^([01]\d|2[0-4]):[0-5]\d$")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Currency = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{3}$")]
Wildcard = Literal["*"]


class SettingsRow(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _after(value: date | None, info: ValidationInfo, start: str) -> date | None:
    begin = info.data.get(start)
    if value is not None and begin is not None and value <= begin:
        raise ValueError(f"must be after {start} {begin} (it is the first day no longer covered)")
    return value


class CalendarRow(SettingsRow):
    """business_calendars.csv: one open interval of a queue on one weekday, in force between two dates."""

    queue_id: Text
    time_zone: Text
    weekday: int = Field(ge=1, le=7)
    open_time: Text
    close_time: Text
    effective_from: date | None = None
    effective_to: date | None = None

    @field_validator("time_zone")
    @classmethod
    def known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"{value!r} is not an IANA time zone (e.g. America/Toronto, Europe/Paris)"
            ) from None
        return value

    @field_validator("open_time", "close_time")
    @classmethod
    def wall_clock(cls, value: str) -> str:
        if not CLOCK.match(value) or _minutes(value) > 1440:
            raise ValueError(f"{value!r} is not a wall-clock time HH:MM between 00:00 and 24:00")
        return value

    @field_validator("close_time")
    @classmethod
    def closes_after_opening(cls, value: str, info: ValidationInfo) -> str:
        opening = info.data.get("open_time")
        if opening is not None and _minutes(value) <= _minutes(opening):
            raise ValueError(
                f"closes at {value}, not after it opens ({opening}); a night shift is two rows, one per weekday"
            )
        return value

    @field_validator("effective_to")
    @classmethod
    def ends_after_start(cls, value: date | None, info: ValidationInfo) -> date | None:
        return _after(value, info, "effective_from")


class QueueRow(SettingsRow):
    """team_queues.csv: which queue the conversations of a platform and language go to."""

    platform: Literal[Wildcard, "instagram", "facebook", "tiktok", "youtube", "linkedin", "x"]
    language: Text
    queue_id: Text


class HolidayRow(SettingsRow):
    """holidays.csv: a day the user adds to (closed) or removes from (open) the holidays of a queue's region."""

    queue_id: Text
    holiday_date: date
    action: Literal["add", "remove"] = "add"
    holiday_name: str | None = None


class SlaPolicyRow(SettingsRow):
    """sla_policies.csv: first-response and resolution targets, in business minutes."""

    sla_policy_id: Text
    queue_id: Text
    channel: Literal[Wildcard, "dm", "comment"]
    priority: Literal[Wildcard, "low", "normal", "high", "urgent"]
    language: Text
    first_response_target_min: int = Field(gt=0)
    resolution_target_min: int = Field(gt=0)
    effective_from: date | None = None
    effective_to: date | None = None

    @field_validator("effective_to")
    @classmethod
    def ends_after_start(cls, value: date | None, info: ValidationInfo) -> date | None:
        return _after(value, info, "effective_from")


class CurrencyRateRow(SettingsRow):
    """currency_rates.csv: the user's own rate, used instead of the ECB's on the days it covers."""

    currency_code: Currency
    reporting_currency_code: Currency
    rate: Decimal = Field(gt=0)
    effective_from: date | None = None
    effective_to: date | None = None

    @field_validator("effective_to")
    @classmethod
    def ends_after_start(cls, value: date | None, info: ValidationInfo) -> date | None:
        return _after(value, info, "effective_from")


class FollowerAnchorRow(SettingsRow):
    """follower_anchors.csv: an account's follower count read on a known day (the level gains are added to)."""

    platform: Literal["instagram", "facebook", "tiktok", "youtube", "linkedin", "x"]
    account: str | None = None
    as_of_date: date
    followers: int = Field(ge=0)
    note: str | None = None
