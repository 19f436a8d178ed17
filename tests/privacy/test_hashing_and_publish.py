"""The pieces of privacy by construction, each on its own: the keyed hash dbt uses, the key a transform
needs, and a publish that serves only what it was told to."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
import pytest

from pipelines.privacy import hashing_plugin
from pipelines.privacy.keys import KEY_ENV, keyed_hash
from pipelines.publish import PublishError, publish
from pipelines.transform import transform

KEY = b"unit-test-key-0123456789abcdef"


def test_pii_hash_is_the_keyed_hash_of_python_and_keeps_null():
    con = duckdb.connect()
    hashing_plugin.register(con, KEY)
    values = ["2506577912570962", "mei.lee@mail.example", "Élodie", None]
    rows = [con.execute("select pii_hash(?::varchar)", [value]).fetchall()[0][0] for value in values]
    assert rows == [keyed_hash(values[0], KEY), keyed_hash(values[1], KEY), keyed_hash(values[2], KEY), None]
    assert len(rows[0]) == 64 and rows[0] != keyed_hash(values[0], b"another-key-0123456789")


def test_pii_hash_vectorised_over_a_column():
    con = duckdb.connect()
    hashing_plugin.register(con, KEY)
    ids = [f"user-{n}" for n in range(5000)]
    con.execute("create table people as select unnest(?::varchar[]) as user_id", [ids])
    rows = con.execute("select user_id, pii_hash(user_id) from people").fetchall()
    assert dict(rows) == {user_id: keyed_hash(user_id, KEY) for user_id in ids}


def test_the_plugin_refuses_a_connection_without_the_key(monkeypatch):
    monkeypatch.delenv(hashing_plugin.KEY_ENV, raising=False)
    plugin = hashing_plugin.Plugin(name="pii", plugin_config={})
    with pytest.raises(hashing_plugin.MissingHashKey, match=hashing_plugin.KEY_ENV):
        plugin.configure_connection(duckdb.connect())


def test_transform_refuses_without_a_key_and_says_how_to_set_one(tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.delenv("SOCIALKPI__PII_KEY", raising=False)
    monkeypatch.chdir(tmp_path)  # no .dlt/secrets.toml here
    warehouse = tmp_path / "socialkpi.duckdb"
    duckdb.connect(str(warehouse)).close()
    report = transform(warehouse)
    assert not report.success and report.statuses == Counter()
    assert KEY_ENV in report.failures[0] and "secrets.toml" in report.failures[0]


def _warehouse(path: Path, facts: list[str]) -> Path:
    con = duckdb.connect(str(path))
    con.execute("create schema marts; create schema raw; create schema staging")
    con.execute("create table marts.dim_kpis as select unnest(?::varchar[]) as fact_relation", [facts])
    con.execute("create table marts.fct_conversations as select 1 as conversations")
    con.execute("create table raw.events as select 'mei.lee@mail.example' as contact_email")
    con.execute("create view staging.stg_events as select * from raw.events")
    con.close()
    return path


def test_publish_writes_only_the_allow_listed_tables_and_swaps_atomically(tmp_path):
    warehouse = _warehouse(tmp_path / "w.duckdb", ["marts.fct_conversations"])
    target = publish(warehouse)
    con = duckdb.connect(str(target), read_only=True)
    tables = con.execute("select schema_name, table_name from duckdb_tables() order by all").fetchall()
    views = con.execute("select count(*) from duckdb_views() where not internal").fetchall()
    con.close()
    assert tables == [("marts", "dim_kpis"), ("marts", "fct_conversations")]
    assert views == [(0,)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb", "w.serving.duckdb"]
    assert b"mei.lee" not in target.read_bytes()


def test_publish_stops_when_a_kpi_reads_a_table_it_does_not_serve(tmp_path):
    warehouse = _warehouse(tmp_path / "w.duckdb", ["marts.fct_conversations", "marts.fct_secret_people"])
    with pytest.raises(PublishError, match=r"w\.duckdb.*marts\.fct_secret_people.*PUBLISHED_TABLES"):
        publish(warehouse)
    assert not (tmp_path / "w.serving.duckdb").exists()
    assert not (tmp_path / "w.serving.duckdb.tmp").exists()
