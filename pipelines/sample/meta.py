"""Meta Business Suite content exports (Insights -> Content -> Export) for Instagram and Facebook.

File names follow Meta: `<Mon-DD-YYYY>_<Mon-DD-YYYY>_<export id>.csv`: the first date starts the chosen
range, the second ends it and is the day of the download (the snapshot). Lifetime exports (`Date` =
`Lifetime`) hold each post's totals as of the download; the daily export holds one row per post and day.
Files start with a UTF-8 BOM and use CRLF line endings.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from . import timefmt
from .calendar import HOUR_S, local_epoch
from .catalog import FB_PAGE_ID, FB_PAGE_NAME, IG_ACCOUNT_ID, IG_USERNAME
from .ids import digits
from .posts import CommentTally, Post
from .writers import CsvFile

IG_METRICS = ["Views", "Reach", "Likes", "Shares", "Follows", "Comments", "Saves"]
IG_HEADER = [
    "Post ID", "Account ID", "Account username", "Account name", "Description", "Duration (sec)",
    "Publish time", "Permalink", "Post type", "Data comment", "Date",
] + IG_METRICS  # fmt: skip
FB_HEADER = [
    "Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)", "Publish time", "Caption type",
    "Permalink", "Is crosspost", "Is share", "Post type", "Languages", "Custom labels", "Funded content status",
    "Data comment", "Date", "Views", "Reach", "Reactions, Comments and Shares", "Reactions", "Comments",
    "Shares", "Total clicks", "Other Clicks",
]  # fmt: skip
FB_OPTIONAL = [
    "Link Clicks", "Seconds viewed", "Average Seconds viewed", "3-second video views", "1-minute video views",
    "Views from Organic posts", "Views from Boosted posts", "Reach from Organic posts", "Reach from Boosted posts",
]  # fmt: skip
FB_VIDEO = ("Videos", "Reels")
SNAPSHOT_HOUR = 18.0  # downloads happen at 18:00 Toronto on the download day


@dataclass(frozen=True)
class Download:
    platform: str
    start: date
    end: date  # the download day
    daily: bool
    header_variant: str  # "views" | "impressions" (Instagram) | "base" | "full" (Facebook presets)
    export_id: str

    @property
    def moment(self) -> float:
        return local_epoch(self.end, SNAPSHOT_HOUR * HOUR_S)

    @property
    def rel_path(self) -> str:
        return f"content/{self.platform}/{_mdy(self.start)}_{_mdy(self.end)}_{self.export_id}.csv"


def _mdy(day: date) -> str:
    return day.strftime("%b-%d-%Y")


def schedule(rng: random.Random) -> list[Download]:
    """Weekly Instagram lifetime downloads (28-day ranges), one daily export, biweekly Facebook ones."""
    downloads = []
    first = date(2026, 8, 8)
    for i in range(13):
        end = first + timedelta(days=7 * i)
        variant = "impressions" if i == 0 else "views"
        downloads.append(
            Download("instagram", end - timedelta(days=27), end, False, variant, digits(rng, 16))
        )
    downloads.append(
        Download("instagram", date(2026, 10, 1), date(2026, 10, 14), True, "views", digits(rng, 16))
    )
    for i in range(7):
        end = first + timedelta(days=14 * i)
        variant = "full" if i % 2 else "base"
        downloads.append(Download("facebook", end - timedelta(days=41), end, False, variant, digits(rng, 16)))
    return downloads


def daily_bounds(download: Download) -> list[tuple[date, float, float]]:
    """(day, start, end) of each day of a daily export; the download day ends at the download."""
    out = []
    day = download.start
    while day <= download.end:
        end = download.moment if day == download.end else local_epoch(day + timedelta(days=1))
        out.append((day, local_epoch(day), end))
        day += timedelta(days=1)
    return out


def cutoffs(downloads: list[Download]) -> dict[str, list[float]]:
    """Every instant an export counts comments up to, per platform (for the CommentTally)."""
    out: dict[str, set[float]] = {}
    for d in downloads:
        bucket = out.setdefault(d.platform, set())
        bucket.add(d.moment)
        if d.daily:
            for _, start, end in daily_bounds(d):
                bucket.update((start, end))
    return {p: sorted(v) for p, v in out.items()}


class Figures:
    """A post's cumulative figures at an instant (lifetime), consistent with the inbox comments."""

    def __init__(self, post: Post, ts: float, tally: CommentTally) -> None:
        p = post
        self.views = p.views(ts)
        self.reach = int(self.views * p.reach_ratio)
        self.likes = p.metric(ts, p.like_rate)
        self.shares = p.metric(ts, p.share_rate)
        self.saves = p.metric(ts, p.save_rate)
        self.follows = p.metric(ts, p.follow_rate)
        self.clicks = p.metric(ts, p.click_rate)
        self.comments = tally.before(p.platform, p.post_id, ts) + p.metric(ts, 0.0012)


def _ig_row(post: Post, date_value: str, f: Figures | _Delta) -> list[object]:
    return [
        post.post_id, IG_ACCOUNT_ID, IG_USERNAME, "Boreal & Co.", post.caption, post.duration_s,
        timefmt.meta_publish(post.publish_ts), post.permalink, post.post_type, "", date_value,
        f.views, f.reach, f.likes, f.shares, f.follows, f.comments, f.saves,
    ]  # fmt: skip


class _Delta:
    """One day's own figures: the difference of two cumulative snapshots."""

    def __init__(self, a: Figures, b: Figures) -> None:
        for name in ("views", "likes", "shares", "saves", "follows", "clicks", "comments"):
            setattr(self, name, getattr(b, name) - getattr(a, name))
        self.reach = max(0, b.reach - a.reach)


def _fb_row(post: Post, f: Figures, full: bool) -> list[object]:
    first_line = post.caption.split("\n", 1)[0]
    video = post.post_type in FB_VIDEO
    engaged = f.likes + f.comments + f.shares
    row: list[object] = [
        post.post_id, FB_PAGE_ID, FB_PAGE_NAME, first_line[:100],
        post.caption if len(post.caption) > 60 else "", post.duration_s or "", timefmt.meta_publish(post.publish_ts),
        "", post.permalink, "Yes" if post.post_type == "Reels" and int(post.views_final) % 3 == 0 else "No", "No",
        post.post_type, "", "", "", "", "Lifetime", f.views, f.reach, engaged, f.likes, f.comments, f.shares,
        f.clicks, max(0, f.clicks - (f.clicks // 2 if post.post_type == "Links" else 0)),
    ]  # fmt: skip
    if full:
        link = f.clicks // 2 if post.post_type == "Links" else 0
        watched = int(f.views * min(post.duration_s, 30) * 0.4) if video else ""
        avg = round(watched / f.views, 2) if video and f.views else ""
        boosted_views = int(f.views * post.boosted_share)
        boosted_reach = int(f.reach * post.boosted_share)
        row += [
            link, watched, avg, int(f.views * 0.45) if video else "", int(f.views * 0.08) if video else "",
            f.views - boosted_views, boosted_views, f.reach - boosted_reach, boosted_reach,
        ]  # fmt: skip
    return row


def _in_range(post: Post, d: Download) -> bool:
    return local_epoch(d.start) <= post.publish_ts < d.moment


def write_download(out_dir: Path, d: Download, posts: list[Post], tally: CommentTally) -> tuple[str, int]:
    if d.platform == "facebook":
        header = FB_HEADER + (FB_OPTIONAL if d.header_variant == "full" else [])
    else:
        header = list(IG_HEADER)
        if d.header_variant == "impressions":
            header[header.index("Views")] = "Impressions"
    out = CsvFile(out_dir / d.rel_path, header, d.moment, bom=True)
    selected = [p for p in posts if _in_range(p, d)]
    if d.daily:
        for day, start, end in daily_bounds(d):
            for post in selected:
                if post.publish_ts < end:
                    delta = _Delta(Figures(post, start, tally), Figures(post, end, tally))
                    out.write(_ig_row(post, day.strftime("%m/%d/%Y"), delta))
    else:
        for post in sorted(selected, key=lambda p: p.publish_ts, reverse=True):
            f = Figures(post, d.moment, tally)
            out.write(_fb_row(post, f, d.header_variant == "full") if d.platform == "facebook"
                      else _ig_row(post, "Lifetime", f))  # fmt: skip
    out.close()
    return d.rel_path, out.rows


def write_meta(out_dir: Path, downloads: list[Download], posts: dict[str, list[Post]],
               tally: CommentTally) -> dict[str, int]:  # fmt: skip
    counts = {}
    for d in downloads:
        rel, rows = write_download(out_dir, d, posts[d.platform], tally)
        counts[rel] = rows
    return counts
