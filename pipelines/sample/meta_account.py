"""Meta Business Suite account-level exports (Insights → Results / Audience → Export), one CSV per metric.

Written as Meta writes them: UTF-16LE with a byte-order mark, CRLF, a `sep=,` first line, the metric's title
(`Instagram follows`), then `"Date","Primary"` and one quoted row per day (`2026-08-01T00:00:00`). File names
like Meta's: `<Mon-DD-YYYY>_<Mon-DD-YYYY>_<Platform>_<metric>.csv` for the sample's whole range, downloaded
on the export day. Values are that day's own figures: `follows` are the day's new follows (gains), tens a day
on Instagram and a few on Facebook, following the weekday rhythm, the campaigns and a slow growth.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

from .calendar import END, EXPORT_DAY, HOUR_S, START, days_in_range, local_epoch, volume_factor
from .writers import write_bytes

DOWNLOAD_HOUR = 9.0  # downloaded on the export day, 09:00 Toronto


def _follows(base: float, spread: float) -> Callable[[random.Random, date], int]:
    def value(rng: random.Random, day: date) -> int:
        return max(0, round(rng.gauss(base * volume_factor(day), spread)))

    return value


def _reach(base: float) -> Callable[[random.Random, date], int]:
    def value(rng: random.Random, day: date) -> int:
        spike = 1.8 if rng.random() < 0.06 else 1.0  # a post that travelled
        return max(0, round(base * volume_factor(day) * spike * rng.uniform(0.85, 1.15)))

    return value


# (platform folder, title line, file-name metric, daily value)
ACCOUNT_EXPORTS: tuple[tuple[str, str, str, Callable[[random.Random, date], int]], ...] = (
    ("instagram", "Instagram follows", "follows", _follows(24.0, 5.0)),
    ("instagram", "Instagram reach", "reach", _reach(2600.0)),
    ("facebook", "Facebook follows", "follows", _follows(4.0, 1.6)),
)


def _mdy(day: date) -> str:
    return day.strftime("%b-%d-%Y")


def account_file(title: str, rows: list[tuple[date, int]]) -> bytes:
    """The bytes of one account-level export: UTF-16LE with BOM, CRLF, `sep=,`, title, quoted cells."""
    lines = ["sep=,", f'"{title}"', '"Date","Primary"']
    lines += [f'"{day.isoformat()}T00:00:00","{value}"' for day, value in rows]
    return "\ufeff".encode("utf-16-le") + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")


def write_meta_account(out_dir: Path, seed: int) -> dict[str, int]:
    """Write the daily account-level exports; returns {relative path: data rows}."""
    rng = random.Random(f"{seed}:meta_account")
    moment = local_epoch(EXPORT_DAY, DOWNLOAD_HOUR * HOUR_S)
    counts: dict[str, int] = {}
    for platform, title, metric, value in ACCOUNT_EXPORTS:
        rows = [(day, value(rng, day)) for day in days_in_range()]
        name = f"{_mdy(START)}_{_mdy(END)}_{title.split(' ', 1)[0]}_{metric}.csv"
        rel = f"content/{platform}/{name}"
        write_bytes(out_dir / rel, account_file(title, rows), moment)
        counts[rel] = len(rows)
    return counts
