"""Holidays per queue: the `holidays` package's list for the queue's region, plus the user's own days, minus
the days the user removes (a public holiday the team works).

Expanded here, in Python, for the years the data covers, because the package computes moving feasts
(Easter, Thanksgiving, observed days) that no table of dates could hold for every year. Each row records
where it came from, so a reader can tell a public holiday from the team's own closing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import holidays as holiday_library

from pipelines.settings.folder import Settings, holiday_region


@dataclass(frozen=True, order=True)
class QueueHoliday:
    queue_id: str
    holiday_date: date
    holiday_name: str
    holiday_source: str


def region_holidays(region: str, years: Iterable[int]) -> dict[date, str]:
    """The public holidays of `region` ('CA-ON', 'FR') in `years`, from the `holidays` package."""
    country, subdivision = holiday_region(region)
    listed = holiday_library.country_holidays(country, subdiv=subdivision, years=sorted(set(years)))
    return dict(sorted(listed.items()))


def expand_holidays(settings: Settings, years: Iterable[int]) -> list[QueueHoliday]:
    """One row per queue × closed day: region holidays for `years`, with the user's additions and removals.

    A region or a user row for `*` applies to every queue; a queue's own region replaces the `*` region for
    it. A removal takes the day off the queue's list (its region's or an addition), for that queue or, with
    `*`, for every queue. User additions apply whatever the year.
    """
    years = sorted(set(years))
    closed: dict[tuple[str, date], QueueHoliday] = {}
    for queue in settings.queue_ids:
        region = settings.holiday_regions.get(queue) or settings.holiday_regions.get("*")
        if region and years:
            for day, name in region_holidays(region, years).items():
                closed[(queue, day)] = QueueHoliday(queue, day, name, f"holidays package {region.upper()}")
    for row in settings.holidays:
        if row.action != "add":
            continue
        for queue in settings.queue_ids if row.queue_id == "*" else [row.queue_id]:
            closed[(queue, row.holiday_date)] = QueueHoliday(
                queue, row.holiday_date, row.holiday_name or "closed (holidays.csv)", "user"
            )
    for row in settings.holidays:
        if row.action != "remove":
            continue
        for queue in settings.queue_ids if row.queue_id == "*" else [row.queue_id]:
            closed.pop((queue, row.holiday_date), None)
    return sorted(closed.values())
