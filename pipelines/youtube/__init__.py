"""dlt source for YouTube Studio Advanced mode exports (`Table data.csv` in a zip or its folder)."""

from __future__ import annotations

import re
from datetime import date, datetime

import dlt
import pyarrow as pa

from pipelines.files.bundles import Route, merge_resources, read_routed_files, routed_source_resources
from pipelines.files.landing import LandingFile
from pipelines.files.tabular import Column, FileRejected, Layout, ParsedFile
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject
from pipelines.youtube import settings

FAMILY = "youtube"
RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})")
# Chart data files of the zip (`Chart data.csv`, `Totals.csv`): one row per DAY (a `Date` column, which
# `Table data.csv` never has); recognised so they are skipped, not rejected nor loaded as per-range rows.
CHART_DATA = (Layout("YouTube chart data (Date, …)", (Column("date", ("Date",), required=True),)),)


def export_range(file: LandingFile) -> tuple[date, date]:
    """The range from the zip or folder name `Content 2026-09-12_2026-10-01 <Channel>`."""
    for part in reversed(re.split(r"::|/", file.relative_path)):
        match = RANGE.search(part)
        if match:
            return date.fromisoformat(match.group(1)), date.fromisoformat(match.group(2))
    raise FileRejected(
        file.relative_path,
        "",
        "no date range in the zip or folder name (expected `Content YYYY-MM-DD_YYYY-MM-DD <Channel>`)",
    )


def add_range(parsed: ParsedFile, file: LandingFile) -> tuple[pa.Table, list[Reject]]:
    """Add `range_start`, `range_end` and the header the thumbnail figures were reported under."""
    start, end = export_range(file)
    table = parsed.table
    rows = table.num_rows
    table = table.append_column("range_start", pa.array([start] * rows, pa.date32()))
    table = table.append_column("range_end", pa.array([end] * rows, pa.date32()))
    reported = parsed.matched_headers.get("thumbnail_impressions")
    table = table.append_column("thumbnail_reported_as", pa.array([reported] * rows, pa.string()))
    reported = parsed.matched_headers.get("returning_viewers")
    table = table.append_column("returning_viewers_reported_as", pa.array([reported] * rows, pa.string()))
    return table, []


ROUTES = (Route(settings.VIDEOS, settings.TABLE, settings.PRIMARY_KEY, add_range),)


@dlt.source(name="youtube")
def youtube_source(files: list[LandingFile], log: ReadLog, loaded_at: datetime):
    tables = routed_source_resources(
        lambda: read_routed_files(files, ROUTES, FAMILY, log, loaded_at, ignore=CHART_DATA)
    )

    return merge_resources(tables, ROUTES)
