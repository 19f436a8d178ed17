"""YouTube Studio Advanced mode exports: a zip holding `Table data.csv`, `Chart data.csv` and `Totals.csv`,
or those files loose once unzipped (in the folder the zip unpacks to, or any folder): both load alike.

Kind of figures: PER-RANGE: each row holds a video's totals over the date range chosen for the export. The
range is read from the zip or folder name `Content 2026-09-12_2026-10-01 <Channel>` (a user keeping loose
files states it by naming their folder so), else inferred from the chart data beside the table (its first
and last `Date`), else the file is rejected saying so. Grain: one row per account × video × range start ×
range end; merge on (`account`, `video_id`, `range_start`, `range_end`); `account` is the account folder,
else the channel in the export's name, else `''` (`pipelines.files.accounts`). Row 2 is a `Total` row
(dropped). Dates re-saved by a spreadsheet (`3-Jun-26`, `7/16/2026`: US month/day) parse.
`Content` is the video id (a leading space or apostrophe is stripped). `Duration` is seconds;
`Average view duration` is `H:MM:SS`, stored in seconds. `Subscribers` is the NET subscribers gained from
that video over the range (can be negative), not the channel total.
Renamed over time: `Impressions` → `Thumbnail impressions` and `Impressions click-through rate (%)` →
`Thumbnail click-through rate (%)` (stored as `thumbnail_impressions` and `thumbnail_ctr`, a PERCENT: 5.1 = 5.1 %; the header the
figures came under is in `thumbnail_reported_as`); `Regular viewers` → `Returning viewers`. The chart data
files (`Chart data.csv`, `Totals.csv`: one row per day, a `Date` column `Table data.csv` never has) are not
loaded: they give the range, and the run summary notes them as used for that only.
"""

from __future__ import annotations

import pyarrow as pa

from pipelines.files import values
from pipelines.files.tabular import Column, Layout

GLOBS = tuple(f"content/youtube/{deep}*.{ext}" for deep in ("", "**/") for ext in ("csv", "zip"))
TABLE = "youtube_videos"
PRIMARY_KEY = ("account", "video_id", "range_start", "range_end")
# As YouTube writes them (`Sep 26, 2026`), and as a spreadsheet re-saves them (`26-Sep-26`, `9/26/2026`).
SPREADSHEET_FORMATS = ("%d-%b-%y", "%d-%b-%Y", "%m/%d/%Y", "%m/%d/%y")
PUBLISH_FORMATS = ("%b %d, %Y", "%B %d, %Y", "%Y-%m-%d", "%d %b %Y", *SPREADSHEET_FORMATS)
CHART_FORMATS = ("%Y-%m-%d", "%b %d, %Y", *SPREADSHEET_FORMATS)


def parse_hms(value: str | None) -> int | None:
    """`H:MM:SS` (or `M:SS`) as seconds."""
    text = values.clean(value)
    if text is None:
        return None
    parts = text.split(":")
    if not 1 <= len(parts) <= 3 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"{text!r} is not a duration H:MM:SS")
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return seconds


def _int(name: str, *aliases: str) -> Column:
    return Column(name, aliases, pa.int64(), values.parse_int)


def _float(name: str, *aliases: str) -> Column:
    return Column(name, aliases, pa.float64(), values.parse_float)


VIDEOS = Layout(
    name="YouTube Studio Table data (Content, Video title, Video publish time, …)",
    columns=(
        Column("video_id", ("Content",), pa.string(), values.parse_id, required=True, required_value=True),
        Column("video_title", ("Video title",), required=True),
        Column(
            "published_on",
            ("Video publish time",),
            pa.date32(),
            lambda v: values.parse_date(v, PUBLISH_FORMATS),
        ),
        _int("duration_s", "Duration"),
        _int("views", "Views"),
        _float("watch_time_hours", "Watch time (hours)"),
        _int("subscribers_net", "Subscribers"),
        _int("thumbnail_impressions", "Thumbnail impressions", "Impressions"),
        _float("thumbnail_ctr", "Thumbnail click-through rate (%)", "Impressions click-through rate (%)"),
        Column("average_view_duration_s", ("Average view duration",), pa.int64(), parse_hms),
        _float("average_percentage_viewed_pct", "Average percentage viewed (%)"),
        _int("unique_viewers", "Unique viewers"),
        _int("engaged_views", "Engaged views"),
        _float("stayed_to_watch_pct", "Stayed to watch (%)"),
        _int("new_viewers", "New viewers"),
        _int("returning_viewers", "Returning viewers", "Regular viewers"),
        _int("likes", "Likes"),
        _int("comments", "Comments added", "Comments"),
        _int("shares", "Shares"),
    ),
    total_row_columns=("video_id",),
)


def _chart_date() -> Column:
    return Column(
        "date", ("Date",), pa.date32(), lambda v: values.parse_date(v, CHART_FORMATS), required=True
    )


# The export's per-day side tables, skipped but read for the range: `Chart data.csv` (per video and day: its
# `Content` column names the video) and `Totals.csv` (the channel's per day, `Date` and the metrics only).
# The first whose required columns match names the file in the run summary, so chart data comes first.
CHART_DATA = (
    Layout(
        "YouTube chart data (Date, Content, …)",
        (_chart_date(), Column("content", ("Content",), pa.string(), values.clean, required=True)),
        notes="per-day chart data, used only for the date range of the table data beside it",
    ),
    Layout(
        "YouTube totals (Date, …)",
        (_chart_date(),),
        notes="the export's per-day totals, used only for the date range of the table data beside it",
    ),
)
