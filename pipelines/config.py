"""Paths and settings shared by the CLI, the loaders, the checks and the app.

Every path can be set by a flag or an environment variable, so a scheduler can run each step on its own.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
EXPECTATIONS_DIR = REPO_ROOT / "expectations"

WAREHOUSE_ENV = "SOCIALKPI_WAREHOUSE"
LANDING_ENV = "SOCIALKPI_LANDING"
SETTINGS_ENV = "SOCIALKPI_SETTINGS"
SETTINGS_FOLDER = "settings"

DEFAULT_WAREHOUSE = REPO_ROOT / ".warehouse" / "socialkpi.duckdb"
DEFAULT_LANDING = REPO_ROOT / "data" / "sample"

RAW_SCHEMA = "raw"

TELEMETRY_OFF = {
    "RUNTIME__DLTHUB_TELEMETRY": "false",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
}


def telemetry_off() -> None:
    """Switch off the usage pings of dlt, dbt and GX (no test or run may reach outside the machine)."""
    for key, value in TELEMETRY_OFF.items():
        os.environ.setdefault(key, value)


def warehouse_path(explicit: str | os.PathLike | None = None) -> Path:
    """The DuckDB file the loaders and dbt write: flag, else $SOCIALKPI_WAREHOUSE, else .warehouse/."""
    value = explicit or os.environ.get(WAREHOUSE_ENV) or DEFAULT_WAREHOUSE
    return Path(value).expanduser().resolve()


def landing_path(explicit: str | os.PathLike | None = None) -> str:
    """The input folder: flag, else $SOCIALKPI_LANDING, else the bundled sample folder.

    Returned as a string because it may be any fsspec URL (s3://, gs://, file://) as well as a local folder.
    """
    value = explicit or os.environ.get(LANDING_ENV) or DEFAULT_LANDING
    text = str(value)
    if "://" in text:
        return text
    return str(Path(text).expanduser().resolve())


def settings_path(explicit: str | os.PathLike | None = None, landing: str | None = None) -> str:
    """The user's settings folder: flag, else $SOCIALKPI_SETTINGS, else `settings/` inside the landing folder.

    It lives with the data, not in the code: the bundled sample carries its own (docs/settings.md). A folder
    that does not exist means the defaults.
    """
    value = explicit or os.environ.get(SETTINGS_ENV)
    if value:
        text = str(value)
        return text if "://" in text else str(Path(text).expanduser().resolve())
    return landing_path(landing).rstrip("/") + "/" + SETTINGS_FOLDER


def serving_path(warehouse: str | os.PathLike | None = None) -> Path:
    """The read-only copy the app opens, published after `dbt build` and the checks pass.

    DuckDB allows one writer or many readers, never both: the app reads this copy, so a load can run while
    the app is open (write, audit, publish).
    """
    wh = warehouse_path(warehouse)
    return wh.with_name(wh.stem + ".serving.duckdb")
