"""dlt source for Meta Business Suite post exports (Instagram and Facebook), files as downloaded."""

from __future__ import annotations

import re
from datetime import date, datetime

import dlt
import pyarrow as pa

from pipelines.files.landing import LandingFile
from pipelines.files.resource import read_csv_files
from pipelines.files.tabular import ParsedFile
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


@dlt.source(name="meta")
def meta_source(
    instagram_files: list[LandingFile], facebook_files: list[LandingFile], log: ReadLog, loaded_at: datetime
):
    def resource(table: str, files: list[LandingFile], layout):
        @dlt.resource(name=table, write_disposition="merge", primary_key=settings.PRIMARY_KEY)
        def posts():
            yield from read_csv_files(files, layout, FAMILY, table, log, loaded_at, finish=add_period)

        return posts

    return (
        resource(settings.INSTAGRAM_TABLE, instagram_files, settings.INSTAGRAM),
        resource(settings.FACEBOOK_TABLE, facebook_files, settings.FACEBOOK),
    )
