"""The landing-file manifest (`raw.landing_files`) and the rejects, loaded after the data they describe.

Every file of the landing (and every zip member and workbook sheet) has one row with its `status`:
`loaded`, `unchanged` (this very content was loaded before), `not_used` (recognised, but no KPI reads it),
`rejected` (with the reason; a file all of whose rows were rejected counts as rejected) or `settings` (the
user's settings folder). `notes` keeps the warnings about a loaded file (`ReadLog.note`).

A file is skipped when its content hash is in the manifest with status loaded or unchanged: a rejected file
is read again next run. The manifest is written only after the data load succeeded, so a run killed
half-way reads those files again next time; merges make that safe.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path

import dlt
import duckdb
import pyarrow as pa

from pipelines.config import RAW_SCHEMA
from pipelines.readlog import ReadLog
from pipelines.rejects import REJECTS_TABLE, Reject, rejects_table

MANIFEST_TABLE = "landing_files"
SKIPPABLE = ("loaded", "unchanged")
MANIFEST_SCHEMA = pa.schema(
    [
        ("relative_path", pa.string()),
        ("sha256", pa.string()),
        ("size_bytes", pa.int64()),
        ("status", pa.string()),
        ("reason", pa.string()),
        ("notes", pa.string()),
        ("family", pa.string()),
        ("target_table", pa.string()),
        ("layout", pa.string()),
        ("platform", pa.string()),
        ("rows_loaded", pa.int64()),
        ("rows_rejected", pa.int64()),
        ("is_rejected", pa.bool_()),
        ("loaded_at", pa.timestamp("us")),
    ]
)


def read_manifest_rows(warehouse: Path) -> dict[str, dict]:
    """relative path -> the manifest row of every file this warehouse has seen (empty for a new one)."""
    if not warehouse.exists():
        return {}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        columns = [
            name
            for (name,) in con.execute(
                "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
                [RAW_SCHEMA, MANIFEST_TABLE],
            ).fetchall()
        ]
        if not columns:
            return {}
        cursor = con.execute(f"select * from {RAW_SCHEMA}.{MANIFEST_TABLE}")
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        return {row["relative_path"]: row for row in rows}
    finally:
        con.close()


def skippable(rows: dict[str, dict]) -> dict[str, str]:
    """relative path -> sha256 of the files whose content is in the warehouse (a manifest written before
    statuses existed has no `status`: every row there was a loaded file)."""
    return {path: row["sha256"] for path, row in rows.items() if row.get("status", "loaded") in SKIPPABLE}


def read_manifest(warehouse: Path) -> dict[str, str]:
    """relative path -> sha256 of every file already loaded into this warehouse (empty for a new one)."""
    return skippable(read_manifest_rows(warehouse))


def _first(rejects: list[Reject]) -> str:
    return rejects[0].message() if rejects else ""


def manifest_rows(log: ReadLog, entries: list, previous: dict[str, dict], loaded_at: datetime) -> list[dict]:
    """One row per file: what the families read (from the ReadLog), what they skipped as unchanged, and what
    recognition accounted without reading (`entries`: pipelines.files.recognise.Entry)."""
    by_file: dict[str, list[Reject]] = defaultdict(list)
    for _, _, reject in log.rejects:
        by_file[reject.file].append(reject)
    notes: dict[str, list[str]] = defaultdict(list)
    for path, text in log.notes:
        notes[path].append(text)
    recognised = {entry.relative_path: entry for entry in entries}
    rows: dict[str, dict] = {}

    for read in log.files:
        entry = recognised.get(read.relative_path)
        rejected = read.is_rejected or (read.rows_loaded == 0 and read.rows_rejected > 0)
        first = _first(by_file[read.relative_path])
        if read.is_rejected:  # the whole-file reject (line 0) says why, else the first row's
            whole = [r for r in by_file[read.relative_path] if r.line == 0]
            reason = _first(whole) or first
        elif read.rows_rejected:
            scope = "all" if rejected else "some"
            reason = f"{scope} rows rejected ({read.rows_rejected}); first: {first}"
        else:
            reason = ""
        rows[read.relative_path] = {
            "relative_path": read.relative_path,
            "sha256": read.sha256,
            "size_bytes": read.size_bytes,
            "status": "rejected" if rejected else "loaded",
            "reason": reason,
            "family": read.family,
            "target_table": read.target_table,
            "layout": entry.layout if entry else "",
            "platform": entry.platform if entry else "",
            "rows_loaded": read.rows_loaded,
            "rows_rejected": read.rows_rejected,
            "is_rejected": rejected,
        }
    for path in log.skipped_files:
        before = previous.get(path, {})
        entry = recognised.get(path)
        rows[path] = {name: before.get(name) for name in MANIFEST_SCHEMA.names} | {
            "relative_path": path,
            "sha256": log.already_loaded[path],
            "status": "unchanged",
            "reason": "this content was loaded before",
            "layout": before.get("layout") or (entry.layout if entry else ""),
            "platform": before.get("platform") or (entry.platform if entry else ""),
            "is_rejected": False,
        }
    for entry in entries:
        if entry.relative_path in rows:
            continue
        status, reason = entry.status, entry.reason
        if status == "routed":  # recognised, routed, yet the family's reader did not take it
            status, reason = "not_used", f"recognised as {entry.layout}, but its loader read nothing from it"
        rows[entry.relative_path] = {
            "relative_path": entry.relative_path,
            "sha256": entry.sha256,
            "size_bytes": entry.size_bytes,
            "status": status,
            "reason": reason,
            "family": entry.family,
            "target_table": entry.table,
            "layout": entry.layout,
            "platform": entry.platform,
            "rows_loaded": 0,
            "rows_rejected": 0,
            "is_rejected": status == "rejected",
        }
    for path, row in rows.items():
        row["notes"] = "; ".join(notes.get(path, [])) or None
        row["loaded_at"] = loaded_at
    return [rows[path] for path in sorted(rows)]


@dlt.source(name="loader")
def loader_source(log: ReadLog, loaded_at: datetime, files: list[dict] | None = None):
    """`files`: the manifest rows (manifest_rows); without them, the ReadLog's files alone."""

    @dlt.resource(name=REJECTS_TABLE, write_disposition="merge", primary_key="reject_id")
    def load_rejects():
        if log.rejects:
            yield rejects_table(log.rejects, loaded_at)

    @dlt.resource(name=MANIFEST_TABLE, write_disposition="merge", primary_key="relative_path")
    def landing_files():
        rows = files if files is not None else manifest_rows(log, [], {}, loaded_at)
        if rows:
            yield pa.Table.from_pylist(rows, schema=MANIFEST_SCHEMA)

    return load_rejects, landing_files
