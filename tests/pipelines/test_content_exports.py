"""Meta account-level, TikTok, YouTube and LinkedIn content exports, hand-written small files loaded into a
real DuckDB file."""

from __future__ import annotations

import os
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from pipelines.cli import main
from pipelines.files import yearless
from pipelines.load import load
from tests.conftest import query


def write_zip(path: Path, members: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 11, 1, 12, 0, 0)), text.encode("utf-8"))


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)


def quoted(*rows: list[str]) -> str:
    return "".join(",".join(f'"{cell}"' for cell in row) + "\n" for row in rows)


def meta_account(title: str, rows: list[list[str]], header: tuple[str, ...] = ("Date", "Primary")) -> bytes:
    """A Meta Business Suite account-level export as downloaded: UTF-16LE with BOM, CRLF, `sep=,`, title."""
    lines = ["sep=,", f'"{title}"', ",".join(f'"{h}"' for h in header)]
    lines += [",".join(f'"{cell}"' for cell in row) for row in rows]
    return "\ufeff".encode("utf-16-le") + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")


# --- Meta account-level exports -------------------------------------------------------------------------


def test_meta_account_export_utf16_with_sep_and_title_loads_per_day_beside_post_exports(tmp_path):
    landing = tmp_path / "landing"
    instagram, facebook = landing / "content" / "instagram", landing / "content" / "facebook"
    instagram.mkdir(parents=True)
    facebook.mkdir(parents=True)
    # a renamed file: recognised by its title line and header, not by its name
    (instagram / "export (3).csv").write_bytes(
        meta_account("Instagram follows", [["2026-08-01T00:00:00", "14"], ["2026-08-02T00:00:00", "0"]])
    )
    (instagram / "Aug-01-2026_Aug-08-2026_1.csv").write_text(
        "\ufeffPost ID,Publish time,Date,Views,Follows\n17841400000000001,08/03/2026 10:00,Lifetime,100,3\n"
    )
    (facebook / "Aug-01-2026_Aug-02-2026_Facebook_Page_reach.csv").write_bytes(
        meta_account(
            "Facebook Page reach",
            [["2026-08-01T00:00:00", "1200", "900"], ["2026-08-02T00:00:00", "1350", "870"]],
            header=("Date", "Primary", "Jul 1, 2026 - Jul 2, 2026"),  # a comparison period: ignored
        )
    )
    warehouse = tmp_path / "w.duckdb"
    report = load(str(landing), warehouse)

    assert report.ok, [r.message() for r in report.file_rejects]
    assert report.rows == {"meta_account_daily": 4, "meta_instagram_posts": 1}
    assert query(
        warehouse,
        "select platform, metric, metric_reported_as, metric_date::varchar, value, _source_file, _source_line "
        "from raw.meta_account_daily order by 1, 2, 4",
    ) == [
        ("facebook", "reach", "Facebook Page reach", "2026-08-01", 1200,
         "content/facebook/Aug-01-2026_Aug-02-2026_Facebook_Page_reach.csv", 4),
        ("facebook", "reach", "Facebook Page reach", "2026-08-02", 1350,
         "content/facebook/Aug-01-2026_Aug-02-2026_Facebook_Page_reach.csv", 5),
        ("instagram", "follows", "Instagram follows", "2026-08-01", 14, "content/instagram/export (3).csv", 4),
        ("instagram", "follows", "Instagram follows", "2026-08-02", 0, "content/instagram/export (3).csv", 5),
    ]  # fmt: skip
    columns = {c for (c,) in query(warehouse, "select column_name from information_schema.columns "
                                              "where table_name = 'meta_account_daily'")}  # fmt: skip
    assert not any(c.startswith("jul") for c in columns), columns
    types = dict(query(warehouse, "select column_name, data_type from information_schema.columns "
                                  "where table_name = 'meta_account_daily'"))  # fmt: skip
    assert types["metric_date"] == "DATE" and types["value"] == "BIGINT"
    assert query(warehouse, "select post_id, follows from raw.meta_instagram_posts") == [
        ("17841400000000001", 3)
    ]


def test_meta_account_export_with_an_unknown_title_is_rejected_naming_the_file(tmp_path, capfd):
    folder = tmp_path / "landing" / "content" / "instagram"
    folder.mkdir(parents=True)
    (folder / "Aug-01-2026_Aug-02-2026_Instagram_mystery.csv").write_bytes(
        meta_account("Instagram mystery metric", [["2026-08-01T00:00:00", "5"]])
    )
    warehouse = tmp_path / "w.duckdb"

    code = main(["load", "--landing", str(tmp_path / "landing"), "--warehouse", str(warehouse)])

    assert code == 1
    assert "Aug-01-2026_Aug-02-2026_Instagram_mystery.csv" in capfd.readouterr().err
    ((file, field, reason, rejected),) = query(
        warehouse, "select file, field, reason, is_file_rejected from raw.load_rejects"
    )
    assert file == "content/instagram/Aug-01-2026_Aug-02-2026_Instagram_mystery.csv" and rejected
    assert field == "title" and "unknown Meta account-level metric 'Instagram mystery metric'" in reason
    tables = query(warehouse, "select table_name from information_schema.tables where table_schema = 'raw'")
    assert ("meta_account_daily",) not in tables


def test_meta_account_export_loaded_twice_changes_nothing(tmp_path):
    folder = tmp_path / "landing" / "content" / "instagram"
    folder.mkdir(parents=True)
    data = meta_account("Instagram reach", [["2026-08-01T00:00:00", "2500"], ["2026-08-02T00:00:00", "2710"]])
    (folder / "Aug-01-2026_Aug-02-2026_Instagram_reach.csv").write_bytes(data)
    warehouse = tmp_path / "w.duckdb"
    sql = "select platform, metric, metric_date::varchar, value from raw.meta_account_daily order by 3"
    assert load(str(tmp_path / "landing"), warehouse).rows == {"meta_account_daily": 2}
    first = query(warehouse, sql)
    assert first == [("instagram", "reach", "2026-08-01", 2500), ("instagram", "reach", "2026-08-02", 2710)]

    again = load(str(tmp_path / "landing"), warehouse)
    assert again.files_skipped == 1 and again.rows == {}
    assert query(warehouse, sql) == first

    # the same figures downloaded again under another name: a copy of a loaded file, not read (issue 13)
    (folder / "Aug-01-2026_Aug-02-2026_Instagram_reach (1).csv").write_bytes(data)
    copied = load(str(tmp_path / "landing"), warehouse)
    assert copied.rows == {}
    assert {r["relative_path"].rsplit("/", 1)[1]: r["status"] for r in copied.files} == {
        "Aug-01-2026_Aug-02-2026_Instagram_reach.csv": "unchanged",
        "Aug-01-2026_Aug-02-2026_Instagram_reach (1).csv": "duplicate_file",
    }
    assert query(warehouse, sql) == first


# --- year-less dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("September 4", date(2026, 9, 4)),
        ("4 septembre", date(2026, 9, 4)),
        ("18 января", date(2027, 1, 18)),
        ("9月13日", date(2026, 9, 13)),
        ("Dec 30", date(2026, 12, 30)),
        ("Jan 2", date(2027, 1, 2)),
    ],
)
def test_yearless_days_take_the_year_that_puts_them_in_the_range(text, expected):
    within = (date(2026, 8, 1), date(2027, 1, 31))
    assert yearless.resolve(text, within, date(2027, 2, 1)) == expected


def test_yearless_day_without_a_range_is_the_latest_on_or_before_the_file_date():
    assert yearless.resolve("December 31", None, date(2027, 1, 5)) == date(2026, 12, 31)
    assert yearless.resolve("January 5", None, date(2027, 1, 5)) == date(2027, 1, 5)
    with pytest.raises(ValueError, match="is not a day"):
        yearless.resolve("someday", None, date(2027, 1, 5))


# --- TikTok ---------------------------------------------------------------------------------------------


def test_tiktok_zip_year_less_dates_cross_new_year_and_renamed_files_load_by_header(tmp_path):
    landing = tmp_path / "landing"
    write_zip(
        landing / "content" / "tiktok" / "TikTok_data_2026-12-15_2027-01-10.zip",
        {
            "Content.csv": quoted(
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
                    "January 10",
                    "Hello, world",
                    "https://www.tiktok.com/@shop/video/7412345678901234567",
                    "December 20",
                    "12",
                    "undefined",
                    "3",
                    "400",
                ],
            ),  # fmt: skip
            "Overview.csv": quoted(
                ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"],
                ["December 31", "100", "5", "10", "1", "0"],
                ["January 1", "120", "undefined", "11", "2", "1"],
            ),
            "renamed on phone (1).csv": quoted(
                ["Date", "Followers", "Difference in followers from previous day"],
                ["December 31", "1000", "4"],
                ["January 1", "1003", "-1"],
            ),
            "Viewers.csv": quoted(
                ["Date", "Total Viewers", "New Viewers", "Returning Viewers"], ["1 janvier", "80", "60", "20"]
            ),
            "FollowerGender.csv": quoted(["Gender", "Distribution"], ["Female", "0.6"]),
        },
    )
    warehouse = tmp_path / "w.duckdb"
    report = load(str(landing), warehouse)

    assert report.ok, report.file_rejects
    assert query(
        warehouse,
        "select video_id, snapshot_date::varchar, posted_on::varchar, total_likes, total_comments, video_title "
        "from raw.tiktok_content",
    ) == [("7412345678901234567", "2027-01-10", "2026-12-20", 12, None, "Hello, world")]
    assert query(
        warehouse,
        "select date::varchar, date_text, video_views, profile_views from raw.tiktok_overview order by 1",
    ) == [("2026-12-31", "December 31", 100, 5), ("2027-01-01", "January 1", 120, None)]
    assert query(
        warehouse,
        "select date::varchar, followers, followers_difference from raw.tiktok_follower_history order by 1",
    ) == [("2026-12-31", 1000, 4), ("2027-01-01", 1003, -1)]
    assert query(warehouse, "select date::varchar, total_viewers, _source_file from raw.tiktok_viewers") == [
        ("2027-01-01", 80, "content/tiktok/TikTok_data_2026-12-15_2027-01-10.zip::Viewers.csv")
    ]
    types = dict(
        query(
            warehouse,
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'raw' and table_name = 'tiktok_content'",
        )
    )
    assert types["video_id"] == "VARCHAR"


def test_tiktok_xlsx_without_a_range_takes_the_year_from_the_modification_date(tmp_path):
    path = tmp_path / "landing" / "content" / "tiktok" / "export.xlsx"
    write_xlsx(
        path,
        {
            "Overview": [
                ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"],
                ["December 30", 7, 1, 2, 0, 0],
                ["9月13日", 9, 2, "undefined", 0, 0],
            ]
        },
    )
    stamp = datetime(2027, 1, 3, 12).timestamp()
    os.utime(path, (stamp, stamp))
    warehouse = tmp_path / "w.duckdb"
    assert load(str(tmp_path / "landing"), warehouse).ok
    assert query(
        warehouse, "select date::varchar, video_views, likes from raw.tiktok_overview order by 1"
    ) == [
        ("2026-09-13", 9, None),
        ("2026-12-30", 7, 2),
    ]


# --- YouTube --------------------------------------------------------------------------------------------

YT_NEW = (
    "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,"
    "Thumbnail impressions,Thumbnail click-through rate (%),Average view duration,Returning viewers\n"
    "Total,,,,300,12.5,3,5000,4.2,0:02:30,40\n"
    ' dQw4w9WgXcQ,"Unboxing, part 1",Sep 26 2026,212,200,8.1,5,3000,5.1,0:02:41,25\n'
    ' abcDEF12345,Short,"Oct 1, 2026",45,100,4.4,-2,2000,2.7,1:00:05,15\n'
)
YT_OLD = (
    "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Impressions,"
    "Impressions click-through rate (%),Regular viewers\n"
    "Total,,,,50,1.0,0,900,3.3,7\n"
    'dQw4w9WgXcQ,Unboxing,"Sep 26, 2026",212,50,1.0,0,900,3.3,7\n'
)


def test_youtube_zip_drops_total_row_and_records_the_renamed_thumbnail_metric(tmp_path):
    landing = tmp_path / "landing"
    folder = landing / "content" / "youtube"
    write_zip(
        folder / "Content 2026-09-12_2026-10-01 My Channel.zip",
        {
            "Table data.csv": YT_NEW.replace("Sep 26 2026", '"Sep 26, 2026"'),
            "Chart data.csv": "Date,Content,Video title,Views\n2026-09-12,dQw4w9WgXcQ,Unboxing,4\n",
            "Totals.csv": "Date,Views\n2026-09-12,4\n",
        },
    )
    write_zip(folder / "Content 2024-01-01_2024-01-31 My Channel.zip", {"Table data.csv": YT_OLD})
    warehouse = tmp_path / "w.duckdb"
    report = load(str(landing), warehouse)

    assert report.ok, report.file_rejects
    assert report.rows == {"youtube_videos": 3}
    rows = query(
        warehouse,
        "select video_id, range_start::varchar, range_end::varchar, published_on::varchar, subscribers_net, "
        "thumbnail_impressions, thumbnail_ctr, thumbnail_reported_as, average_view_duration_s, "
        "returning_viewers, returning_viewers_reported_as from raw.youtube_videos order by 2, 1",
    )
    assert rows == [
        ("dQw4w9WgXcQ", "2024-01-01", "2024-01-31", "2026-09-26", 0, 900, 3.3, "Impressions", None, 7,
         "Regular viewers"),
        ("abcDEF12345", "2026-09-12", "2026-10-01", "2026-10-01", -2, 2000, 2.7, "Thumbnail impressions",
         3605, 15, "Returning viewers"),
        ("dQw4w9WgXcQ", "2026-09-12", "2026-10-01", "2026-09-26", 5, 3000, 5.1, "Thumbnail impressions",
         161, 25, "Returning viewers"),
    ]  # fmt: skip
    columns = {c for (c,) in query(warehouse, "select column_name from information_schema.columns "
                                              "where table_name = 'youtube_videos'")}  # fmt: skip
    assert not any(c == "ctr" or c.startswith("ctr_") for c in columns)


def test_youtube_bad_publish_time_is_a_row_reject(tmp_path):
    folder = tmp_path / "landing" / "content" / "youtube" / "Content 2026-09-12_2026-10-01 Chan"
    folder.mkdir(parents=True)
    (folder / "Table data.csv").write_text(YT_NEW)  # `Sep 26 2026` (no comma) is not a known format
    warehouse = tmp_path / "w.duckdb"
    report = load(str(tmp_path / "landing"), warehouse)
    assert report.rows == {"youtube_videos": 1}
    assert [(r.field, r.line) for r in report.row_rejects] == [("Video publish time", 3)]


# --- LinkedIn -------------------------------------------------------------------------------------------

LI_POSTS_HEADER = [
    "Post title", "Post link", "Post type", "Campaign name", "Posted by", "Created date", "Campaign start date",
    "Campaign end date", "Audience", "Impressions", "Views", "Offsite Views", "Clicks",
    "Click through rate (CTR)", "Likes", "Comments", "Reposts", "Follows", "Engagement rate", "Content Type",
]  # fmt: skip


def test_linkedin_workbook_skips_description_line_and_loads_posts_metrics_and_followers(tmp_path):
    landing = tmp_path / "landing"
    write_xlsx(
        landing / "content" / "linkedin" / "acme_content_1790000000000.xlsx",
        {
            "Metrics": [
                ["Aggregated engagement metrics for your posts, by day."],
                [
                    "Date",
                    "Impressions (organic)",
                    "Impressions (sponsored)",
                    "Impressions (total)",
                    "Unique impressions (organic)",
                    "Clicks (organic)",
                    "Reposts (organic)",
                    "Reposts (total)",
                    "Engagement rate (organic)",
                    "Engagement rate (total)",
                ],
                ["09/01/2026", 120, 0, 120, 90, 7, 1, 1, 0.0667, 0.0667],
            ],  # fmt: skip
            "All posts": [
                ["All posts published in the selected range, with their lifetime metrics."],
                LI_POSTS_HEADER,
                [
                    "Launch day",
                    "https://www.linkedin.com/feed/update/urn:li:activity:7234567890123456789",
                    "Organic",
                    "",
                    "Ana",
                    "09/02/2026",
                    "",
                    "",
                    "All followers",
                    1000,
                    "",
                    "",
                    40,
                    0.04,
                    30,
                    5,
                    2,
                    1,
                    0.078,
                    "Image",
                ],
            ],  # fmt: skip
        },
    )
    write_xlsx(
        landing / "content" / "linkedin" / "acme_followers.xlsx",
        {
            "New followers": [
                [
                    "Date",
                    "Sponsored followers",
                    "Organic followers",
                    "Auto-invited followers",
                    "Total followers",
                ],
                [datetime(2026, 9, 1), 0, 3, 1, 4],
            ],
            "Location": [["Location", "Total followers"], ["Toronto", 40]],
        },
    )
    warehouse = tmp_path / "w.duckdb"
    report = load(str(landing), warehouse)

    assert report.ok, report.file_rejects
    assert query(
        warehouse,
        "select post_id, snapshot_date::varchar, created_on::varchar, impressions, ctr_fraction, reposts, "
        "reposts_reported_as, engagement_rate_fraction from raw.linkedin_posts",
    ) == [
        ("urn:li:activity:7234567890123456789", "2026-09-21", "2026-09-02", 1000, 0.04, 2, "Reposts", 0.078)
    ]
    assert query(
        warehouse,
        "select date::varchar, impressions_total, reposts_organic, engagement_rate_total_fraction "
        "from raw.linkedin_metrics_daily",
    ) == [("2026-09-01", 120, 1, 0.0667)]
    assert query(
        warehouse,
        "select date::varchar, organic_followers, total_followers from raw.linkedin_followers_daily",
    ) == [("2026-09-01", 3, 4)]


def test_linkedin_old_csv_saved_from_a_sheet_with_update_and_shares(tmp_path):
    folder = tmp_path / "landing" / "content" / "linkedin"
    folder.mkdir(parents=True)
    old_header = [h.replace("Post", "Update").replace("Reposts", "Shares") for h in LI_POSTS_HEADER]
    (folder / "old_posts.csv").write_text(
        ",".join(old_header)
        + "\nHello,https://www.linkedin.com/feed/update/urn:li:share:6990000000000000001,Organic,,Ana,"
        "03/15/2023,,,All followers,500,,,10,0.02,8,1,3,0,0.044,Text\n"
    )
    warehouse = tmp_path / "w.duckdb"
    assert load(str(tmp_path / "landing"), warehouse).ok
    assert query(
        warehouse,
        "select post_id, post_title, created_on::varchar, reposts, reposts_reported_as from raw.linkedin_posts",
    ) == [("urn:li:share:6990000000000000001", "Hello", "2023-03-15", 3, "Shares")]


def test_linkedin_csv_saved_from_a_metrics_sheet_skips_its_description_line(tmp_path):
    folder = tmp_path / "landing" / "content" / "linkedin"
    folder.mkdir(parents=True)
    (folder / "metrics.csv").write_text(
        "Aggregated engagement metrics for your posts, by day.\n"
        "Date,Impressions (organic),Impressions (total),Shares (organic),Engagement rate (total)\n"
        "10/01/2026,50,60,2,0.05\n10/02/2026,40,40,0,0.025\n"
    )
    warehouse = tmp_path / "w.duckdb"
    assert load(str(tmp_path / "landing"), warehouse).ok
    assert query(
        warehouse,
        "select date::varchar, impressions_total, reposts_organic, reposts_reported_as, "
        "engagement_rate_total_fraction, _source_line from raw.linkedin_metrics_daily order by 1",
    ) == [
        ("2026-10-01", 60, 2, "Shares (organic)", 0.05, 3),
        ("2026-10-02", 40, 0, "Shares (organic)", 0.025, 4),
    ]


# --- unrecognised files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "name", "tried"),
    [
        ("tiktok", "mystery.csv", "TikTok Overview"),
        ("youtube", "Content 2026-09-12_2026-10-01 Chan.zip", "YouTube Studio Table data"),
        ("linkedin", "mystery.xlsx", "LinkedIn Followers"),
    ],
)
def test_an_unrecognised_file_is_rejected_naming_the_layouts_tried(tmp_path, capfd, platform, name, tried):
    folder = tmp_path / "landing" / "content" / platform
    text = "Week,Something,Else\n2026-09-01,1,2\n"
    if name.endswith(".zip"):
        write_zip(folder / name, {"Table data.csv": text})
    elif name.endswith(".xlsx"):
        write_xlsx(folder / name, {"Sheet1": [["Week", "Something"], ["2026-09-01", 1]]})
    else:
        folder.mkdir(parents=True)
        (folder / name).write_text(text)
    warehouse = tmp_path / "w.duckdb"

    code = main(["load", "--landing", str(tmp_path / "landing"), "--warehouse", str(warehouse)])

    assert code == 1
    assert tried in capfd.readouterr().err
    ((file, reason, rejected),) = query(
        warehouse, "select file, reason, is_file_rejected from raw.load_rejects"
    )
    assert file.startswith(f"content/{platform}/{name}") and rejected
    assert "matches no known layout (tried: " in reason and tried in reason


def test_rerun_skips_unchanged_zip_members(tmp_path):
    landing = tmp_path / "landing"
    write_zip(
        landing / "content" / "tiktok" / "t_2026-09-01_2026-09-30.zip",
        {"Overview.csv": quoted(["Date", "Video Views", "Profile Views"], ["September 4", "1", "2"])},
    )
    warehouse = tmp_path / "w.duckdb"
    assert load(str(landing), warehouse).rows == {"tiktok_overview": 1}
    again = load(str(landing), warehouse)
    assert again.files_skipped == 1 and again.rows == {}
    assert query(warehouse, "select count(*) from raw.tiktok_overview") == [(1,)]


# --- the generated sample -------------------------------------------------------------------------------


def test_a_generated_sample_loads_every_content_export_without_rejects(tmp_path):
    from pipelines.sample import generate

    counts = generate(tmp_path / "landing", seed=7, scale=0.1)
    report = load(str(tmp_path / "landing"), tmp_path / "w.duckdb")

    assert not report.file_rejects, [r.message() for r in report.file_rejects]
    content = {t: n for t, n in report.rejected.items() if t.startswith(("tiktok", "youtube", "linkedin"))}
    assert not any(content.values()), content
    for platform, tables in (
        ("tiktok", ("tiktok_content", "tiktok_overview", "tiktok_follower_history", "tiktok_viewers")),
        ("youtube", ("youtube_videos",)),
        ("linkedin", ("linkedin_posts", "linkedin_metrics_daily", "linkedin_followers_daily")),
    ):
        written = sum(n for rel, n in counts.items() if rel.startswith(f"content/{platform}/"))
        assert sum(report.rows.get(t, 0) for t in tables) == written, platform
        assert all(report.rows.get(t, 0) > 0 for t in tables), platform
    warehouse = tmp_path / "w.duckdb"
    # per-day tables: one row per day of the sample range, every year-less day placed in 2026
    for table in ("tiktok_overview", "tiktok_follower_history", "tiktok_viewers", "linkedin_metrics_daily"):
        assert query(
            warehouse, f"select count(*), min(date)::varchar, max(date)::varchar from raw.{table}"
        ) == [(92, "2026-08-01", "2026-10-31")], table
    assert query(
        warehouse,
        "select platform, metric, count(*), min(metric_date)::varchar, max(metric_date)::varchar, min(value) >= 0 "
        "from raw.meta_account_daily group by 1, 2 order by 1, 2",
    ) == [
        ("facebook", "follows", 92, "2026-08-01", "2026-10-31", True),
        ("instagram", "follows", 92, "2026-08-01", "2026-10-31", True),
        ("instagram", "reach", 92, "2026-08-01", "2026-10-31", True),
    ]
    assert not report.rejected.get("meta_account_daily")
    assert query(warehouse, "select count(*) from raw.youtube_videos where video_id like ' %'") == [(0,)]
    assert query(warehouse, "select distinct thumbnail_reported_as from raw.youtube_videos order by 1") == [
        ("Impressions",),
        ("Thumbnail impressions",),
    ]
    assert query(warehouse, "select distinct reposts_reported_as from raw.linkedin_posts order by 1") == [
        ("Reposts",),
        ("Shares",),
    ]


def test_sample_content_exports_are_byte_identical_for_the_same_seed(tmp_path):
    from pipelines.sample import generate

    runs = []
    for name in ("a", "b"):
        generate(tmp_path / name, seed=3, scale=0.05)
        runs.append(
            {
                p.relative_to(tmp_path / name).as_posix(): (p.read_bytes(), p.stat().st_mtime)
                for p in sorted((tmp_path / name / "content").rglob("*.*"))
                if p.suffix in {".zip", ".xlsx"}
            }
        )
    assert runs[0] == runs[1] and len(runs[0]) >= 6
