"""TikTok Studio "Download data" exports: zips of CSVs and an .xlsx, as TikTok writes them.

Every field is quoted, a missing value is the literal `undefined`, days carry no year and follow the UI
language. Three downloads: August (English zip, range in its name, with an extra `FollowerGender.csv` the
loader skips), September (English .xlsx, range in its name) and October (French zip with files renamed as a
phone does, no range in its name: the year comes from its modification date).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from .calendar import HOUR_S, TEAM_TZ, local_epoch
from .posts import Post
from .writers import csv_bytes, write_bytes, xlsx_bytes, zip_bytes

EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")  # fmt: skip
FR_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")  # fmt: skip
CONTENT = ["Time", "Video title", "Video link", "Post time", "Total likes", "Total comments", "Total shares",
           "Total views"]  # fmt: skip
OVERVIEW = ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]
FOLLOWERS = ["Date", "Followers", "Difference in followers from previous day"]
VIEWERS = ["Date", "Total Viewers", "New Viewers", "Returning Viewers"]
DOWNLOAD_HOUR = 9.0  # downloads happen the morning after the range ends


@dataclass(frozen=True)
class Download:
    start: date
    end: date
    french: bool
    kind: str  # "zip" | "xlsx"
    rel_path: str

    @property
    def moment(self) -> float:
        return local_epoch(self.end + timedelta(days=1), DOWNLOAD_HOUR * HOUR_S)


DOWNLOADS = (
    Download(date(2026, 8, 1), date(2026, 8, 31), False, "zip",
             "content/tiktok/TikTok_Studio_Data_2026-08-01_2026-08-31.zip"),
    Download(date(2026, 9, 1), date(2026, 9, 30), False, "xlsx",
             "content/tiktok/TikTok_Studio_Data_2026-09-01_2026-09-30.xlsx"),
    Download(date(2026, 10, 1), date(2026, 10, 31), True, "zip", "content/tiktok/Export (1).zip"),
)  # fmt: skip


def day_text(day: date, french: bool) -> str:
    return f"{day.day} {FR_MONTHS[day.month - 1]}" if french else f"{EN_MONTHS[day.month - 1]} {day.day}"


def _days(d: Download) -> list[date]:
    return [d.start + timedelta(days=i) for i in range((d.end - d.start).days + 1)]


def _tables(d: Download, posts: list[Post], rng: random.Random) -> dict[str, list[list[object]]]:
    snapshot = local_epoch(d.end + timedelta(days=1))
    content: list[list[object]] = [CONTENT]
    for post in sorted(posts, key=lambda p: p.publish_ts, reverse=True):
        if post.publish_ts >= snapshot:
            continue
        posted = datetime.fromtimestamp(post.publish_ts, TEAM_TZ).date()
        comments = post.metric(snapshot, 0.0012)
        content.append([
            day_text(d.end, d.french), post.caption.split("\n", 1)[0][:90], post.permalink,
            day_text(posted, d.french), post.metric(snapshot, post.like_rate),
            comments if comments else "undefined", post.metric(snapshot, post.share_rate), post.views(snapshot),
        ])  # fmt: skip
    overview: list[list[object]] = [OVERVIEW]
    followers: list[list[object]] = [FOLLOWERS]
    viewers: list[list[object]] = [VIEWERS]
    total = 12_000 + int((d.start - date(2026, 8, 1)).days * 14)
    for day in _days(d):
        a, b = local_epoch(day), local_epoch(day + timedelta(days=1))
        views = sum(p.views(b) - p.views(a) for p in posts)
        likes = sum(p.metric(b, p.like_rate) - p.metric(a, p.like_rate) for p in posts)
        shares = sum(p.metric(b, p.share_rate) - p.metric(a, p.share_rate) for p in posts)
        comments = sum(p.metric(b, 0.0012) - p.metric(a, 0.0012) for p in posts)
        profile = int(views * rng.uniform(0.01, 0.03))
        overview.append([day_text(day, d.french), views, profile if day.day != 1 else "undefined", likes,
                         comments, shares])  # fmt: skip
        gained = rng.randint(-3, 30)
        total += gained
        followers.append([day_text(day, d.french), total, gained])
        unique = int(views * rng.uniform(0.55, 0.7))
        new = int(unique * rng.uniform(0.6, 0.8))
        viewers.append([day_text(day, d.french), unique, new, unique - new])
    return {"Content": content, "Overview": overview, "FollowerHistory": followers, "Viewers": viewers}


def write_tiktok(out_dir: Path, posts: list[Post], seed: int) -> dict[str, int]:
    """Write the TikTok downloads; returns {relative path: rows the loader reads from it}."""
    rng = random.Random(f"{seed}:tiktok")
    counts: dict[str, int] = {}
    for d in DOWNLOADS:
        tables = _tables(d, posts, rng)
        stamp = (d.end + timedelta(days=1)).timetuple()[:3] + (9, 0, 0)
        rows = sum(len(t) - 1 for t in tables.values())
        if d.kind == "xlsx":
            data = xlsx_bytes(tables, stamp)
        else:
            names = (
                {"Content": "Contenu.csv", "Overview": "Aperçu (1).csv", "FollowerHistory": "Abonnés.csv",
                 "Viewers": "Spectateurs.csv"}
                if d.french else {name: f"{name}.csv" for name in tables}
            )  # fmt: skip
            members = {names[name]: csv_bytes(table, quote_all=True) for name, table in tables.items()}
            if not d.french:
                members["FollowerGender.csv"] = csv_bytes(
                    [["Gender", "Distribution"], ["Female", "0.58"], ["Male", "0.4"], ["Other", "0.02"]],
                    quote_all=True,
                )
            data = zip_bytes(members, stamp)
        write_bytes(out_dir / d.rel_path, data, d.moment)
        counts[d.rel_path] = rows
    return counts
