"""The load step against a real DuckDB file: merges, rejects, unchanged files, missing families, exit codes."""

from __future__ import annotations

import gzip
import json
import os
from datetime import datetime
from pathlib import Path

from pipelines.cli import main
from pipelines.load import load
from tests.conftest import query


def event(event_id: str, name: str, at: str, actor: str, conversation: str = "c1", **extra) -> dict:
    base = {
        "event_id": event_id,
        "event_name": name,
        "occurred_at": at,
        "conversation_id": conversation,
        "message_id": f"m-{event_id}",
        "user_id": "u1",
        "actor": actor,
    }
    return base | extra


def write_jsonl(path: Path, records: list, gz: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"
    path.write_bytes(gzip.compress(lines.encode()) if gz else lines.encode())


def test_events_merge_on_event_id_and_rejects_keep_file_line_field(tmp_path):
    landing = tmp_path / "landing"
    good = [
        event("e1", "instagram.dm_received", "2026-09-01T09:00:00-04:00", "customer"),
        event("e2", "instagram.auto_reply_sent", "2026-09-01T13:01:00Z", "bot"),
    ]
    write_jsonl(
        landing / "events" / "a.jsonl",
        [*good, good[0], "{not json", event("e3", "instagram.dm_received", "soon", "customer")],
    )
    write_jsonl(
        landing / "events" / "b.jsonl.gz",
        [good[1], event("e4", "x.dm_received", "2026-09-01T10:00:00Z", "robot")],
        gz=True,
    )
    warehouse = tmp_path / "w.duckdb"

    report = load(str(landing), warehouse)

    assert report.rows == {"events": 2}
    assert report.rejected == {"events": 3}
    assert query(warehouse, "select event_id, occurred_at::varchar from raw.events order by 1") == [
        ("e1", "2026-09-01 13:00:00+00"),
        ("e2", "2026-09-01 13:01:00+00"),
    ]
    rejects = query(warehouse, "select file, line, field from raw.load_rejects order by file, line")
    assert rejects == [
        ("events/a.jsonl", 4, ""),
        ("events/a.jsonl", 5, "occurred_at"),
        ("events/b.jsonl.gz", 2, "actor"),
    ]


def test_rerun_skips_unchanged_files_and_a_changed_file_merges_without_doubling(tmp_path):
    landing = tmp_path / "landing"
    path = landing / "events" / "a.jsonl"
    write_jsonl(path, [event("e1", "facebook.dm_received", "2026-09-01T09:00:00Z", "customer"), "bad"])
    warehouse = tmp_path / "w.duckdb"
    load(str(landing), warehouse)

    write_jsonl(
        landing / "events" / "clean.jsonl",
        [event("e9", "facebook.dm_received", "2026-09-02T09:00:00Z", "customer")],
    )
    load(str(landing), warehouse)

    again = load(str(landing), warehouse)
    # a clean file is skipped; a file with a rejected row is read again (issue 13: the manifest records what
    # LOADED): its reject repeats, merged on reject_id, never doubled
    assert again.files_skipped == 1 and again.rows == {"events": 1}
    assert query(
        warehouse,
        "select relative_path, status, rows_in, rows_loaded, rows_rejected, rows_duplicate "
        "from raw.landing_files order by 1",
    ) == [("events/a.jsonl", "loaded", 2, 1, 1, 0), ("events/clean.jsonl", "unchanged", 1, 1, 0, 0)]

    write_jsonl(
        path,
        [
            event("e1", "facebook.dm_received", "2026-09-01T09:00:00Z", "customer"),
            "bad",
            event("e2", "facebook.dm_response_sent", "2026-09-01T09:05:00Z", "agent"),
        ],
    )
    changed = load(str(landing), warehouse)
    assert changed.rows == {"events": 2}
    assert query(warehouse, "select count(*) from raw.events") == [(3,)]
    assert query(warehouse, "select count(*) from raw.load_rejects") == [(1,)]

    refreshed = load(str(landing), warehouse, full_refresh=True)
    assert refreshed.files_skipped == 0
    assert query(warehouse, "select count(*) from raw.events") == [(3,)]


def test_meta_lifetime_snapshots_keep_one_row_per_post_and_download(tmp_path):
    folder = tmp_path / "landing" / "content" / "instagram"
    folder.mkdir(parents=True)
    header = "\ufeffPost ID,Publish time,Date,{views},Reach,Likes\n"
    (folder / "Aug-01-2026_Aug-08-2026_1.csv").write_text(
        header.format(views="Impressions") + "17841400000000001,08/03/2026 10:00,Lifetime,100,80,5\n"
    )
    (folder / "Aug-01-2026_Aug-15-2026_1.csv").write_text(
        header.format(views="Views")
        + "17841400000000001,08/03/2026 10:00,Lifetime,250,150,9\nTotal,,,250,150,9\n"
    )
    (folder / "daily.csv").write_text(
        header.format(views="Views") + "17841400000000001,08/03/2026 10:00,08/04/2026,40,30,2\n"
    )
    # downloaded the day each range ended: the file times date the snapshots (pipelines/meta snapshot_date)
    for name, day in (("Aug-01-2026_Aug-08-2026_1.csv", 8), ("Aug-01-2026_Aug-15-2026_1.csv", 15)):
        moment = datetime(2026, 8, day, 18, 0).timestamp()
        os.utime(folder / name, (moment, moment))
    warehouse = tmp_path / "w.duckdb"
    load(str(tmp_path / "landing"), warehouse)
    rows = query(
        warehouse,
        "select period_kind, period_date::varchar, views, views_reported_as from raw.meta_instagram_posts order by 1, 2",
    )
    assert rows == [
        ("daily", "2026-08-04", 40, "Views"),
        ("lifetime", "2026-08-08", 100, "Impressions"),
        ("lifetime", "2026-08-15", 250, "Views"),
    ]


def test_missing_required_column_fails_the_load_step_naming_file_and_column(tmp_path, capfd):
    landing = tmp_path / "landing"
    write_jsonl(
        landing / "events" / "a.jsonl",
        [event("e1", "tiktok.dm_received", "2026-09-01T09:00:00Z", "customer")],
    )
    (landing / "costs").mkdir()
    (landing / "costs" / "costs.csv").write_text("month,category,currency\n2026-09,other,CAD\n")
    warehouse = tmp_path / "w.duckdb"

    code = main(["load", "--landing", str(landing), "--warehouse", str(warehouse)])

    assert code == 1
    err = capfd.readouterr().err
    assert "costs/costs.csv" in err and "amount" in err
    assert query(warehouse, "select count(*) from raw.events") == [(1,)]  # the good family still loaded
    assert query(warehouse, "select file, line, is_file_rejected from raw.load_rejects") == [
        ("costs/costs.csv", 0, True)
    ]
    assert query(
        warehouse, "select relative_path, status, is_rejected from raw.landing_files order by 1"
    ) == [
        ("costs/costs.csv", "rejected", True),
        ("events/a.jsonl", "loaded", False),
    ]


def test_files_in_no_family_folder_are_loaded_not_ignored(tmp_path):
    """Before, only `events/*.jsonl` was read: the same file at the landing root was ignored without a word."""
    landing = tmp_path / "landing"
    write_jsonl(
        landing / "exports" / "week 12 (copy).jsonl",
        [event("e1", "x.comment_received", "2017-03-20T09:00:00Z", "customer", content_id="p1")],
    )
    report = load(str(landing), tmp_path / "w.duckdb")
    assert report.ok and report.rows == {"events": 1}
    assert [(row["relative_path"], row["status"]) for row in report.files] == [
        ("exports/week 12 (copy).jsonl", "loaded")
    ]


def test_empty_landing_folder_is_a_clear_failure(tmp_path, capfd):
    (tmp_path / "landing").mkdir()
    code = main(["load", "--landing", str(tmp_path / "landing"), "--warehouse", str(tmp_path / "w.duckdb")])
    assert code == 1
    assert "no input files" in capfd.readouterr().err


def test_bad_arguments_exit_2(tmp_path):
    import pytest

    with pytest.raises(SystemExit) as raised:
        main(["load", "--no-such-flag"])
    assert raised.value.code == 2


def test_landing_may_be_an_fsspec_url(tmp_path):
    landing = tmp_path / "landing"
    write_jsonl(
        landing / "events" / "a.jsonl",
        [event("e1", "linkedin.dm_received", "2026-09-01T09:00:00Z", "customer")],
    )
    report = load(landing.as_uri(), tmp_path / "w.duckdb")
    assert report.rows == {"events": 1}
    assert query(tmp_path / "w.duckdb", "select _source_file from raw.events") == [("events/a.jsonl",)]
