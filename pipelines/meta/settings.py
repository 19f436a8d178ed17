"""Meta Business Suite post exports (Insights → Content → Export) for Instagram and Facebook.

Kind of figures: a file whose `Date` column says `Lifetime` holds each post's lifetime totals as of the
download (a SNAPSHOT: the download date is the second date in Meta's file name
`Aug-01-2026_Aug-31-2026_<id>.csv`, else the file's modification date); a file whose `Date` holds a day holds
that day's own figures (DAILY). The two are told apart row by row and never added together.
Grain: one row per post × period kind × period date (snapshot date or day); merge on those three.
Meta renamed `Impressions` (and `Plays`) to `Views` in late 2024: both load into `views`, and
`views_reported_as` records the header the figure came under.
"""

from __future__ import annotations

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
