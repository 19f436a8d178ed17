"""dlt source for YouTube Studio Advanced mode exports: the zip as downloaded, or its files once unzipped
(`Table data.csv`, `Chart data.csv`, `Totals.csv` in a folder), which load alike."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from functools import partial

import dlt
import pyarrow as pa

from pipelines.files.accounts import account_resolver
from pipelines.files.bundles import (
    MEMBER_SEPARATOR,
    Route,
    members,
    merge_resources,
    read_routed_files,
    routed_source_resources,
)
from pipelines.files.guard import prescan
from pipelines.files.landing import LandingFile
from pipelines.files.tabular import FileRejected, ParsedFile, match_layout, parse_rows
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject
from pipelines.youtube import settings

FAMILY = "youtube"
RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})")
CHANNEL = re.compile(
    r"\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\s+(?P<channel>.+?)(?:\s*\(\d+\))?(?:\.zip)?$", re.I
)
Ranges = dict[str, tuple[date, date]]


def channel_from_name(name: str) -> str | None:
    """The channel YouTube Studio puts after the range in the zip name (`Content 2026-09-12_2026-10-01
    <Channel>.zip`, kept by the folder it unzips to): the account of the export."""
    match = CHANNEL.search(name)
    return match.group("channel").strip() if match else None


def group_of(relative_path: str) -> str:
    """The export a file belongs to: its zip (for a member) or its folder (for a loose file)."""
    return relative_path.replace(MEMBER_SEPARATOR, "/").rsplit("/", 1)[0]


def name_range(file: LandingFile) -> tuple[date, date] | None:
    """The range in the zip or folder name (`Content 2026-09-12_2026-10-01 <Channel>`): YouTube's, or the
    user's own statement of it for loose files (a folder named `… 2017-01-01_2017-03-31 …`)."""
    for part in reversed(re.split(r"::|/", file.relative_path)):
        match = RANGE.search(part)
        if match:
            start, end = date.fromisoformat(match.group(1)), date.fromisoformat(match.group(2))
            return (start, end) if start <= end else (end, start)
    return None


def chart_ranges(files: list[LandingFile]) -> Ranges:
    """First and last day of the chart data (`Chart data.csv`, `Totals.csv`: one row per day of the range)
    of each export (zip or folder): the range of the `Table data.csv` beside them when no name states it."""
    ranges: Ranges = {}
    for file in files:
        with prescan():
            for member, _, rows in members(file, file.read_bytes()):
                if rows is None or isinstance(rows, FileRejected):
                    continue
                try:
                    layout = match_layout(rows, settings.CHART_DATA, member.relative_path)
                    days = parse_rows(rows, member.relative_path, layout).table.column("date").to_pylist()
                except FileRejected:
                    continue
                days = [d for d in days if d is not None]
                if not days:
                    continue
                key = group_of(member.relative_path)
                low, high = ranges.get(key, (min(days), max(days)))
                ranges[key] = (min(low, *days), max(high, *days))
    return ranges


def export_range(file: LandingFile, ranges: Ranges) -> tuple[date, date]:
    """The range a `Table data.csv` covers: stated in a name, else inferred from its chart data."""
    found = name_range(file) or ranges.get(group_of(file.relative_path))
    if found is None:
        raise FileRejected(
            file.relative_path,
            "",
            "no date range: no `YYYY-MM-DD_YYYY-MM-DD` in the zip or folder name and no chart data "
            "(`Chart data.csv` or `Totals.csv`) beside it; keep the chart data with it or name its folder "
            "with the range (see docs/inputs.md)",
        )
    return found


def add_range(parsed: ParsedFile, file: LandingFile, ranges: Ranges) -> tuple[pa.Table, list[Reject]]:
    """Add `range_start`, `range_end` and the header the thumbnail figures were reported under."""
    start, end = export_range(file, ranges)
    table = parsed.table
    rows = table.num_rows
    table = table.append_column("range_start", pa.array([start] * rows, pa.date32()))
    table = table.append_column("range_end", pa.array([end] * rows, pa.date32()))
    reported = parsed.matched_headers.get("thumbnail_impressions")
    table = table.append_column("thumbnail_reported_as", pa.array([reported] * rows, pa.string()))
    reported = parsed.matched_headers.get("returning_viewers")
    table = table.append_column("returning_viewers_reported_as", pa.array([reported] * rows, pa.string()))
    return table, []


ROUTES = (Route(settings.VIDEOS, settings.TABLE, settings.PRIMARY_KEY),)


def read(files: list[LandingFile], log: ReadLog, loaded_at: datetime) -> dict[str, list[pa.Table]]:
    """Every export's table data, its range from its name or its chart data, into `youtube_videos`."""
    routes = tuple(replace(route, finish=partial(add_range, ranges=chart_ranges(files))) for route in ROUTES)
    return read_routed_files(
        files,
        routes,
        FAMILY,
        log,
        loaded_at,
        ignore=settings.CHART_DATA,
        account=account_resolver(channel_from_name),
    )


@dlt.source(name="youtube")
def youtube_source(files: list[LandingFile], log: ReadLog, loaded_at: datetime):
    tables = routed_source_resources(lambda: read(files, log, loaded_at))
    return merge_resources(tables, ROUTES)
