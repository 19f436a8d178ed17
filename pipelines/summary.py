"""What `socialkpi run` prints at the end: every landing file's status, rows per table, dbt results, checks,
headline KPIs, paths."""

from __future__ import annotations

from collections import Counter
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


FILE_STATUSES = ("loaded", "unchanged", "not_used", "rejected", "duplicate_file", "settings")
SHOWN_FILES = 20
COUNTS = ("rows_in", "rows_loaded", "rows_rejected", "rows_duplicate")


def row_counts(row: dict) -> tuple[int, int, int, int]:
    """A manifest row's (in, loaded, rejected, duplicate); a row written before the accounting columns
    existed has only loaded and rejected."""
    loaded, rejected, duplicate = (row.get(name) or 0 for name in COUNTS[1:])
    rows_in = row.get("rows_in")
    return (loaded + rejected + duplicate if rows_in is None else rows_in), loaded, rejected, duplicate


def accounting_line(files: list[dict]) -> str:
    """The identity over the files read this run (`unchanged` files were read by an earlier run):
    rows in = loaded + rejected + merged as duplicates, with a loud mark when it does not hold."""
    read = [row_counts(row) for row in files if row["status"] in ("loaded", "rejected", "duplicate_file")]
    rows_in, loaded, rejected, duplicate = (
        (sum(column) for column in zip(*read, strict=True)) if read else (0,) * 4
    )
    broken = [row["relative_path"] for row in files if (c := row_counts(row))[0] != sum(c[1:])]
    text = (
        f"rows (this run)  {rows_in:,} in = {loaded:,} loaded + {rejected:,} rejected + "
        f"{duplicate:,} merged as duplicates"
    )
    return text + (f"   NOT ACCOUNTED: {', '.join(broken)}" if broken else "")


def file_lines(files: list[dict], recovered: str = "") -> list[str]:
    """Every landing file accounted for: counts per status, the rows identity, then each file a user must
    look at (rejected, not used, a copy of another, loaded with warnings, rejected or merged rows), with
    its reason. Nothing in a landing is silent; nor is a run that finished an interrupted one."""
    counts = Counter(row["status"] for row in files)
    totals = ", ".join(f"{counts[s]} {s.replace('_', ' ')}" for s in FILE_STATUSES if counts[s])
    lines = [f"landing files    {len(files)}: {totals or 'none'}", accounting_line(files)]
    if recovered:
        lines.append(f"  {recovered}")
    worth = [
        row
        for row in files
        if row["status"] in ("rejected", "not_used", "duplicate_file")
        or row.get("notes")
        or (row["status"] == "loaded" and row["reason"])
    ]
    order = {status: n for n, status in enumerate(("rejected", "loaded", "duplicate_file", "not_used"))}
    worth.sort(key=lambda row: (order.get(row["status"], 9), row["relative_path"]))
    for row in worth[:SHOWN_FILES]:
        text = "; ".join(part for part in (row["reason"], _other_notes(row)) if part)
        status = row["status"].replace("_", " ")
        if row["status"] in ("loaded", "rejected"):
            rows_in, loaded, rejected, duplicate = row_counts(row)
            text = f"{rows_in} in: {loaded} loaded, {rejected} rejected, {duplicate} duplicate; {text}"
        lines.append(f"  {status:9} {row['relative_path']}: {text}")
    if len(worth) > SHOWN_FILES:
        lines.append(
            f"  … and {len(worth) - SHOWN_FILES} more (all in raw.landing_files, with status and reason)"
        )
    return lines


def _other_notes(row: dict) -> str | None:
    """The file's notes without the one that restates its reason: a file recognised but not used gets the
    reason `<layout>: <what>` and, from its family's reader, the note `recognised as <layout>: <what>;
    skipped`; the summary says it once."""
    reason, notes = row["reason"], row.get("notes")
    if not reason or not notes or reason not in notes:
        return notes
    rest = notes.replace(f"recognised as {reason}; skipped", "")
    return "; ".join(part for part in rest.split("; ") if part.strip() and reason not in part) or None
