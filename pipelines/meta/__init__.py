"""dlt source for Meta Business Suite exports (Instagram and Facebook), files as downloaded.

content/instagram/ and content/facebook/ hold post exports and account-level exports side by side: each file
is recognised by its header (bundles.read_routed_files), never by its name, and a file matching neither
layout is rejected naming both.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import dlt
import pyarrow as pa

from pipelines.files.bundles import Route, merge_resources, read_routed_files, routed_source_resources
from pipelines.files.landing import LandingFile
from pipelines.files.tabular import FileRejected, ParsedFile
from pipelines.meta import settings
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject

FAMILY = "meta"
FILE_NAME_RANGE = re.compile(r"([A-Z][a-z]{2}-\d{2}-\d{4})_([A-Z][a-z]{2}-\d{2}-\d{4})")


def snapshot_date(file: LandingFile) -> date:
    """The download date: the end of the range in Meta's file name, else the file's modification date."""
    match = FILE_NAME_RANGE.search(file.relative_path.rsplit("/", 1)[-1])
    if match:
        return datetime.strptime(match.group(2), settings.FILE_NAME_DATE).date()
    return file.modified_at.date()


def add_period(parsed: ParsedFile, file: LandingFile) -> tuple[pa.Table, list[Reject]]:
    """Split `Date` into period_kind (lifetime | daily) and period_date; record the views header used."""
    table = parsed.table
    snapshot = snapshot_date(file)
    labels = table.column("period_label").to_pylist()
    kinds = ["lifetime" if label == "lifetime" else "daily" for label in labels]
    dates = [snapshot if label == "lifetime" else date.fromisoformat(label) for label in labels]
    table = table.append_column("period_kind", pa.array(kinds, pa.string()))
    table = table.append_column("period_date", pa.array(dates, pa.date32()))
    table = table.append_column("snapshot_date", pa.array([snapshot] * table.num_rows, pa.date32()))
    reported_as = parsed.matched_headers.get("views")
    table = table.append_column("views_reported_as", pa.array([reported_as] * table.num_rows, pa.string()))
    return table, []


def account_title(parsed: ParsedFile) -> str | None:
    """The title line above the `Date`,`Primary` header (the `sep=,` line is not a title)."""
    for cells in parsed.preamble:
        texts = [cell.strip() for cell in cells if cell.strip()]
        if texts and not texts[0].lower().startswith("sep="):
            return " ".join(texts)
    return None


def add_account_metric(parsed: ParsedFile, file: LandingFile) -> tuple[pa.Table, list[Reject]]:
    """Platform and metric from the title line; columns beyond `Date`,`Primary` (a comparison period) are
    dropped. An unknown or missing title rejects the whole file."""
    title = account_title(parsed)
    if title is None:
        raise FileRejected(
            file.relative_path,
            "title",
            "no metric title line above the `Date`,`Primary` header of a Meta account-level export",
        )
    found = settings.account_metric(title)
    if found is None:
        known = ", ".join(sorted(settings.ACCOUNT_METRICS))
        raise FileRejected(
            file.relative_path,
            "title",
            f"unknown Meta account-level metric {title!r} (title line); known titles: {known} "
            "(add it to ACCOUNT_METRICS in pipelines/meta/settings.py)",
        )
    platform, metric = found
    keep = [c.name for c in settings.ACCOUNT.columns] + ["_source_file", "_source_line"]
    table = parsed.table.select(keep)
    rows = table.num_rows
    table = table.append_column("platform", pa.array([platform] * rows, pa.string()))
    table = table.append_column("metric", pa.array([metric] * rows, pa.string()))
    table = table.append_column("metric_reported_as", pa.array([title] * rows, pa.string()))
    return table, []


ACCOUNT_ROUTE = Route(settings.ACCOUNT, settings.ACCOUNT_TABLE, settings.ACCOUNT_KEY, add_account_metric)
INSTAGRAM_ROUTES = (
    Route(settings.INSTAGRAM, settings.INSTAGRAM_TABLE, settings.PRIMARY_KEY, add_period),
    ACCOUNT_ROUTE,
)
FACEBOOK_ROUTES = (
    Route(settings.FACEBOOK, settings.FACEBOOK_TABLE, settings.PRIMARY_KEY, add_period),
    ACCOUNT_ROUTE,
)


@dlt.source(name="meta")
def meta_source(
    instagram_files: list[LandingFile], facebook_files: list[LandingFile], log: ReadLog, loaded_at: datetime
):
    def read() -> dict[str, list[pa.Table]]:
        out: dict[str, list[pa.Table]] = {}
        for files, routes in ((instagram_files, INSTAGRAM_ROUTES), (facebook_files, FACEBOOK_ROUTES)):
            for table, parts in read_routed_files(files, routes, FAMILY, log, loaded_at).items():
                out.setdefault(table, []).extend(parts)
        return out

    tables = routed_source_resources(read)
    return merge_resources(tables, (INSTAGRAM_ROUTES[0], FACEBOOK_ROUTES[0], ACCOUNT_ROUTE))
