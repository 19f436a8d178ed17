"""`socialkpi erase` end to end on a small real landing (tests/privacy/erasure_landing.py): load, dbt build,
publish; erase Ana by e-mail and Ben by user id; then nothing of theirs may be left in raw, in any table or
view of the warehouse, in the published copy (its bytes included), in dlt's load packages or in any file
beside the warehouse, and nothing of Chloe's may change. A full-refresh reload of the same landing must not
bring them back. One dbt build for the load and one for the erasure (module fixture).
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipelines.config import serving_path
from pipelines.load import LoadReport, load
from pipelines.privacy.keys import KEY_ENV
from pipelines.publish import publish
from pipelines.transform import run_dbt, settings_vars
from tests.conftest import query, socialkpi
from tests.privacy import erasure_landing as landing_rows

KEY = "erasure-test-key-7f3a9c1e5b2d4680"


def hmac_hex(value: str) -> str:
    return hmac.new(KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Erasure:
    landing: Path
    warehouse: Path
    before_hashes: set[str]  # the mart hashes of Ana and Ben before the erasure (read from the marts)
    chloe_before: dict[str, list[tuple]]
    stdout: str
    returncode: int
    stderr: str
    reload: LoadReport
    rerun: LoadReport


def person_hashes(warehouse: Path) -> set[str]:
    """Every hash the marts and staging hold for Ana and Ben (whatever hash function hash_pii uses)."""
    conversations = ("ig-dm-ana", "ig-thread-ana", "x-dm-ben", "x-thread-ben")
    sql = [
        ("select customer_key from marts.fct_conversations where conversation_id in (select unnest(?))",
         [list(conversations)]),
        ("select customer_key from marts.fct_comments where conversation_id in (select unnest(?))",
         [list(conversations)]),
        ("select customer_email_hash from marts.fct_orders where order_id = ?", [landing_rows.ANA_ORDER]),
        ("select contact_email_hash from staging.stg_hubspot__contacts where contact_id = '501'", []),
        ("select instagram_handle_hash from staging.stg_hubspot__contacts where contact_id = '501'", []),
        ("select customer_handle_key from staging.stg_events__interaction_events where event_id = 'x-b-1'", []),
        ("select contact_email_hash from staging.stg_events__interaction_events where event_id = 'ig-a-3'", []),
    ]  # fmt: skip
    found = set()
    for statement, params in sql:
        found |= {value for (value,) in query(warehouse, statement, params) if value}
    return found


def chloe_rows(warehouse: Path) -> dict[str, list[tuple]]:
    return {
        "conversation": query(
            warehouse, "select * from marts.fct_conversations where conversation_id = 'ig-dm-chloe'"
        ),
        "order": query(warehouse, "select * from marts.fct_orders where order_id = ?", [landing_rows.CHLOE_ORDER]),
        "events": query(warehouse, "select * exclude (_loaded_at) from raw.events where user_id = 'chloe.k' order by event_id"),
        "contact": query(warehouse, "select * exclude (_loaded_at) from raw.hubspot_contacts where contact_id = '502'"),
    }  # fmt: skip


@pytest.fixture(scope="module")
def erasure(tmp_path_factory) -> Erasure:
    patch = pytest.MonkeyPatch()
    patch.setenv(KEY_ENV, KEY)
    try:
        base = tmp_path_factory.mktemp("erasure")
        landing = landing_rows.write_landing(base / "landing")
        warehouse = base / "warehouse" / "socialkpi.duckdb"
        load(str(landing), warehouse)
        # the first build is setup: models and data tests only (the erasure's own rebuild runs the unit tests)
        built = run_dbt(warehouse, "build", "--exclude-resource-type", "unit_test",
                        "--vars", json.dumps(settings_vars(warehouse)))  # fmt: skip
        assert built.returncode == 0, built.stdout[-3000:]
        publish(warehouse)
        before_hashes = person_hashes(warehouse)
        chloe_before = chloe_rows(warehouse)
        erased = socialkpi(
            "erase", "--warehouse", str(warehouse), "--email", " ANA.SILVA@example.com",
            "--user", "@Ben_Okafor_99", "--platform", "x",
        )  # fmt: skip
        rerun = load(str(landing), warehouse)  # unchanged files: skipped
        reload = load(str(landing), warehouse, full_refresh=True)  # every file read again
        yield Erasure(landing, warehouse, before_hashes, chloe_before, erased.stdout, erased.returncode,
                      erased.stderr, reload, rerun)  # fmt: skip
    finally:
        patch.undo()


def erased_values() -> list[str]:
    return [*landing_rows.ANA_VALUES, *landing_rows.BEN_VALUES]


def every_text_value(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(table, column, value) for every text-typed value of every table and view of the database."""
    columns = con.execute(
        "select table_schema, table_name, column_name from information_schema.columns "
        "where data_type in ('VARCHAR', 'JSON') or data_type like '%[]' or data_type like 'STRUCT%'"
    ).fetchall()
    out = []
    for schema, table, column in columns:
        rows = con.execute(
            f'select distinct cast("{column}" as varchar) from "{schema}"."{table}" where "{column}" is not null'
        ).fetchall()
        out.extend((f"{schema}.{table}", column, value) for (value,) in rows)
    return out


def hits(values: list[tuple[str, str, str]], needles: set[str]) -> list[tuple[str, str, str]]:
    lowered = {needle.lower() for needle in needles}
    return [(t, c, v) for t, c, v in values if any(needle in v.lower() for needle in lowered)]


def test_the_landing_held_both_people_before_the_erasure(erasure):
    # the hashes the marts held for them: customer keys (2 people), Ana's e-mail and handle hashes
    assert len(erasure.before_hashes) >= 3
    assert erasure.chloe_before["conversation"] and erasure.chloe_before["order"]


def test_erase_reports_what_it_removed_per_table(erasure):
    assert erasure.returncode == 0, erasure.stderr[-3000:]
    lines = erasure.stdout
    assert "identifiers      1 e-mail(s), 2 user id(s) (named and linked)" in lines  # Ana's id found by link
    assert "raw.events                             8 row(s) deleted" in lines  # 5 of Ana's, 3 of Ben's
    assert "raw.hubspot_contacts                   1 row(s) deleted" in lines
    assert "raw.shopify_order_lines                2 row(s) deleted" in lines  # both lines of order #1001
    assert "raw.load_rejects records redacted 1" in lines
    assert "step=erase status=ok" in erasure.stderr


def test_no_raw_row_of_the_erased_people_is_left_and_the_others_remain(erasure):
    wh = erasure.warehouse
    events = {event_id for (event_id,) in query(wh, "select event_id from raw.events")}
    assert events == landing_rows.CHLOE_EVENTS | landing_rows.DORA_EVENTS
    assert query(wh, "select contact_id from raw.hubspot_contacts") == [(landing_rows.CHLOE_CONTACT,)]
    assert query(wh, "select order_id, line_index from raw.shopify_order_lines") == [
        (landing_rows.CHLOE_ORDER, 1)
    ]
    # the reject of Ana's bad line stays (it accounts for an input line) without her record
    rejects = query(wh, "select file, line, raw_record, reason from raw.load_rejects")
    assert [(file, line, record) for file, line, record, _ in rejects] == [
        ("events/inbox-2018-05.jsonl", landing_rows.ANA_REJECTED_LINE, None)
    ]


def test_no_table_or_view_of_the_warehouse_holds_a_value_or_hash_of_them(erasure):
    keyed = {hmac_hex(value) for value in ("ana.silva@example.com", "ana.silva.42", "ben_okafor_99")}
    needles = set(erased_values()) | erasure.before_hashes | keyed
    con = duckdb.connect(str(erasure.warehouse), read_only=True)
    try:
        values = every_text_value(con)
    finally:
        con.close()
    assert len(values) > 100  # the scan reads the whole warehouse, not an empty one
    assert hits(values, needles) == []
    # Chloe is still there, under the same hash
    assert hits(values, {landing_rows.CHLOE_EMAIL, landing_rows.CHLOE_TEXT})


def test_the_published_copy_is_rebuilt_without_them(erasure):
    serving = serving_path(erasure.warehouse)
    needles = set(erased_values()) | erasure.before_hashes
    con = duckdb.connect(str(serving), read_only=True)
    try:
        values = every_text_value(con)
        conversations = con.execute(
            "select conversation_id from marts.fct_conversations order by 1"
        ).fetchall()
    finally:
        con.close()
    assert hits(values, needles) == []
    assert conversations == [("ig-dm-16",), ("ig-dm-chloe",)]
    data = serving.read_bytes() + erasure.warehouse.read_bytes()
    for value in erased_values():  # freed blocks too: the files were rewritten, not only the rows deleted
        assert value.encode() not in data and value.lower().encode() not in data, value


def test_the_other_peoples_rows_and_kpis_are_unchanged(erasure):
    wh = erasure.warehouse
    assert chloe_rows(wh) == erasure.chloe_before
    frt, customer_key = query(
        wh,
        "select frt_any_min, customer_key from marts.fct_conversations where conversation_id = 'ig-dm-chloe'",
    )[0]
    assert frt == landing_rows.CHLOE_FRT_MIN
    assert customer_key not in erasure.before_hashes
    assert query(wh, "select order_id, revenue_amount from marts.fct_orders") == [
        (landing_rows.CHLOE_ORDER, Decimal(landing_rows.CHLOE_REVENUE))
    ]


def test_an_old_conversation_loses_its_personal_data_and_still_counts(erasure):
    """Retention in the same builds: Dora's 2016 DM is older than the landing's retention period."""
    wh = erasure.warehouse
    rows = query(wh, "select event_id, user_id, text from raw.events where event_id like 'ig-d-%' order by 1")
    stand_in = f"purged:{landing_rows.DORA_CONVERSATION}"
    assert rows == [("ig-d-1", stand_in, None), ("ig-d-2", stand_in, None)]
    assert query(
        wh,
        "select frt_any_min from marts.fct_conversations where conversation_id = ?",
        [landing_rows.DORA_CONVERSATION],
    ) == [(landing_rows.DORA_FRT_MIN,)]
    con = duckdb.connect(str(wh), read_only=True)
    try:
        values = every_text_value(con)
    finally:
        con.close()
    assert hits(values, {landing_rows.DORA_USER, landing_rows.DORA_TEXT}) == []


def test_the_ledger_holds_keyed_hashes_only(erasure):
    rows = query(erasure.warehouse, "select identity_kind, identity_hash from privacy.erasures order by 1")
    assert rows == sorted(
        [
            ("email", hmac_hex("erasure|email|ana.silva@example.com")),
            ("user:instagram", hmac_hex("erasure|user:instagram|ana.silva.42")),
            ("user:x", hmac_hex("erasure|user:x|ben_okafor_99")),
        ]
    )


def test_reloading_the_same_landing_does_not_bring_them_back(erasure):
    rerun = erasure.rerun
    # files that loaded whole are skipped; a file with a rejected row is read again every run (its reject is
    # reported again), so that file's rows of the erased people come in again and are dropped again
    reread = {row["relative_path"] for row in rerun.files if row["status"] in ("loaded", "rejected")}
    with_rejects = {row["relative_path"] for row in rerun.files if row["rows_rejected"]}
    assert reread == with_rejects and len(reread) == 1 and rerun.files_skipped == 2
    assert set(rerun.privacy.erased) <= {"events"} and set(rerun.privacy.purged) <= {"events"}
    privacy = erasure.reload.privacy
    # every file read again: their rows came in and were dropped again, counted as erased
    assert dict(privacy.erased) == {"events": 8, "hubspot_contacts": 1, "shopify_order_lines": 2}
    assert privacy.rejects_redacted == 1
    assert dict(privacy.purged) == {"events": 2}  # Dora's old DM, read again, blanked again
    wh = erasure.warehouse
    events = {event_id for (event_id,) in query(wh, "select event_id from raw.events")}
    assert events == landing_rows.CHLOE_EVENTS | landing_rows.DORA_EVENTS
    con = duckdb.connect(str(wh), read_only=True)
    try:
        values = [v for v in every_text_value(con) if v[0].startswith(("raw.", "staging."))]
    finally:
        con.close()
    assert hits(values, set(erased_values()) | erasure.before_hashes) == []


def test_no_file_beside_the_warehouse_holds_them(erasure):
    """dlt's load packages, dbt's artefacts, the data docs: every file under the warehouse folder."""
    folder = erasure.warehouse.parent
    needles = [value.lower() for value in erased_values()]
    offending = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".parquet":
            con = duckdb.connect()
            try:
                text = "\n".join(r[0] for r in con.execute("select cast(t as varchar) from read_parquet(?) t", [str(path)]).fetchall())  # fmt: skip
            finally:
                con.close()
        else:
            data = path.read_bytes()
            text = (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode(
                "utf-8", errors="replace"
            )
        if any(needle in text.lower() for needle in needles):
            offending.append(str(path.relative_to(folder)))
    assert offending == []


def test_erase_refuses_a_bad_request_by_name(tmp_path):
    missing = socialkpi("erase", "--warehouse", str(tmp_path / "none.duckdb"), "--email", "a@b.c")
    assert missing.returncode == 1 and "none.duckdb does not exist" in missing.stderr
    bad = socialkpi("erase", "--warehouse", str(tmp_path / "none.duckdb"), "--email", "not-an-address")
    assert bad.returncode == 1 and "--email 'not-an-address' is not an e-mail address" in bad.stderr
    platform = socialkpi(
        "erase", "--email", "a@b.c", "--platform", "x", "--warehouse", str(tmp_path / "w.duckdb")
    )
    assert platform.returncode == 1 and "--platform goes with --user" in platform.stderr
    unknown = socialkpi(
        "erase", "--user", "ana", "--platform", "myspace", "--warehouse", str(tmp_path / "w.duckdb")
    )
    assert (
        unknown.returncode == 1 and "--platform 'myspace' is not one of facebook, instagram" in unknown.stderr
    )


def test_a_user_id_is_erased_on_its_platform_only_and_links_are_followed(tmp_path):
    """Without dbt: the same id on two platforms, an e-mail linking one id to a contact and an order."""
    from pipelines.privacy.catalog import ANY_PLATFORM
    from pipelines.privacy.person import Person, closure
    from pipelines.privacy.removal import delete_rows

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("create schema raw")
    con.execute(
        "create table raw.events (event_id varchar, event_name varchar, user_id varchar, contact_email varchar)"
    )
    con.execute(
        "insert into raw.events values ('1', 'x.dm_received', 'Sam', null), ('2', 'instagram.dm_received', 'sam', null),"
        " ('3', 'x.lead_created', '@SAM ', ' Sam@Mail.example'), ('4', 'x.dm_received', 'samuel', null)"
    )  # fmt: skip
    con.execute(
        "create table raw.hubspot_contacts (contact_id varchar, email varchar, instagram_handle varchar)"
    )
    con.execute(
        "insert into raw.hubspot_contacts values ('c1', 'sam@mail.example', 'sam_ig'), ('c2', 'x@y.z', 'sam')"
    )
    con.execute(
        "create table raw.shopify_order_lines (order_name varchar, order_id varchar, line_index bigint, email varchar)"
    )
    con.execute("insert into raw.shopify_order_lines values ('#1', 'o1', 1, 'SAM@mail.example'), ('#1', 'o1', 2, null), ('#2', 'o2', 1, 'x@y.z')")  # fmt: skip
    con.execute("create table raw.shopify_order_journeys (order_id varchar)")
    con.execute("insert into raw.shopify_order_journeys values ('o1'), ('o2')")

    everyone = closure(con, Person(users={("x", "sam")}))
    assert everyone.emails == {"sam@mail.example"}  # given in x event 3
    assert everyone.users == {
        ("x", "sam"),
        ("instagram", "sam_ig"),
    }  # the contact's handle; not instagram 'sam'
    assert ANY_PLATFORM not in {platform for platform, _ in everyone.users}
    removed = delete_rows(con, everyone)
    assert dict(removed) == {
        "events": 2,
        "hubspot_contacts": 1,
        "shopify_order_lines": 2,
        "shopify_order_journeys": 1,
    }
    assert con.execute("select event_id from raw.events order by 1").fetchall() == [("2",), ("4",)]
    assert con.execute("select contact_id from raw.hubspot_contacts").fetchall() == [("c2",)]
    assert con.execute("select order_name, line_index from raw.shopify_order_lines").fetchall() == [("#2", 1)]
    assert con.execute("select order_id from raw.shopify_order_journeys").fetchall() == [("o2",)]
    con.close()


def test_dlt_load_packages_unfinished_ones_stop_the_erasure_completed_ones_are_cleaned(tmp_path, monkeypatch):
    """Without dbt: a pending package holding the person stops erase before anything is deleted; once the
    load is finished, the completed job file naming them is deleted and the others are kept."""
    from pipelines.privacy.erasure import ErasureError, ErasureReport, erase, erase_raw, requested

    monkeypatch.setenv(KEY_ENV, KEY)
    warehouse = tmp_path / "wh" / "socialkpi.duckdb"
    warehouse.parent.mkdir()
    con = duckdb.connect(str(warehouse))
    con.execute("create schema raw")
    con.execute("create table raw.events (event_id varchar, event_name varchar, user_id varchar)")
    con.execute(
        "insert into raw.events values ('1', 'x.dm_received', 'zed_99'), ('2', 'x.dm_received', 'amy')"
    )
    con.close()
    pipeline = warehouse.parent / ".dlt" / "socialkpi_socialkpi"
    pending = pipeline / "load" / "normalized" / "1700000000.1" / "new_jobs" / "events.a1.0.jsonl"
    pending.parent.mkdir(parents=True)
    pending.write_text('{"event_id": "1", "user_id": "zed_99"}\n')
    with pytest.raises(ErasureError, match="run `socialkpi load` to finish it"):
        erase(warehouse, [], ["zed_99"], "x")
    assert query(warehouse, "select event_id from raw.events order by 1") == [("1",), ("2",)]

    pending.unlink()  # the load finished: the package is a completed one now
    completed = pipeline / "load" / "loaded" / "1700000000.1" / "completed_jobs"
    completed.mkdir(parents=True)
    with gzip.open(completed / "events.a1.0.jsonl", "wt") as handle:
        handle.write('{"event_id": "1", "user_id": "ZED_99"}\n')
    (completed / "events.b2.0.jsonl").write_text('{"event_id": "2", "user_id": "amy", "text": "zed_990"}\n')
    report = ErasureReport()
    erase_raw(warehouse, requested([], ["zed_99"], "x"), report)
    assert report.package_files_deleted == 1 and dict(report.removed) == {"events": 1}
    assert sorted(p.name for p in completed.iterdir()) == ["events.b2.0.jsonl"]  # 'zed_990' is someone else
    assert query(warehouse, "select event_id from raw.events") == [("2",)]
