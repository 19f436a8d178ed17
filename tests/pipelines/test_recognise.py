"""Files are recognised by their content wherever they sit and whatever their name, and every file of the
landing is accounted for in raw.landing_files with its status.

Fixtures reproduce the real layouts (Shopify's orders export header as in pipelines/sample/shopify.py: no
BOM, LF, timestamps `2017-03-04 10:15:00 -0500`; Meta's post export: UTF-8 with BOM, `Lifetime` rows) with
content written here, dated 2017 so nothing depends on the sample's year.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from pipelines.cli import main
from pipelines.files.landing import LandingFile
from pipelines.load import load
from pipelines.manifest import manifest_rows
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject
from pipelines.sample.shopify import OLD_HEADER
from tests.conftest import query

ORDER_FIELDS = {
    "Email": "ada@example.com",
    "Financial Status": "paid",
    "Currency": "CAD",
    "Subtotal": "40.00",
    "Shipping": "5.00",
    "Taxes": "5.85",
    "Total": "50.85",
    "Id": "5101",
    "Source": "web",
}


def order_csv(orders: list[tuple[str, str, list[tuple[str, str]]]], header: list[str] = OLD_HEADER) -> bytes:
    """A Shopify orders export: one row per line item; order-level fields only on an order's first row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for name, created, lines in orders:
        for position, (item, price) in enumerate(lines):
            row = {"Name": name, "Created at": created, "Lineitem quantity": "1", "Lineitem name": item}
            row["Lineitem price"] = price
            if position == 0:
                row |= ORDER_FIELDS | {"Total": price if len(lines) == 1 else ORDER_FIELDS["Total"]}
            writer.writerow(row)
    return out.getvalue().encode("utf-8")


def instagram_export() -> bytes:
    header = (
        "Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,Permalink,"
        "Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves\n"
    )
    row = (
        '17900000000000001,17841400000000009,northwind.kayaks,Northwind Kayaks,"Spring paddles, 1st run",0,'
        "03/05/2017 09:30,https://www.instagram.com/p/Bx1/,IG image,,Lifetime,420,300,31,2,1,4,6\n"
    )
    return ("\ufeff" + header + row).encode("utf-8")


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2017, 4, 2, 9, 0, 0)), data)
    return buffer.getvalue()


def mixed_landing(root: Path) -> Path:
    """Real-world names in the wrong places, plus files that are not data at all."""
    landing = root / "landing"
    write(
        landing / "orders_export_1 (1).csv",
        order_csv(
            [
                ("#1001", "2017-03-04 10:15:00 -0500", [("Dry bag 20L", "30.00"), ("Paddle leash", "10.00")]),
                ("#1002", "2017-03-05 08:00:00 -0500", [("Spray skirt", "80.00")]),
            ]
        ),
    )
    write(
        landing / "commerce" / "Shopify_orders_export_2.csv",
        order_csv([("#1003", "2017-03-06 12:30:00 -0500", [("Bilge pump", "45.00")])]),
    )
    write(
        landing / "downloads" / "orders_export.zip",
        zip_bytes(
            {
                "orders_export_1.csv": order_csv(
                    [("#1004", "2017-03-07 09:00:00 -0500", [("Helmet", "60.00")])]
                ),
                "orders_export_2.csv": order_csv(
                    [("#1005", "2017-03-08 09:00:00 -0500", [("PFD", "120.00")])]
                ),
                "__MACOSX/._orders_export_1.csv": b"\x00\x05\x16\x07",
                "read me.pdf": b"%PDF-1.4\n%fake\n",
            }
        ),
    )
    meta = landing / "commerce" / "Mar-01-2017_Mar-31-2017_1234567890.csv"
    write(meta, instagram_export())
    downloaded = datetime(2017, 4, 2, 9, 0, tzinfo=UTC).timestamp()
    os.utime(meta, (downloaded, downloaded))
    write(landing / ".DS_Store", b"\x00\x00\x00\x01Bud1\x00")
    write(landing / "notes" / "brief.pdf", b"%PDF-1.7\n1 0 obj\n")
    write(landing / "settings" / "holidays.yml", b"country: CA\nsubdivision: ON\n")
    broken = [c if c != "Total" else "Order Total" for c in OLD_HEADER]
    write(
        landing / "commerce" / "orders_export_3.csv",
        order_csv([("#1006", "2017-03-09 09:00:00 -0500", [("Map case", "25.00")])], header=broken),
    )
    write(
        landing / "ga4_traffic.csv",
        b"# ----\n# Traffic acquisition\n# ----\nSession source,Sessions\nig,12\n",
    )
    return landing


def test_orders_exports_are_found_by_content_whatever_their_name_or_folder(tmp_path):
    landing = mixed_landing(tmp_path)
    warehouse = tmp_path / "w.duckdb"

    report = load(str(landing), warehouse)

    assert not report.ok  # orders_export_3.csv and ga4_traffic.csv are rejected
    assert query(
        warehouse,
        "select order_name, line_index, lineitem_name, created_at::varchar, _source_file "
        "from raw.shopify_order_lines order by 1, 2",
    ) == [
        ("#1001", 1, "Dry bag 20L", "2017-03-04 15:15:00+00", "orders_export_1 (1).csv"),
        ("#1001", 2, "Paddle leash", "2017-03-04 15:15:00+00", "orders_export_1 (1).csv"),
        ("#1002", 1, "Spray skirt", "2017-03-05 13:00:00+00", "orders_export_1 (1).csv"),
        ("#1003", 1, "Bilge pump", "2017-03-06 17:30:00+00", "commerce/Shopify_orders_export_2.csv"),
        ("#1004", 1, "Helmet", "2017-03-07 14:00:00+00", "downloads/orders_export.zip::orders_export_1.csv"),
        ("#1005", 1, "PFD", "2017-03-08 14:00:00+00", "downloads/orders_export.zip::orders_export_2.csv"),
    ]
    assert query(
        warehouse,
        "select post_id, period_kind, views, reach, account_username, _source_file "
        "from raw.meta_instagram_posts",  # the snapshot date is the Meta loader's business, not recognition's
    ) == [
        (
            "17900000000000001",
            "lifetime",
            420,
            300,
            "northwind.kayaks",
            "commerce/Mar-01-2017_Mar-31-2017_1234567890.csv",
        )
    ]


def test_every_file_is_accounted_for_with_its_status(tmp_path):
    landing = mixed_landing(tmp_path)
    warehouse = tmp_path / "w.duckdb"
    load(str(landing), warehouse)

    rows = query(
        warehouse,
        "select relative_path, status, target_table, rows_loaded, rows_rejected, is_rejected "
        "from raw.landing_files order by 1",
    )
    assert rows == [
        (".DS_Store", "not_used", "", 0, 0, False),
        ("commerce/Mar-01-2017_Mar-31-2017_1234567890.csv", "loaded", "meta_instagram_posts", 1, 0, False),
        ("commerce/Shopify_orders_export_2.csv", "loaded", "shopify_order_lines", 1, 0, False),
        ("commerce/orders_export_3.csv", "rejected", "", 0, 0, True),
        ("downloads/orders_export.zip::__MACOSX/._orders_export_1.csv", "not_used", "", 0, 0, False),
        ("downloads/orders_export.zip::orders_export_1.csv", "loaded", "shopify_order_lines", 1, 0, False),
        ("downloads/orders_export.zip::orders_export_2.csv", "loaded", "shopify_order_lines", 1, 0, False),
        ("downloads/orders_export.zip::read me.pdf", "not_used", "", 0, 0, False),
        ("ga4_traffic.csv", "rejected", "", 0, 0, True),
        ("notes/brief.pdf", "not_used", "", 0, 0, False),
        ("orders_export_1 (1).csv", "loaded", "shopify_order_lines", 3, 0, False),
        ("settings/holidays.yml", "settings", "", 0, 0, False),
    ]
    reasons = dict(query(warehouse, "select relative_path, reason from raw.landing_files"))
    assert reasons[".DS_Store"] == ".DS_Store: macOS folder metadata, not data"
    assert reasons["notes/brief.pdf"] == "a PDF document"
    assert reasons["downloads/orders_export.zip::read me.pdf"] == "a PDF document, not a table"
    assert reasons["settings/holidays.yml"] == "the user's settings folder"
    # an unrecognised file names the closest layout and what differs
    broken = reasons["commerce/orders_export_3.csv"]
    assert broken.startswith("the header matches no known layout (tried: ")
    assert (
        "; closest: Shopify orders export (24 of its columns found); missing: Total; unknown columns: Order Total, "
        in broken
    )
    assert "first row: # ----" in reasons["ga4_traffic.csv"]
    assert query(
        warehouse, "select file, line, field from raw.load_rejects where is_file_rejected order by 1"
    ) == [("commerce/orders_export_3.csv", 0, "Total"), ("ga4_traffic.csv", 0, "")]
    layouts = dict(
        query(warehouse, "select relative_path, layout from raw.landing_files where status = 'loaded'")
    )
    assert layouts["commerce/Mar-01-2017_Mar-31-2017_1234567890.csv"] == "Meta Business Suite Instagram posts"
    assert layouts["orders_export_1 (1).csv"] == "Shopify orders export"


def test_rerun_marks_loaded_files_unchanged_and_reads_rejected_files_again(tmp_path):
    landing = mixed_landing(tmp_path)
    warehouse = tmp_path / "w.duckdb"
    load(str(landing), warehouse)

    again = load(str(landing), warehouse)

    assert again.rows == {} and again.files_skipped == 5
    statuses = dict(query(warehouse, "select relative_path, status from raw.landing_files"))
    assert statuses["orders_export_1 (1).csv"] == "unchanged"
    assert statuses["commerce/orders_export_3.csv"] == "rejected"  # read again, still rejected
    assert query(
        warehouse, "select rows_loaded from raw.landing_files where relative_path = 'orders_export_1 (1).csv'"
    ) == [(3,)]  # an unchanged file keeps the counts of the load that read it
    assert [r["relative_path"] for r in again.rejected_files] == [
        "commerce/orders_export_3.csv",
        "ga4_traffic.csv",
    ]


def test_a_file_all_of_whose_rows_are_rejected_fails_the_load(tmp_path, capfd):
    landing = tmp_path / "landing"
    write(
        landing / "my costs 2017.csv",
        b"month,category,platform,campaign,amount,currency\n2017-01,ad_spend,instagram,spring,abc,CAD\n"
        b"2017-02,ad_spend,instagram,spring,12..5,CAD\n",
    )
    warehouse = tmp_path / "w.duckdb"

    code = main(["load", "--landing", str(landing), "--warehouse", str(warehouse)])

    assert code == 1
    err = capfd.readouterr().err
    assert "my costs 2017.csv" in err and "status=rejected" in err
    assert query(
        warehouse,
        "select relative_path, status, rows_loaded, rows_rejected, is_rejected from raw.landing_files",
    ) == [("my costs 2017.csv", "rejected", 0, 2, True)]
    ((reason,),) = query(warehouse, "select reason from raw.landing_files")
    assert reason.startswith("all rows rejected (2); first: my costs 2017.csv, line 2, field 'amount'")


def test_json_lines_are_told_apart_by_their_keys(tmp_path):
    landing = tmp_path / "landing"
    write(
        landing / "commerce" / "export.jsonl",
        b'{"event_id":"e1","event_name":"x.dm_received","occurred_at":"2017-05-01T10:00:00Z",'
        b'"conversation_id":"c1","message_id":"m1","user_id":"u1","actor":"customer"}\n',
    )
    write(
        landing / "journeys from app.jsonl",
        b'{"order_id":"5101","customerOrderIndex":1,"daysToConversion":2,"firstVisit":null,"lastVisit":null}\n',
    )
    write(landing / "other.jsonl", b'{"id":1,"name":"not ours"}\n')
    warehouse = tmp_path / "w.duckdb"

    report = load(str(landing), warehouse)

    assert report.rows == {"events": 1, "shopify_order_journeys": 1}
    assert query(
        warehouse, "select relative_path, status, target_table from raw.landing_files order by 1"
    ) == [
        ("commerce/export.jsonl", "loaded", "events"),
        ("journeys from app.jsonl", "loaded", "shopify_order_journeys"),
        ("other.jsonl", "rejected", ""),
    ]
    ((reason,),) = query(
        warehouse, "select reason from raw.landing_files where relative_path = 'other.jsonl'"
    )
    assert reason.endswith("first object's keys: id, name")


def test_notes_about_loaded_files_are_kept_in_the_manifest():
    log = ReadLog()
    file = LandingFile("commerce/hubspot.csv", "file:///x", None, 10, None)  # type: ignore[arg-type]
    log.record(
        "hubspot", "hubspot_contacts", file, "abc", 4, [Reject("commerce/hubspot.csv", 3, "Email", "bad", "")]
    )
    log.note("commerce/hubspot.csv", "no `Lifecycle Stage` column: lifecycle KPIs stay empty")

    (row,) = manifest_rows(log, [], {}, loaded_at=None)  # type: ignore[arg-type]

    assert (row["status"], row["rows_loaded"], row["rows_rejected"]) == ("loaded", 4, 1)
    assert row["reason"] == "some rows rejected (1); first: commerce/hubspot.csv, line 3, field 'Email': bad"
    assert row["notes"] == "no `Lifecycle Stage` column: lifecycle KPIs stay empty"


def test_side_tables_are_not_used_and_a_lone_date_column_is_not_taken_for_youtube(tmp_path):
    """A YouTube zip at the root: its chart data and totals are recognised and not used; a TikTok
    FollowerGender.csv kept loose is not used either; a stranger's `Date,Sessions` CSV is rejected, not
    mistaken for YouTube chart data."""
    landing = tmp_path / "landing"
    table = (
        "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers\n"
        "Total,,,,130,6.5,3\n"
        'yT2017aaaaa,Rolling a sea kayak,"Mar 2, 2017",412,130,6.5,3\n'
    )
    write(
        landing / "Content 2017-03-01_2017-03-31 Northwind.zip",
        zip_bytes(
            {
                "Table data.csv": table.encode(),
                "Chart data.csv": b"Date,Content,Video title,Views\n2017-03-02,yT2017aaaaa,Rolling a sea kayak,130\n",
                "Totals.csv": b"Date,Views\n2017-03-02,130\n",
            }
        ),
    )
    write(
        landing / "tiktok" / "FollowerGender.csv",
        b'"Gender","Distribution"\n"Female","0.61"\n"Male","0.39"\n',
    )
    write(landing / "sessions.csv", b"Date,Sessions\n2017-03-02,14\n")
    warehouse = tmp_path / "w.duckdb"

    report = load(str(landing), warehouse)

    assert report.rows == {"youtube_videos": 1}
    assert query(
        warehouse, "select video_id, views, range_start::varchar, range_end::varchar from raw.youtube_videos"
    ) == [("yT2017aaaaa", 130, "2017-03-01", "2017-03-31")]
    ((sessions,),) = query(
        warehouse, "select reason from raw.landing_files where relative_path = 'sessions.csv'"
    )
    rows = query(warehouse, "select relative_path, status, reason from raw.landing_files order by 1")
    zip_name = "Content 2017-03-01_2017-03-31 Northwind.zip"
    assert [(path, status) for path, status, _ in rows[:4]] == [
        (f"{zip_name}::Chart data.csv", "not_used"),
        (f"{zip_name}::Table data.csv", "loaded"),
        (f"{zip_name}::Totals.csv", "not_used"),
        ("sessions.csv", "rejected"),
    ]
    # what a side table is comes from the family's own declaration (its layout's notes, when it has them)
    assert rows[0][2].startswith("YouTube chart data (Date, Content, …): per-day chart data")
    assert rows[2][2].startswith("YouTube totals (Date, …): the export's per-day totals")
    assert rows[3][2] == sessions
    assert (
        sessions.startswith("the header matches no known layout") and "unknown columns: Sessions" in sessions
    )
    assert query(
        warehouse, "select status, reason from raw.landing_files where relative_path like 'tiktok/%'"
    ) == [
        (
            "not_used",
            "TikTok FollowerGender (Gender, Distribution): follower gender shares, not used by any KPI",
        )
    ]
