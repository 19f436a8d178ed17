"""Meta Business Suite exports as users download them: decimal watch time on Facebook video rows, other
interface languages (headers, `Total` for `Lifetime`, number and date formats, account titles without the
platform), the snapshot date and its evidence, zipped downloads, and Meta's own Reach > Views.

Every fixture is written here as exact bytes (encoding, BOM, line endings, quoting as Meta writes them; see
docs/inputs.md for the public material the layouts were checked against) with content made up for the test,
loaded through the real loader into a DuckDB file, and asserted row for row.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from pipelines.cli import main
from pipelines.files import values
from pipelines.load import load
from pipelines.meta import settings
from pipelines.transform import run_dbt
from tests.conftest import query, socialkpi

NBSP = "\u00a0"


def set_mtime(path: Path, moment: datetime) -> None:
    stamp = moment.timestamp()
    os.utime(path, (stamp, stamp))


def write(path: Path, data: bytes, modified: datetime | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if modified is not None:
        set_mtime(path, modified)
    return path


def post_export(rows: list[list[str]], sep: str = ",", newline: str = "\r\n") -> bytes:
    """A Meta post export as downloaded: UTF-8 with a BOM, a field quoted only when it must be."""

    def cell(text: str) -> str:
        if any(ch in text for ch in (sep, '"', "\n")):
            return '"' + text.replace('"', '""') + '"'
        return text

    return ("\ufeff" + "".join(sep.join(cell(c) for c in row) + newline for row in rows)).encode("utf-8")


def account_export(
    title: str, header: tuple[str, str], rows: list[list[str]], newline: str = "\r\n"
) -> bytes:
    """A Meta account-level export as downloaded: UTF-16LE with BOM, `sep=,`, the title line, all quoted."""
    lines = ["sep=,", f'"{title}"', ",".join(f'"{h}"' for h in header)]
    lines += [",".join(f'"{c}"' for c in row) for row in rows]
    return "\ufeff".encode("utf-16-le") + (newline.join(lines) + newline).encode("utf-16-le")


FB_HEADER = [
    "Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)", "Publish time",
    "Caption type", "Permalink", "Is crosspost", "Is share", "Post type", "Languages", "Custom labels",
    "Funded content status", "Data comment", "Date", "Views", "Reach", "Reactions, Comments and Shares",
    "Reactions", "Comments", "Shares", "Total clicks", "Link Clicks", "Other Clicks", "Seconds viewed",
    "Average Seconds viewed", "3-second video views", "1-minute video views",
]  # fmt: skip


def fb_row(post_id, kind, duration, published, post_type, views, reach, rcs, reactions, comments, shares,
           seconds, average, plays3, plays60):  # fmt: skip
    return [post_id, "104000000000001", "Maple Studio", f"{kind} title", f"A {kind}, made for the test",
            duration, published, "", f"https://www.facebook.com/reel/{post_id[-6:]}", "No", "No", post_type,
            "", "", "", "", "Lifetime", views, reach, rcs, reactions, comments, shares, "", "", "", seconds,
            average, plays3, plays60]  # fmt: skip


def test_facebook_video_reel_and_live_rows_with_decimal_seconds_load_every_row(tmp_path):
    landing = tmp_path / "landing"
    rows = [
        FB_HEADER,
        fb_row("104000000000001_900000000000001", "photo", "", "08/03/2026 09:15", "Photos",
               "1,204", "980", "61", "50", "7", "4", "", "", "", ""),
        fb_row("104000000000001_900000000000002", "video", "94", "08/05/2026 18:00", "Videos",
               "15230", "11020", "412", "350", "40", "22", "182045.947", "11.953", "9120", "1040"),
        fb_row("104000000000001_900000000000003", "reel", "31.5", "08/09/2026 12:30", "Reels",
               "40210", "36100", "1820", "1600", "150", "70", "301123.5", "7.489", "25111", "0"),
        fb_row("104000000000001_900000000000004", "live", "3605", "08/12/2026 20:00", "Live",
               "2210", "1980", "95.0", "80", "12", "3", "64012.06", "28.965", "1502", "611"),
        # a count with a fraction is not a count: this row is rejected, naming the file, line and column
        fb_row("104000000000001_900000000000005", "bad", "12", "08/14/2026 10:00", "Reels",
               "300", "250", "12", "10.5", "1", "1", "40.2", "0.134", "90", "0"),
    ]  # fmt: skip
    path = write(
        landing / "content" / "facebook" / "Aug-01-2026_Aug-31-2026_5521.csv",
        post_export(rows),
        modified=datetime(2026, 9, 2, 17, 45),
    )
    warehouse = tmp_path / "w.duckdb"

    report = load(str(landing), warehouse)

    assert report.rows == {"meta_facebook_posts": 4}
    assert query(
        warehouse,
        "select post_id, post_type, duration_s, views, reach, reactions_comments_shares, reactions, comments, "
        "shares, seconds_viewed, average_seconds_viewed, video_views_3s, video_views_1m, period_kind, "
        "period_date::varchar, snapshot_date_source, _source_line from raw.meta_facebook_posts order by 1",
    ) == [
        ("104000000000001_900000000000001", "Photos", None, 1204, 980, 61, 50, 7, 4, None, None, None, None,
         "lifetime", "2026-09-02", "file_time", 2),
        ("104000000000001_900000000000002", "Videos", 94.0, 15230, 11020, 412, 350, 40, 22, 182045.947,
         11.953, 9120, 1040, "lifetime", "2026-09-02", "file_time", 3),
        ("104000000000001_900000000000003", "Reels", 31.5, 40210, 36100, 1820, 1600, 150, 70, 301123.5,
         7.489, 25111, 0, "lifetime", "2026-09-02", "file_time", 4),
        ("104000000000001_900000000000004", "Live", 3605.0, 2210, 1980, 95, 80, 12, 3, 64012.06, 28.965,
         1502, 611, "lifetime", "2026-09-02", "file_time", 5),
    ]  # fmt: skip
    types = dict(query(warehouse, "select column_name, data_type from information_schema.columns "
                                  "where table_name = 'meta_facebook_posts'"))  # fmt: skip
    assert (types["seconds_viewed"], types["reactions"], types["views"]) == ("DOUBLE", "BIGINT", "BIGINT")
    ((file, line, field, reason),) = query(
        warehouse, "select file, line, field, reason from raw.load_rejects"
    )
    assert (file, line, field) == (f"content/facebook/{path.name}", 6, "Reactions")
    assert reason == "'10.5' is not a whole number (a count cannot have a fraction)"


IG_ES_HEADER = [
    "Identificador de la publicación", "Identificador de la cuenta", "Nombre de usuario de la cuenta",
    "Nombre de la cuenta", "Descripción", "Duración (s)", "Hora de publicación", "Enlace permanente",
    "Tipo de publicación", "Comentario de datos", "Fecha", "Visualizaciones", "Alcance", "Me gusta",
    "Veces que se compartió", "Seguimientos", "Comentarios", "Veces que se guardó",
]  # fmt: skip


def test_spanish_instagram_post_export_with_total_thousands_dots_and_day_first_dates(tmp_path):
    landing = tmp_path / "landing"
    rows = [
        IG_ES_HEADER,
        ["17900000000000101", "17841400000000077", "estudio.arce", "Estudio Arce", "Otoño, primera pieza", "",
         "31/08/2026 21:15", "https://www.instagram.com/p/Ab1/", "Imagen de IG", "", "Total", "12.480",
         "9.031", "1.204", "33", "5", "41", "260"],
        ["17900000000000102", "17841400000000077", "estudio.arce", "Estudio Arce", "Detrás de cámaras", "28",
         "02/09/2026 08:05", "https://www.instagram.com/reel/Cd2/", "Reel de IG", "", "Total", "1.250.300",
         "845.112", "23.008", "1.901", "310", "512", "4.470"],
    ]  # fmt: skip
    write(
        landing / "content" / "instagram" / "Aug-01-2026_Sep-30-2026_8810.csv",
        post_export(rows),
        modified=datetime(2026, 10, 1, 9, 0),
    )
    warehouse = tmp_path / "w.duckdb"

    report = load(str(landing), warehouse)

    assert report.ok and report.rows == {"meta_instagram_posts": 2}, [
        r.message() for r in report.file_rejects
    ]
    assert query(
        warehouse,
        "select post_id, account_username, description, duration_s, (published_at_local at time zone 'UTC')::varchar, post_type, "
        "period_kind, period_date::varchar, views, views_reported_as, reach, likes, shares, follows, "
        "comments, saves from raw.meta_instagram_posts order by 1",
    ) == [
        ("17900000000000101", "estudio.arce", "Otoño, primera pieza", None, "2026-08-31 21:15:00",
         "Imagen de IG", "lifetime", "2026-10-01", 12480, "Visualizaciones", 9031, 1204, 33, 5, 41, 260),
        ("17900000000000102", "estudio.arce", "Detrás de cámaras", 28.0, "2026-09-02 08:05:00", "Reel de IG",
         "lifetime", "2026-10-01", 1250300, "Visualizaciones", 845112, 23008, 1901, 310, 512, 4470),
    ]  # fmt: skip


def test_french_daily_export_with_no_break_space_thousands_and_portuguese_semicolon_export(tmp_path):
    landing = tmp_path / "landing"
    french = [
        ["Identifiant de la publication", "Identifiant du compte", "Description", "Heure de publication",
         "Lien permanent", "Type de publication", "Date", "Vues", "Couverture", "J’aime", "Partages",
         "Commentaires", "Enregistrements"],
        ["17900000000000201", "17841400000000088", "Rentrée", "28/08/2026 07:30",
         "https://www.instagram.com/p/Fr1/", "Carrousel IG", "30/08/2026", f"2{NBSP}310", f"1{NBSP}005",
         "140", "6", "12", "31"],
        ["17900000000000201", "17841400000000088", "Rentrée", "28/08/2026 07:30",
         "https://www.instagram.com/p/Fr1/", "Carrousel IG", "31/08/2026", "870", "512", "38", "1", "3", "9"],
    ]  # fmt: skip
    portuguese = [
        ["Identificação da publicação", "Descrição", "Horário de publicação", "Link permanente",
         "Tipo de publicação", "Data", "Visualizações", "Alcance", "Curtidas", "Compartilhamentos",
         "Comentários", "Salvamentos"],
        ["17900000000000301", "Obra nova; sala", "15/09/2026 18:00", "https://www.instagram.com/p/Pt1/",
         "Imagem do IG", "Total", "2.300", "1.100", "120", "9", "14", "40"],
    ]  # fmt: skip
    write(landing / "content" / "instagram" / "export (2).csv", post_export(french))
    write(
        landing / "content" / "instagram" / "Sep-01-2026_Sep-30-2026_4411.csv",
        post_export(portuguese, sep=";"),
        modified=datetime(2026, 10, 3, 12, 0),
    )
    warehouse = tmp_path / "w.duckdb"

    report = load(str(landing), warehouse)

    assert report.ok and report.rows == {"meta_instagram_posts": 3}, [
        r.message() for r in report.file_rejects
    ]
    assert query(
        warehouse,
        "select post_id, description, (published_at_local at time zone 'UTC')::varchar, period_kind, period_date::varchar, views, "
        "views_reported_as, reach, likes, shares, comments, saves from raw.meta_instagram_posts order by 1, 5",
    ) == [
        ("17900000000000201", "Rentrée", "2026-08-28 07:30:00", "daily", "2026-08-30", 2310, "Vues", 1005, 140,
         6, 12, 31),
        ("17900000000000201", "Rentrée", "2026-08-28 07:30:00", "daily", "2026-08-31", 870, "Vues", 512, 38,
         1, 3, 9),
        ("17900000000000301", "Obra nova; sala", "2026-09-15 18:00:00", "lifetime", "2026-10-03", 2300,
         "Visualizações", 1100, 120, 9, 14, 40),
    ]  # fmt: skip


def test_german_facebook_export_with_decimal_comma_seconds_viewed(tmp_path):
    landing = tmp_path / "landing"
    rows = [
        ["Beitrags-ID", "Seiten-ID", "Titel", "Dauer (Sek.)", "Veröffentlichungszeitpunkt", "Beitragstyp",
         "Datum", "Aufrufe", "Reichweite", "Reaktionen", "Kommentare", "Mal geteilt", "Angesehene Sekunden"],
        ["104000000000009_900000000000901", "104000000000009", "Sommerfest", "45", "03.08.2026 19:00",
         "Reels", "04.08.2026", "12.034", "9.870", "410", "33", "12", "182.045,947"],
    ]  # fmt: skip
    write(landing / "content" / "facebook" / "beitraege.csv", post_export(rows))
    warehouse = tmp_path / "w.duckdb"

    report = load(str(landing), warehouse)

    assert report.ok, [r.message() for r in report.file_rejects]
    assert query(
        warehouse,
        "select post_id, page_id, duration_s, (published_at_local at time zone 'UTC')::varchar, period_kind, period_date::varchar, "
        "views, reach, reactions, comments, shares, seconds_viewed from raw.meta_facebook_posts",
    ) == [
        ("104000000000009_900000000000901", "104000000000009", 45.0, "2026-08-03 19:00:00", "daily",
         "2026-08-04", 12034, 9870, 410, 33, 12, 182045.947)
    ]  # fmt: skip


def test_a_file_writing_two_decimal_marks_is_rejected_whole_naming_it(tmp_path, capfd):
    landing = tmp_path / "landing"
    rows = [
        ["Post ID", "Publish time", "Date", "Views", "Reach", "Seconds viewed"],
        ["104000000000001_900000000000011", "08/03/2026 09:15", "Lifetime", "1.234.567", "980", "10.5"],
    ]
    write(landing / "content" / "facebook" / "mixed.csv", post_export(rows))
    warehouse = tmp_path / "w.duckdb"

    code = main(["load", "--landing", str(landing), "--warehouse", str(warehouse)])

    assert code == 1
    assert "mixed.csv" in capfd.readouterr().err
    assert query(warehouse, "select file, line, reason, is_file_rejected from raw.load_rejects") == [
        ("content/facebook/mixed.csv", 0, "numbers are written with both '.' and ',' as decimal mark", True)
    ]


def test_localised_account_titles_resolve_platform_from_title_or_folder(tmp_path):
    landing = tmp_path / "landing"
    instagram, facebook = landing / "content" / "instagram", landing / "content" / "facebook"
    # Spanish, UTF-16 with LF line endings: `Alcance` does not name the platform -> the folder's
    write(
        instagram / "Alcance.csv",
        account_export("Alcance", ("Fecha", "Principal"),
                       [["2017-03-01T00:00:00", "1.204"], ["2017-03-02T00:00:00", "987"]], newline="\n"),
    )  # fmt: skip
    # Spanish, CRLF: the title names the platform
    write(
        instagram / "Seguidores.csv",
        account_export("Seguidores de Instagram", ("Fecha", "Principal"), [["2017-03-01T00:00:00", "12"]]),
    )
    # Portuguese title naming Facebook, dropped in the instagram folder: the title wins over the folder
    write(
        instagram / "Alcance (1).csv",
        account_export("Alcance no Facebook", ("Data", "Principal"), [["2017-03-01T00:00:00", "2.310"]]),
    )
    # English title without the platform (Meta writes `Views` for a Facebook Page)
    write(
        facebook / "Views.csv",
        account_export("Views", ("Date", "Primary"), [["2017-03-02T00:00:00", "5400"]]),
    )
    warehouse = tmp_path / "w.duckdb"

    report = load(str(landing), warehouse)

    assert report.ok and report.rows == {"meta_account_daily": 5}, [r.message() for r in report.file_rejects]
    assert query(
        warehouse,
        "select platform, platform_source, metric, metric_reported_as, metric_date::varchar, value, "
        "_source_file, _source_line from raw.meta_account_daily order by 1, 3, 5",
    ) == [
        ("facebook", "title", "reach", "Alcance no Facebook", "2017-03-01", 2310,
         "content/instagram/Alcance (1).csv", 4),
        ("facebook", "folder", "views", "Views", "2017-03-02", 5400, "content/facebook/Views.csv", 4),
        ("instagram", "title", "follows", "Seguidores de Instagram", "2017-03-01", 12,
         "content/instagram/Seguidores.csv", 4),
        ("instagram", "folder", "reach", "Alcance", "2017-03-01", 1204, "content/instagram/Alcance.csv", 4),
        ("instagram", "folder", "reach", "Alcance", "2017-03-02", 987, "content/instagram/Alcance.csv", 5),
    ]  # fmt: skip


def test_snapshot_date_comes_from_the_best_evidence_and_says_which(tmp_path):
    landing = tmp_path / "landing"
    folder = landing / "content" / "instagram"
    header = ["Post ID", "Publish time", "Date", "Views", "Reach"]

    def export(post_id: str, views: str) -> bytes:
        return post_export([header, [post_id, "08/03/2026 10:00", "Lifetime", views, "50"]])

    # downloaded on Sep 14 for a range that ended Aug 31: the file time dates the snapshot
    write(
        folder / "Aug-01-2026_Aug-31-2026_1.csv", export("17900000000000401", "100"), datetime(2026, 9, 14, 8)
    )
    # a file time BEFORE the range end cannot be the download: the range end, marked approximate
    write(
        folder / "Jul-01-2026_Jul-31-2026_2.csv", export("17900000000000402", "200"), datetime(2026, 7, 20, 8)
    )
    # a zipped download: the member's own time wins over the zip's (copied later) modification time
    archive = folder / "meta_export.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(
            zipfile.ZipInfo("Aug-01-2026_Aug-31-2026_3.csv", date_time=(2026, 9, 3, 16, 20, 0)),
            export("17900000000000403", "300"),
        )
    set_mtime(archive, datetime(2026, 11, 30, 9))
    warehouse = tmp_path / "w.duckdb"

    report = load(str(landing), warehouse)

    assert report.ok and report.rows == {"meta_instagram_posts": 3}, [
        r.message() for r in report.file_rejects
    ]
    assert query(
        warehouse,
        "select post_id, period_date::varchar, snapshot_date::varchar, snapshot_date_source, views, _source_file "
        "from raw.meta_instagram_posts order by 1",
    ) == [
        ("17900000000000401", "2026-09-14", "2026-09-14", "file_time", 100,
         "content/instagram/Aug-01-2026_Aug-31-2026_1.csv"),
        ("17900000000000402", "2026-07-31", "2026-07-31", "range_end_approximate", 200,
         "content/instagram/Jul-01-2026_Jul-31-2026_2.csv"),
        ("17900000000000403", "2026-09-03", "2026-09-03", "zip_member_time", 300,
         "content/instagram/meta_export.zip::Aug-01-2026_Aug-31-2026_3.csv"),
    ]  # fmt: skip


def test_facebook_reel_with_decimal_seconds_reaches_the_post_kpis(tmp_path):
    """Through dbt (content models only): the reel's engagement rate and average watch time, worked out
    here from the figures written in the fixture."""
    landing = tmp_path / "landing"
    rows = [
        FB_HEADER,
        fb_row("104000000000001_900000000000003", "reel", "31.5", "08/09/2026 12:30", "Reels",
               "40210", "36100", "1820", "1600", "150", "70", "301123.5", "7.489", "25111", "0"),
        fb_row("104000000000001_900000000000001", "photo", "", "08/03/2026 09:15", "Photos",
               "1,204", "980", "61", "50", "7", "4", "", "", "", ""),
    ]  # fmt: skip
    write(
        landing / "content" / "facebook" / "Aug-01-2026_Aug-31-2026_5521.csv",
        post_export(rows),
        modified=datetime(2026, 9, 2, 17, 45),
    )
    warehouse = tmp_path / "w.duckdb"
    assert load(str(landing), warehouse).rows == {"meta_facebook_posts": 2}

    built = run_dbt(warehouse, "build", "--select", "+rpt_content__post_kpis",
                    "--resource-type", "model", "--resource-type", "seed")  # fmt: skip
    assert built.returncode == 0, built.stdout[-3000:]

    reel_engagements = (
        1600 + 150 + 70
    )  # reactions (Facebook's likes) + comments + shares; no saves on Facebook
    photo_engagements = 50 + 7 + 4
    assert query(
        warehouse,
        "select post_id, kpi, numerator, denominator, value from reporting.rpt_content__post_kpis "
        "where kpi in ('engagement_rate_impressions', 'engagement_rate_reach', 'avg_watch_time_s') "
        "order by post_id, kpi",
    ) == [
        ("104000000000001_900000000000001", "avg_watch_time_s", None, None, None),
        ("104000000000001_900000000000001", "engagement_rate_impressions", photo_engagements, 1204,
         photo_engagements / 1204),
        ("104000000000001_900000000000001", "engagement_rate_reach", photo_engagements, 980,
         photo_engagements / 980),
        # watch time is summed in whole seconds downstream: round(301123.5) = 301124
        ("104000000000001_900000000000003", "avg_watch_time_s", 301124, 25111, 301124 / 25111),
        ("104000000000001_900000000000003", "engagement_rate_impressions", reel_engagements, 40210,
         reel_engagements / 40210),
        ("104000000000001_900000000000003", "engagement_rate_reach", reel_engagements, 36100,
         reel_engagements / 36100),
    ]  # fmt: skip


def test_reach_above_views_is_a_warning_naming_the_post_and_check_exits_0(sample_run, tmp_path):
    """Real Instagram exports report Reach > Views on boosted posts: Meta's inconsistency, not a block."""
    assert sample_run.returncode == 0, sample_run.stderr
    warehouse = tmp_path / "socialkpi.duckdb"
    shutil.copyfile(sample_run.warehouse, warehouse)
    with duckdb.connect(str(warehouse)) as con:
        post_id, views = con.execute(
            "select post_id, sum(impressions) from marts.fct_post_daily where platform = 'instagram' "
            "group by post_id having sum(reach) is not null order by post_id limit 1"
        ).fetchall()[0]
        reach = views + 40  # boosted: 40 more accounts reached than views counted
        con.execute(
            "update marts.fct_post_daily set reach = reach + ? where platform = 'instagram' and post_id = ? "
            "and rowid = (select min(rowid) from marts.fct_post_daily where platform = 'instagram' "
            "and post_id = ? and reach is not null)",
            [reach - con.execute("select sum(reach) from marts.fct_post_daily where platform = 'instagram' "
                                 "and post_id = ?", [post_id]).fetchall()[0][0], post_id, post_id],
        )  # fmt: skip

    checked = socialkpi("check", "--layer", "marts", "--warehouse", str(warehouse))

    assert checked.returncode == 0, checked.stdout + checked.stderr
    output = checked.stdout + checked.stderr
    assert "failed_errors=0 failed_warnings=1" in output, output
    assert f"instagram post {post_id}: reach {reach} > views {views}" in output, output


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Instagram follows", ("instagram", "follows", "en")),
        ("Facebook Page reach", ("facebook", "reach", "en")),
        ("Content interactions", (None, "content_interactions", "en")),
        ("Seguidores de Instagram", ("instagram", "follows", "es")),
        ("Interacciones con el contenido", (None, "content_interactions", "es")),
        ("Alcance do Instagram", ("instagram", "reach", "es")),  # `alcance` is the same word in es and pt
        ("Visitas ao perfil do Instagram", ("instagram", "profile_visits", "pt")),
        ("Visitas ao Facebook", ("facebook", "page_visits", "es")),  # `visitas`: es and pt alike
        ("Instagram-Reichweite", ("instagram", "reach", "de")),
        ("Instagram Facebook reach", None),  # two platforms: no answer rather than a guess
        ("Instagram mystery metric", None),
    ],
)
def test_account_titles_resolve_platform_metric_and_language(title, expected):
    assert settings.account_metric(title) == expected


@pytest.mark.parametrize(
    ("text", "decimal", "count", "measure"),
    [
        ("1,204", ".", 1204, 1204.0),
        ("1.204", ",", 1204, 1204.0),
        (f"1{NBSP}204", ",", 1204, 1204.0),
        ("1\u202f250\u202f300", ",", 1250300, 1250300.0),
        ("3.0", ".", 3, 3.0),
        ("182045.947", ".", ValueError, 182045.947),
        ("182.045,947", ",", ValueError, 182045.947),
        ("12,34", ".", ValueError, ValueError),  # `,` groups thousands in threes when `.` is the decimal mark
    ],
)
def test_counts_are_whole_and_measures_decimal_by_the_files_decimal_mark(text, decimal, count, measure):
    for parse, expected in ((values.parse_count, count), (values.parse_measure, measure)):
        if expected is ValueError:
            with pytest.raises(ValueError):
                parse(text, decimal)
        else:
            assert parse(text, decimal) == expected


def test_the_decimal_mark_of_a_file_comes_from_the_values_that_prove_it():
    assert values.file_decimal_mark(["1.234", "980", "0,75"], ".", "f.csv") == ","
    assert values.file_decimal_mark(["1.234", "182045.947"], ",", "f.csv") == "."
    assert values.file_decimal_mark(["1.234.567", "12"], ".", "f.csv") == ","
    assert values.file_decimal_mark(["1.234", "12", None], ",", "f.csv") == ","  # nothing proves: default
    with pytest.raises(ValueError, match="both"):
        values.file_decimal_mark(["1.234.567", "10.5"], ".", "f.csv")


def test_an_account_export_with_a_facebook_block_then_an_instagram_block(tmp_path):
    """Portuguese, two blocks in one file: `Seguidores` names no platform, the other block is Instagram's,
    so it is Facebook's, although the file sits in the instagram folder."""
    lines = [
        "sep=,", '"Seguidores"', '"Data","Principal"', '"2017-05-01T00:00:00","3"', '"2017-05-02T00:00:00","1.015"',
        "", '"Seguidos no Instagram"', '"Data","Principal"', '"2017-05-01T00:00:00","27"',
    ]  # fmt: skip
    data = "\ufeff".encode("utf-16-le") + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")
    write(tmp_path / "landing" / "content" / "instagram" / "Seguidores.csv", data)
    warehouse = tmp_path / "w.duckdb"

    report = load(str(tmp_path / "landing"), warehouse)

    assert report.ok and report.rows == {"meta_account_daily": 3}, [r.message() for r in report.file_rejects]
    assert query(
        warehouse,
        "select platform, platform_source, metric, metric_reported_as, metric_date::varchar, value, _source_line "
        "from raw.meta_account_daily order by 1, 5",
    ) == [
        ("facebook", "other_titles", "follows", "Seguidores", "2017-05-01", 3, 4),
        ("facebook", "other_titles", "follows", "Seguidores", "2017-05-02", 1015, 5),
        ("instagram", "title", "follows", "Seguidos no Instagram", "2017-05-01", 27, 9),
    ]


def test_a_count_written_1_234_proves_the_comma_groups_thousands_in_a_spanish_file(tmp_path):
    """Spanish exported from Mexico writes `1,234` (comma thousands) although Spanish defaults to `,` as
    decimal mark: a count cannot have a fraction, so the file's own counts settle it."""
    rows = [
        IG_ES_HEADER[:4] + ["Hora de publicación", "Fecha", "Visualizaciones", "Alcance", "Me gusta"],
        ["17900000000000501", "17841400000000099", "taller.mx", "Taller MX", "05/09/2026 14:00", "Total",
         "12,480", "9,031", "804"],
    ]  # fmt: skip
    write(
        tmp_path / "landing" / "content" / "instagram" / "mx.csv", post_export(rows), datetime(2026, 9, 30, 9)
    )
    warehouse = tmp_path / "w.duckdb"

    report = load(str(tmp_path / "landing"), warehouse)

    assert report.ok, [r.message() for r in report.file_rejects]
    assert query(
        warehouse, "select post_id, views, reach, likes, period_date::varchar from raw.meta_instagram_posts"
    ) == [("17900000000000501", 12480, 9031, 804, "2026-09-30")]


# --- several Pages and Instagram accounts in one landing ----------------------------------------------------

IG_HEADER = [
    "Post ID", "Account ID", "Account username", "Account name", "Description", "Duration (sec)", "Publish time",
    "Permalink", "Post type", "Data comment", "Date", "Views", "Reach", "Likes", "Shares", "Follows", "Comments",
    "Saves",
]  # fmt: skip


def page_row(post_id: str, page_id: str, page_name: str, views: str, reactions: str) -> list[str]:
    """A Facebook post export row of one Page (its own `Page ID` / `Page name` columns)."""
    row = fb_row(post_id, "photo", "", "03/06/2017 10:00", "Photos", views, views, reactions, reactions, "0",
                 "0", "", "", "", "")  # fmt: skip
    row[1], row[2] = page_id, page_name
    return row


def ig_row(post_id: str, account_id: str, username: str, name: str, views: str, likes: str) -> list[str]:
    return [post_id, account_id, username, name, "A post made for the test", "0", "03/06/2017 11:00",
            f"https://www.instagram.com/p/{post_id[-5:]}/", "IG image", "", "Lifetime", views, views, likes, "0",
            "0", "0", "0"]  # fmt: skip


def two_pages_and_two_instagram_accounts(landing: Path) -> None:
    """Two Facebook Pages and two Instagram accounts, each in a folder of its own, exporting the SAME days:
    - Maple Studio's and Birch Works' post exports (each names its Page) and a `Facebook follows` file each,
      for 6 and 7 March 2017 (without the account, the second would overwrite the first);
    - north.studio's post export (its username) and `Instagram reach` for 6 March; the `south` folder holds only
      `Instagram reach` for 6 March: no post export names that account, so the folder does.
    Downloaded on 8 March 2017 (file time, after the range end)."""
    fb, ig = landing / "content" / "facebook", landing / "content" / "instagram"
    downloaded = datetime(2017, 3, 8, 9, 0)
    name = "Mar-01-2017_Mar-07-2017_{}.csv"
    write(fb / "maple" / name.format(1001), post_export([
        FB_HEADER, page_row("104000000000001_900000000000011", "104000000000001", "Maple Studio", "1200", "30"),
    ]), downloaded)  # fmt: skip
    write(fb / "birch" / name.format(1002), post_export([
        FB_HEADER, page_row("104000000000002_900000000000021", "104000000000002", "Birch Works", "800", "12"),
        page_row("104000000000002_900000000000022", "104000000000002", "Birch Works", "450", "9"),
    ]), downloaded)  # fmt: skip
    for folder, gains in (("maple", ("5", "3")), ("birch", ("11", "0"))):
        rows = [["2017-03-06T00:00:00", gains[0]], ["2017-03-07T00:00:00", gains[1]]]
        write(fb / folder / "Mar-01-2017_Mar-07-2017_Facebook_follows.csv",
              account_export("Facebook follows", ("Date", "Primary"), rows), downloaded)  # fmt: skip
    write(ig / "north" / name.format(2001), post_export([
        IG_HEADER, ig_row("17900000000000101", "17841400000000101", "north.studio", "North Studio", "640", "41"),
    ]), downloaded)  # fmt: skip
    for folder, reach in (("north", "2310"), ("south", "975")):
        write(ig / folder / "Mar-01-2017_Mar-07-2017_Instagram_reach.csv",
              account_export("Instagram reach", ("Date", "Primary"), [["2017-03-06T00:00:00", reach]]),
              downloaded)  # fmt: skip


ACCOUNT_ROWS_SQL = (
    "select account, platform, metric, metric_date::varchar, value, _source_file from raw.meta_account_daily "
    "order by 1, 2, 3, 4"
)
FB_POSTS_SQL = (
    "select account, post_id, page_id, page_name, views, reactions from raw.meta_facebook_posts order by 2"
)
IG_POSTS_SQL = (
    "select account, post_id, account_username, views, likes from raw.meta_instagram_posts order by 2"
)


def test_two_pages_and_two_instagram_accounts_load_fully_and_a_second_load_changes_nothing(tmp_path):
    landing = tmp_path / "landing"
    two_pages_and_two_instagram_accounts(landing)
    warehouse = tmp_path / "w.duckdb"
    fb = "content/facebook/{}/Mar-01-2017_Mar-07-2017_Facebook_follows.csv"
    ig = "content/instagram/{}/Mar-01-2017_Mar-07-2017_Instagram_reach.csv"
    # worked out from the fixture: every row of every file, under its own account
    expected_accounts = [
        ("Birch Works", "facebook", "follows", "2017-03-06", 11, fb.format("birch")),
        ("Birch Works", "facebook", "follows", "2017-03-07", 0, fb.format("birch")),
        ("Maple Studio", "facebook", "follows", "2017-03-06", 5, fb.format("maple")),
        ("Maple Studio", "facebook", "follows", "2017-03-07", 3, fb.format("maple")),
        ("north.studio", "instagram", "reach", "2017-03-06", 2310, ig.format("north")),
        ("south", "instagram", "reach", "2017-03-06", 975, ig.format("south")),
    ]
    expected_fb = [
        ("Maple Studio", "104000000000001_900000000000011", "104000000000001", "Maple Studio", 1200, 30),
        ("Birch Works", "104000000000002_900000000000021", "104000000000002", "Birch Works", 800, 12),
        ("Birch Works", "104000000000002_900000000000022", "104000000000002", "Birch Works", 450, 9),
    ]
    expected_ig = [("north.studio", "17900000000000101", "north.studio", 640, 41)]

    first = load(str(landing), warehouse)
    assert first.ok, [r.message() for r in first.file_rejects]
    assert first.rows == {"meta_account_daily": 6, "meta_facebook_posts": 3, "meta_instagram_posts": 1}
    assert query(warehouse, ACCOUNT_ROWS_SQL) == expected_accounts
    assert query(warehouse, FB_POSTS_SQL) == expected_fb
    assert query(warehouse, IG_POSTS_SQL) == expected_ig

    second = load(str(landing), warehouse)
    assert second.ok and sum(second.rows.values()) == 0
    assert query(warehouse, ACCOUNT_ROWS_SQL) == expected_accounts
    assert query(warehouse, FB_POSTS_SQL) == expected_fb
    assert query(warehouse, IG_POSTS_SQL) == expected_ig

    # the same downloads copied again under new names (a second download of the same range): merged on the
    # account, nothing doubles and nothing of the other account is touched
    for folder in ("maple", "birch"):
        source = landing / "content" / "facebook" / folder / "Mar-01-2017_Mar-07-2017_Facebook_follows.csv"
        shutil.copy2(source, source.with_name("Mar-01-2017_Mar-07-2017_Facebook_follows (1).csv"))
    third = load(str(landing), warehouse)
    assert third.ok and third.rows == {}  # copies of loaded files are not read again (issue 13)
    assert sum(r["status"] == "duplicate_file" for r in third.files) == 2
    assert [row[:5] for row in query(warehouse, ACCOUNT_ROWS_SQL)] == [row[:5] for row in expected_accounts]


def test_an_account_level_file_beside_two_pages_post_exports_is_rejected_saying_how_to_fix_it(tmp_path):
    landing = tmp_path / "landing"
    fb = landing / "content" / "facebook"
    write(fb / "Mar-01-2017_Mar-07-2017_1001.csv", post_export([
        FB_HEADER, page_row("104000000000001_900000000000011", "104000000000001", "Maple Studio", "1200", "30"),
        page_row("104000000000002_900000000000021", "104000000000002", "Birch Works", "800", "12"),
    ]))  # fmt: skip
    write(fb / "Mar-01-2017_Mar-07-2017_Facebook_follows.csv",
          account_export("Facebook follows", ("Date", "Primary"), [["2017-03-06T00:00:00", "5"]]))  # fmt: skip
    warehouse = tmp_path / "w.duckdb"

    report = load(str(landing), warehouse)

    assert not report.ok and report.rows == {"meta_facebook_posts": 2, "meta_account_daily": 0}
    assert query(warehouse, "select account, post_id from raw.meta_facebook_posts order by 2") == [
        ("Maple Studio", "104000000000001_900000000000011"),
        ("Birch Works", "104000000000002_900000000000021"),
    ]
    ((file, reason),) = query(
        warehouse, "select relative_path, reason from raw.landing_files where status = 'rejected'"
    )
    assert file == "content/facebook/Mar-01-2017_Mar-07-2017_Facebook_follows.csv"
    assert reason == (
        f"{file}, field 'title': this Facebook account-level export names no account, and the Facebook post exports beside it are of 2 "
        "accounts (Birch Works, Maple Studio): which one's figures it holds cannot be told; put each account's "
        "files in a folder of its own (content/facebook/<account>/)"
    )
