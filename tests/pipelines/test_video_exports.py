"""LinkedIn, YouTube and TikTok exports as users actually keep them: LinkedIn's BIFF8 `.xls` beside `.xlsx`
and CSV, YouTube and TikTok exports unzipped, dates re-saved by a spreadsheet, year-less days of a 365-day
export crossing New Year, and several accounts in one landing. Every fixture is written here, byte for byte
in the real layout (sheet names, headers, description lines, quoting, encodings), with invented content;
each is loaded through the real loader into a DuckDB file and checked row for row.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import unicodedata
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import xlwt
from openpyxl import Workbook

from pipelines import tiktok, youtube
from pipelines.cli import main
from pipelines.files.accounts import account_of
from pipelines.files.landing import list_files
from pipelines.linkedin import page_from_name
from pipelines.load import load
from pipelines.readlog import ReadLog
from tests.conftest import query

LOADED_AT = datetime(2027, 1, 1)


def stamp(path: Path, when: datetime) -> None:
    os.utime(path, (when.timestamp(), when.timestamp()))


def write_zip(path: Path, members: dict[str, bytes], written: datetime) -> None:
    """A zip as the platform builds it: every entry stamped with the moment the export was made."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=written.timetuple()[:6]), data)


def write_loose(folder: Path, members: dict[str, bytes], modified: datetime) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in members.items():
        (folder / name).write_bytes(data)
        stamp(folder / name, modified)


def without(rows: list[tuple], *positions: int) -> list[tuple]:
    return [tuple(v for i, v in enumerate(row) if i not in positions) for row in rows]


# --- accounts -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("content/tiktok/brand_ca/export.zip::Overview.csv", "brand_ca"),
        ("content/tiktok/brand_fr/TikTok_Studio_Data_2026-10-01_2026-10-31/Overview.csv", "brand_fr"),
        ("content/tiktok/brand_fr/2026/Overview.csv", "brand_fr"),
        ("content/tiktok/Overview.csv", ""),
        ("content/tiktok/TikTok_Studio_Data_2026-10-01_2026-10-31.zip::Overview.csv", ""),
        ("content/tiktok/Overview_2026-06-18_1786845545_acme.coffee.zip::Overview.csv", "acme.coffee"),
        ("content/tiktok/Overview_2026-06-18_1786845545_acme.coffee/Overview.csv", "acme.coffee"),
        ("content/linkedin/acme-coffee_content_1790000000000.xls::Metrics", "acme-coffee"),
        ("content/linkedin/acme-coffee_followers_1790000000000 (1).xls::New followers", "acme-coffee"),
        ("content/linkedin/emea/acme-coffee_content_1790000000000.xls::Metrics", "emea"),
        ("content/linkedin/metrics.csv", ""),
        ("content/youtube/Content 2026-09-12_2026-10-01 Acme Channel.zip::Table data.csv", "Acme Channel"),
        ("content/youtube/Content 2026-09-12_2026-10-01 Acme Channel/Table data.csv", "Acme Channel"),
        ("content/youtube/Table data.csv", ""),
    ],
)
def test_account_comes_from_the_folder_else_the_platform_name_else_is_empty(path, expected):
    from_name = {
        "linkedin": page_from_name,
        "youtube": youtube.channel_from_name,
        "tiktok": tiktok.handle_from_name,
    }[path.split("/")[1]]
    assert account_of(path, from_name) == expected


# --- LinkedIn: .xls (BIFF8) as downloaded, .xlsx and CSV identical -------------------------------------

LI_DESCRIPTION = "Daily engagement for this page's posts, organic and sponsored."
LI_METRICS_HEADER = [
    "Date", "Impressions (organic)", "Impressions (sponsored)", "Impressions (total)",
    "Unique impressions (organic)", "Clicks (organic)", "Clicks (sponsored)", "Clicks (total)",
    "Reactions (organic)", "Reactions (sponsored)", "Reactions (total)", "Comments (organic)",
    "Comments (sponsored)", "Comments (total)", "Reposts (organic)", "Reposts (sponsored)", "Reposts (total)",
    "Engagement rate (organic)", "Engagement rate (sponsored)", "Engagement rate (total)",
]  # fmt: skip
LI_METRICS = [
    ["01/30/2017", 210, 0, 210, 150, 9, 0, 9, 12, 0, 12, 2, 0, 2, 1, 0, 1, 0.1143, 0, 0.1143],
    ["01/31/2017", 95, 400, 495, 70, 3, 20, 23, 4, 9, 13, 0, 1, 1, 0, 2, 2, 0.0737, 0.08, 0.0788],
]  # fmt: skip
LI_POSTS_DESCRIPTION = "Posts published in the selected period, with their lifetime metrics."
LI_POSTS_HEADER = [
    "Post title", "Post link", "Post type", "Campaign name", "Posted by", "Created date", "Campaign start date",
    "Campaign end date", "Audience", "Impressions", "Views", "Offsite Views", "Clicks",
    "Click through rate (CTR)", "Likes", "Comments", "Reposts", "Follows", "Engagement rate", "Content Type",
]  # fmt: skip
LI_POSTS = [
    ["Our new roastery, in pictures", "https://www.linkedin.com/feed/update/urn:li:activity:6232000000000000001",
     "Organic", "", "Marie Dupont", "01/30/2017", "", "", "All followers", 1840, "", "", 61, 0.0332, 44, 6, 3, 2,
     0.0620, "Image"],
    ["Hiring: head roaster", "https://www.linkedin.com/feed/update/urn:li:ugcPost:6232000000000000002",
     "Sponsored", "Hiring Q1", "Marie Dupont", "01/31/2017", "01/31/2017", "02/14/2017", "Toronto, 25-54", 5200,
     "", "", 140, 0.0269, 35, 4, 1, 9, 0.0344, "Text"],
]  # fmt: skip
LI_FOLLOWERS_HEADER = [
    "Date",
    "Sponsored followers",
    "Organic followers",
    "Auto-invited followers",
    "Total followers",
]
LI_FOLLOWERS = [["01/30/2017", 0, 5, 1, 6], ["01/31/2017", 2, 3, 0, 5]]
LI_LOCATION = [["Location", "Total followers"], ["Greater Toronto Area", 120], ["Montréal", 41]]
LI_SHEETS = {
    "content": {
        "Metrics": [[LI_DESCRIPTION], LI_METRICS_HEADER, *LI_METRICS],
        "All posts": [[LI_POSTS_DESCRIPTION], LI_POSTS_HEADER, *LI_POSTS],
    },
    "followers": {"New followers": [LI_FOLLOWERS_HEADER, *LI_FOLLOWERS], "Location": LI_LOCATION},
}
LI_DOWNLOAD_MS = 1486000000000  # 2017-02-02 01:46 UTC: the stamp LinkedIn puts in the file name


def xls_bytes(sheets: dict[str, list[list]]) -> bytes:
    """A genuine BIFF8 workbook (what LinkedIn downloads), written by xlwt."""
    book = xlwt.Workbook(encoding="utf-8")
    for title, rows in sheets.items():
        sheet = book.add_sheet(title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value != "":
                    sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append([None if v == "" else v for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_csv(rows: list[list]) -> bytes:
    """A sheet saved as CSV by Excel ("CSV UTF-8"): BOM, CRLF, numbers as displayed, quotes where needed."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


LI_EXPECTED_METRICS = [
    ("2017-01-30", 210, 0, 210, 150, 9, 12, 2, 1, 0, 1, 0.1143, 0.1143, "Reposts (total)"),
    ("2017-01-31", 95, 400, 495, 70, 23, 13, 1, 0, 2, 2, 0.0737, 0.0788, "Reposts (total)"),
]
LI_EXPECTED_POSTS = [
    ("urn:li:activity:6232000000000000001", "2017-02-02", "Our new roastery, in pictures", "Organic", None,
     "2017-01-30", None, None, 1840, 61, 0.0332, 44, 6, 3, 2, 0.062, "Image"),
    ("urn:li:ugcPost:6232000000000000002", "2017-02-02", "Hiring: head roaster", "Sponsored", "Hiring Q1",
     "2017-01-31", "2017-01-31", "2017-02-14", 5200, 140, 0.0269, 35, 4, 1, 9, 0.0344, "Text"),
]  # fmt: skip
LI_EXPECTED_FOLLOWERS = [("2017-01-30", 0, 5, 1, 6), ("2017-01-31", 2, 3, 0, 5)]


def linkedin_rows(warehouse: Path) -> tuple[list[tuple], list[tuple], list[tuple]]:
    metrics = query(
        warehouse,
        "select account, date::varchar, impressions_organic, impressions_sponsored, impressions_total, "
        "unique_impressions_organic, clicks_total, reactions_total, comments_total, reposts_organic, "
        "reposts_sponsored, reposts_total, engagement_rate_organic_fraction, engagement_rate_total_fraction, "
        "reposts_reported_as from raw.linkedin_metrics_daily order by date",
    )
    posts = query(
        warehouse,
        "select account, post_id, snapshot_date::varchar, post_title, post_type, campaign_name, "
        "created_on::varchar, campaign_start_on::varchar, campaign_end_on::varchar, impressions, clicks, "
        "ctr_fraction, likes, comments, reposts, follows, engagement_rate_fraction, content_type "
        "from raw.linkedin_posts order by post_id",
    )
    followers = query(
        warehouse,
        "select account, date::varchar, sponsored_followers, organic_followers, auto_invited_followers, "
        "total_followers from raw.linkedin_followers_daily order by date",
    )
    return metrics, posts, followers


@pytest.mark.parametrize("kind", ["xls", "xlsx", "csv"])
def test_linkedin_xls_as_downloaded_xlsx_and_csv_give_identical_rows(tmp_path, kind):
    landing = tmp_path / "landing"
    folder = landing / "content" / "linkedin"
    folder.mkdir(parents=True)
    if kind in {"xls", "xlsx"}:
        write = xls_bytes if kind == "xls" else xlsx_bytes
        for export, sheets in LI_SHEETS.items():
            # `.xlsx` as a user re-saves the download; the name (page, kind, stamp) is kept.
            (folder / f"acme-coffee_{export}_{LI_DOWNLOAD_MS}.{kind}").write_bytes(write(sheets))
    else:
        # CSVs saved from each sheet, kept in a folder named after the page (the account).
        page = folder / "acme-coffee"
        page.mkdir()
        for sheets in LI_SHEETS.values():
            for title, rows in sheets.items():
                (page / f"{title}.csv").write_bytes(sheet_csv(rows))
                stamp(page / f"{title}.csv", datetime(2017, 2, 2, 12))  # the download day
    if kind == "xls":
        assert (folder / f"acme-coffee_content_{LI_DOWNLOAD_MS}.xls").read_bytes()[:8] == bytes.fromhex(
            "d0cf11e0a1b11ae1"
        )  # a real OLE2 compound file, not an xlsx renamed
    warehouse = tmp_path / "w.duckdb"
    report = load(str(landing), warehouse)

    assert report.ok, report.file_rejects
    assert report.row_rejects == []
    metrics, posts, followers = linkedin_rows(warehouse)
    assert metrics == [("acme-coffee", *row) for row in LI_EXPECTED_METRICS]
    expected_posts = [("acme-coffee", *row) for row in LI_EXPECTED_POSTS]
    if kind == "csv":
        # no LinkedIn stamp in a re-saved sheet's name: the snapshot is the newest post's date, from the
        # content, never the file's time (issue 13: a copy would move it)
        newest = max(row[6] for row in expected_posts)
        expected_posts = [(row[0], row[1], newest, *row[3:]) for row in expected_posts]
    assert posts == expected_posts
    assert followers == [("acme-coffee", *row) for row in LI_EXPECTED_FOLLOWERS]
    lines = query(warehouse, "select _source_line from raw.linkedin_metrics_daily order by date")
    assert lines == [(3,), (4,)]  # below the description line and the header, in every format


def test_linkedin_xls_date_cells_and_two_pages_in_one_folder(tmp_path):
    """A workbook cell holding a real date loads as the text date; two pages' downloads side by side keep
    their own rows (the page name in LinkedIn's file name is the account)."""
    folder = tmp_path / "landing" / "content" / "linkedin"
    folder.mkdir(parents=True)
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("New followers")
    for c, header in enumerate(LI_FOLLOWERS_HEADER):
        sheet.write(0, c, header)
    sheet.write(1, 0, date(2017, 1, 30), xlwt.easyxf(num_format_str="MM/DD/YYYY"))
    for c, value in enumerate([0, 5, 1, 6], start=1):
        sheet.write(1, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    (folder / f"acme-coffee_followers_{LI_DOWNLOAD_MS}.xls").write_bytes(buffer.getvalue())
    other = xls_bytes({"New followers": [LI_FOLLOWERS_HEADER, ["01/30/2017", 1, 40, 0, 41]]})
    (folder / f"acme-bakery_followers_{LI_DOWNLOAD_MS}.xls").write_bytes(other)
    warehouse = tmp_path / "w.duckdb"
    assert load(str(tmp_path / "landing"), warehouse).ok
    assert query(
        warehouse,
        "select account, date::varchar, organic_followers, total_followers from raw.linkedin_followers_daily "
        "order by account",
    ) == [("acme-bakery", "2017-01-30", 40, 41), ("acme-coffee", "2017-01-30", 5, 6)]


# --- YouTube: loose files = the zip; range from the chart data; spreadsheet dates -------------------------

YT_TABLE = (
    "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,"
    "Thumbnail impressions,Thumbnail click-through rate (%),Average view duration\n"
    "Total,,,,530,21.7,6,9100,4.8,0:02:27\n"
    'Xy3_kLm9PqR,"Latte art, slow",Feb 27 2017,184,410,16.9,5,7000,5.2,0:02:28\n'
    'Ab-12cd34EF,Bean to cup,"Mar 2, 2017",95,120,4.8,1,2100,3.6,0:02:24\n'
).replace("Feb 27 2017", '"Feb 27, 2017"')
YT_CHART = (
    "Date,Content,Video title,Video publish time,Duration,Views\n"
    + "".join(
        f'2017-03-0{d},Xy3_kLm9PqR,"Latte art, slow","Feb 27, 2017",184,{80 + d}\n' for d in range(1, 6)
    )
    + '2017-03-02,Ab-12cd34EF,Bean to cup,"Mar 2, 2017",95,30\n'
)
YT_TOTALS = "Date,Views\n" + "".join(f"2017-03-0{d},{90 + d}\n" for d in range(1, 6))
YT_MEMBERS = {
    "Table data.csv": YT_TABLE.encode(),
    "Chart data.csv": YT_CHART.encode(),
    "Totals.csv": YT_TOTALS.encode(),
}
YT_EXPECTED = [
    ("Ab-12cd34EF", "2017-03-01", "2017-03-05", "Bean to cup", "2017-03-02", 95, 120, 4.8, 1, 2100, 3.6, 144),
    ("Xy3_kLm9PqR", "2017-03-01", "2017-03-05", "Latte art, slow", "2017-02-27", 184, 410, 16.9, 5, 7000, 5.2,
     148),
]  # fmt: skip
YT_SQL = (
    "select account, video_id, range_start::varchar, range_end::varchar, video_title, published_on::varchar, "
    "duration_s, views, watch_time_hours, subscribers_net, thumbnail_impressions, thumbnail_ctr, "
    "average_view_duration_s from raw.youtube_videos order by account, video_id"
)


def test_youtube_loose_files_load_like_the_zip_and_take_the_range_from_the_chart_data(tmp_path):
    export = "Content 2017-03-01_2017-03-05 Acme Coffee"
    written = datetime(2017, 3, 6, 10, 15)
    zipped, unzipped, renamed = (tmp_path / n / "content" / "youtube" for n in ("zip", "loose", "renamed"))
    write_zip(zipped / f"{export}.zip", YT_MEMBERS, written)
    write_loose(unzipped / export, YT_MEMBERS, written)
    # Kept in an account folder without the range in any name: the range is the chart data's first and
    # last day.
    write_loose(renamed / "acme_coffee", YT_MEMBERS, datetime(2019, 5, 5))
    results = {}
    for name in ("zip", "loose", "renamed"):
        warehouse = tmp_path / f"{name}.duckdb"
        report = load(str(tmp_path / name / ""), warehouse)
        assert report.ok, report.file_rejects
        assert report.rows == {"youtube_videos": 2}
        results[name] = query(warehouse, YT_SQL)
    assert results["zip"] == [("Acme Coffee", *row) for row in YT_EXPECTED]
    assert results["loose"] == results["zip"]
    assert results["renamed"] == [("acme_coffee", *row) for row in YT_EXPECTED]

    log = ReadLog()
    files = list_files(str(tmp_path / "renamed"), *youtube.settings.GLOBS)
    youtube.read(files, log, LOADED_AT)
    assert sorted(log.notes) == [
        ("content/youtube/acme_coffee/Chart data.csv", "recognised as YouTube chart data (Date, Content, …): "
         "per-day chart data, used only for the date range of the table data beside it; skipped"),
        ("content/youtube/acme_coffee/Totals.csv", "recognised as YouTube totals (Date, …): the export's "
         "per-day totals, used only for the date range of the table data beside it; skipped"),
    ]  # fmt: skip


def test_youtube_loose_table_without_range_or_chart_data_is_rejected_saying_how_to_fix_it(tmp_path):
    folder = tmp_path / "landing" / "content" / "youtube" / "acme_coffee"
    write_loose(folder, {"Table data.csv": YT_TABLE.encode()}, datetime(2017, 3, 6))
    report = load(str(tmp_path / "landing"), tmp_path / "w.duckdb")
    assert [(r.file, r.line) for r in report.file_rejects] == [
        ("content/youtube/acme_coffee/Table data.csv", 0)
    ]
    assert "no date range" in report.file_rejects[0].reason
    assert "Chart data.csv" in report.file_rejects[0].reason


def test_youtube_dates_re_saved_by_a_spreadsheet_parse(tmp_path):
    """The same export opened in a spreadsheet and saved again as CSV: BOM, CRLF, `3-Jun-26` and
    `7/16/2026` for the publish time and the chart days."""
    table = (
        "Content,Video title,Video publish time,Duration,Views,Subscribers\r\n"
        "Total,,,,70,2\r\n"
        "Jun3vid_001,First,3-Jun-26,60,50,2\r\n"
        "Jul16vid_02,Second,7/16/2026,75,20,0\r\n"
    )
    chart = "Date,Views\r\n6/1/2026,10\r\n" + "".join(f"{d}-Jul-26,{d}\r\n" for d in (30, 31))
    members = {
        "Table data.csv": codecs.BOM_UTF8 + table.encode(),
        "Totals.csv": codecs.BOM_UTF8 + chart.encode(),
    }
    write_loose(tmp_path / "landing" / "content" / "youtube" / "summer", members, datetime(2026, 8, 2))
    warehouse = tmp_path / "w.duckdb"
    report = load(str(tmp_path / "landing"), warehouse)
    assert report.ok, report.file_rejects
    assert query(
        warehouse,
        "select account, video_id, published_on::varchar, range_start::varchar, range_end::varchar, views "
        "from raw.youtube_videos order by video_id",
    ) == [
        ("summer", "Jul16vid_02", "2026-07-16", "2026-06-01", "2026-07-31", 20),
        ("summer", "Jun3vid_001", "2026-06-03", "2026-06-01", "2026-07-31", 50),
    ]


def test_youtube_file_whose_every_row_is_rejected_fails_the_load_step(tmp_path, capfd):
    table = (
        "Content,Video title,Video publish time,Views\n"
        "Total,,,30\n"
        "vidA_000001,A,June the 3rd,10\n"
        "vidB_000002,B,sometime,20\n"
    )
    folder = tmp_path / "landing" / "content" / "youtube" / "Content 2026-06-01_2026-06-30 Acme"
    write_loose(folder, {"Table data.csv": table.encode()}, datetime(2026, 7, 1))
    warehouse = tmp_path / "w.duckdb"
    code = main(["load", "--landing", str(tmp_path / "landing"), "--warehouse", str(warehouse)])
    assert code != 0
    report = load(str(tmp_path / "landing"), tmp_path / "again.duckdb")
    assert not report.ok
    path = "content/youtube/Content 2026-06-01_2026-06-30 Acme/Table data.csv"
    assert [(r.file, r.line, r.field) for r in report.row_rejects] == [
        (path, 3, "Video publish time"),
        (path, 4, "Video publish time"),
    ]
    assert [(r.file, r.line, r.field) for r in report.file_rejects] == [(path, 0, "Video publish time")]
    assert report.file_rejects[0].reason.startswith("every row was rejected (2), nothing loaded")
    assert "Table data.csv" in capfd.readouterr().err


# --- TikTok: unzipped = zipped; year-less 365-day export; two accounts -----------------------------------


def quoted_csv(rows: list[list[str]]) -> bytes:
    """TikTok's CSV: UTF-8 without BOM, every field quoted, LF line endings."""
    return "".join(",".join(f'"{cell}"' for cell in row) + "\n" for row in rows).encode()


def day_text(day: date) -> str:
    return f"{day:%B} {day.day}"


TT_OCTOBER = [date(2026, 10, 30), date(2026, 10, 31)]
TT_MEMBERS = {
    "Overview.csv": quoted_csv(
        [["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]]
        + [[day_text(d), str(100 + d.day), str(d.day), "7", "undefined", "1"] for d in TT_OCTOBER]
    ),
    "FollowerHistory.csv": quoted_csv(
        [["Date", "Followers", "Difference in followers from previous day"]]
        + [[day_text(d), str(2000 + d.day), "3"] for d in TT_OCTOBER]
    ),
    "Viewers.csv": quoted_csv(
        [["Date", "Total Viewers", "New Viewers", "Returning Viewers"]]
        + [[day_text(d), "90", "60", "30"] for d in TT_OCTOBER]
    ),
    "Content.csv": quoted_csv(
        [
            [
                "Time",
                "Video title",
                "Video link",
                "Post time",
                "Total likes",
                "Total comments",
                "Total shares",
                "Total views",
            ],
            [
                "October 31",
                "Pour-over, step by step",
                "https://www.tiktok.com/@acmecoffee/video/7431000000000000001",
                "October 28",
                "52",
                "4",
                "2",
                "1900",
            ],
        ]
    ),  # fmt: skip
    "FollowerGender.csv": quoted_csv([["Gender", "Distribution"], ["Female", "0.55"], ["Male", "0.45"]]),
    "FollowerTopTerritories.csv": quoted_csv([["Top territories", "Distribution"], ["CA", "0.8"]]),
}
TT_SQL = {
    "overview": "select account, date::varchar, date_text, video_views, profile_views, likes, comments, shares "
    "from raw.tiktok_overview order by account, date",
    "followers": "select account, date::varchar, followers, followers_difference from raw.tiktok_follower_history "
    "order by account, date",
    "viewers": "select account, date::varchar, total_viewers, new_viewers, returning_viewers from raw.tiktok_viewers "
    "order by account, date",
    "content": "select account, video_id, snapshot_date::varchar, posted_on::varchar, total_likes, total_views "
    "from raw.tiktok_content order by account, video_id",
}


def tiktok_rows(warehouse: Path) -> dict[str, list[tuple]]:
    return {name: query(warehouse, sql) for name, sql in TT_SQL.items()}


def test_tiktok_unzipped_export_loads_like_the_zip_and_skips_the_same_files(tmp_path):
    # The zip's name carries no range (a phone renames it): the year comes from the days' sequence,
    # bounded by when TikTok wrote the zip (its entry times) or, loose, by the files' time.
    # Unzipped straight into the account folder (a folder holding the files is an account folder).
    written = datetime(2026, 11, 1, 9, 30)
    write_zip(tmp_path / "zip" / "content" / "tiktok" / "brand_ca" / "Export (1).zip", TT_MEMBERS, written)
    write_loose(tmp_path / "loose" / "content" / "tiktok" / "brand_ca", TT_MEMBERS, written)
    rows = {}
    for name in ("zip", "loose"):
        warehouse = tmp_path / f"{name}.duckdb"
        report = load(str(tmp_path / name), warehouse)
        assert report.ok, report.file_rejects
        assert report.row_rejects == []
        assert report.rows == {"tiktok_overview": 2, "tiktok_follower_history": 2, "tiktok_viewers": 2,
                               "tiktok_content": 1}  # fmt: skip
        rows[name] = tiktok_rows(warehouse)
    assert rows["zip"] == {
        "overview": [("brand_ca", "2026-10-30", "October 30", 130, 30, 7, None, 1),
                     ("brand_ca", "2026-10-31", "October 31", 131, 31, 7, None, 1)],
        "followers": [("brand_ca", "2026-10-30", 2030, 3), ("brand_ca", "2026-10-31", 2031, 3)],
        "viewers": [("brand_ca", "2026-10-30", 90, 60, 30), ("brand_ca", "2026-10-31", 90, 60, 30)],
        "content": [("brand_ca", "7431000000000000001", "2026-10-31", "2026-10-28", 52, 1900)],
    }  # fmt: skip
    assert rows["loose"] == rows["zip"]

    for name, where in (("zip", "brand_ca/Export (1).zip::"), ("loose", "brand_ca/")):
        log = ReadLog()
        tiktok.read(list_files(str(tmp_path / name), *tiktok.settings.GLOBS), log, LOADED_AT)
        assert sorted(log.notes) == [
            (f"content/tiktok/{where}FollowerGender.csv",
             "recognised as TikTok FollowerGender (Gender, Distribution): follower gender shares, not used by "
             "any KPI; skipped"),
            (f"content/tiktok/{where}FollowerTopTerritories.csv",
             "recognised as TikTok FollowerTopTerritories (Top territories, Distribution): follower territory "
             "shares, not used by any KPI; skipped"),
        ]  # fmt: skip


def test_tiktok_365_day_export_without_years_crossing_new_year_ignores_the_copy_time(tmp_path):
    """`Last 365 days` downloaded on 2026-08-02: `August 2` … `August 1`, crossing New Year; copied to the
    landing in February 2027 (its file time). Each day gets its year from the sequence."""
    first = date(2025, 8, 2)
    days = [first + timedelta(days=i) for i in range(365)]
    overview = quoted_csv(
        [["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]]
        + [[day_text(d), str(i), str(i % 7), "0", "0", "0"] for i, d in enumerate(days)]
    )
    followers = quoted_csv(
        [["Date", "Followers", "Difference in followers from previous day"]]
        + [[day_text(d), str(500 + i), "1"] for i, d in enumerate(days)]
    )
    copied = datetime(2027, 2, 10, 8)
    folder = tmp_path / "landing" / "content" / "tiktok"
    write_loose(folder, {"Overview.csv": overview}, copied)
    # The same export zipped again by the user on 2027-07-30 (its entry times), copied in 2028 (file time).
    write_zip(tmp_path / "zipped" / "content" / "tiktok" / "TikTok.zip", {"FollowerHistory.csv": followers},
              datetime(2027, 7, 30))  # fmt: skip
    stamp(tmp_path / "zipped" / "content" / "tiktok" / "TikTok.zip", datetime(2028, 1, 3))

    warehouse = tmp_path / "w.duckdb"
    report = load(str(tmp_path / "landing"), warehouse)
    assert report.ok and report.row_rejects == []
    loaded = query(
        warehouse,
        "select date, video_views, profile_views, _source_line from raw.tiktok_overview order by date",
    )
    assert loaded == [(d, i, i % 7, i + 2) for i, d in enumerate(days)]
    assert (loaded[0][0], loaded[-1][0]) == (date(2025, 8, 2), date(2026, 8, 1))
    assert [d for d, *_ in loaded if d.month == 12 and d.day == 31] == [date(2025, 12, 31)]
    assert [d for d, *_ in loaded if d.month == 1 and d.day == 1] == [date(2026, 1, 1)]

    zipped = tmp_path / "z.duckdb"
    assert load(str(tmp_path / "zipped"), zipped).ok
    assert query(zipped, "select date, followers from raw.tiktok_follower_history order by date") == [
        (d, 500 + i) for i, d in enumerate(days)
    ]


def test_two_tiktok_accounts_in_one_landing_never_overwrite_each_other(tmp_path):
    landing = tmp_path / "landing" / "content" / "tiktok"
    written = datetime(2026, 11, 1, 9)
    french = {
        "Overview.csv": quoted_csv(
            [["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"],
             ["30 octobre", "40", "4", "3", "0", "0"], ["31 octobre", "41", "5", "2", "1", "0"]]
        )
    }  # fmt: skip
    # Same file names, same days, different accounts.
    write_zip(landing / "brand_ca" / "Export.zip", {"Overview.csv": TT_MEMBERS["Overview.csv"]}, written)
    write_zip(landing / "brand_fr" / "Export.zip", french, written)
    warehouse = tmp_path / "w.duckdb"
    assert load(str(tmp_path / "landing"), warehouse).ok
    expected = [
        ("brand_ca", "2026-10-30", "October 30", 130, 30, 7, None, 1),
        ("brand_ca", "2026-10-31", "October 31", 131, 31, 7, None, 1),
        ("brand_fr", "2026-10-30", "30 octobre", 40, 4, 3, 0, 0),
        ("brand_fr", "2026-10-31", "31 octobre", 41, 5, 2, 1, 0),
    ]
    assert query(warehouse, TT_SQL["overview"]) == expected

    # A new download of one account replaces that account's days only.
    french["Overview.csv"] = french["Overview.csv"].replace(b'"41"', b'"45"')
    write_zip(landing / "brand_fr" / "Export.zip", french, written)
    assert load(str(tmp_path / "landing"), warehouse).ok
    expected[3] = ("brand_fr", "2026-10-31", "31 octobre", 45, 5, 2, 1, 0)
    assert query(warehouse, TT_SQL["overview"]) == expected


def test_tiktok_day_that_exists_in_no_year_is_a_row_reject_and_the_sequence_holds(tmp_path):
    overview = quoted_csv(
        [["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"],
         ["February 27", "1", "0", "0", "0", "0"], ["February 30", "2", "0", "0", "0", "0"],
         ["March 1", "3", "0", "0", "0", "0"]]
    )  # fmt: skip
    write_loose(tmp_path / "landing" / "content" / "tiktok", {"Overview.csv": overview}, datetime(2027, 3, 2))
    warehouse = tmp_path / "w.duckdb"
    report = load(str(tmp_path / "landing"), warehouse)
    assert [(r.file, r.line, r.field, r.reason) for r in report.row_rejects] == [
        ("content/tiktok/Overview.csv", 3, "Date", "'February 30' is not a valid day")
    ]
    assert query(warehouse, "select date::varchar, video_views from raw.tiktok_overview order by date") == [
        ("2027-02-27", 1),
        ("2027-03-01", 3),
    ]


def studio_csv(header: list[str], rows: list[list[str]]) -> bytes:
    """TikTok Studio's per-zip CSVs as reported from real downloads: UTF-8 with BOM, multi-word headers
    quoted, values bare, `undefined` for a day without figures yet."""
    head = ",".join(f'"{h}"' if " " in h else h for h in header)
    return codecs.BOM_UTF8 + (head + "\n" + "".join(",".join(r) + "\n" for r in rows)).encode()


def test_tiktok_studio_zips_take_account_and_download_day_from_their_name_not_its_date(tmp_path):
    """`Followers_<date>_<unix seconds>_<handle>.zip`: the date in the name is not the export's; the unix
    time is the download (2027-01-05), the handle the account. Zip and file re-made in 2028."""
    seconds = int(datetime(2027, 1, 5, 12, tzinfo=UTC).timestamp())
    days = [date(2026, 12, 20) + timedelta(days=i) for i in range(15)]  # Dec 20 … Jan 3: data lags 2 days
    followers = studio_csv(
        ["Date", "Followers", "Difference in followers from previous day"],
        [[day_text(d), str(700 + i), "1"] for i, d in enumerate(days)],
    )
    viewers = studio_csv(
        ["Date", "Total Viewers", "New Viewers", "Returning Viewers"],
        [[day_text(d), str(50 + i), "30", "20"] for i, d in enumerate(days[:-1])]
        + [[day_text(days[-1]), "undefined", "0", "0"]],
    )
    folder = tmp_path / "landing" / "content" / "tiktok"
    later = datetime(2028, 2, 1)
    members = {
        "FollowerHistory.csv": followers,
        "FollowerActivity.csv": studio_csv(
            ["Date", "Hour", "Active followers"], [[day_text(days[-1]), "19", "88"]]
        ),
        "FollowerGender.csv": studio_csv(["Gender", "Distribution"], [["Female", "0.6"]]),
        "FollowerTopTerritories.csv": studio_csv(["Top territories", "Distribution"], [["FR", "0.7"]]),
    }
    write_zip(folder / f"Followers_2026-06-18_{seconds}_acme.coffee.zip", members, later)
    write_zip(folder / f"Viewers_2026-06-18_{seconds}_acme.coffee.zip", {"Viewers.csv": viewers}, later)
    for path in folder.iterdir():
        stamp(path, later)
    warehouse = tmp_path / "w.duckdb"
    report = load(str(tmp_path / "landing"), warehouse)
    assert report.ok, report.file_rejects
    assert report.rows == {"tiktok_follower_history": 15, "tiktok_viewers": 15}
    assert query(
        warehouse, "select account, date, followers from raw.tiktok_follower_history order by date"
    ) == [("acme.coffee", d, 700 + i) for i, d in enumerate(days)]
    assert query(
        warehouse, "select date, total_viewers, new_viewers from raw.tiktok_viewers order by date"
    ) == [
        *[(d, 50 + i, 30) for i, d in enumerate(days[:-1])],
        (date(2027, 1, 3), None, 0),
    ]


def test_tiktok_vietnamese_days_cross_new_year(tmp_path):
    """A Vietnamese UI writes `31 tháng Mười Hai` (month names are numerals); decomposed accents too."""
    texts = [
        "30 tháng Mười Hai",
        "31 tháng Mười Hai",
        unicodedata.normalize("NFD", "1 tháng Một"),
        "2 tháng 1",
    ]
    overview = studio_csv(
        ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"],
        [[text, str(i), "0", "0", "0", "0"] for i, text in enumerate(texts)],
    )
    write_loose(tmp_path / "landing" / "content" / "tiktok", {"Overview.csv": overview}, datetime(2027, 1, 4))
    warehouse = tmp_path / "w.duckdb"
    assert load(str(tmp_path / "landing"), warehouse).ok
    assert query(warehouse, "select date::varchar, video_views from raw.tiktok_overview order by date") == [
        ("2026-12-30", 0),
        ("2026-12-31", 1),
        ("2027-01-01", 2),
        ("2027-01-02", 3),
    ]
