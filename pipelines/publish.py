"""Publish: after `dbt build` and the checks pass, copy the warehouse to the read-only serving file.

DuckDB allows one writer or many readers, never both at once. The app reads only the serving copy, so a
load can run while the app is open, and the app never shows a warehouse whose checks failed
(write, audit, publish). The copy is written beside the target and swapped in with an atomic rename.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from pipelines.config import serving_path
from pipelines.faults import checkpoint


def publish(warehouse: Path) -> Path:
    target = serving_path(warehouse)
    con = duckdb.connect(str(warehouse))
    try:
        con.execute("checkpoint")  # fold the write-ahead log into the file before copying it
    finally:
        con.close()
    temporary = target.with_name(target.name + ".tmp")
    shutil.copyfile(warehouse, temporary)
    checkpoint("during_publish")
    os.replace(temporary, target)
    return target
