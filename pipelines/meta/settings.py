"""Meta Business Suite exports for Instagram and Facebook: post exports (Insights → Content → Export) and
account-level exports (Insights → Results / Audience → Export, one CSV per metric).

Post exports:

Kind of figures: a file whose `Date` column says `Lifetime` holds each post's lifetime totals as of the
download (a SNAPSHOT: the download date is the second date in Meta's file name
`Aug-01-2026_Aug-31-2026_<id>.csv`, else the file's modification date); a file whose `Date` holds a day holds
that day's own figures (DAILY). The two are told apart row by row and never added together.
Grain: one row per post × period kind × period date (snapshot date or day); merge on those three.
Meta renamed `Impressions` (and `Plays`) to `Views` in late 2024: both load into `views`, and
`views_reported_as` records the header the figure came under.

Account-level exports (see `ACCOUNT_METRICS` below): PER-DAY figures, one file per metric.
"""

from __future__ import annotations

import re
from datetime import date

import pyarrow as pa

from pipelines.files import values
from pipelines.files.tabular import Column, Layout

INSTAGRAM_GLOBS = ("content/instagram/*.csv", "content/instagram/**/*.csv")
FACEBOOK_GLOBS = ("content/facebook/*.csv", "content/facebook/**/*.csv")
INSTAGRAM_TABLE = "meta_instagram_posts"
FACEBOOK_TABLE = "meta_facebook_posts"
PRIMARY_KEY = ("post_id", "period_kind", "period_date")

PUBLISH_FORMATS = ("%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S")
DAY_FORMATS = ("%m/%d/%Y", "%Y-%m-%d")
FILE_NAME_DATE = "%b-%d-%Y"


def parse_period(value: str | None) -> str | None:
    """`Lifetime` or a day: returned as 'lifetime' or an ISO date text."""
    text = values.clean(value)
    if text is None:
        return None
    if text.lower() == "lifetime":
        return "lifetime"
    parsed: date | None = values.parse_date(text, DAY_FORMATS)
    return parsed.isoformat() if parsed else None


def _int(name: str, *aliases: str) -> Column:
    return Column(name, aliases, pa.int64(), values.parse_int)


def _common_head(views_required: bool) -> tuple[Column, ...]:
    return (
        Column("post_id", ("Post ID",), pa.string(), values.parse_id, required=True, required_value=True),
        Column("description", ("Description",)),
        Column("duration_s", ("Duration (sec)",), pa.int64(), values.parse_int),
        Column(
            "published_at_local",
            ("Publish time",),
            pa.timestamp("us"),
            lambda v: values.parse_datetime(v, PUBLISH_FORMATS),
            required=True,
            required_value=True,
        ),
        Column("permalink", ("Permalink",)),
        Column("post_type", ("Post type",)),
        Column("data_comment", ("Data comment",)),
        Column("period_label", ("Date",), pa.string(), parse_period, required=True, required_value=True),
        Column(
            "views", ("Views", "Impressions", "Plays"), pa.int64(), values.parse_int, required=views_required
        ),
        _int("reach", "Reach"),
        _int("shares", "Shares"),
        _int("comments", "Comments"),
    )


INSTAGRAM = Layout(
    name="Meta Business Suite Instagram posts",
    columns=(
        *_common_head(views_required=True),
        Column("account_id", ("Account ID",), pa.string(), values.parse_id),
        Column("account_username", ("Account username",)),
        Column("account_name", ("Account name",)),
        _int("likes", "Likes"),
        _int("follows", "Follows"),
        _int("saves", "Saves"),
        _int("profile_visits", "Profile visits"),
    ),
    total_row_columns=("post_id",),
)

FACEBOOK = Layout(
    name="Meta Business Suite Facebook posts",
    columns=(
        *_common_head(views_required=False),
        Column("page_id", ("Page ID",), pa.string(), values.parse_id),
        Column("page_name", ("Page name",)),
        Column("title", ("Title",)),
        Column("caption_type", ("Caption type",)),
        Column("is_crosspost", ("Is crosspost",)),
        Column("is_share", ("Is share",)),
        Column("languages", ("Languages",)),
        Column("custom_labels", ("Custom labels",)),
        Column("funded_content_status", ("Funded content status",)),
        _int("reactions_comments_shares", "Reactions, Comments and Shares"),
        _int("reactions", "Reactions"),
        _int("total_clicks", "Total clicks"),
        _int("other_clicks", "Other Clicks"),
        _int("link_clicks", "Link Clicks"),
        _int("seconds_viewed", "Seconds viewed"),
        Column("average_seconds_viewed", ("Average Seconds viewed",), pa.float64(), values.parse_float),
        _int("video_views_3s", "3-second video views"),
        _int("video_views_1m", "1-minute video views"),
        _int("views_organic", "Views from Organic posts", "Impressions from Organic posts"),
        _int("views_boosted", "Views from Boosted posts", "Impressions from Boosted posts"),
        _int("reach_organic", "Reach from Organic posts"),
        _int("reach_boosted", "Reach from Boosted posts"),
    ),
    total_row_columns=("post_id",),
)


# --- account-level exports: Insights → Results / Audience → Export ---------------------------------------
#
# Kind of figures: PER DAY. One CSV per metric, UTF-16LE with a BOM, CRLF, every field quoted:
#     sep=,
#     "Instagram follows"          <- the title line names the platform and the metric
#     "Date","Primary"             <- `Primary` is that day's own value for the chosen range
#     "2026-08-01T00:00:00","14"
# `follows` are the NEW follows of that day (gains), never the follower total; `reach`, `views`,
# `profile_visits`, `page_visits` are that day's own figures. Facebook files may carry more columns (a
# comparison period, headed by that period): they are ignored, so the raw table keeps its grain.
# These files sit in content/instagram/ and content/facebook/ beside the post exports and are told apart
# from them by their content (title line + `Date`,`Primary` header), never by their name; the platform comes
# from the title, not from the folder. A title missing from this table rejects the whole file.
# Grain: one row per platform × metric × day; merge on those three. `metric_reported_as` keeps the title.
# A new title (another metric, another UI language) is one more line here: normalised title -> (platform,
# metric in snake_case).
ACCOUNT_TABLE = "meta_account_daily"
ACCOUNT_KEY = ("platform", "metric", "metric_date")
ACCOUNT_METRICS: dict[str, tuple[str, str]] = {
    "instagram follows": ("instagram", "follows"),
    "instagram reach": ("instagram", "reach"),
    "instagram views": ("instagram", "views"),
    "instagram profile visits": ("instagram", "profile_visits"),
    "instagram content interactions": ("instagram", "content_interactions"),
    "instagram link clicks": ("instagram", "link_clicks"),
    "facebook follows": ("facebook", "follows"),
    "facebook page reach": ("facebook", "reach"),
    "facebook reach": ("facebook", "reach"),
    "facebook views": ("facebook", "views"),
    "facebook visits": ("facebook", "page_visits"),
    "facebook page visits": ("facebook", "page_visits"),
    "facebook content interactions": ("facebook", "content_interactions"),
    "facebook link clicks": ("facebook", "link_clicks"),
}
ACCOUNT_DAY_FORMATS = ("%Y-%m-%d", "%m/%d/%Y")
ISO_DAY_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}")


def normalise_title(title: str) -> str:
    return " ".join(title.replace("\ufeff", "").strip().strip('"').lower().split())


def account_metric(title: str) -> tuple[str, str] | None:
    """(platform, metric) of an account-level export's title line, or None for an unknown title."""
    return ACCOUNT_METRICS.get(normalise_title(title))


def parse_account_day(value: str | None) -> date | None:
    """`2026-08-01T00:00:00` (Meta's form) or a plain day: the day as written, any time or offset ignored."""
    text = values.clean(value)
    if text is None:
        return None
    prefix = ISO_DAY_PREFIX.match(text)
    return values.parse_date(prefix.group(0) if prefix else text, ACCOUNT_DAY_FORMATS)


ACCOUNT = Layout(
    name="Meta Business Suite account metric per day (title line, Date, Primary)",
    columns=(
        Column("metric_date", ("Date",), pa.date32(), parse_account_day, required=True, required_value=True),
        Column("value", ("Primary",), pa.int64(), values.parse_int, required=True),
    ),
)
