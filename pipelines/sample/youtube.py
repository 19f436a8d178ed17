"""YouTube Studio Advanced mode exports: one zip per chosen range, `Content <start>_<end> <Channel>.zip`.

Each zip holds `Table data.csv` (a `Total` row under the header, video ids with a leading space on some rows,
`Video publish time` like `Sep 26, 2026`, `Average view duration` as `H:MM:SS`) and the chart data files
(`Chart data.csv`, `Totals.csv`, one row per day) the loader skips. The August export was made with the old
headers (`Impressions`, `Impressions click-through rate (%)`, `Regular viewers`).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

from .calendar import HOUR_S, TEAM_TZ, local_epoch
from .posts import Post
from .writers import csv_bytes, write_bytes, zip_bytes

CHANNEL = "Boreal & Co."
RANGES = ((date(2026, 8, 1), date(2026, 8, 31)), (date(2026, 9, 1), date(2026, 9, 30)),
          (date(2026, 10, 1), date(2026, 10, 31)))  # fmt: skip
OLD_HEADER_RANGE = date(2026, 8, 1)


def _header(old: bool) -> list[str]:
    return [
        "Content", "Video title", "Video publish time", "Duration", "Views", "Watch time (hours)", "Subscribers",
        "Impressions" if old else "Thumbnail impressions",
        "Impressions click-through rate (%)" if old else "Thumbnail click-through rate (%)",
        "Average view duration", "Regular viewers" if old else "Returning viewers",
    ]  # fmt: skip


def _hms(seconds: int) -> str:
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _published(post: Post) -> str:
    return datetime.fromtimestamp(post.publish_ts, TEAM_TZ).strftime("%b %d, %Y").replace(" 0", " ")


def write_youtube(out_dir: Path, posts: list[Post], seed: int) -> dict[str, int]:
    """Write one zip per range; returns {relative path: video rows (the Total row not counted)}."""
    rng = random.Random(f"{seed}:youtube")
    counts: dict[str, int] = {}
    for start, end in RANGES:
        a, b = local_epoch(start), local_epoch(end + timedelta(days=1))
        rows: list[list[object]] = []
        for post in sorted(posts, key=lambda p: p.views(b) - p.views(a), reverse=True):
            views = post.views(b) - post.views(a)
            if post.publish_ts >= b or views <= 0:
                continue
            duration = post.duration_s or rng.randint(60, 900)
            average = int(duration * rng.uniform(0.25, 0.6))
            impressions = int(views * rng.uniform(6, 12))
            rows.append([
                (" " if len(rows) % 3 == 0 else "") + post.post_id, post.caption.split("\n", 1)[0][:100],
                _published(post), duration, views, round(views * average / 3600, 4), rng.randint(-2, 6),
                impressions, round(100 * views / impressions * rng.uniform(0.4, 0.8), 2), _hms(average),
                int(views * rng.uniform(0.1, 0.3)),
            ])  # fmt: skip
        total = ["Total", "", "", "", sum(r[4] for r in rows), round(sum(r[5] for r in rows), 4),
                 sum(r[6] for r in rows), sum(r[7] for r in rows), "", "", ""]  # fmt: skip
        table = [_header(start == OLD_HEADER_RANGE), total, *rows]
        days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
        chart = [["Date", "Content", "Video title", "Views"]] + [
            [day.isoformat(), rows[0][0].strip(), rows[0][1], rng.randint(0, 50)] for day in days if rows
        ]
        totals = [["Date", "Views"]] + [[day.isoformat(), rng.randint(0, 200)] for day in days]
        stamp = (end + timedelta(days=1)).timetuple()[:3] + (10, 0, 0)
        data = zip_bytes(
            {
                "Chart data.csv": csv_bytes(chart),
                "Table data.csv": csv_bytes(table),
                "Totals.csv": csv_bytes(totals),
            },
            stamp,
        )
        rel = f"content/youtube/Content {start.isoformat()}_{end.isoformat()} {CHANNEL}.zip"
        write_bytes(out_dir / rel, data, local_epoch(end + timedelta(days=1), 10 * HOUR_S))
        counts[rel] = len(rows)
    return counts
