"""What `socialkpi run` prints at the end: rows per table, dbt results, checks, headline KPIs, paths."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

HEADLINE_SQL = """
select
    sum(conversations) as conversations,
    sum(responded_conversations) / nullif(sum(conversations), 0) as response_rate,
    sum(frt_any_total_min) / nullif(sum(responded_conversations), 0) as frt_any_mean_min,
    sum(frt_human_total_min) / nullif(sum(human_responded_conversations), 0) as frt_human_mean_min,
    min(conversation_date) as first_date,
    max(conversation_date) as last_date
from reporting.rpt_inbox__daily
"""


@dataclass(frozen=True)
class Headline:
    """The inbox headline over the whole warehouse: a ratio of the stored sums, never a mean of daily rates."""

    conversations: int
    response_rate: float | None
    frt_any_mean_min: float | None
    frt_human_mean_min: float | None
    first_date: object
    last_date: object


def read_headline(warehouse: Path) -> Headline:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        row = con.execute(HEADLINE_SQL).fetchall()[0]
    finally:
        con.close()
    return Headline(int(row[0] or 0), *row[1:])


def read_raw_counts(warehouse: Path) -> dict[str, int]:
    """Rows now in each raw table (after merges), for the summary."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = con.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'raw' and table_name not like '\\_dlt%' escape '\\' order by 1"
        ).fetchall()
        return {
            name: con.execute(f'select count(*) from raw."{name}"').fetchall()[0][0] for (name,) in tables
        }
    finally:
        con.close()


def format_minutes(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.1f} min"


def format_rate(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def headline_lines(headline: Headline) -> list[str]:
    if not headline.conversations:  # every family is optional: say what is absent, not "None … None"
        return ["  conversations            0 (no events loaded: add events/ files, docs/inputs.md)"]
    return [
        f"  conversations            {headline.conversations:,} ({headline.first_date} … {headline.last_date})",
        f"  response rate            {format_rate(headline.response_rate)}",
        f"  first response (any)     {format_minutes(headline.frt_any_mean_min)} mean, bot or human",
        f"  first response (human)   {format_minutes(headline.frt_human_mean_min)} mean, agents only",
    ]
