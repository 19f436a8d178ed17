"""The content of a warehouse, for comparing a recovered run with a clean one: every table of the given schemas,
its rows sorted, without the columns that record when or by which run a row was written."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb

from pipelines.config import TELEMETRY_OFF
from pipelines.faults import FAULT_ENV

# when a row was written, by which load or check run: differs between any two runs by construction
RUN_COLUMNS = {
    "loaded_at", "_loaded_at", "_dlt_load_id", "_dlt_id", "load_id", "inserted_at", "rejected_at", "run_id",
    "checked_at", "run_seconds", "published_at",
}  # fmt: skip
DLT_TABLES = re.compile(r"^_dlt_")
DATA_SCHEMAS = ("raw", "settings", "marts", "reporting")
MANIFEST = "raw.landing_files"


def tables(con: duckdb.DuckDBPyConnection, schemas: tuple[str, ...]) -> list[tuple[str, str]]:
    rows = con.execute(
        "select table_schema, table_name from information_schema.tables "
        f"where table_schema in ({', '.join('?' for _ in schemas)}) order by 1, 2",
        list(schemas),
    ).fetchall()
    return [(schema, name) for schema, name in rows if not DLT_TABLES.match(name)]


def content(warehouse: Path, schemas: tuple[str, ...] = DATA_SCHEMAS) -> dict[str, list[tuple]]:
    """`schema.table` -> its rows (run columns left out), sorted; the warehouse opened read-only."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        out = {}
        for schema, name in tables(con, schemas):
            columns = [
                column
                for (column,) in con.execute(
                    "select column_name from information_schema.columns where table_schema = ? and "
                    "table_name = ? order by ordinal_position",
                    [schema, name],
                ).fetchall()
                if column not in RUN_COLUMNS
            ]
            quoted = ", ".join(f'"{column}"' for column in columns)
            rows = con.execute(f'select {quoted} from "{schema}"."{name}"').fetchall()
            out[f"{schema}.{name}"] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def checksums(warehouse: Path) -> dict[str, str]:
    """`schema.table` -> sha256 of its full content (every column, every schema): any change shows."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        found = con.execute("select distinct table_schema from information_schema.tables").fetchall()
        schemas = tuple(schema for (schema,) in found)
        out = {}
        for schema, name in tables(con, schemas):
            rows = con.execute(f'select * from "{schema}"."{name}"').fetchall()
            out[f"{schema}.{name}"] = hashlib.sha256(repr(sorted(rows, key=repr)).encode()).hexdigest()
        return out
    finally:
        con.close()


def socialkpi_killed_at(point: str | None, *args: str) -> subprocess.CompletedProcess:
    """`socialkpi ARGS` in a child process, killed (SIGKILL) at kill point `point` (None: not killed)."""
    env = {**os.environ, **TELEMETRY_OFF}
    env.pop(FAULT_ENV, None)
    if point:
        env[FAULT_ENV] = point
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )


def read_a_table(serving: Path) -> int:
    """Open the serving copy as the app does (read-only) and read a table: a half-written file fails here."""
    con = duckdb.connect(str(serving), read_only=True)
    try:
        [(rows,)] = con.execute(
            "select count(*) from marts.fct_conversations"
        ).fetchall()  # a published table
        return rows
    finally:
        con.close()


def manifest(warehouse) -> list[tuple]:
    """Per file: its content, its status (a file the killed run loaded is `unchanged` for the next: loaded), the
    rows it loaded and rejected."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(
            "select relative_path, sha256, size_bytes, case status when 'unchanged' then 'loaded' else status end, "
            "family, target_table, layout, rows_loaded, rows_rejected, is_rejected "
            "from raw.landing_files order by relative_path"
        ).fetchall()
    finally:
        con.close()
