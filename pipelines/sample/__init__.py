"""Deterministic sample landing folder for socialkpi: events, Meta, TikTok, YouTube and LinkedIn content,
Shopify, HubSpot and costs.

`generate(out_dir, seed, scale)` writes every input family the loaders read, in the layouts (and with
the quirks) the real tools produce, and returns `{relative path: data rows}`. The same seed and scale
give byte-identical files, modification times included. Scale multiplies volume, never the date range
(2026-08-01 .. 2026-10-31, America/Toronto).
"""

from __future__ import annotations

import random
from pathlib import Path

from .costs import write_costs
from .events import generate_events
from .hubspot import write_hubspot
from .linkedin import write_linkedin
from .meta import cutoffs, schedule, write_meta
from .meta_account import write_meta_account
from .orders import OrderBook
from .people import People
from .posts import CommentTally, build_posts
from .settings import write_settings
from .shopify import write_shopify
from .tiktok import write_tiktok
from .youtube import write_youtube

__all__ = ["generate"]

PEOPLE_PER_SCALE = 5_000


def generate(out_dir: str | Path, seed: int = 42, scale: float = 1.0) -> dict[str, int]:
    """Write the sample landing folder under `out_dir`; returns data rows per file (relative path).

    The sample brand's settings go to `<out_dir>/settings/` too (not counted: settings, not data).
    """
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    people = People(seed, max(300, int(PEOPLE_PER_SCALE * scale)))
    posts = build_posts(random.Random(f"{seed}:posts"), scale)
    downloads = schedule(random.Random(f"{seed}:meta"))
    tally = CommentTally(cutoffs(downloads))
    counts: dict[str, int] = {}
    result = generate_events(out, seed, scale, people, posts, tally)
    counts.update(result.counts)
    counts.update(write_meta(out, downloads, posts, tally))
    counts.update(write_meta_account(out, seed))
    counts.update(write_tiktok(out, posts["tiktok"], seed))
    counts.update(write_youtube(out, posts["youtube"], seed))
    counts.update(write_linkedin(out, posts["linkedin"], seed))
    book = OrderBook(seed, scale, people, result.inbox.touches, posts)
    counts.update(write_shopify(out, book, seed))
    counts.update(write_hubspot(out, seed, people, result.inbox.touches, book))
    counts.update(write_costs(out, seed, scale, result.inbox.human_messages))
    write_settings(out)
    return dict(sorted(counts.items()))
