"""Content KPIs on the generated sample, checked against figures computed here from Meta's export files.

The Meta post exports are plain CSVs, so this test reads them with the standard library, independently of
the loaders and the dbt models: a post's lifetime figures as of a date are its latest lifetime snapshot on
or before that date plus the daily-export days after it; followers are the anchor seed plus the daily
follows of the account-level (UTF-16) export.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

from pipelines.kpis import stable
from tests.conftest import query, socialkpi

REPO = Path(__file__).resolve().parents[2]
SEPTEMBER = (date(2026, 9, 1), date(2026, 9, 30))


def _file_date(text: str) -> date:
    return datetime.strptime(text, "%b-%d-%Y").date()


def read_post_exports(landing: Path, platform: str) -> list[dict]:
    """Every row of the platform's Meta post exports, with its kind, date and the post's publish date."""
    rows = []
    for path in sorted((landing / "content" / platform).glob("*.csv")):
        raw = path.read_bytes()
        if raw.startswith(b"\xff\xfe"):
            continue  # an account-level export (UTF-16)
        snapshot = _file_date(path.name.split("_")[1])
        for record in csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")):
            lifetime = record["Date"] == "Lifetime"
            views = record.get("Views") or record.get("Impressions")
            likes = record["Likes"] if platform == "instagram" else record["Reactions"]
            rows.append({
                "post_id": record["Post ID"].strip().lstrip("'"),
                "published_on": datetime.strptime(record["Publish time"], "%m/%d/%Y %H:%M").date(),
                "kind": "lifetime" if lifetime else "daily",
                "day": snapshot if lifetime else datetime.strptime(record["Date"], "%m/%d/%Y").date(),
                "views": int(views),
                "engagements": int(likes) + int(record["Comments"]) + int(record["Shares"])
                + int(record.get("Saves") or 0),
            })  # fmt: skip
    return rows


def figures_as_of(rows: list[dict], as_of: date | None) -> dict[str, dict[str, int]]:
    """Per post: views and engagements as of the end of `as_of` (None: the latest data)."""
    by_post: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if as_of is None or row["day"] <= as_of:
            by_post[row["post_id"]].append(row)
    out = {}
    for post_id, post_rows in by_post.items():
        snapshots = [r for r in post_rows if r["kind"] == "lifetime"]
        last = max(snapshots, key=lambda r: r["day"]) if snapshots else None
        after = [r for r in post_rows if r["kind"] == "daily" and (last is None or r["day"] > last["day"])]
        out[post_id] = {
            name: (last[name] if last else 0) + sum(r[name] for r in after)
            for name in ("views", "engagements")
        }
    return out


def published_on(rows: list[dict]) -> dict[str, date]:
    return {row["post_id"]: row["published_on"] for row in rows}


def followers_by_day(landing: Path, title: str, anchor: int) -> dict[date, int]:
    """End-of-day followers: the anchor (end of 2026-07-31) plus the follows of each day after it."""
    path = next(p for p in (landing / "content").rglob("*.csv") if title.replace(" ", "_") in p.name)
    lines = path.read_bytes().decode("utf-16").splitlines()
    assert lines[0] == "sep=," and lines[1].strip('"') == title
    level, out = anchor, {}
    for record in sorted(csv.DictReader(lines[2:]), key=lambda r: r["Date"]):
        level += int(record["Primary"])
        out[date.fromisoformat(record["Date"][:10])] = level
    return out


def anchor_followers(landing: Path, platform: str) -> int:
    """The sample brand's anchor, from its own settings folder (follower_anchors.csv)."""
    with open(landing / "settings" / "follower_anchors.csv", encoding="utf-8") as handle:
        return next(int(r["followers"]) for r in csv.DictReader(handle) if r["platform"] == platform)


def export(*args: str, warehouse: Path) -> list[dict]:
    result = socialkpi("kpis", "--warehouse", str(warehouse), "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def built(sample_run):
    assert sample_run.returncode == 0, sample_run.stderr
    return sample_run


@pytest.mark.parametrize("platform", ["instagram", "facebook"])
def test_each_posts_lifetime_figures_match_its_latest_export(built, platform):
    expected = figures_as_of(read_post_exports(built.landing, platform), None)
    rows = export(
        "--platform", platform, "--by", "post", "--kpi", "engagements,views_per_post",
        warehouse=built.warehouse,
    )  # fmt: skip
    got: dict[str, dict[str, float]] = defaultdict(dict)
    for row in rows:
        got[row["post"]][row["kpi"]] = row["value"] if row["kpi"] == "engagements" else row["numerator"]
    assert len(expected) > 10
    assert set(got) == set(expected)
    for post_id, figures in expected.items():
        assert got[post_id] == {"engagements": figures["engagements"], "views_per_post": figures["views"]}, (
            post_id
        )


def test_a_months_cohort_counts_its_posts_with_their_figures_at_month_end(built):
    rows = read_post_exports(built.landing, "instagram")
    publish = published_on(rows)
    september = {p for p, d in publish.items() if SEPTEMBER[0] <= d <= SEPTEMBER[1]}
    at_month_end = figures_as_of(rows, SEPTEMBER[1])
    views = sum(at_month_end.get(p, {"views": 0})["views"] for p in september)
    engagements = sum(at_month_end.get(p, {"engagements": 0})["engagements"] for p in september)
    assert len(september) > 5

    exported = {
        row["kpi"]: row
        for row in export(
            "--platform",
            "instagram",
            "--from",
            "2026-09-01",
            "--to",
            "2026-09-30",
            "--kpi",
            "posts,views_per_post,engagement_rate_impressions",
            warehouse=built.warehouse,
        )  # fmt: skip
    }
    assert exported["posts"]["value"] == len(september)
    assert (exported["views_per_post"]["numerator"], exported["views_per_post"]["denominator"]) == (
        views,
        len(september),
    )
    assert exported["engagement_rate_impressions"]["numerator"] == engagements
    # exports carry 12 significant digits (pipelines/kpis.py `stable`): summation noise never reaches a file
    assert exported["engagement_rate_impressions"]["value"] == stable(engagements / views)

    mart = dict(
        query(
            built.warehouse,
            "select kpi, value from reporting.rpt_content__platform_period_kpis where platform = 'instagram' "
            "and period_kind = 'month' and period_start = date '2026-09-01'",
        )
    )
    assert mart["views_per_post"] == pytest.approx(views / len(september), rel=1e-12)
    assert stable(mart["engagement_rate_impressions"]) == exported["engagement_rate_impressions"]["value"]


def test_engagement_rate_by_followers_divides_by_the_followers_on_each_publish_date(built):
    rows = read_post_exports(built.landing, "instagram")
    publish = published_on(rows)
    levels = followers_by_day(
        built.landing, "Instagram follows", anchor_followers(built.landing, "instagram")
    )
    september = {p for p, d in publish.items() if SEPTEMBER[0] <= d <= SEPTEMBER[1]}
    at_month_end = figures_as_of(rows, SEPTEMBER[1])
    followers = sum(levels[publish[p]] for p in september)
    engagements = sum(at_month_end.get(p, {"engagements": 0})["engagements"] for p in september)

    (row,) = export(
        "--platform", "instagram", "--from", "2026-09-01", "--to", "2026-09-30",
        "--kpi", "engagement_rate_followers", warehouse=built.warehouse,
    )  # fmt: skip
    assert (row["numerator"], row["denominator"]) == (engagements, followers)

    (growth,) = export(
        "--platform", "instagram", "--from", "2026-09-01", "--to", "2026-09-30",
        "--kpi", "follower_growth", warehouse=built.warehouse,
    )  # fmt: skip
    assert growth["value"] == levels[SEPTEMBER[1]] - levels[date(2026, 8, 31)]


@pytest.mark.parametrize(
    ("by", "relation", "column"),
    [
        ("campaign", "rpt_content__campaign_kpis", "campaign"),
        ("content_type", "rpt_content__content_type_kpis", "content_type"),
        ("post", "rpt_content__post_kpis", "post_id"),
    ],
)
def test_the_export_and_the_marts_compute_the_same_content_kpis(built, by, relation, column):
    kpis = "engagement_rate_impressions,engagement_rate_views,comments_per_post,view_follower_ratio"
    exported = {
        (row["platform"], row[by], row["kpi"]): (row["value"], row["numerator"], row["denominator"])
        for row in export("--by", f"platform,{by}", "--kpi", kpis, warehouse=built.warehouse)
    }
    mart = {
        (platform, group, kpi): (stable(value), stable(numerator), stable(denominator))
        for platform, group, kpi, value, numerator, denominator in query(
            built.warehouse,
            f"select platform, {column}, kpi, value, numerator, denominator from reporting.{relation} "
            f"where kpi in ({', '.join(repr(k) for k in kpis.split(','))})",
        )
    }
    assert mart and exported == mart


def test_kpis_a_platform_does_not_report_are_empty_not_zero(built):
    rows = {
        (row["platform"], row["kpi"]): row["value"]
        for row in export(
            "--by",
            "platform",
            "--kpi",
            "engagement_rate_impressions,ctr,engagement_rate_views",
            warehouse=built.warehouse,
        )  # fmt: skip
    }
    assert rows[("tiktok", "engagement_rate_impressions")] is None  # TikTok's file export has no impressions
    assert rows[("instagram", "ctr")] is None  # Instagram's export has no clicks
    assert rows[("tiktok", "engagement_rate_views")] > 0
    assert rows[("instagram", "engagement_rate_impressions")] > 0
