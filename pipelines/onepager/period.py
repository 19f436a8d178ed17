"""The one-pager's period, the previous period of equal length it is compared with, and its filters.

A period is any [from, to] range of days (2017 works as well as 2026). The previous period is the same
number of days ending the day before `from` (kpis.md §10: before / after comparisons use windows of equal
length). The default is the last 28 days of data, as in the app's sidebar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

DEFAULT_DAYS = 28

# The facts whose last day is "the last day of data", in order of preference: the conversations first (the
# app's sidebar uses their dates), then the business facts for a warehouse loaded from commerce exports only.
DATA_DAYS = (
    ("marts.fct_conversations", "first_inbound_date"),
    ("marts.fct_comments", "comment_date"),
    ("marts.fct_orders", "order_date"),
)


class PeriodError(ValueError):
    """The period cannot be used (from after to, or no data to take a default period from)."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise PeriodError(f"the period starts ({self.start}) after it ends ({self.end})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of equal length that ends the day before this one starts."""
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    def label(self) -> str:
        """'2026-10-04 – 2026-10-31 (28 days)'."""
        return f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d} ({self.days} day{'s' if self.days > 1 else ''})"


@dataclass(frozen=True)
class Filters:
    """Platform / language / channel codes; an empty tuple means all."""

    platform: tuple[str, ...] = ()
    language: tuple[str, ...] = ()
    channel: tuple[str, ...] = ()

    def active(self) -> dict[str, tuple[str, ...]]:
        return {name: values for name, values in self.__dict__.items() if values}

    def label(self) -> str:
        parts = [f"{name} {', '.join(values)}" for name, values in self.active().items()]
        return " · ".join(parts) if parts else "all platforms, languages and channels"


def last_data_day(con: duckdb.DuckDBPyConnection) -> date | None:
    """The last day any fact of DATA_DAYS has rows for (the first fact that has any)."""
    for relation, column in DATA_DAYS:
        try:
            [(last,)] = con.execute(f"select max({column}) from {relation}").fetchall()
        except duckdb.CatalogException:
            continue
        if last is not None:
            return last
    return None


def default_period(con: duckdb.DuckDBPyConnection, days: int = DEFAULT_DAYS) -> Period:
    """The last `days` days of data."""
    last = last_data_day(con)
    if last is None:
        raise PeriodError("the warehouse has no conversations, comments or orders: give --from and --to")
    return Period(last - timedelta(days=days - 1), last)
