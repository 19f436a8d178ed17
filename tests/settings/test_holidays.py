"""Holidays per queue from the `holidays` package for the queue's region, with the user's additions and
removals. The expected dates are worked out here from the rules of each holiday, not read from the package."""

from __future__ import annotations

from datetime import date, timedelta

from pipelines.settings.folder import Settings, read_settings
from pipelines.settings.holiday_dates import expand_holidays
from pipelines.settings.rows import CalendarRow, HolidayRow


def easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_monday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7 + 7 * (n - 1))


def ontario(year: int) -> set[date]:
    new_year = date(year, 1, 1)
    days = {
        new_year,
        nth_monday(year, 2, 3),  # Family Day: third Monday of February
        easter(year) - timedelta(days=2),  # Good Friday
        max(
            d for d in (date(year, 5, 24) - timedelta(days=i) for i in range(7)) if d.weekday() == 0
        ),  # Victoria Day
        date(year, 7, 1),  # Canada Day
        nth_monday(year, 9, 1),  # Labour Day
        nth_monday(year, 10, 2),  # Thanksgiving
        date(year, 12, 25),
        date(year, 12, 26),
    }
    if new_year.weekday() == 6:  # New Year's Day on a Sunday is observed on the Monday
        days.add(new_year + timedelta(days=1))
    return days


def france(year: int) -> set[date]:
    e = easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    return {date(year, m, d) for m, d in fixed} | {
        e + timedelta(days=1),
        e + timedelta(days=39),
        e + timedelta(days=50),
    }


def settings_for(regions: dict[str, str], holidays: list[HolidayRow] = ()) -> Settings:
    base = read_settings(None)
    calendars = [
        CalendarRow(queue_id=q, time_zone="UTC", weekday=1, open_time="09:00", close_time="17:00")
        for q in ("on", "paris")
    ]
    return Settings(
        **{**base.__dict__, "calendars": calendars, "holiday_regions": regions, "holidays": list(holidays)}
    )


def days(rows, queue: str) -> set[date]:
    return {row.holiday_date for row in rows if row.queue_id == queue}


def test_ontario_2017_and_france_2017_come_from_the_package():
    expected_on = ontario(2017)
    assert date(2017, 1, 2) in expected_on and date(2017, 4, 14) in expected_on  # worked out: Easter 16 April
    assert date(2017, 5, 22) in expected_on and date(2017, 10, 9) in expected_on
    rows = expand_holidays(settings_for({"on": "CA-ON", "paris": "FR"}), [2017])
    assert days(rows, "on") == expected_on
    assert days(rows, "paris") == france(2017)
    assert date(2017, 5, 25) in france(2017) and date(2017, 6, 5) in france(2017)  # Ascension, Whit Monday
    assert {row.holiday_source for row in rows if row.queue_id == "on"} == {"holidays package CA-ON"}


def test_a_star_region_applies_to_every_queue_without_its_own():
    rows = expand_holidays(settings_for({"*": "FR", "on": "CA-ON"}), [2017, 2018])
    assert days(rows, "paris") == france(2017) | france(2018)
    assert days(rows, "on") == ontario(2017) | ontario(2018)


def test_user_removals_and_additions_on_top_of_the_region():
    user = [
        HolidayRow(queue_id="on", holiday_date=date(2017, 2, 20), action="remove"),  # works Family Day
        HolidayRow(
            queue_id="*", holiday_date=date(2017, 12, 26), action="remove"
        ),  # nobody off on Boxing Day
        HolidayRow(queue_id="*", holiday_date=date(2017, 12, 24), action="add", holiday_name="Christmas Eve"),
        HolidayRow(queue_id="paris", holiday_date=date(2017, 8, 14), action="add"),
    ]
    rows = expand_holidays(settings_for({"on": "CA-ON"}, user), [2017])
    assert days(rows, "on") == (ontario(2017) - {date(2017, 2, 20), date(2017, 12, 26)}) | {
        date(2017, 12, 24)
    }
    assert days(rows, "paris") == {date(2017, 12, 24), date(2017, 8, 14)}
    [eve] = [r for r in rows if r.queue_id == "on" and r.holiday_date == date(2017, 12, 24)]
    assert (eve.holiday_name, eve.holiday_source) == ("Christmas Eve", "user")


def test_no_region_and_no_file_means_no_holidays():
    assert expand_holidays(read_settings(None), [2017, 2018]) == []
