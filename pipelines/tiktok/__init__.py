"""dlt source for TikTok Studio "Download data" exports (zip of CSVs or .xlsx), files as downloaded."""

from __future__ import annotations

import re
from datetime import date, datetime

import dlt
import pyarrow as pa

from pipelines.files import yearless
from pipelines.files.bundles import Route, merge_resources, read_routed_files, routed_source_resources
from pipelines.files.landing import LandingFile
from pipelines.files.tabular import ParsedFile
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject
from pipelines.tiktok import settings

FAMILY = "tiktok"
VIDEO_ID = re.compile(r"/video/(\d+)")


def export_range(file: LandingFile) -> tuple[date, date] | None:
    """The range in the member, zip or folder name (the innermost name that has one)."""
    for part in reversed(re.split(r"::|/", file.relative_path)):
        found = yearless.file_range(part)
        if found:
            return found
    return None


def _dates(
    parsed: ParsedFile, file: LandingFile, column: str, keep: list[bool], rejects: list[Reject], **how
) -> list[date | None]:
    out: list[date | None] = []
    lines = parsed.table.column("_source_line").to_pylist()
    for position, text in enumerate(parsed.table.column(column).to_pylist()):
        if text is None:
            out.append(None)
            continue
        try:
            out.append(yearless.resolve(text, **how))
        except ValueError as exc:
            out.append(None)
            if keep[position]:
                keep[position] = False
                rejects.append(Reject.from_row(file.relative_path, lines[position], column, str(exc), text))
    return out


def add_day(parsed: ParsedFile, file: LandingFile) -> tuple[pa.Table, list[Reject]]:
    """Per-day files: resolve the year-less `Date` into `date`."""
    within, not_after = export_range(file), file.modified_at.date()
    keep = [True] * parsed.table.num_rows
    rejects: list[Reject] = []
    days = _dates(parsed, file, "date_text", keep, rejects, within=within, not_after=not_after)
    table = parsed.table.append_column("date", pa.array(days, pa.date32()))
    return table.filter(pa.array(keep, pa.bool_())), rejects


def add_video(parsed: ParsedFile, file: LandingFile) -> tuple[pa.Table, list[Reject]]:
    """Content: `video_id` from the link, `snapshot_date` from `Time`, `posted_on` from `Post time`."""
    within, not_after = export_range(file), file.modified_at.date()
    table = parsed.table
    keep = [True] * table.num_rows
    rejects: list[Reject] = []
    snapshots = _dates(parsed, file, "time_text", keep, rejects, within=within, not_after=not_after)
    lines = table.column("_source_line").to_pylist()
    ids: list[str | None] = []
    for position, link in enumerate(table.column("video_link").to_pylist()):
        match = VIDEO_ID.search(link or "")
        ids.append(match.group(1) if match else None)
        if not match and keep[position]:
            keep[position] = False
            reason = "no video id (…/video/<id>) in the link"
            rejects.append(Reject.from_row(file.relative_path, lines[position], "Video link", reason, link))
    posted: list[date | None] = []
    for position, text in enumerate(table.column("post_time_text").to_pylist()):
        snapshot = snapshots[position] or not_after
        try:
            posted.append(yearless.resolve(text, None, snapshot) if text else None)
        except ValueError as exc:
            posted.append(None)
            if keep[position]:
                keep[position] = False
                rejects.append(
                    Reject.from_row(file.relative_path, lines[position], "Post time", str(exc), text)
                )
    table = table.append_column("video_id", pa.array(ids, pa.string()))
    table = table.append_column("snapshot_date", pa.array(snapshots, pa.date32()))
    table = table.append_column("posted_on", pa.array(posted, pa.date32()))
    return table.filter(pa.array(keep, pa.bool_())), rejects


ROUTES = (
    Route(settings.CONTENT, settings.CONTENT_TABLE, settings.CONTENT_KEY, add_video),
    Route(settings.OVERVIEW, settings.OVERVIEW_TABLE, settings.DAILY_KEY, add_day),
    Route(settings.FOLLOWER_HISTORY, settings.FOLLOWER_HISTORY_TABLE, settings.DAILY_KEY, add_day),
    Route(settings.VIEWERS, settings.VIEWERS_TABLE, settings.DAILY_KEY, add_day),
)


@dlt.source(name="tiktok")
def tiktok_source(files: list[LandingFile], log: ReadLog, loaded_at: datetime):
    tables = routed_source_resources(lambda: read_routed_files(files, ROUTES, FAMILY, log, loaded_at))
    return merge_resources(tables, ROUTES)
