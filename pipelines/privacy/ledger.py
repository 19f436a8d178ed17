"""The erasure ledger: who was erased, as keyed hashes only, so every later load drops them again.

A file already loaded is skipped by its content hash, but a full refresh, a re-delivered export or a new
export that still holds the person would bring them back. The ledger lives in its own schema (`privacy`),
outside `raw`, so a full refresh (which drops `raw`) keeps it. It holds the identifier's kind (`email`,
`user:<platform>`), its keyed hash and the time: never the plain value. The hash is domain-separated
(`erasure|<kind>|<value>` under the warehouse's key), so it never equals a hash the marts hold: the ledger
cannot be joined to anything, even if it were copied out.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

from pipelines.privacy.keys import keyed_hash

SCHEMA = "privacy"
TABLE = f"{SCHEMA}.erasures"


def ledger_hash(kind: str, value: str, key: bytes) -> str:
    return keyed_hash(f"erasure|{kind}|{value}", key)


def ensure(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"create schema if not exists {SCHEMA}")
    con.execute(
        f"create table if not exists {TABLE} "
        "(identity_hash varchar not null, identity_kind varchar not null, erased_at timestamp not null)"
    )


def record(
    con: duckdb.DuckDBPyConnection, identities: list[tuple[str, str]], key: bytes, at: datetime
) -> int:
    """Add the identities not yet in the ledger; returns how many were added."""
    ensure(con)
    known = recorded(con)
    rows = []
    for kind, value in identities:
        digest = ledger_hash(kind, value, key)
        if digest not in known:
            known.add(digest)
            rows.append((digest, kind, at))
    if rows:
        con.executemany(f"insert into {TABLE} values (?, ?, ?)", rows)
    return len(rows)


def recorded(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Every hash in the ledger (empty when no one was ever erased)."""
    exists = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = 'erasures'",
        [SCHEMA],
    ).fetchall()[0][0]
    if not exists:
        return set()
    return {digest for (digest,) in con.execute(f"select identity_hash from {TABLE}").fetchall()}
