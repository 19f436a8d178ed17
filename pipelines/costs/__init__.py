"""dlt source for costs.csv: monthly costs by category, platform and campaign."""

from __future__ import annotations

from datetime import datetime

import dlt
import pyarrow as pa

from pipelines.costs import settings
from pipelines.files.landing import LandingFile
from pipelines.files.resource import read_csv_files
from pipelines.files.tabular import ParsedFile
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject

FAMILY = "costs"


def add_cost_key(parsed: ParsedFile, file: LandingFile) -> tuple[pa.Table, list[Reject]]:
    """Key each row by month × category × platform × campaign; reject a repeated key (it would be lost)."""
    table = parsed.table
    seen: dict[str, int] = {}
    keys, keep, rejects = [], [], []
    columns = [table.column(name).to_pylist() for name in ("month", "category", "platform", "campaign")]
    lines = table.column("_source_line").to_pylist()
    for position, (month, category, platform, campaign) in enumerate(zip(*columns, strict=True)):
        key = f"{month:%Y-%m}|{category}|{platform or ''}|{campaign or ''}"
        if key in seen:
            reason = f"same month, category, platform and campaign as line {seen[key]}"
            rejects.append(Reject(file.relative_path, lines[position], "month", reason, key))
            continue
        seen[key] = lines[position]
        keys.append(key)
        keep.append(position)
    table = table.take(pa.array(keep, pa.int64()))
    return table.append_column("cost_key", pa.array(keys, pa.string())), rejects


@dlt.source(name="costs")
def costs_source(files: list[LandingFile], log: ReadLog, loaded_at: datetime):
    @dlt.resource(name=settings.TABLE, write_disposition="merge", primary_key="cost_key")
    def costs():
        yield from read_csv_files(
            files, settings.COSTS, "costs", settings.TABLE, log, loaded_at, finish=add_cost_key
        )

    return costs
