"""Delete one person's rows from the raw layer: every table of the catalogue, dlt's staging copies, the
journeys of their orders, and their traces in rejected records.

Used by `socialkpi erase` and by every load (a person in the erasure ledger who comes back in a file is
removed again, counted as `erased`). Rows are deleted, not blanked: an erased person's rows must not feed
any KPI. The rejects of `raw.load_rejects` are kept (they account for input lines) but the rejected record is
dropped and the person's identifiers in the reason are replaced by `[erased]`.
"""

from __future__ import annotations

import re
from collections import Counter

import duckdb

from pipelines.privacy.catalog import JOURNEYS, SCHEMAS, TABLES, columns, quoted
from pipelines.privacy.person import Person, table_condition

REJECTS = "load_rejects"
ERASED = "[erased]"


def mention_pattern(person: Person) -> re.Pattern | None:
    """Any identifier of `person` as a whole token (not inside a longer id or address), any case."""
    values = sorted(person.values(), key=len, reverse=True)
    if not values:
        return None
    alternatives = "|".join(re.escape(value) for value in values)
    return re.compile(rf"(?<![\w.@+-])@?(?:{alternatives})(?![\w@-]|\.\w)", re.IGNORECASE)


def delete_rows(con: duckdb.DuckDBPyConnection, person: Person) -> Counter[str]:
    """Delete `person`'s rows from raw and raw_staging; counts per raw table (staging copies not counted)."""
    removed: Counter[str] = Counter()
    for schema in SCHEMAS:
        for spec in TABLES:
            present = columns(con, schema, spec.table)
            condition = table_condition(spec, present, person)
            if condition is None:
                continue
            where, params = condition
            target = quoted(schema, spec.table)
            if spec.unit and spec.unit in present:
                orders = con.execute(
                    f"select distinct order_id from {target} where {spec.unit} in "
                    f"(select {spec.unit} from {target} where {where}) and order_id is not null",
                    params,
                ).fetchall()
                where = f"{spec.unit} in (select {spec.unit} from {target} where {where})"
                removed_journeys = delete_journeys(con, schema, [order for (order,) in orders])
                if schema == "raw" and removed_journeys:
                    removed[JOURNEYS] += removed_journeys
            count = con.execute(f"delete from {target} where {where}", params).fetchall()[0][0]
            if schema == "raw" and count:
                removed[spec.table] += count
    return removed


def delete_journeys(con: duckdb.DuckDBPyConnection, schema: str, order_ids: list[str]) -> int:
    if not order_ids or "order_id" not in columns(con, schema, JOURNEYS):
        return 0
    return con.execute(
        f"delete from {quoted(schema, JOURNEYS)} where order_id in (select unnest(?::varchar[]))",
        [order_ids],
    ).fetchall()[0][0]


def redact_rejects(con: duckdb.DuckDBPyConnection, person: Person) -> int:
    """Drop the rejected record and blank the identifiers in the reason of every reject naming `person`
    (in raw and dlt's staging copy); returns how many rejects of raw were redacted."""
    pattern = mention_pattern(person)
    if pattern is None:
        return 0
    redacted = 0
    for schema in SCHEMAS:
        if not {"reject_id", "raw_record", "reason", "field"} <= columns(con, schema, REJECTS):
            continue
        target = quoted(schema, REJECTS)
        rows = con.execute(f"select reject_id, raw_record, reason, field from {target}").fetchall()
        for reject_id, raw_record, reason, field in rows:
            if not any(pattern.search(text or "") for text in (raw_record, reason, field)):
                continue
            con.execute(
                f"update {target} set raw_record = null, reason = ?, field = ? where reject_id = ?",
                [
                    pattern.sub(ERASED, reason or ""),
                    pattern.sub(ERASED, field) if field else field,
                    reject_id,
                ],
            )
            redacted += schema == "raw"
    return redacted
