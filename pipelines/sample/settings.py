"""The sample brand's own settings folder (`<sample>/settings/`): an Ontario team with an English, a French
and a B2B queue, Canadian holidays, its SLA policies, CAD reporting, the USD->CAD rate its orders are priced
with, its accounts' follower counts, a few goals and the
spec's alert thresholds.

These values belong to the sample brand only: they are written beside its data, like a user's settings
beside theirs, and never reach another landing folder (no code default carries them).
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

from pipelines.settings.alert_rules import RULES
from pipelines.settings.starter import GOAL_HEADER

from .writers import set_mtime

# Files get this modification time, so the same seed gives the same bytes and times.
WRITTEN_AT = datetime(2026, 11, 1, 12, 0, tzinfo=UTC).timestamp()

TOML = """\
# The sample brand's settings (docs/settings.md).
reporting_currency = "CAD"
time_zone = "America/Toronto"

[holiday_regions]
en_support = "CA-ON"
b2b_support = "CA-ON"
fr_support = "CA-QC"
"""

WEEKDAYS = range(1, 6)
CALENDARS = [
    *(("en_support", "America/Toronto", day, "09:00", "18:00", "2026-01-01", "") for day in WEEKDAYS),
    ("en_support", "America/Toronto", 6, "10:00", "14:00", "2026-01-01", ""),
    *(
        ("fr_support", "America/Toronto", day, "09:00", "17:00", "2026-01-01", "2026-10-01")
        for day in WEEKDAYS
    ),
    *(("fr_support", "America/Toronto", day, "09:00", "18:00", "2026-10-01", "") for day in WEEKDAYS),
    *(
        ("b2b_support", "America/Toronto", day, start, end, "2026-01-01", "")
        for day in WEEKDAYS
        for start, end in (("08:30", "12:00"), ("13:00", "17:00"))
    ),
]
QUEUES = [
    ("*", "*", "en_support"),
    ("*", "en", "en_support"),
    ("*", "fr", "fr_support"),
    ("linkedin", "*", "b2b_support"),
]
# Ontario's list gives Family Day and the observed Boxing Day, which the sample brand works; its offices
# close on New Year's Day 2027 whatever years the data covers.
HOLIDAYS = [
    ("en_support", "2026-02-16", "remove", "Family Day (open)"),
    ("b2b_support", "2026-02-16", "remove", "Family Day (open)"),
    ("en_support", "2026-12-28", "remove", "Boxing Day observed (open)"),
    ("b2b_support", "2026-12-28", "remove", "Boxing Day observed (open)"),
    ("*", "2027-01-01", "add", "New Year's Day"),
]
SLA_POLICIES = [
    ("default", "*", "*", "*", "*", 120, 1440, "2026-01-01", ""),
    ("dm", "*", "dm", "*", "*", 60, 1440, "2026-01-01", ""),
    ("high", "*", "*", "high", "*", 60, 720, "2026-01-01", ""),
    ("dm_high", "*", "dm", "high", "*", 30, 720, "2026-01-01", ""),
    ("urgent", "*", "*", "urgent", "*", 30, 240, "2026-01-01", ""),
    ("dm_urgent", "*", "dm", "urgent", "*", 15, 240, "2026-01-01", ""),
]
# The rate the generator prices USD orders with (1 / 0.74), month by month as the brand's finance sets it.
MONTHS = ("2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01", "2026-12-01")
CURRENCY_RATES = [("USD", "CAD", "1.3514", start, end) for start, end in pairwise(MONTHS)]
FOLLOWER_ANCHORS = [
    (
        "instagram",
        "",
        "2026-07-31",
        48200,
        "Instagram's follower count read in the app at the end of the day",
    ),
    ("facebook", "", "2026-07-31", 21500, "Facebook page followers at the end of the day"),
    ("linkedin", "", "2026-07-31", 3900, "LinkedIn page followers at the end of the day"),
    ("youtube", "", "2026-07-31", 12800, "YouTube channel subscribers at the end of the day"),
]
# The sample brand's goals for its autumn (kpis.md §9): owners are roles, never people's names. A baseline left
# empty is the KPI over the 30 days before the start; the French Facebook goal has two KPIs.
GOALS = [
    ("dm_response_rate", "response_rate", "level", "", "", "dm", "", "", "0.98", "", "2026-09-01",
     "2026-11-30", "30", "support_lead", "community_lead", "answer nearly every DM"),
    ("ig_frt_median", "frt_any_median_min", "below", "instagram", "", "", "", "", "30", "", "2026-09-01",
     "2026-12-31", "30", "support_lead", "community_lead", "Instagram median first response under 30 min"),
    ("negative_down", "negative_share", "relative_change", "", "", "", "", "", "", "-20", "2026-09-15",
     "2026-12-15", "30", "community_lead", "support_lead", "negative comments -20 % relative"),
    ("ig_dm_leads", "leads_generated", "count_per_period", "instagram", "", "dm", "", "", "120", "", "2026-09-01",
     "2026-11-29", "30", "community_lead", "sales_lead", "Instagram DM leads per 30 days"),
    ("fr_facebook", "response_rate", "above", "facebook", "fr-CA", "", "", "0.80", "0.90", "", "2026-09-01",
     "2026-11-30", "30", "fr_team_lead", "support_lead", "French Facebook: response rate above 90 %"),
    ("fr_facebook", "avg_response_time_min", "below", "facebook", "fr-CA", "", "", "", "60", "", "2026-09-01",
     "2026-11-30", "30", "fr_team_lead", "support_lead", "... and average response under an hour"),
]  # fmt: skip

FILES = {
    "business_calendars.csv": (
        ("queue_id", "time_zone", "weekday", "open_time", "close_time", "effective_from", "effective_to"),
        CALENDARS,
    ),
    "team_queues.csv": (("platform", "language", "queue_id"), QUEUES),
    "holidays.csv": (("queue_id", "holiday_date", "action", "holiday_name"), HOLIDAYS),
    "sla_policies.csv": (
        (
            "sla_policy_id",
            "queue_id",
            "channel",
            "priority",
            "language",
            "first_response_target_min",
            "resolution_target_min",
            "effective_from",
            "effective_to",
        ),
        SLA_POLICIES,
    ),  # fmt: skip
    "currency_rates.csv": (
        ("currency_code", "reporting_currency_code", "rate", "effective_from", "effective_to"),
        CURRENCY_RATES,
    ),
    "follower_anchors.csv": (("platform", "account", "as_of_date", "followers", "note"), FOLLOWER_ANCHORS),
    "goals.csv": (tuple(GOAL_HEADER.split(",")), GOALS),
    # the spec's defaults, written out so the brand can tune them
    "alert_rules.csv": (
        ("rule", "threshold", "severity", "platform", "language", "min_volume"),
        [(rule, threshold, severity, "", "", 1) for rule, (_, threshold, severity) in RULES.items()],
    ),
}


def write_settings(out: str | Path) -> list[Path]:
    """Write `<out>/settings/` (settings, not data: they are not counted as data rows); returns the files."""
    folder = Path(out) / "settings"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text(TOML, encoding="utf-8")
    written = [folder / "settings.toml"]
    for name, (header, rows) in FILES.items():
        with (folder / name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        written.append(folder / name)
    for path in written:
        set_mtime(path, WRITTEN_AT)
    return written
