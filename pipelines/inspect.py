"""`socialkpi inspect`: what a load of this landing folder would do, file by file, writing nothing.

This is what a user runs first on their own folder. It recognises the files with the load's own code
(pipelines/files/recognise.py), builds the load's own dlt sources (load.family_sources) and iterates them
outside any pipeline, so no warehouse, no dlt state and no file is written; the status and reason of each
file come from the same manifest rows the load writes to `raw.landing_files`. There is no second parser.

Per file (zip member, workbook sheet): status (would load | not used | rejected | settings), layout,
platform, account (when the export names it), date range, rows that would load and be rejected with the
first reasons; then which KPI groups of shared/spec/kpis.md the landing can feed (KPI_GROUPS below).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime

import pyarrow as pa
import pyarrow.compute as pc

from pipelines.config import telemetry_off
from pipelines.files.recognise import recognise_landing
from pipelines.load import LoadError, check_landing, family_sources
from pipelines.manifest import manifest_rows
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject

FIRST_REASONS = 3
# The column that dates a table's rows, per raw table kind: the first one a table has wins.
DATE_COLUMNS = (
    "period_date",
    "metric_date",
    "date",
    "snapshot_date",
    "occurred_at",
    "created_at",
    "month",
    "create_date",
    "close_date",
)
ACCOUNT_COLUMNS = ("account_username", "account_name", "page_name", "account")
CONTENT_TABLES = frozenset(
    {
        "meta_instagram_posts",
        "meta_facebook_posts",
        "meta_account_daily",
        "tiktok_content",
        "tiktok_overview",
        "tiktok_follower_history",
        "tiktok_viewers",
        "youtube_videos",
        "linkedin_posts",
        "linkedin_metrics_daily",
        "linkedin_followers_daily",
    }
)
ORDERS = frozenset({"shopify_order_lines"})
EVENTS = frozenset({"events"})
COSTS = frozenset({"costs"})
CONTACTS = frozenset({"hubspot_contacts", "hubspot_deals"})
# Which KPI groups (sections of shared/spec/kpis.md) a landing can feed: each needs at least one raw table
# of every set it lists. A small mapping kept here, beside the only code that reads it; the KPI registry
# (dbt_project/macros/kpi_registry.sql) says which fact each KPI aggregates, and the facts read these tables.
KPI_GROUPS: tuple[tuple[str, tuple[frozenset[str], ...]], ...] = (
    ("content and engagement (§1)", (CONTENT_TABLES,)),
    ("direct messages (§2)", (EVENTS,)),
    ("comments (§3)", (EVENTS,)),
    ("automation (§4)", (EVENTS,)),
    ("funnel (§5)", (CONTENT_TABLES | EVENTS,)),
    ("attribution (§6)", (EVENTS, ORDERS)),
    ("ROI and unit economics (§7)", (COSTS, EVENTS | ORDERS)),
    ("CRM sync completeness (§7)", (EVENTS, CONTACTS)),
)
NEEDS = {
    CONTENT_TABLES: "a content export",
    EVENTS: "events/",
    ORDERS: "a Shopify orders export",
    COSTS: "costs.csv",
    CONTACTS: "a HubSpot export",
    CONTENT_TABLES | EVENTS: "a content export or events/",
    EVENTS | ORDERS: "events/ or a Shopify orders export",
}
STATUS_WORDS = {"loaded": "would load", "not_used": "not used"}


@dataclass
class FileView:
    path: str
    status: str
    layout: str = ""
    platform: str = ""
    account: str = ""
    table: str = ""
    date_from: str = ""
    date_to: str = ""
    rows: int = 0
    rows_load: int = 0
    rows_rejected: int = 0
    reasons: list[str] = field(default_factory=list)
    notes: str = ""


@dataclass
class InspectReport:
    landing: str
    files: list[FileView]
    kpis: list[tuple[str, str]]  # (KPI group, "yes" or what is missing)

    @property
    def ok(self) -> bool:
        """False when anything would be rejected: a whole file, or a single row of a file that loads."""
        return not any(view.status == "rejected" or view.rows_rejected for view in self.files)


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _describe(tables: list[pa.Table]) -> dict[str, str]:
    """Date range, platforms and account of one file's rows, from the columns its table has."""
    out: dict[str, str] = {}
    days: list[date] = []
    if tables and "range_start" in tables[0].column_names:  # YouTube: a figure for the whole range
        for table in tables:
            days += [
                d
                for d in table.column("range_start").to_pylist() + table.column("range_end").to_pylist()
                if d
            ]
    else:
        name = next((c for c in DATE_COLUMNS if tables and c in tables[0].column_names), None)
        for table in tables:
            if name:
                days += [d for d in map(_day, table.column(name).to_pylist()) if d]
    if days:
        out["date_from"], out["date_to"] = min(days).isoformat(), max(days).isoformat()
    platforms: set[str] = set()
    accounts: set[str] = set()
    for table in tables:
        if "platform" in table.column_names:
            platforms |= {p for p in table.column("platform").to_pylist() if p}
        if "event_name" in table.column_names:
            platforms |= {n.split(".", 1)[0] for n in table.column("event_name").to_pylist() if n}
        column = next((c for c in ACCOUNT_COLUMNS if c in table.column_names), None)
        if column:
            accounts |= {a for a in table.column(column).to_pylist() if a}
    if platforms:
        out["platform"] = ", ".join(sorted(platforms))
    if accounts:
        out["account"] = ", ".join(sorted(accounts))
    return out


def kpi_groups(tables: set[str]) -> list[tuple[str, str]]:
    """Each KPI group with "yes" when the landing feeds it, else what it still needs."""
    out = []
    for group, needs in KPI_GROUPS:
        missing = [NEEDS.get(need, ", ".join(sorted(need))) for need in needs if not need & tables]
        out.append((group, "yes" if not missing else "needs " + " and ".join(missing)))
    return out


def inspect_landing(landing: str) -> InspectReport:
    """Recognise and read every file as `load` would, without a pipeline: nothing is written."""
    telemetry_off()
    check_landing(landing)
    plan = recognise_landing(landing)
    if not plan.entries:
        raise LoadError(
            f"no input files under {landing} (see docs/inputs.md for what a landing folder holds)"
        )
    loaded_at = datetime.now(UTC).replace(tzinfo=None)
    log = ReadLog()
    by_file: dict[str, list[pa.Table]] = defaultdict(list)
    for source in family_sources(plan, log, loaded_at):
        for resource in source.resources.values():
            for item in resource:
                tables = item if isinstance(item, list) else [item]
                for table in tables:
                    files = table.column("_source_file")
                    for path in sorted(set(files.to_pylist())):
                        mask = pc.equal(files, path)
                        by_file[path].append(table.filter(mask))
    rejects: dict[str, list[Reject]] = defaultdict(list)
    for entry in plan.entries:
        if entry.status == "rejected":
            rejects[entry.relative_path].append(Reject(entry.relative_path, 0, entry.field, entry.reason, ""))
    for _, _, reject in log.rejects:
        rejects[reject.file].append(reject)

    views = []
    loaded_tables: set[str] = set()
    for row in manifest_rows(log, plan.entries, {}, loaded_at):
        path = row["relative_path"]
        view = FileView(
            path=path,
            status=row["status"],
            layout=row["layout"] or "",
            platform=row["platform"] or "",
            table=row["target_table"] or "",
            rows_load=row["rows_loaded"] or 0,
            rows_rejected=row["rows_rejected"] or 0,
            notes=row["notes"] or "",
        )
        view.rows = view.rows_load + view.rows_rejected
        found = [r.message() for r in rejects.get(path, [])[:FIRST_REASONS]]
        view.reasons = found or ([row["reason"]] if row["reason"] else [])
        for key, value in _describe(by_file.get(path, [])).items():
            setattr(view, key, value)
        if view.status == "loaded" and view.rows_load:
            loaded_tables.add(view.table)
        views.append(view)
    return InspectReport(landing, views, kpi_groups(loaded_tables))


def render_json(report: InspectReport) -> str:
    return (
        json.dumps(
            {
                "landing": report.landing,
                "ok": report.ok,
                "files": [
                    asdict(view) | {"status": STATUS_WORDS.get(view.status, view.status)}
                    for view in report.files
                ],
                "kpi_groups": [{"group": group, "fed": fed} for group, fed in report.kpis],
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def render_table(report: InspectReport) -> str:
    """A plain-text table a user reads in a terminal: one line per file, its reasons indented below."""
    header = ("file", "status", "layout", "platform", "account", "dates", "rows", "load", "rejected")
    lines = []
    for view in report.files:
        dates = f"{view.date_from} … {view.date_to}" if view.date_from else ""
        lines.append(
            (
                view.path,
                STATUS_WORDS.get(view.status, view.status),
                view.layout,
                view.platform,
                view.account,
                dates,
                str(view.rows),
                str(view.rows_load),
                str(view.rows_rejected),
            )
        )
    widths = [
        max(len(h), *(len(line[i]) for line in lines)) if lines else len(h) for i, h in enumerate(header)
    ]
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    for view, line in zip(report.files, lines, strict=True):
        out.append("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
        out += [f"    reason: {reason}" for reason in view.reasons]
        if view.notes:
            out.append(f"    note: {view.notes}")
    out.append("")
    out.append("KPI groups this landing can feed (shared/spec/kpis.md):")
    out += [f"  {group:32} {fed}" for group, fed in report.kpis]
    rejected = sum(1 for view in report.files if view.status == "rejected")
    rows = sum(view.rows_rejected for view in report.files if view.status != "rejected")
    out.append("")
    out.append(
        f"{len(report.files)} file(s); {rejected} would be rejected whole; {rows} row(s) of loading files "
        "would be rejected" + ("" if report.ok else " (see the reasons above)")
    )
    return "\n".join(out) + "\n"
