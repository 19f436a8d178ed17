"""Retention: personal data older than the user's retention period is blanked in the raw layer.

Set by `[privacy] retention_days` in settings.toml (docs/settings.md); no setting, no purge. A row whose
business date (catalog.py: the latest of its dates) is before `today - retention_days` keeps its place and
its non-personal columns, because every table of the catalogue still feeds KPIs with them (conversation
counts and response times, revenue, lifecycle stages); only its personal columns are set to null (an
event's required `user_id` to a stand-in named after its conversation, catalog.py). Runs after
every load, so a full refresh or a re-delivered file cannot bring old personal data back, and a second run
purges nothing more (a row already blank is not counted again).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import duckdb

from pipelines.privacy.catalog import SCHEMAS, TABLES, columns, quoted


def cutoff(today: date, retention_days: int) -> date:
    """Rows dated before this day are purged (the day itself and later are kept)."""
    return today - timedelta(days=retention_days)


def purge(con: duckdb.DuckDBPyConnection, retention_days: int, today: date) -> Counter[str]:
    """Null the personal columns of rows older than the retention period; rows purged per raw table."""
    first_kept = cutoff(today, retention_days)
    purged: Counter[str] = Counter()
    for schema in SCHEMAS:
        for spec in TABLES:
            present = columns(con, schema, spec.table)
            personal = [column for column in spec.personal if column in present]
            dates = [column for column in spec.dates if column in present]
            if not personal or not dates:
                continue
            business_date = f"greatest({', '.join(dates)})" if len(dates) > 1 else dates[0]
            blank = {column: spec.replace.get(column, "null") for column in personal}
            still_personal = " or ".join(
                f"{column} is distinct from {value}" for column, value in blank.items()
            )
            count = con.execute(
                f"update {quoted(schema, spec.table)} set "
                f"{', '.join(f'{column} = {value}' for column, value in blank.items())} "
                f"where cast({business_date} as date) < ? and ({still_personal})",
                [first_kept],
            ).fetchall()[0][0]
            if schema == "raw" and count:
                purged[spec.table] += count
    return purged
