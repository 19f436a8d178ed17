"""`socialkpi init DIR`: a commented starter settings folder.

Its active lines are exactly the defaults (open 24/7, one SLA policy, no holidays, no anchors, ECB rates), so
a user who runs `init` and edits nothing gets the same numbers as one with no folder at all; every other
possibility is a commented example to copy. Lines starting with `#` are comments in every file.
"""

from __future__ import annotations

from pathlib import Path

STARTER = {
    "settings.toml": """\
# socialkpi settings (docs/settings.md). Every key is optional.

# Money KPIs are reported in this currency (ISO 4217). Unset: the data's only currency, or, when the data
# has several, money KPIs stay empty with the reason.
# reporting_currency = "CAD"

# The time zone of a default 24/7 calendar (IANA name). Unset: UTC.
# time_zone = "America/Toronto"

# Public holidays per queue of business_calendars.csv, from the `holidays` package: a country (FR) or
# country-subdivision (CA-ON, CA-QC). "*" applies to every queue without a line of its own.
[holiday_regions]
# "*" = "CA-ON"
# fr_support = "CA-QC"
""",
    "business_calendars.csv": """\
# When each queue is open, in its own time zone. weekday: 1 = Monday ... 7 = Sunday; HH:MM, 24:00 = midnight.
# A lunch break is two rows; a closed day has none. effective_from / effective_to (exclusive) date a
# version of the calendar; empty = always. Default (this file as written): open 24/7.
queue_id,time_zone,weekday,open_time,close_time,effective_from,effective_to
default,UTC,1,00:00,24:00,,
default,UTC,2,00:00,24:00,,
default,UTC,3,00:00,24:00,,
default,UTC,4,00:00,24:00,,
default,UTC,5,00:00,24:00,,
default,UTC,6,00:00,24:00,,
default,UTC,7,00:00,24:00,,
# en_support,America/Toronto,1,09:00,18:00,2017-01-01,
""",
    "team_queues.csv": """\
# Which queue a conversation goes to, by platform and language (`*` = any; the most specific row wins).
platform,language,queue_id
*,*,default
# *,fr,fr_support
""",
    "holidays.csv": """\
# Your own closed days (action add) and public holidays you work (action remove), on top of the
# holiday_regions of settings.toml. queue_id `*` = every queue.
queue_id,holiday_date,action,holiday_name
# *,2017-12-24,add,Christmas Eve (office closed)
# *,2017-12-26,remove,Boxing Day (we work)
""",
    "sla_policies.csv": """\
# Targets in business minutes per queue x channel x priority x language (`*` = any). Empty
# effective_from = from the beginning of time; empty effective_to = still in force.
sla_policy_id,queue_id,channel,priority,language,first_response_target_min,resolution_target_min,effective_from,effective_to
default,*,*,*,*,120,1440,,
# dm,*,dm,*,*,60,1440,,
""",
    "currency_rates.csv": """\
# Your own rates (units of reporting_currency_code per unit of currency_code), used instead of the ECB's
# reference rates on the days they cover (effective_to exclusive; empty = open-ended).
currency_code,reporting_currency_code,rate,effective_from,effective_to
# USD,CAD,1.3514,2017-01-01,2017-02-01
""",
    "follower_anchors.csv": """\
# An account's follower count read in the app on a known day. Instagram, Facebook, LinkedIn and YouTube
# exports give daily gains only: without an anchor their follower level stays empty (never made up).
# account: empty = the platform's account when the landing has one.
platform,account,as_of_date,followers,note
# instagram,,2017-06-30,48200,read in the app at the end of the day
""",
}


def write_starter(folder: str | Path, overwrite: bool = False) -> list[Path]:
    """Write the starter files into `folder`; an existing file is kept unless `overwrite`."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in STARTER.items():
        path = out / name
        if path.exists() and not overwrite:
            continue
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
