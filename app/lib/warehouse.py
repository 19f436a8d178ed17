"""The app's only door to the warehouse: the read-only serving copy that `socialkpi run` publishes.

DuckDB allows one writer or many readers, never both, so the app never opens the warehouse the loaders and
dbt write: it opens the copy `pipelines.config.serving_path()` names (`<stem>.serving.duckdb` beside
$SOCIALKPI_WAREHOUSE), read-only. A new run publishes a new copy; the app notices by the file's mtime and
reconnects.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from pipelines.config import serving_path

BUILD_COMMAND = "make run"


class WarehouseNotReady(RuntimeError):
    """The serving copy is missing, or lacks a table the app reads.

    Its message is for the reader of the page: what is missing, in plain words (never DuckDB's own
    "Catalog Error: ... LINE 1: ..." text, which is kept as the exception's cause for the logs).
    """


_MISSING_PATTERNS = (
    ("table", re.compile(r"Table with name (\S+?) does not exist", re.IGNORECASE)),
    ("schema", re.compile(r"Schema with name (\S+?) does not exist", re.IGNORECASE)),
    ("column", re.compile(r'column "?([^"\s]+)"? not found', re.IGNORECASE)),
)


def missing_message(path: str, sql: str, error: Exception) -> str:
    """'<path> has no table `reporting.rpt_inbox__sla_breaches`: …' from a DuckDB catalog or binder error."""
    for kind, pattern in _MISSING_PATTERNS:
        found = pattern.search(str(error))
        if found:
            name = found.group(1).strip("!.'\"")
            qualified = re.search(rf"\b(\w+\.{re.escape(name)})\b", sql) if kind == "table" else None
            what = f"{kind} `{qualified.group(1) if qualified else name}`"
            break
    else:
        what = "a table or column this page reads"
    return (
        f"{path} has no {what}. It was built by an older version of socialkpi, or its build stopped before "
        f"this part: rebuild it with `{BUILD_COMMAND}`."
    )


@dataclass(frozen=True)
class Snapshot:
    """One published copy of the warehouse: where it is and which version (its mtime in ns)."""

    path: str
    version: int

    @property
    def published_at(self) -> datetime:
        return datetime.fromtimestamp(self.version / 1e9)


def serving_file() -> Path:
    """The serving copy the app reads (re-read on every call, so $SOCIALKPI_WAREHOUSE may change)."""
    return serving_path()


def snapshot() -> Snapshot | None:
    """The current published copy, or None when nothing has been published yet."""
    path = serving_file()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return Snapshot(path=str(path), version=stat.st_mtime_ns)


class ServingDatabase:
    """One read-only DuckDB connection to the current serving copy, shared by every session.

    Each query runs on its own cursor (a DuckDB connection is not safe to share between threads; cursors
    are). When the file's mtime changes, the old connection is closed once no query is using it, then the
    new copy is opened. The old one must be closed first: DuckDB keeps one database instance per path in a
    process, and a second `connect()` while the old instance is open would return the old data.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._key: tuple[str, int] | None = None
        self._active = 0

    def _current_key(self, path: str) -> tuple[str, int]:
        try:
            return path, Path(path).stat().st_mtime_ns
        except FileNotFoundError as exc:
            raise WarehouseNotReady(f"{path}: the serving copy of the warehouse does not exist") from exc

    @contextmanager
    def cursor(self, path: str) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._cond:
            key = self._current_key(path)
            if key != self._key:
                while self._active:
                    self._cond.wait()
                self._close()
                self._con = duckdb.connect(path, read_only=True)
                self._key = key
            assert self._con is not None
            cur = self._con.cursor()
            self._active += 1
        try:
            yield cur
        finally:
            cur.close()
            with self._cond:
                self._active -= 1
                self._cond.notify_all()

    def _close(self) -> None:
        if self._con is not None:
            self._con.close()
        self._con = None
        self._key = None


@st.cache_resource(show_spinner=False)
def serving_database() -> ServingDatabase:
    """The process-wide connection holder (one per app server, shared across sessions)."""
    return ServingDatabase()


def query(path: str, sql: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run one query on the serving copy and return its full result as a DataFrame."""
    with serving_database().cursor(path) as cur:
        try:
            return cur.execute(sql, params or {}).df()
        except (duckdb.CatalogException, duckdb.BinderException) as exc:  # a table or column the app needs
            raise WarehouseNotReady(missing_message(path, sql, exc)) from exc
