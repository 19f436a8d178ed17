"""LinkedIn Page analytics exports: content and followers workbooks, and an old CSV saved from a sheet.

The content workbook (`borealandco_content_<epoch ms>.xlsx`) has a "Metrics" sheet (one row per day) and an
"All posts" sheet (each post's lifetime totals at the download), each with a description line above the
header; the followers workbook has a "New followers" sheet per day and a "Location" sheet the loader skips.
An older "All posts" sheet, saved as CSV at the start of September, uses the old names (`Update …`,
`Shares`) and has no description line. Dates are `MM/DD/YYYY`; CTR and engagement rate are fractions.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

from .calendar import END, EXPORT_DAY, HOUR_S, START, TEAM_TZ, local_epoch
from .posts import Post
from .writers import csv_bytes, write_bytes, xlsx_bytes

POSTS_HEADER = [
    "Post title", "Post link", "Post type", "Campaign name", "Posted by", "Created date", "Campaign start date",
    "Campaign end date", "Audience", "Impressions", "Views", "Offsite Views", "Clicks", "Click through rate (CTR)",
    "Likes", "Comments", "Reposts", "Follows", "Engagement rate", "Content Type",
]  # fmt: skip
METRICS_HEADER = [
    "Date", "Impressions (organic)", "Impressions (sponsored)", "Impressions (total)",
    "Unique impressions (organic)", "Clicks (organic)", "Clicks (sponsored)", "Clicks (total)",
    "Reactions (organic)", "Reactions (sponsored)", "Reactions (total)", "Comments (organic)",
    "Comments (sponsored)", "Comments (total)", "Reposts (organic)", "Reposts (sponsored)", "Reposts (total)",
    "Engagement rate (organic)", "Engagement rate (sponsored)", "Engagement rate (total)",
]  # fmt: skip
FOLLOWERS_HEADER = [
    "Date",
    "Sponsored followers",
    "Organic followers",
    "Auto-invited followers",
    "Total followers",
]
OLD_SNAPSHOT = date(2026, 9, 1)
DOWNLOAD_HOUR = 11.0


def _mdy(day: date) -> str:
    return day.strftime("%m/%d/%Y")


def _posts_rows(posts: list[Post], snapshot: float, rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = []
    for post in sorted(posts, key=lambda p: p.publish_ts, reverse=True):
        if post.publish_ts >= snapshot:
            continue
        impressions = post.views(snapshot)
        clicks = post.metric(snapshot, post.click_rate)
        likes = post.metric(snapshot, post.like_rate)
        comments = post.metric(snapshot, 0.0012)
        reposts = post.metric(snapshot, post.share_rate)
        engaged = clicks + likes + comments + reposts
        rows.append([
            post.caption.split("\n", 1)[0][:80], post.permalink, "Organic", post.campaign or "", "Boreal & Co.",
            _mdy(datetime.fromtimestamp(post.publish_ts, TEAM_TZ).date()), "", "", "All followers", impressions,
            "", "", clicks, round(clicks / impressions, 4) if impressions else 0, likes, comments, reposts,
            post.metric(snapshot, post.follow_rate), round(engaged / impressions, 4) if impressions else 0,
            post.post_type,
        ])  # fmt: skip
    rng.random()
    return rows


def _metrics_rows(posts: list[Post], rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = []
    day = START
    while day <= END:
        a, b = local_epoch(day), local_epoch(day + timedelta(days=1))
        organic = sum(p.views(b) - p.views(a) for p in posts)
        sponsored = rng.choice((0, 0, 0, int(organic * 0.3)))
        clicks = sum(p.metric(b, p.click_rate) - p.metric(a, p.click_rate) for p in posts)
        reactions = sum(p.metric(b, p.like_rate) - p.metric(a, p.like_rate) for p in posts)
        comments = sum(p.metric(b, 0.0012) - p.metric(a, 0.0012) for p in posts)
        reposts = sum(p.metric(b, p.share_rate) - p.metric(a, p.share_rate) for p in posts)
        engaged = clicks + reactions + comments + reposts
        rate = round(engaged / organic, 4) if organic else 0
        rows.append([
            _mdy(day), organic, sponsored, organic + sponsored, int(organic * 0.7), clicks, 0, clicks, reactions, 0,
            reactions, comments, 0, comments, reposts, 0, reposts, rate, 0, round(engaged / (organic + sponsored), 4)
            if organic + sponsored else 0,
        ])  # fmt: skip
        day += timedelta(days=1)
    return rows


def _followers_rows(rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = []
    day = START
    while day <= END:
        sponsored, organic, invited = rng.choice((0, 0, 1)), rng.randint(0, 9), rng.choice((0, 0, 0, 2))
        rows.append([_mdy(day), sponsored, organic, invited, sponsored + organic + invited])
        day += timedelta(days=1)
    return rows


def write_linkedin(out_dir: Path, posts: list[Post], seed: int) -> dict[str, int]:
    """Write the LinkedIn exports; returns {relative path: rows the loader reads from it}."""
    rng = random.Random(f"{seed}:linkedin")
    moment = local_epoch(EXPORT_DAY, DOWNLOAD_HOUR * HOUR_S)
    stamp = EXPORT_DAY.timetuple()[:3] + (11, 0, 0)
    counts: dict[str, int] = {}

    metrics = _metrics_rows(posts, rng)
    all_posts = _posts_rows(posts, moment, rng)
    rel = f"content/linkedin/borealandco_content_{int(moment * 1000)}.xlsx"
    sheets = {
        "Metrics": [["Aggregated post metrics for your Page, by day. Rates are fractions."], METRICS_HEADER,
                    *metrics],
        "All posts": [["Every post in the selected range with its lifetime metrics."], POSTS_HEADER, *all_posts],
    }  # fmt: skip
    write_bytes(out_dir / rel, xlsx_bytes(sheets, stamp), moment)
    counts[rel] = len(metrics) + len(all_posts)

    followers = _followers_rows(rng)
    rel = f"content/linkedin/borealandco_followers_{int(moment * 1000)}.xlsx"
    sheets = {
        "New followers": [FOLLOWERS_HEADER, *followers],
        "Location": [["Location", "Total followers"], ["Toronto, Ontario", 412], ["Montréal, Québec", 233]],
    }
    write_bytes(out_dir / rel, xlsx_bytes(sheets, stamp), moment)
    counts[rel] = len(followers)

    old_moment = local_epoch(OLD_SNAPSHOT, DOWNLOAD_HOUR * HOUR_S)
    old_header = [h.replace("Post ", "Update ").replace("Reposts", "Shares") for h in POSTS_HEADER]
    old_rows = _posts_rows(posts, old_moment, rng)
    rel = "content/linkedin/all_posts_saved_from_sheet.csv"
    write_bytes(out_dir / rel, csv_bytes([old_header, *old_rows], bom=True), old_moment)
    counts[rel] = len(old_rows)
    return counts
