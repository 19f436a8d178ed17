"""The landing-file manifest (`raw.landing_files`) and the rejects, loaded after the data they describe.

A file is skipped when its content hash is already in the manifest. The manifest is written only after the
data load succeeded, so a run killed half-way reads those files again next time; merges make that safe.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from pathlib import Path

import dlt
import duckdb
import pyarrow as pa

from pipelines.config import RAW_SCHEMA
from pipelines.readlog import ReadLog
from pipelines.rejects import REJECTS_TABLE, rejects_table

MANIFEST_TABLE = "landing_files"


def read_manifest(warehouse: Path) -> dict[str, str]:
    """relative path -> sha256 of every file already loaded into this warehouse (empty for a new one)."""
    if not warehouse.exists():
        return {}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        exists = con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [RAW_SCHEMA, MANIFEST_TABLE],
        ).fetchall()[0][0]
        if not exists:
            return {}
        rows = con.execute(f"select relative_path, sha256 from {RAW_SCHEMA}.{MANIFEST_TABLE}").fetchall()
        return dict(rows)
    finally:
        con.close()


@dlt.source(name="loader")
def loader_source(log: ReadLog, loaded_at: datetime):
    @dlt.resource(name=REJECTS_TABLE, write_disposition="merge", primary_key="reject_id")
    def load_rejects():
        if log.rejects:
            yield rejects_table(log.rejects, loaded_at)

    @dlt.resource(name=MANIFEST_TABLE, write_disposition="merge", primary_key="relative_path")
    def landing_files():
        if log.files:
            rows = [asdict(file) | {"loaded_at": loaded_at} for file in log.files]
            yield pa.Table.from_pylist(rows)

    return load_rejects, landing_files
