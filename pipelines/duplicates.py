"""Which copy of a merge key loads: one documented, order-independent rule for every family's raw table.

Several rows of one run, or a row of this run and a row already in `raw`, can share a table's merge key
(the same event delivered twice, a re-export, an extra column such as a breakdown that the key does not
tell apart). dlt's merge keeps one of them; which one used to depend on arrival order, and the other copy
vanished. Here every copy is ranked, and the winner is the same whatever the file names, the arrival order
or the number of runs the files came in:

1. the table's version column, latest first, where the table has one (events: `occurred_at`: the latest
   statement of an event wins);
2. then the content hash of the record (`_content_sha256`: a SHA-256 of the record's non-lineage values,
   stored in raw so a later run compares with the row already there), highest first: an arbitrary but
   fixed order, so two different versions of a record always settle the same way;
3. equal content (an identical re-delivery): the smallest file path and line, which only decides the
   lineage columns.

The losing copy of different content is kept in `raw.load_rejects` with the reason `duplicate of <file>,
line <n> (<rule>)`; an identical copy is counted in `rows_duplicate` but writes no reject (it lost nothing).
A row already in raw that a new copy beats is rejected the same way, so loading files in one run or in two
gives the same raw rows and the same rejects. Rows in raw that the files read again this run produced
(a re-read after a reject or a crash) are not rivals: they are this run's own rows.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.config import RAW_SCHEMA
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject

CONTENT_HASH = "_content_sha256"
LINEAGE = frozenset({"_source_file", "_source_line", "_loaded_at", CONTENT_HASH})
SEP = "chr(31)"
# table -> the column whose latest value wins before the content hash (a table not named has none)
VERSION_COLUMNS = {"events": "occurred_at"}


def rule_text(table: str) -> str:
    version = VERSION_COLUMNS.get(table)
    return f"latest {version}, then content hash" if version else "content hash"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _key_sql(key: tuple[str, ...], alias: str) -> str:
    parts = ", ".join(f"coalesce({alias}.{_q(k)}::varchar, chr(0))" for k in key)
    return f"concat_ws({SEP}, {parts})"


def _version_sql(table: str, alias: str, columns: set[str]) -> str:
    version = VERSION_COLUMNS.get(table)
    if not version or version not in columns:
        return "null::bigint"
    return f"epoch_us({alias}.{_q(version)})"


def with_content_hash(con: duckdb.DuckDBPyConnection, batch: pa.Table) -> pa.Table:
    """`batch` with `_content_sha256`: every non-null, non-lineage value as `name=value`, sorted by name,
    hashed. A column absent from one file and empty in another hashes the same."""
    content = sorted(name for name in batch.column_names if name not in LINEAGE)
    if not content or batch.num_rows == 0:
        digest = pa.array([None] * batch.num_rows, pa.string())
    else:
        parts = ", ".join(
            f"case when {_q(name)} is null then null else {_sql_string(name)} || chr(30) || {_q(name)}::varchar end"
            for name in content
        )
        con.register("content_batch", batch.select(content))
        digest = con.sql(f"select sha256(concat_ws({SEP}, {parts})) from content_batch").to_arrow_table()
        digest = digest.column(0).combine_chunks() if isinstance(digest, pa.Table) else digest
        con.unregister("content_batch")
    if CONTENT_HASH in batch.column_names:
        batch = batch.drop_columns([CONTENT_HASH])
    return batch.append_column(CONTENT_HASH, digest.cast(pa.string()))


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Settled:
    """The rows of one raw table to load, and what the rule decided."""

    tables: list[pa.Table]
    duplicates: int  # rows of this run that lost (counted per file in the ReadLog)
    rejects: int  # losing copies of different content written to rejects


def settle(
    tables: list[pa.Table], table: str, key: tuple[str, ...], warehouse: Path, log: ReadLog, family: str
) -> Settled:
    """Apply the rule to this run's `tables` of one raw table and the rows already in the warehouse."""
    batches = [t for t in tables if t.num_rows]
    if not batches or not key:
        return Settled(tables, 0, 0)
    con = duckdb.connect()
    try:
        con.execute("set TimeZone = 'UTC'")
        batches = [with_content_hash(con, batch) for batch in batches]
        candidates = _candidates(con, batches, table, key)
        con.register("candidates_new", candidates)
        existing = _existing_sql(con, warehouse, table, key, log)
        union = "select * from candidates_new" + (f" union all {existing}" if existing else "")
        ranked = con.execute(
            f"""
            with everyone as ({union}),
            ranked as (
                select *, row_number() over (
                    partition by key_text
                    order by version desc nulls last, sha desc nulls last, file, line, is_new
                ) as rank
                from everyone
                where key_text in (select key_text from candidates_new)
            )
            select l.batch, l.row, l.file, l.line, l.sha, l.is_new, l.raw_json,
                   w.file, w.line, w.sha
            from ranked l join ranked w on w.key_text = l.key_text and w.rank = 1
            where l.rank > 1
            order by l.file, l.line
            """
        ).fetchall()
        new_json = _new_records(con, batches, [(b, r) for b, r, *_rest in ranked if b >= 0])
    finally:
        con.close()
    losers_per_batch: dict[int, set[int]] = {}
    per_file: Counter[str] = Counter()
    rejected = 0
    rule = rule_text(table)
    for batch, row, file, line, sha, is_new, raw_json, w_file, w_line, w_sha in ranked:
        if is_new:
            losers_per_batch.setdefault(batch, set()).add(row)
            per_file[file] += 1
        else:
            log.earlier_losers[(table, file)] += 1
        if sha is not None and sha == w_sha:
            continue  # an identical copy: counted, no reject (it lost nothing)
        raw = canonical_record(new_json[(batch, row)] if is_new else raw_json)
        reason = f"duplicate of {w_file}, line {w_line} ({rule})"
        log.rejects.append((family, table, Reject.from_row(file, int(line), "", reason, raw)))
        rejected += 1
    for file, count in per_file.items():
        log.merged_away(table, file, count)
    kept = []
    for position, batch in enumerate(batches):
        losers = losers_per_batch.get(position)
        if losers:
            mask = pa.array([row not in losers for row in range(batch.num_rows)])
            batch = batch.filter(mask)
        if batch.num_rows:
            kept.append(batch)
    return Settled(kept, sum(per_file.values()), rejected)


def canonical_record(text: str) -> str:
    """A losing copy as JSON, the same text whether it was read now or was a row of raw already: its
    non-null, non-lineage values, keys sorted (so a reject does not depend on the run it came from)."""
    record = json.loads(text)
    kept = {
        k: v for k, v in record.items() if v is not None and k not in LINEAGE and not k.startswith("_dlt")
    }
    return json.dumps(kept, ensure_ascii=False, sort_keys=True)


def _json_sql(columns: list[str], alias: str, zoned: frozenset[str] = frozenset()) -> str:
    """`zoned`: columns dlt stored as timestamptz that the readers hand over as UTC wall time."""

    def value(name: str) -> str:
        column = f"{alias}.{_q(name)}"
        return f"({column} at time zone 'UTC')" if name in zoned else column

    pairs = ", ".join(f"{_sql_string(n)}, {value(n)}" for n in sorted(columns))
    return f"json_object({pairs})::varchar"


def _new_records(
    con: duckdb.DuckDBPyConnection, batches: list[pa.Table], wanted: list[tuple[int, int]]
) -> dict[tuple[int, int], str]:
    """(batch, row) -> the row as JSON, rendered by DuckDB like the rows already in raw."""
    out: dict[tuple[int, int], str] = {}
    for position in sorted({batch for batch, _ in wanted}):
        rows = sorted(row for batch, row in wanted if batch == position)
        columns = [n for n in batches[position].column_names if n not in LINEAGE]
        found = con.execute(
            f"select b._row_position, {_json_sql(columns, 'b')} from batch_{position} b "
            "where b._row_position in (select unnest(?))",
            [rows],
        ).fetchall()
        out.update({(position, row): text for row, text in found})
    return out


def _candidates(con: duckdb.DuckDBPyConnection, batches: list[pa.Table], table: str, key: tuple[str, ...]):
    parts = []
    for position, batch in enumerate(batches):
        columns = set(batch.column_names)
        missing = [k for k in key if k not in columns]
        if missing:
            raise ValueError(f"{table}: rows without merge key column(s) {', '.join(missing)}")
        name = f"batch_{position}"
        con.register(name, batch.append_column("_row_position", pa.array(range(batch.num_rows), pa.int64())))
        parts.append(
            f"""select {_key_sql(key, "b")} as key_text, {_version_sql(table, "b", columns)} as version,
                   b.{CONTENT_HASH} as sha, b._source_file as file, b._source_line::bigint as line,
                   {position} as batch, b._row_position as row, true as is_new,
                   null::varchar as raw_json
            from {name} b"""
        )
    return con.sql(" union all ".join(parts)).to_arrow_table()


def _existing_sql(
    con: duckdb.DuckDBPyConnection, warehouse: Path, table: str, key: tuple[str, ...], log: ReadLog
) -> str | None:
    """The rows already in raw that compete: those of files not read this run (a file read again now
    brings its own rows afresh)."""
    if not warehouse.exists():
        return None
    con.execute(f"attach {_sql_string(str(warehouse))} as w (read_only)")
    types = dict(
        con.execute(
            "select column_name, data_type from duckdb_columns() where database_name = 'w' "
            "and schema_name = ? and table_name = ?",
            [RAW_SCHEMA, table],
        ).fetchall()
    )
    columns = set(types)
    zoned = frozenset(n for n, kind in types.items() if kind == "TIMESTAMP WITH TIME ZONE")
    if not columns or not set(key) <= columns or "_source_file" not in columns:
        return None
    read_now = sorted({read.relative_path for read in log.files if read.target_table == table})
    con.register("read_now", pa.table({"file": pa.array(read_now, pa.string())}))
    sha = f"r.{CONTENT_HASH}" if CONTENT_HASH in columns else "null::varchar"
    line = "r._source_line::bigint" if "_source_line" in columns else "0::bigint"
    record = _json_sql([n for n in columns if n not in LINEAGE and not n.startswith("_dlt")], "r", zoned)
    return f"""select {_key_sql(key, "r")} as key_text, {_version_sql(table, "r", columns)} as version,
                   {sha} as sha, r._source_file as file, {line} as line, -1 as batch, -1::bigint as row,
                   false as is_new, {record} as raw_json
            from w.{RAW_SCHEMA}.{_q(table)} r
            where r._source_file not in (select file from read_now)"""
