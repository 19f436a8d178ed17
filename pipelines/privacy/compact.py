"""Rewrite the warehouse file so that deleted personal data is gone from its bytes too.

DuckDB frees the blocks of deleted or nulled rows without overwriting them: after a DELETE and a
CHECKPOINT, an erased e-mail can still be read from the file with `strings`, and a published copy made
from that file would carry it. After an erasure or a purge, the whole database is copied into a fresh file
(`COPY FROM DATABASE`: tables, views, macros, sequences) which then replaces the old one with an atomic
rename, like publish.py does for the serving copy.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

ALIAS = "socialkpi_compacted"


def compacted_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.stem + ".compacting.duckdb")


def compact(warehouse: Path) -> None:
    target = compacted_path(warehouse)
    for leftover in (target, target.with_name(target.name + ".wal")):
        leftover.unlink(missing_ok=True)  # a copy an interrupted run left behind: never swapped in
    con = duckdb.connect(str(warehouse))
    try:
        con.execute("checkpoint")
        source = con.execute("select current_database()").fetchall()[0][0]
        path = str(target).replace("'", "''")
        con.execute(f"attach '{path}' as {ALIAS}")
        con.execute(f'copy from database "{source}" to {ALIAS}')
        con.execute(f"detach {ALIAS}")
    finally:
        con.close()
    os.replace(target, warehouse)
