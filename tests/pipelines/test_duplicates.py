"""Which copy of a merge key loads does not depend on file names, arrival order or the number of runs, and
the losing copy is kept in rejects with its reason (issue 13, pipelines/duplicates.py)."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.duplicates import settle
from pipelines.files.landing import LandingFile
from pipelines.load import load
from pipelines.readlog import ReadLog
from tests.conftest import query
from tests.pipelines.test_commerce_exports import (
    CONTACT_VIEW,
    HEADER_79,
    hubspot_csv,
    item,
    order,
    shopify_csv,
)
from tests.pipelines.test_load import event, write_jsonl

RULE = "latest occurred_at, then content hash"
# Two deliveries of the same events: e1 corrected later (a later occurred_at wins whoever comes first),
# e2 re-sent with another user id at the same time (the content hash decides, the same way every time),
# e3 identical (counted as a duplicate, no reject), plus one event each file has alone.
OLD = [
    event("e1", "instagram.dm_received", "2017-03-01T09:00:00Z", "customer", user_id="u-old"),
    event("e2", "instagram.dm_received", "2017-03-01T10:00:00Z", "customer", user_id="u-a"),
    event("e3", "instagram.dm_received", "2017-03-01T11:00:00Z", "customer"),
    event("e4", "instagram.dm_received", "2017-03-01T12:00:00Z", "customer"),
]
NEW = [
    event("e1", "instagram.dm_received", "2017-03-01T09:05:00Z", "customer", user_id="u-new"),
    event("e2", "instagram.dm_received", "2017-03-01T10:00:00Z", "customer", user_id="u-b"),
    event("e3", "instagram.dm_received", "2017-03-01T11:00:00Z", "customer"),
    event("e5", "instagram.dm_received", "2017-03-01T13:00:00Z", "customer"),
]
EVENTS_SQL = (
    "select event_id, occurred_at::varchar, user_id, _content_sha256 from raw.events "
    "where event_id not in ('e3') order by event_id"
)


def two_files(landing: Path, first: str, second: str) -> None:
    write_jsonl(landing / "events" / first, OLD)
    write_jsonl(landing / "events" / second, NEW)


def outcome(warehouse: Path) -> tuple:
    events = query(warehouse, EVENTS_SQL)
    e3 = query(warehouse, "select count(*) from raw.events where event_id = 'e3'")
    rejects = query(
        warehouse,
        "select line, reason, raw_record from raw.load_rejects where superseded_at is null order by line",
    )
    return events, e3, rejects


LINEAGE_SQL = (
    "select event_id, occurred_at, user_id, message_id, _source_file, _source_line from raw.events order by 1"
)
REJECTS_SQL = "select reject_id, file, line, reason, raw_record from raw.load_rejects order by 1"


def test_the_winner_is_the_same_whatever_the_names_the_order_or_the_runs(tmp_path):
    results, full, reports = {}, {}, {}
    for name, first, second in (("old_first", "a.jsonl", "b.jsonl"), ("new_first", "b.jsonl", "a.jsonl")):
        landing, warehouse = tmp_path / name / "landing", tmp_path / name / "w.duckdb"
        two_files(landing, first, second)
        reports[name] = load(str(landing), warehouse)
        results[name] = outcome(warehouse)
        full[name] = (query(warehouse, LINEAGE_SQL), query(warehouse, REJECTS_SQL))
    for name, first_rows in (("old_then_new", OLD), ("new_then_old", NEW)):  # two runs
        landing, warehouse = tmp_path / name / "landing", tmp_path / name / "w.duckdb"
        write_jsonl(landing / "events" / ("a.jsonl" if first_rows is OLD else "b.jsonl"), first_rows)
        load(str(landing), warehouse)
        write_jsonl(
            landing / "events" / ("b.jsonl" if first_rows is OLD else "a.jsonl"),
            NEW if first_rows is OLD else OLD,
        )
        assert load(str(landing), warehouse).files_skipped == 1
        results[name] = outcome(warehouse)
        full[name] = (query(warehouse, LINEAGE_SQL), query(warehouse, REJECTS_SQL))

    events, e3, rejects = results["old_first"]
    # e1: the later occurred_at wins; e2: one of the two, the same one everywhere; e4, e5 both kept
    assert [row[:3] for row in events][0] == ("e1", "2017-03-01 09:05:00+00", "u-new")
    assert [row[0] for row in events] == ["e1", "e2", "e4", "e5"]
    assert events[1][2] in {"u-a", "u-b"} and e3 == [(1,)]
    # the two losing copies of different content are rejected, naming the winner; the identical e3 is not
    assert len(rejects) == 2
    assert all(
        reason.startswith("duplicate of events/") and reason.endswith(f"({RULE})") for _, reason, _ in rejects
    )
    assert {'"u-old"' in raw for *_, raw in rejects} == {True, False}
    for name in ("new_first", "old_then_new", "new_then_old"):
        other_events, other_e3, other_rejects = results[name]
        assert other_events == events, name
        assert other_e3 == e3, name
        assert [raw for *_, raw in other_rejects] == [raw for *_, raw in rejects], name
    # the same files under the same names in one run or in two (either order): identical raw rows with
    # their lineage, identical rejects (reject ids, lines, reasons)
    assert full["old_then_new"] == full["old_first"]
    assert full["new_then_old"] == full["old_first"]

    # counted per file: each file held 4; 3 rows lost in all (e1 and e2 once each, e3's identical copy)
    counts = {row["relative_path"]: row for row in reports["old_first"].files}
    for path in ("events/a.jsonl", "events/b.jsonl"):
        row = counts[path]
        assert row["rows_in"] == 4 and row["rows_rejected"] == 0
        assert row["rows_in"] == row["rows_loaded"] + row["rows_rejected"] + row["rows_duplicate"]
    assert counts["events/a.jsonl"]["rows_duplicate"] + counts["events/b.jsonl"]["rows_duplicate"] == 3
    assert reports["old_first"].duplicates == {"events": 3}
    assert [row[0] for row in full["old_first"][0]] == ["e1", "e2", "e3", "e4", "e5"]


def test_a_copy_under_a_second_name_changes_nothing(tmp_path):
    landing, warehouse = tmp_path / "landing", tmp_path / "w.duckdb"
    write_jsonl(landing / "events" / "week.jsonl", [*OLD, "{broken"])
    load(str(landing), warehouse)
    before = (
        query(
            warehouse,
            "select * exclude (_loaded_at) from raw.events order by event_id",
        ),
        query(warehouse, "select reject_id, file, line, reason from raw.load_rejects order by 1"),
    )

    shutil.copy(landing / "events" / "week.jsonl", landing / "events" / "week (1).jsonl")
    shutil.copy(
        landing / "events" / "week.jsonl", landing / "events" / "aaa copy.jsonl"
    )  # sorts first: a copy
    report = load(str(landing), warehouse)

    after = (
        query(
            warehouse,
            "select * exclude (_loaded_at) from raw.events order by event_id",
        ),
        query(warehouse, "select reject_id, file, line, reason from raw.load_rejects order by 1"),
    )
    assert after == before
    assert len(before[1]) == 1  # the broken line, once
    assert query(
        warehouse,
        "select relative_path, status, reason, rows_in, rows_loaded, rows_rejected, rows_duplicate "
        "from raw.landing_files order by 1",
    ) == [
        ("events/aaa copy.jsonl", "duplicate_file", "same content as events/week.jsonl", 5, 0, 0, 5),
        ("events/week (1).jsonl", "duplicate_file", "same content as events/week.jsonl", 5, 0, 0, 5),
        ("events/week.jsonl", "loaded", "some rows rejected (1); first: events/week.jsonl, line 5: "
         "not valid JSON: Expecting property name enclosed in double quotes (column 2)", 5, 4, 1, 0),
    ]  # fmt: skip
    assert report.rows == {"events": 4}


def test_a_copy_in_the_same_first_run_is_read_once_under_the_smallest_path(tmp_path):
    landing, warehouse = tmp_path / "landing", tmp_path / "w.duckdb"
    write_jsonl(landing / "events" / "b.jsonl", [*OLD, "{broken"])
    shutil.copy(landing / "events" / "b.jsonl", landing / "events" / "a.jsonl")

    report = load(str(landing), warehouse)

    assert report.rows == {"events": 4}
    assert query(warehouse, "select distinct _source_file from raw.events") == [("events/a.jsonl",)]
    assert query(warehouse, "select file, line from raw.load_rejects") == [("events/a.jsonl", 5)]
    statuses = {row["relative_path"]: (row["status"], row["reason"]) for row in report.files}
    assert statuses["events/b.jsonl"] == ("duplicate_file", "same content as events/a.jsonl")


def test_rows_of_one_file_that_share_a_record_id_are_not_silently_collapsed(tmp_path):
    """A HubSpot view exported with an extra column (here `Lead Status` per pipeline) repeats a Record ID
    with other values: the key keeps one row, the other is counted and rejected with the reason."""
    landing, warehouse = tmp_path / "landing", tmp_path / "w.duckdb"
    landing.mkdir()
    base = [
        "",
        "Ada",
        "Example",
        "ada@example.com",
        "",
        "",
        "",
        "",
        "",
        "Marketing contact",
        "2017-05-02 14:03",
        "",
    ]
    first = ["301", *base[1:8], "New", *base[9:]]
    second = ["301", *base[1:8], "Open", *base[9:]]
    other = ["302", "Bo", "Placeholder", "bo@example.org", *base[4:]]
    (landing / "contacts.csv").write_bytes(hubspot_csv(CONTACT_VIEW, [first, other, second, first]))

    report = load(str(landing), warehouse)

    assert query(warehouse, "select contact_id from raw.hubspot_contacts order by 1") == [("301",), ("302",)]
    (row,) = [f for f in report.files if f["relative_path"] == "contacts.csv"]
    # 4 records: 2 loaded, 2 merged (line 5 repeats line 2 exactly; lines 2 and 4 differ in Lead Status)
    assert (row["rows_in"], row["rows_loaded"], row["rows_rejected"], row["rows_duplicate"]) == (4, 2, 0, 2)
    rejects = query(warehouse, "select file, line, reason, raw_record from raw.load_rejects order by line")
    ((status, line_kept),) = query(
        warehouse, "select lead_status, _source_line from raw.hubspot_contacts where contact_id = '301'"
    )
    # the winner is the same content every time; among equal copies the first line; every loser whose
    # content differs from the winner is rejected naming it, an exact copy of the winner is not
    reason = f"duplicate of contacts.csv, line {line_kept} (content hash)"
    if status == "New":
        assert line_kept == 2
        assert [(f, n, r) for f, n, r, _ in rejects] == [("contacts.csv", 4, reason)]
        assert '"Open"' in rejects[0][3]
    else:
        assert (status, line_kept) == ("Open", 4)
        assert [(f, n, r) for f, n, r, _ in rejects] == [
            ("contacts.csv", 2, reason),
            ("contacts.csv", 5, reason),
        ]
        assert all('"New"' in raw for *_, raw in rejects)


ORDER_LINES_SQL = (
    "select order_name, line_index, line_index = 1, lineitem_name, lineitem_quantity, total_amount "
    "from raw.shopify_order_lines order by order_name, line_index, lineitem_name"
)


def split_order_files(landing: Path) -> dict[str, bytes]:
    """Order #1001 straddles two exports (a large export split by Shopify): its first line and one more in
    the first file, its third line opening the second file, with the order fields blank as Shopify writes
    a continuation row; the second file also holds #1002."""
    head = order("#1001", "2017-03-04 10:15:00 -0500", "USD", "57.00", Email="ada@example.com", Id="501")
    continuation = {"Name": "#1001", "Email": "ada@example.com", "Created at": "2017-03-04 10:15:00 -0500"}
    first = shopify_csv(
        HEADER_79,
        [[head | item(2, "Canvas Tote - Natural", "20.00", "TOTE-N"), item(1, "Enamel Mug", "5.00", "MUG")]],
    )
    second = shopify_csv(
        HEADER_79,
        [
            [continuation | item(1, "Sticker Sheet", "12.00", "STICK")],
            [
                order("#1002", "2017-03-05 09:00:00 -0500", "USD", "5.00", Id="502")
                | item(1, "Enamel Mug", "5.00", "MUG")
            ],
        ],
    )
    return {"orders_export_1.csv": first, "orders_export_2.csv": second}


def test_an_order_split_across_two_files_loads_every_line_in_one_run_or_two(tmp_path):
    files = split_order_files(tmp_path)
    expected = [
        ("#1001", 1, True, "Canvas Tote - Natural", 2, 57),
        ("#1001", 2, False, "Enamel Mug", 1, None),
        ("#1001", 2, False, "Sticker Sheet", 1, None),  # position 2 of its own file; never a first line
        ("#1002", 1, True, "Enamel Mug", 1, 5),
    ]
    one_landing, one = tmp_path / "one" / "landing", tmp_path / "one" / "w.duckdb"
    one_landing.mkdir(parents=True)
    for name, data in files.items():
        (one_landing / name).write_bytes(data)
    report = load(str(one_landing), one)
    assert query(one, ORDER_LINES_SQL) == expected
    assert report.duplicates == {
        "shopify_order_lines": 0,
        "shopify_order_journeys": 0,
    } or report.duplicates == {"shopify_order_lines": 0}

    two_landing, two = tmp_path / "two" / "landing", tmp_path / "two" / "w.duckdb"
    two_landing.mkdir(parents=True)
    for name in ("orders_export_2.csv", "orders_export_1.csv"):  # the later file first, then the earlier
        (two_landing / name).write_bytes(files[name])
        load(str(two_landing), two)
    assert query(two, ORDER_LINES_SQL) == expected
    # the whole export downloaded again in one file: every line merges onto its own, nothing doubles
    (two_landing / "orders_export_all.csv").write_bytes(
        files["orders_export_1.csv"] + files["orders_export_2.csv"].split(b"\n", 1)[1]
    )
    again = load(str(two_landing), two)
    rows = query(two, ORDER_LINES_SQL)
    # the sticker is line 3 of the whole export: the two versions of that line differ (2 or 3) and the
    # content hash picks one; identical lines keep the earlier files' copies (the smallest path)
    sticker = [r for r in rows if r[3] == "Sticker Sheet"]
    assert [r for r in rows if r[3] != "Sticker Sheet"] == [r for r in expected if r[3] != "Sticker Sheet"]
    assert len(sticker) == 1 and sticker[0][1] in (2, 3)
    (row,) = [f for f in again.files if f["relative_path"] == "orders_export_all.csv"]
    won = 1 if sticker[0][1] == 3 else 0
    assert (row["rows_in"], row["rows_loaded"], row["rows_rejected"], row["rows_duplicate"]) == (
        4,
        won,
        0,
        4 - won,
    )
    assert query(two, "select count(*) from raw.load_rejects") == [(1,)]  # the losing sticker line


def test_a_linkedin_snapshot_date_comes_from_the_content_not_the_file_time(tmp_path):
    """A LinkedIn posts sheet saved as CSV under a name without LinkedIn's stamp: its snapshot date is
    its newest post's date, the same whatever the file's time, so a copy (new time) moves nothing."""
    from tests.pipelines.test_content_exports import LI_POSTS_HEADER

    old_header = [h.replace("Post", "Update").replace("Reposts", "Shares") for h in LI_POSTS_HEADER]
    row = "{title},https://www.linkedin.com/feed/update/urn:li:share:{n},Organic,,Ana,{day},,,All followers,500,,,10,0.02,8,1,3,0,0.044,Text"
    text = "\n".join(
        [",".join(old_header), row.format(title="Hello", n="6990000000000000001", day="03/15/2017"),
         row.format(title="Later", n="6990000000000000002", day="04/02/2017")]
    ) + "\n"  # fmt: skip
    results = []
    for name, mtime in (("first", 1_900_000_000), ("second", 1_500_000_000)):
        folder = tmp_path / name / "landing" / "content" / "linkedin"
        folder.mkdir(parents=True)
        path = folder / "page posts.csv"
        path.write_text(text)
        os.utime(path, (mtime, mtime))
        warehouse = tmp_path / name / "w.duckdb"
        assert load(str(tmp_path / name / "landing"), warehouse).ok
        results.append(
            query(warehouse, "select post_id, snapshot_date::varchar from raw.linkedin_posts order by 1")
        )
    assert (
        results[0]
        == results[1]
        == [
            ("urn:li:share:6990000000000000001", "2017-04-02"),
            ("urn:li:share:6990000000000000002", "2017-04-02"),
        ]
    )


def settle_files(files: list[tuple[str, list[tuple]]], warehouse: Path):
    """Run the rule on in-memory event batches, one per file, as the load step does before dlt."""
    log = ReadLog()
    tables = []
    for name, records in files:
        log.record("events", "events", LandingFile(name, "", None, 0, None), name, len(records), [])  # type: ignore[arg-type]
        tables.append(
            pa.table(
                {
                    "event_id": pa.array([r[0] for r in records], pa.string()),
                    "occurred_at": pa.array(
                        [datetime(2017, 1, 1, r[1]) for r in records], pa.timestamp("us")
                    ),
                    "user_id": pa.array([r[2] for r in records], pa.string()),
                    "_source_file": pa.array([name] * len(records), pa.string()),
                    "_source_line": pa.array(range(1, len(records) + 1), pa.int64()),
                }
            )
        )
    settled = settle(tables, "events", ("event_id",), warehouse, log, "events")
    kept = sorted(
        (row["event_id"], row["occurred_at"].hour, row["user_id"])
        for table in settled.tables
        for row in table.to_pylist()
    )
    return kept, log


RECORD = st.tuples(st.sampled_from(["e1", "e2", "e3"]), st.integers(0, 2), st.sampled_from(["u1", "u2"]))


@settings(max_examples=25, deadline=None, derandomize=True)
@given(a=st.lists(RECORD, max_size=6), b=st.lists(RECORD, max_size=6))
def test_the_rule_keeps_one_latest_copy_per_key_whatever_the_order_and_accounts_every_row(
    a, b, tmp_path_factory
):
    warehouse = tmp_path_factory.mktemp("none") / "absent.duckdb"  # no earlier rows
    forward, log = settle_files([("a.jsonl", a), ("b.jsonl", b)], warehouse)
    backward, _ = settle_files([("b.jsonl", b), ("a.jsonl", a)], warehouse)

    assert forward == backward
    everything = a + b
    assert [k[0] for k in forward] == sorted({r[0] for r in everything})  # one row per event_id
    for event_id, hour, _ in forward:  # the latest occurred_at of that event wins
        assert hour == max(r[1] for r in everything if r[0] == event_id)
    for read in log.files:  # every row of every file is loaded or merged as a duplicate
        assert read.rows_in == read.rows_loaded + read.rows_rejected + read.rows_duplicate
    assert sum(read.rows_loaded for read in log.files) == len(forward)
    # a losing copy is rejected exactly when its content differs from the winner's
    winners = {k[0]: k for k in forward}
    losers = len(everything) - len(forward)
    identical_losers = sum(1 for r in everything if winners[r[0]] == r) - len(forward)
    assert len(log.rejects) == losers - identical_losers
