"""dlt source for TikTok Studio "Download data" exports (zip of CSVs or .xlsx), files as downloaded or
unzipped: a loose `Overview.csv` loads exactly as the same member of the zip, and the files the zip path
skips (`FollowerGender.csv`, …) are skipped loose too, with a note. Several accounts in one landing are
told apart by their folder (`pipelines.files.accounts`)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import dlt
import pyarrow as pa

from pipelines.files import yearless
from pipelines.files.accounts import account_resolver
from pipelines.files.bundles import Route, merge_resources, read_routed_files, routed_source_resources
from pipelines.files.landing import LandingFile
from pipelines.files.tabular import FileRejected, ParsedFile
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject
from pipelines.tiktok import settings

FAMILY = "tiktok"
VIDEO_ID = re.compile(r"/video/(\d+)")
# TikTok Studio's zips: `Overview_<date>_<unix seconds>_<handle>.zip` (also `Followers_`, `Viewers_`,
# `Content_`). The date in it is NOT the export's (reported by people reading real exports); the unix time
# is the download, and the handle is the account.
EXPORT_NAME = re.compile(
    r"^(?:Overview|Followers|Viewers|Content)_\d{4}-\d{2}-\d{2}_(?P<seconds>1\d{9})_(?P<handle>[^/]+?)"
    r"(?:\s*\(\d+\))?(?:\.zip)?$",
    re.IGNORECASE,
)


def handle_from_name(name: str) -> str | None:
    """The account handle TikTok puts at the end of its zip name (kept by the folder it unzips to)."""
    match = EXPORT_NAME.match(name)
    return match.group("handle") if match else None


def download_day(file: LandingFile) -> date:
    """The best evidence of the download day: the unix time in TikTok's zip or folder name, else the zip
    entry time (a member's `modified_at`), else the file's time (only an upper bound: a copy is later)."""
    for part in reversed(re.split(r"::|/", file.relative_path)):
        match = EXPORT_NAME.match(part)
        if match:
            return datetime.fromtimestamp(int(match.group("seconds")), UTC).date()
    return file.modified_at.date()


def export_range(file: LandingFile) -> tuple[date, date] | None:
    """The range in the member, zip or folder name (the innermost name that has one)."""
    for part in reversed(re.split(r"::|/", file.relative_path)):
        found = yearless.file_range(part)
        if found:
            return found
    return None


def _dates(
    parsed: ParsedFile, file: LandingFile, column: str, keep: list[bool], rejects: list[Reject], strict: bool
) -> list[date | None]:
    """The year-less days of `column` dated as one sequence (`yearless.resolve_sequence`); a text that is
    no day is a row reject naming the file, line and field, and leaves the sequence to the other rows."""
    lines = parsed.table.column("_source_line").to_pylist()
    texts: list[str | None] = parsed.table.column(column).to_pylist()
    header = parsed.matched_headers.get(column, column)
    for position, text in enumerate(texts):
        if text is None:
            continue
        try:
            year, month, day = yearless.month_day(text)
            if yearless.valid_day(year, month, day) is None:
                raise ValueError(f"{text!r} is not a valid day")
        except ValueError as exc:
            texts[position] = None
            if keep[position]:
                keep[position] = False
                rejects.append(Reject.from_row(file.relative_path, lines[position], header, str(exc), text))
    try:
        return yearless.resolve_sequence(texts, export_range(file), download_day(file), strict=strict)
    except ValueError as exc:  # e.g. `February 29` in a span with no leap year: the column cannot be dated
        raise FileRejected(file.relative_path, header, str(exc)) from None


def add_day(parsed: ParsedFile, file: LandingFile) -> tuple[pa.Table, list[Reject]]:
    """Per-day files: resolve the year-less `Date` into `date`, the rows dated as one sequence."""
    keep = [True] * parsed.table.num_rows
    rejects: list[Reject] = []
    days = _dates(parsed, file, "date_text", keep, rejects, strict=True)
    table = parsed.table.append_column("date", pa.array(days, pa.date32()))
    return table.filter(pa.array(keep, pa.bool_())), rejects


def add_video(parsed: ParsedFile, file: LandingFile) -> tuple[pa.Table, list[Reject]]:
    """Content: `video_id` from the link, `snapshot_date` from `Time`, `posted_on` from `Post time`."""
    not_after = download_day(file)
    table = parsed.table
    keep = [True] * table.num_rows
    rejects: list[Reject] = []
    snapshots = _dates(parsed, file, "time_text", keep, rejects, strict=False)
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


def read(files: list[LandingFile], log: ReadLog, loaded_at: datetime) -> dict[str, list[pa.Table]]:
    """Every member of every export, zipped or loose, to its table; the unused ones skipped with a note."""
    return read_routed_files(
        files,
        ROUTES,
        FAMILY,
        log,
        loaded_at,
        ignore=settings.NOT_USED,
        account=account_resolver(handle_from_name),
    )


@dlt.source(name="tiktok")
def tiktok_source(files: list[LandingFile], log: ReadLog, loaded_at: datetime):
    tables = routed_source_resources(lambda: read(files, log, loaded_at))
    return merge_resources(tables, ROUTES)
