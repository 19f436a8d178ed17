"""dlt source for LinkedIn Page analytics exports: the `.xls` workbooks LinkedIn downloads (BIFF8), the same
saved as `.xlsx` or `.ods`, or CSVs saved from their sheets; all read alike (`pipelines.files.bundles`)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from urllib.parse import unquote

import dlt
import pyarrow as pa

from pipelines.files.accounts import account_resolver
from pipelines.files.bundles import Route, merge_resources, read_routed_files, routed_source_resources
from pipelines.files.landing import LandingFile
from pipelines.files.tabular import ParsedFile
from pipelines.linkedin import settings
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject

FAMILY = "linkedin"
EPOCH_MS = re.compile(r"(?<!\d)(1\d{12})(?!\d)")
# `<page>_<kind>_<epoch ms>.xls`, as LinkedIn names every page-analytics download (a browser may add ` (1)`).
PAGE_FILE = re.compile(
    r"^(?P<page>.+?)_(?:content|updates|followers|visitors|competitors|talent_brand)_1\d{12}"
    r"(?:\s*\(\d+\))?(?:\.[A-Za-z]+)?$"
)
POST_URN = re.compile(r"urn:li:(activity|share|ugcPost):(\d+)", re.IGNORECASE)


def page_from_name(name: str) -> str | None:
    """The page name LinkedIn puts in the file name: the account of the export."""
    match = PAGE_FILE.match(name)
    return match.group("page") if match else None


def snapshot_date(file: LandingFile, created: list[date | None] | None = None) -> date:
    """The download date, never the file's modification time (a copy has a new one, so a copied export
    would move its snapshot): the 13-digit epoch-milliseconds stamp in LinkedIn's file name (any year since
    2001), else the time the zip the workbook came in stored for it, else the latest `Created date` among
    its posts (the export cannot predate its newest post: the same for every copy). Only a sheet with no
    dated post at all falls back to the file time."""
    name = file.relative_path.split("::", 1)[0].rsplit("/", 1)[-1]
    match = EPOCH_MS.search(name)
    if match:
        return datetime.fromtimestamp(int(match.group(1)) / 1000, UTC).date()
    if file.archived_at is not None:
        return file.archived_at.date()
    dated = [day for day in created or [] if day is not None]
    if dated:
        return max(dated)
    return file.modified_at.date()


def add_post(parsed: ParsedFile, file: LandingFile) -> tuple[pa.Table, list[Reject]]:
    """`post_id` from the link, the snapshot date, and the header the reposts came under."""
    table = parsed.table
    ids = []
    for link in table.column("post_link").to_pylist():
        match = POST_URN.search(unquote(link or ""))
        ids.append(f"urn:li:{match.group(1)}:{match.group(2)}" if match else link)
    rows = table.num_rows
    table = table.append_column("post_id", pa.array(ids, pa.string()))
    created = table.column("created_on").to_pylist() if "created_on" in table.column_names else None
    table = table.append_column("snapshot_date", pa.array([snapshot_date(file, created)] * rows, pa.date32()))
    reported = parsed.matched_headers.get("reposts")
    table = table.append_column("reposts_reported_as", pa.array([reported] * rows, pa.string()))
    return table, []


def add_reported_as(parsed: ParsedFile, file: LandingFile) -> tuple[pa.Table, list[Reject]]:
    reported = parsed.matched_headers.get("reposts_total") or parsed.matched_headers.get("reposts_organic")
    column = pa.array([reported] * parsed.table.num_rows, pa.string())
    return parsed.table.append_column("reposts_reported_as", column), []


ROUTES = (
    Route(settings.POSTS, settings.POSTS_TABLE, settings.POSTS_KEY, add_post),
    Route(settings.METRICS, settings.METRICS_TABLE, settings.DAILY_KEY, add_reported_as),
    Route(settings.FOLLOWERS, settings.FOLLOWERS_TABLE, settings.DAILY_KEY),
)


@dlt.source(name="linkedin")
def linkedin_source(files: list[LandingFile], log: ReadLog, loaded_at: datetime):
    account = account_resolver(page_from_name)
    tables = routed_source_resources(
        lambda: read_routed_files(
            files, ROUTES, FAMILY, log, loaded_at, ignore=settings.DEMOGRAPHICS, account=account
        )
    )
    return merge_resources(tables, ROUTES)
