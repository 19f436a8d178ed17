"""TikTok Studio "Download data" exports: a zip of CSVs or an .xlsx workbook, one table per file or sheet.

Each file is recognised by its HEADER, never its name (a file renamed on a phone still loads):
- `Content.csv` (`Time, Video title, Video link, Post time, Total …`): each video's LIFETIME totals as of
  `Time` (a SNAPSHOT). Grain: one row per video × snapshot date; merge on (`video_id`, `snapshot_date`).
  `video_id` is taken from `Video link` (`…/video/<id>`).
- `Overview.csv` (`Date, Video Views, Profile Views, Likes, Comments, Shares`): PER-DAY account figures.
- `FollowerHistory.csv` (`Date, Followers, Difference in followers from previous day`): PER-DAY.
- `Viewers.csv` (`Date, Total Viewers, New Viewers, Returning Viewers`): PER-DAY.
  Per-day grain: one row per account × day; merge on (`account`, `date`).
- Recognised but not used (skipped with a note, zipped or loose): `FollowerGender.csv` (`Gender,
  Distribution`), `FollowerTopTerritories.csv` (`Top territories, Distribution`), `FollowerActivity.csv`
  (`Date, Hour, Active followers`).
Every table carries `account`: the folder the export sits in (`content/tiktok/brand_ca/…`), else the
handle in TikTok Studio's zip name, else `''` (see `pipelines.files.accounts`); it is part of every merge key.
Quirks: every field quoted; `undefined` is a missing value (NULL); days are localised and carry no year
(`September 4`, `4 septembre`, `18 января`, `9月13日`): a per-day file is dated as one sequence of days
ending at the range end in the file, zip or folder name (`…_2026-08-01_2026-10-31…`), else at the latest
matching day on or before the download: the unix time in TikTok Studio's zip name
(`Overview_<date>_<unix seconds>_<handle>.zip`, whose date is not the export's), else the zip entry time,
else the file time (see `pipelines.files.yearless`). The handle in that name is the account when no
account folder says otherwise.
The day text as exported is kept in `*_text` columns. Average watch time and completion are not exported.
"""

from __future__ import annotations

import pyarrow as pa

from pipelines.files import values
from pipelines.files.tabular import Column, Layout

GLOBS = tuple(f"content/tiktok/{deep}*.{ext}" for deep in ("", "**/") for ext in ("csv", "zip", "xlsx"))
CONTENT_TABLE = "tiktok_content"
OVERVIEW_TABLE = "tiktok_overview"
FOLLOWER_HISTORY_TABLE = "tiktok_follower_history"
VIEWERS_TABLE = "tiktok_viewers"
CONTENT_KEY = ("account", "video_id", "snapshot_date")
DAILY_KEY = ("account", "date")


def _int(name: str, *aliases: str, required: bool = False) -> Column:
    return Column(name, aliases, pa.int64(), values.parse_int, required=required)


def _day(name: str, *aliases: str) -> Column:
    return Column(name, aliases, pa.string(), values.clean, required=True, required_value=True)


CONTENT = Layout(
    name="TikTok Content (Time, Video link, Total …)",
    columns=(
        _day("time_text", "Time"),
        Column("video_title", ("Video title",)),
        Column("video_link", ("Video link",), pa.string(), values.clean, required=True, required_value=True),
        Column("post_time_text", ("Post time",)),
        _int("total_likes", "Total likes", required=True),
        _int("total_comments", "Total comments"),
        _int("total_shares", "Total shares"),
        _int("total_views", "Total views", "Total video views"),
    ),
)

OVERVIEW = Layout(
    name="TikTok Overview (Date, Video Views, Profile Views, …)",
    columns=(
        _day("date_text", "Date"),
        _int("video_views", "Video Views", required=True),
        _int("profile_views", "Profile Views", required=True),
        _int("likes", "Likes"),
        _int("comments", "Comments"),
        _int("shares", "Shares"),
    ),
)

FOLLOWER_HISTORY = Layout(
    name="TikTok FollowerHistory (Date, Followers, Difference in followers …)",
    columns=(
        _day("date_text", "Date"),
        _int("followers", "Followers", required=True),
        _int("followers_difference", "Difference in followers from previous day", required=True),
    ),
)

VIEWERS = Layout(
    name="TikTok Viewers (Date, Total Viewers, New Viewers, Returning Viewers)",
    columns=(
        _day("date_text", "Date"),
        _int("total_viewers", "Total Viewers", required=True),
        _int("new_viewers", "New Viewers"),
        _int("returning_viewers", "Returning Viewers"),
    ),
)


NOT_USED = (
    Layout(
        "TikTok FollowerGender (Gender, Distribution)",
        (
            Column("gender", ("Gender",), required=True),
            Column("distribution", ("Distribution",), required=True),
        ),
        notes="follower gender shares, not used by any KPI",
    ),
    Layout(
        "TikTok FollowerTopTerritories (Top territories, Distribution)",
        (
            Column("territory", ("Top territories",), required=True),
            Column("distribution", ("Distribution",), required=True),
        ),
        notes="follower territory shares, not used by any KPI",
    ),
    Layout(
        "TikTok FollowerActivity (Date, Hour, Active followers)",
        (
            Column("date", ("Date",), required=True),
            Column("hour", ("Hour",), required=True),
            Column("active_followers", ("Active followers",), required=True),
        ),
        notes="followers online by hour, not used by any KPI",
    ),
)
