"""The dbt-duckdb plugin that gives dbt's connection `pii_hash(varchar)`: HMAC-SHA-256 under the secret key.

Why a plugin and not SQL: a hash written in SQL carries its key in the SQL text, so the key would land in
every view definition, every compiled file under `target/`, dbt's logs and `manifest.json`. Here the SQL
only says `pii_hash(expression)`; the key lives in this process's memory. `socialkpi transform` hands the key
to its dbt child in `KEY_ENV` (named `DBT_ENV_SECRET_…`, so dbt also scrubs it from anything it logs), and
nothing else reads that variable. The function is `pipelines.privacy.keys.keyed_hash`, so Python code (e.g.
erasure) hashes a person exactly as the marts do, and the same person hashes the same in every model.

The function is vectorised over Arrow arrays (one Python call per chunk of rows, not per row).
"""

from __future__ import annotations

import os

import duckdb
import pyarrow as pa
from dbt.adapters.duckdb.plugins import BasePlugin

from pipelines.privacy.keys import keyed_hash

KEY_ENV = "DBT_ENV_SECRET_SOCIALKPI_PII_KEY"
FUNCTION = "pii_hash"


class MissingHashKey(RuntimeError):
    """dbt was started without the key (not through `socialkpi transform`)."""


def hasher(key: bytes):
    """`pii_hash` for one key: NULL stays NULL, anything else becomes 64 hex characters."""

    def pii_hash(values: pa.Array) -> pa.Array:
        return pa.array(
            [None if value is None else keyed_hash(value, key) for value in values.to_pylist()],
            type=pa.string(),
        )

    return pii_hash


def register(conn: duckdb.DuckDBPyConnection, key: bytes) -> None:
    conn.create_function(
        FUNCTION,
        hasher(key),
        [duckdb.sqltype("VARCHAR")],
        duckdb.sqltype("VARCHAR"),
        type="arrow",
        null_handling="special",
    )


class Plugin(BasePlugin):
    def configure_connection(self, conn: duckdb.DuckDBPyConnection) -> None:
        key = os.environ.get(KEY_ENV)
        if not key:
            raise MissingHashKey(
                f"dbt needs the key personal data is hashed with ({KEY_ENV}): run dbt through "
                "`socialkpi transform`, which passes it"
            )
        register(conn, key.encode())
