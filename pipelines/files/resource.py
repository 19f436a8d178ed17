"""Turn the CSV files of one layout into Arrow tables for a dlt resource, logging rows and rejects."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pyarrow as pa

from pipelines.files.guard import guarded
from pipelines.files.landing import LandingFile, content_sha256
from pipelines.files.tabular import FileRejected, Layout, ParsedFile, parse_csv
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject

Finish = Callable[[ParsedFile, LandingFile], tuple[pa.Table, list[Reject]]]


def read_csv_files(
    files: list[LandingFile],
    layout: Layout,
    family: str,
    table: str,
    log: ReadLog,
    loaded_at: datetime,
    constants: Callable[[LandingFile], dict[str, Any]] | None = None,
    finish: Finish | None = None,
) -> Iterator[pa.Table]:
    """Yield one Arrow table per file; `finish` adds derived columns and may reject more rows."""
    for file in files:
        result = None
        with guarded(log, family, table, file, f"reading a {family} export") as guard:
            data = file.read_bytes()
            guard.sha256 = sha = content_sha256(data)
            if log.is_unchanged(file, sha):
                continue
            try:
                parsed = parse_csv(data, file.relative_path, layout, constants(file) if constants else None)
            except FileRejected as exc:
                reject = Reject(file.relative_path, 0, exc.field, exc.reason, "")
                log.record(family, table, file, sha, 0, [reject], is_rejected=True)
                continue
            result, rejects = parsed.table, list(parsed.rejects)
            if finish is not None:
                result, more = finish(parsed, file)
                rejects.extend(more)
            result = result.append_column(
                "_loaded_at", pa.array([loaded_at] * result.num_rows, pa.timestamp("us"))
            )
            log.record(family, table, file, sha, result.num_rows, rejects)
        if not guard.failed and result is not None and result.num_rows:
            yield result
