"""LinkedIn Page analytics exports (Content → Export, Followers → Export): the `.xls` workbook (BIFF8)
LinkedIn downloads as `<page>_content_<epoch ms>.xls`, the same re-saved as `.xlsx` or `.ods`, or a CSV
saved from one of its sheets: all give identical rows. Each sheet or file is recognised by its header,
never by its name. Every table carries `account`, part of every merge key: the account folder, else the
page name in LinkedIn's file name (`acme_content_1790000000000.xls` → `acme`), else `''`.

- "All posts" sheet: each post's LIFETIME totals as of the download (a SNAPSHOT; the download date is the
  13-digit epoch-milliseconds stamp LinkedIn puts in the file name, else the file's modification date).
  Grain: one row per account × post × snapshot date; merge on (`account`, `post_id`, `snapshot_date`). `post_id` is the
  post URN in `Post link` (`urn:li:activity:<id>`, as the inbox events' `content_id`; the link itself when
  it holds none).
- "Metrics" sheet: PER-DAY page figures (organic, sponsored, total). Grain: one row per account × day;
  merge on (`account`, `date`).
- Followers export ("New followers" sheet): PER-DAY follower gains. Grain and merge key as Metrics.
Newer exports have a description line above the header (skipped). Dates `MM/DD/YYYY` (a workbook cell
holding a real date loads too). Click-through and engagement rates are FRACTIONS (0.034 = 3.4 %).
Older exports say `Update …` for `Post …` and `Shares` for `Reposts`: both load, and `reposts_reported_as`
records the header the figure came under.
"""

from __future__ import annotations

import pyarrow as pa

from pipelines.files import values
from pipelines.files.tabular import Column, Layout

POSTS_TABLE = "linkedin_posts"
METRICS_TABLE = "linkedin_metrics_daily"
FOLLOWERS_TABLE = "linkedin_followers_daily"
POSTS_KEY = ("account", "post_id", "snapshot_date")
DAILY_KEY = ("account", "date")
DATE_FORMATS = ("%m/%d/%Y", "%Y-%m-%d", "%m/%d/%y")


def parse_day(value: str | None):
    return values.parse_date(value, DATE_FORMATS)


def _int(name: str, *aliases: str, required: bool = False) -> Column:
    return Column(name, aliases, pa.int64(), values.parse_int, required=required)


def _fraction(name: str, *aliases: str) -> Column:
    return Column(name, aliases, pa.float64(), values.parse_float)


def _day(name: str, *aliases: str, required: bool = True) -> Column:
    return Column(name, aliases, pa.date32(), parse_day, required=required, required_value=required)


POSTS = Layout(
    name="LinkedIn All posts (Post title, Post link, Created date, Impressions, …)",
    columns=(
        Column("post_title", ("Post title", "Update title")),
        Column("post_link", ("Post link", "Update link"), pa.string(), values.clean, True, True),
        Column("post_type", ("Post type", "Update type")),
        Column("campaign_name", ("Campaign name",)),
        Column("posted_by", ("Posted by",)),
        _day("created_on", "Created date"),
        _day("campaign_start_on", "Campaign start date", required=False),
        _day("campaign_end_on", "Campaign end date", required=False),
        Column("audience", ("Audience",)),
        _int("impressions", "Impressions", required=True),
        _int("views", "Views"),
        _int("offsite_views", "Offsite Views"),
        _int("clicks", "Clicks"),
        _fraction("ctr_fraction", "Click through rate (CTR)", "Click-through rate (CTR)", "CTR"),
        _int("likes", "Likes", "Reactions"),
        _int("comments", "Comments"),
        _int("reposts", "Reposts", "Shares"),
        _int("follows", "Follows"),
        _fraction("engagement_rate_fraction", "Engagement rate"),
        Column("content_type", ("Content Type",)),
    ),
)

_METRICS = (
    ("impressions", "Impressions", ()),
    ("unique_impressions", "Unique impressions", ()),
    ("clicks", "Clicks", ()),
    ("reactions", "Reactions", ()),
    ("comments", "Comments", ()),
    ("reposts", "Reposts", ("Shares",)),
)
_SPLITS = ("organic", "sponsored", "total")


def _metric_columns() -> tuple[Column, ...]:
    columns: list[Column] = []
    for name, header, old in _METRICS:
        for split in _SPLITS:
            aliases = tuple(f"{h} ({split})" for h in (header, *old))
            columns.append(
                _int(f"{name}_{split}", *aliases, required=(name, split) == ("impressions", "total"))
            )
    for split in _SPLITS:
        columns.append(_fraction(f"engagement_rate_{split}_fraction", f"Engagement rate ({split})"))
    columns.append(_fraction("ctr_total_fraction", "Click through rate (total)", "CTR (total)"))
    return tuple(columns)


METRICS = Layout(
    name="LinkedIn Metrics (Date, Impressions (organic), …, Impressions (total), …)",
    columns=(_day("date", "Date"), *_metric_columns()),
)

FOLLOWERS = Layout(
    name="LinkedIn Followers (Date, Sponsored followers, Organic followers, …, Total followers)",
    columns=(
        _day("date", "Date"),
        _int("sponsored_followers", "Sponsored followers"),
        _int("organic_followers", "Organic followers"),
        _int("auto_invited_followers", "Auto-invited followers"),
        _int("total_followers", "Total followers", required=True),
    ),
)

# Demographics sheets of the followers and visitors exports (Location, Job function, …): two columns, a
# segment and a count. Recognised (also saved alone as CSV) but not used by any KPI.
DEMOGRAPHICS = (
    Layout(
        "LinkedIn demographics (Location | Job function | Seniority | Industry | Company size, Total followers)",
        (
            Column(
                "segment",
                ("Location", "Job function", "Seniority", "Industry", "Company size"),
                required=True,
            ),
            Column("total", ("Total followers", "Total views"), required=True),
        ),
        notes="follower or visitor demographics, not used by any KPI",
    ),
)
# What the load's recognition reports as "not used" (pipelines/files/recognise.py reads `NOT_USED`).
NOT_USED = DEMOGRAPHICS
