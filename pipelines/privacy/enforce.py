"""What every load does after writing `raw`: drop the people of the erasure ledger again, then purge
personal data older than the retention period.

A load may bring back an erased person (a full refresh re-reads every file; a re-delivered or new export may
still hold them) and brings new rows that will age past the retention period. Both rules run after every
load, before dbt reads `raw`, so the marts never see either, and a second run changes nothing. Rows removed
this way are counted in the load report (`erased`, `purged` per table), never dropped silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from pipelines.privacy import compact, ledger, packages, person, removal, retention
from pipelines.privacy.catalog import ANY_PLATFORM, EMAIL, SCHEMAS, TABLES, columns, quoted
from pipelines.privacy.keys import pii_key


@dataclass
class PrivacyReport:
    erased: Counter[str] = field(default_factory=Counter)  # rows of ledger people removed, per raw table
    purged: Counter[str] = field(default_factory=Counter)  # rows whose personal columns were nulled
    rejects_redacted: int = 0
    package_files_deleted: int = 0
    retention_days: int | None = None

    @property
    def changed(self) -> bool:
        return bool(self.erased or self.purged or self.rejects_redacted)


def connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(warehouse))
    con.execute("set TimeZone = 'UTC'")  # business dates of timestamps are UTC days
    return con


def returning(con: duckdb.DuckDBPyConnection, key: bytes) -> person.Person:
    """The identifiers in raw whose ledger hash is recorded: erased people who came back."""
    known = ledger.recorded(con)
    found = person.Person()
    if not known:
        return found
    for schema in SCHEMAS:
        for spec in TABLES:
            present = columns(con, schema, spec.table)
            for identifier in spec.identifiers:
                if identifier.column not in present:
                    continue
                platform = "null" if identifier.kind == EMAIL else identifier.platform
                rows = con.execute(
                    f"select distinct {identifier.value_sql()}, {platform} from {quoted(schema, spec.table)} "
                    f"where {identifier.column} is not null"
                ).fetchall()
                for value, row_platform in rows:
                    if identifier.kind == EMAIL:
                        if ledger.ledger_hash(EMAIL, value, key) in known:
                            found.emails.add(value)
                        continue
                    for scope in (ANY_PLATFORM, row_platform):
                        if ledger.ledger_hash(f"user:{scope}", value, key) in known:
                            found.users.add((scope, value))
    return found


def enforce(warehouse: Path, retention_days: int | None, today: date | None = None) -> PrivacyReport:
    """Apply the erasure ledger and the retention period to `raw` of `warehouse`."""
    report = PrivacyReport(retention_days=retention_days)
    if not warehouse.exists():
        return report
    con = connect(warehouse)
    pattern = None
    try:
        if ledger.recorded(con):
            key = pii_key(warehouse)
            back = returning(con, key)
            if back:
                everyone = person.closure(con, back)
                report.erased = removal.delete_rows(con, everyone)
                report.rejects_redacted = removal.redact_rejects(con, everyone)
                ledger.record(con, everyone.identities(), key, datetime.now(UTC).replace(tzinfo=None))
                pattern = removal.mention_pattern(everyone)
        if retention_days is not None:
            report.purged = retention.purge(con, retention_days, today or datetime.now(UTC).date())
        con.execute("checkpoint")
    finally:
        con.close()
    if report.changed:
        compact.compact(warehouse)
    report.package_files_deleted = packages.scrub(warehouse, pattern)
    return report
