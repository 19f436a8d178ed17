"""The landing-file manifest (`raw.landing_files`) and the rejects, loaded after the data they describe.

Every file of the landing (and every zip member and workbook sheet) has one row with its `status`:
`loaded`, `unchanged` (this very content was loaded before), `not_used` (recognised, but no KPI reads it),
`rejected` (with the reason; a file all of whose rows were rejected counts as rejected), `duplicate_file`
(the same bytes as another file of the landing, read under that file's path: "same content as <path>")
or `settings` (the user's settings folder). `notes` keeps the warnings about a loaded file
(`ReadLog.note`). Rows are accounted: `rows_in = rows_loaded + rows_rejected + rows_duplicate`.

The manifest records what LOADED, not what was seen: a file is skipped only when its content hash is in
the manifest with status loaded or unchanged AND none of its rows was rejected. A file rejected whole, by
recognition or by its reader, a zip member or sheet rejected, a file all or some of whose rows were
rejected, is read again next run and its rejects repeat (merged on `reject_id`, so never doubled). The
manifest is written only after the data load succeeded, so a run killed half-way reads those files again
next time; merges and the duplicate rule (pipelines/duplicates.py) make that safe.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path

import dlt
import duckdb
import pyarrow as pa

from pipelines.config import RAW_SCHEMA
from pipelines.files.bundles import MEMBER_SEPARATOR
from pipelines.readlog import ReadLog
from pipelines.rejects import REJECTS_SCHEMA, REJECTS_TABLE, Reject, rejects_table

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
        ("rows_in", pa.int64()),
        ("rows_loaded", pa.int64()),
        ("rows_rejected", pa.int64()),
        ("rows_duplicate", pa.int64()),
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
    """relative path -> sha256 of the files whose content is in the warehouse, whole: loaded (or unchanged)
    with no row rejected (a manifest written before statuses existed has no `status`: every row there was
    a loaded file)."""
    return {
        path: row["sha256"]
        for path, row in rows.items()
        if row.get("status", "loaded") in SKIPPABLE and not row.get("rows_rejected")
    }


def originals(entries: list, previous: dict[str, dict]) -> dict[str, str]:
    """copy's path -> the one path read for content that several files of one folder carry (a copy under
    a second name): the path that read it before (loaded or rejected: its rejects stay where they are),
    else the smallest path; never arrival or listing order. Copies in another folder are read (the folder
    may name another account); if they are the same account, the duplicate rule merges their rows."""
    paths: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entry in entries:
        if entry.status in ("routed", "rejected") and entry.sha256:  # no content (a broken link): no copy
            paths[(entry.sha256, folder_of(entry.relative_path))].append(entry.relative_path)
    out: dict[str, str] = {}
    for (sha, _), found in sorted(paths.items()):
        if len(found) > 1:
            before = sorted(
                path
                for path in found
                if previous.get(path, {}).get("sha256") == sha
                and previous[path].get("status", "loaded") in (*SKIPPABLE, "rejected")
            )
            original = (before or sorted(found))[0]
            out.update({path: original for path in found if path != original})
    return out


def folder_of(relative_path: str) -> str:
    """The folder a file (or the container of a zip member) lies in: the folder can name an account
    (pipelines/files/accounts.py), so identical bytes in two folders may be two accounts' exports."""
    outer = relative_path.split(MEMBER_SEPARATOR, 1)[0]
    return outer.rsplit("/", 1)[0] if "/" in outer else ""


def earlier_rejects(warehouse: Path, log: ReadLog, entries: list) -> list[dict]:
    """The standing rejects of the files read (or accounted) this run that did not repeat: the file now
    loads, or its content changed. They are kept, marked superseded (loader_source)."""
    if not warehouse.exists():
        return []
    handled = {read.relative_path for read in log.files} | set(log.duplicate_files)
    handled |= {entry.relative_path for entry in entries if entry.status == "rejected"}
    now = {reject.reject_id for _, _, reject in log.rejects}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        columns = {
            name
            for (name,) in con.execute(
                "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
                [RAW_SCHEMA, REJECTS_TABLE],
            ).fetchall()
        }
        if not columns:
            return []
        standing = "superseded_at is null" if "superseded_at" in columns else "true"
        names = [name for name in REJECTS_SCHEMA.names if name in columns]
        cursor = con.execute(
            f"select {', '.join(names)} from {RAW_SCHEMA}.{REJECTS_TABLE} where {standing} order by reject_id"
        )
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()
    return [row for row in rows if row["file"] in handled and row["reject_id"] not in now]


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
        # every row rejected: its data is missing (rows that lost to another copy of themselves are not)
        rejected = read.is_rejected or (
            read.rows_loaded == 0 and read.rows_duplicate == 0 and read.rows_rejected > 0
        )
        first = _first(by_file[read.relative_path])
        if read.is_rejected:  # the whole-file reject (line 0) says why, else the first row's
            whole = [r for r in by_file[read.relative_path] if r.line == 0]
            reason = _first(whole) or first
        elif read.rows_rejected:
            scope = "all" if rejected else "some"
            reason = f"{scope} rows rejected ({read.rows_rejected}); first: {first}"
        else:
            reason = ""
        if read.rows_duplicate:
            merged = (
                f"{read.rows_duplicate} row(s) merged as duplicates (the losing copies are in load_rejects)"
            )
            reason = f"{reason}; {merged}" if reason else merged
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
            "rows_in": read.rows_in,
            "rows_loaded": read.rows_loaded,
            "rows_rejected": read.rows_rejected,
            "rows_duplicate": read.rows_duplicate,
            "is_rejected": rejected,
        }
    for path in log.skipped_files:
        before = previous.get(path, {})
        entry = recognised.get(path)
        counts = _counts(before)
        lost = log.earlier_losers.get((before.get("target_table"), path), 0)
        counts["rows_loaded"] -= lost
        counts["rows_duplicate"] += lost
        rows[path] = (
            {name: before.get(name) for name in MANIFEST_SCHEMA.names}
            | counts
            | {
                "relative_path": path,
                "sha256": log.already_loaded[path],
                "status": "unchanged",
                "reason": "this content was loaded before",
                "layout": before.get("layout") or (entry.layout if entry else ""),
                "platform": before.get("platform") or (entry.platform if entry else ""),
                "is_rejected": False,
            }
        )
    for path, original in log.duplicate_files.items():
        entry = recognised.get(path)
        source = rows.get(original) or previous.get(original, {})
        rows_in = _counts(source)["rows_in"]
        rows[path] = {
            "relative_path": path,
            "sha256": entry.sha256 if entry else source.get("sha256"),
            "size_bytes": entry.size_bytes if entry else source.get("size_bytes"),
            "status": "duplicate_file",
            "reason": f"same content as {original}",
            "family": source.get("family") or (entry.family if entry else ""),
            "target_table": source.get("target_table") or (entry.table if entry else ""),
            "layout": entry.layout if entry else source.get("layout"),
            "platform": entry.platform if entry else source.get("platform"),
            "rows_in": rows_in,
            "rows_loaded": 0,
            "rows_rejected": 0,
            "rows_duplicate": rows_in,
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
            "rows_in": 0,
            "rows_loaded": 0,
            "rows_rejected": 0,
            "rows_duplicate": 0,
            "is_rejected": status == "rejected",
        }
    for path, row in rows.items():
        row["notes"] = "; ".join(notes.get(path, [])) or None
        row["loaded_at"] = loaded_at
    return [rows[path] for path in sorted(rows)]


def _counts(row: dict) -> dict[str, int]:
    """A manifest row's counts; one written before `rows_in`/`rows_duplicate` existed had neither (its
    rows were loaded or rejected, none merged)."""
    loaded, rejected = row.get("rows_loaded") or 0, row.get("rows_rejected") or 0
    duplicate = row.get("rows_duplicate") or 0
    rows_in = row.get("rows_in")
    return {
        "rows_in": loaded + rejected + duplicate if rows_in is None else rows_in,
        "rows_loaded": loaded,
        "rows_rejected": rejected,
        "rows_duplicate": duplicate,
    }


@dlt.source(name="loader")
def loader_source(
    log: ReadLog, loaded_at: datetime, files: list[dict] | None = None, superseded: list[dict] | None = None
):
    """`files`: the manifest rows (manifest_rows); without them, the ReadLog's files alone. `superseded`:
    earlier rejects that did not repeat (earlier_rejects), kept with `superseded_at` set."""

    @dlt.resource(name=REJECTS_TABLE, write_disposition="merge", primary_key="reject_id")
    def load_rejects():
        if log.rejects:
            yield rejects_table(log.rejects, loaded_at)
        if superseded:
            rows = [{name: row.get(name) for name in REJECTS_SCHEMA.names} for row in superseded]
            for row in rows:
                row["superseded_at"] = loaded_at
            yield pa.Table.from_pylist(rows, schema=REJECTS_SCHEMA)

    @dlt.resource(name=MANIFEST_TABLE, write_disposition="merge", primary_key="relative_path")
    def landing_files():
        rows = files if files is not None else manifest_rows(log, [], {}, loaded_at)
        if rows:
            yield pa.Table.from_pylist(rows, schema=MANIFEST_SCHEMA)

    return load_rejects, landing_files
