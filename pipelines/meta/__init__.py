"""dlt source for Meta Business Suite exports (Instagram and Facebook), files as downloaded.

content/instagram/ and content/facebook/ hold post exports and account-level exports side by side: each file
is recognised by its header (bundles.read_routed_files), never by its name, and a file matching neither
layout is rejected naming both.

Several Pages and Instagram accounts in one landing never overwrite each other: every row carries `account`,
part of every merge key. A post row's account is its export's own Page / account column; an account-level
file, which names no account, takes the one account of the post exports beside it, else its folder or file
name (pipelines/files/accounts.py); see `settings.POST_ACCOUNT_COLUMNS` and `settings.ACCOUNT_KEY`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime
from functools import partial

import dlt
import pyarrow as pa

from pipelines.files.accounts import MEMBER_SEPARATOR, account_of
from pipelines.files.bundles import (
    ACCOUNT_COLUMN,
    Route,
    members,
    merge_resources,
    read_routed_files,
    routed_source_resources,
)
from pipelines.files.guard import prescan
from pipelines.files.landing import LandingFile
from pipelines.files.tabular import (
    FileRejected,
    Layout,
    ParsedFile,
    match_layout,
    normalise_header,
    parse_rows,
)
from pipelines.meta import conventions, settings
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject

FAMILY = "meta"
FILE_NAME_RANGE = re.compile(r"([A-Z][a-z]{2}-\d{2}-\d{4})_([A-Z][a-z]{2}-\d{2}-\d{4})")
FOLDER_PLATFORMS = {"instagram": "instagram", "facebook": "facebook"}
# (folder of the file, platform) -> the accounts the post exports in that folder name
FolderAccounts = dict[tuple[str, str], set[str]]


def snapshot_date(file: LandingFile) -> tuple[date, str]:
    """The day a lifetime snapshot is as of (the download), and which evidence gave it.

    The second date of Meta's file name `Aug-01-2026_Aug-31-2026_<id>.csv` is the END OF THE RANGE the user
    selected, not the download day: a snapshot downloaded on Sep 14 for a range ending Aug 31 holds the
    figures of Sep 14. The best evidence wins:
    - `zip_member_time`: for a CSV inside a .zip, the member's own time, written when the archive was built
      (it survives copying the zip, which moves the zip's own modification time), if on or after the range end;
    - `file_time`: the file's modification time, if on or after the range end (a download is never dated
      before the range it covers; an earlier time was set by something else);
    - `range_end_approximate`: the range end itself, the earliest day the download can have happened.
    A file without a range in its name (renamed) takes the member or file time.
    """
    match = FILE_NAME_RANGE.search(file.relative_path.rsplit("/", 1)[-1])
    range_end = datetime.strptime(match.group(2), settings.FILE_NAME_DATE).date() if match else None
    candidates = [(file.archived_at, "zip_member_time"), (file.modified_at, "file_time")]
    for moment, source in candidates:
        if moment is not None and (range_end is None or moment.date() >= range_end):
            return moment.date(), source
    if range_end is None:
        return file.modified_at.date(), "file_time"
    return range_end, "range_end_approximate"


def add_period(parsed: ParsedFile, file: LandingFile) -> tuple[pa.Table, list[Reject]]:
    """Type the file's numbers and dates by its conventions (conventions.py), then split `Date` into
    period_kind (lifetime | daily) and period_date; record the snapshot date, its evidence and the views
    header used."""
    table, rejects = conventions.type_post_export(parsed, file.relative_path)
    snapshot, source = snapshot_date(file)
    labels = table.column("period_label").to_pylist()
    kinds = ["lifetime" if label == "lifetime" else "daily" for label in labels]
    dates = [snapshot if label == "lifetime" else date.fromisoformat(label) for label in labels]
    rows = table.num_rows
    table = table.append_column("period_kind", pa.array(kinds, pa.string()))
    table = table.append_column("period_date", pa.array(dates, pa.date32()))
    table = table.append_column("snapshot_date", pa.array([snapshot] * rows, pa.date32()))
    table = table.append_column("snapshot_date_source", pa.array([source] * rows, pa.string()))
    reported_as = parsed.matched_headers.get("views")
    table = table.append_column("views_reported_as", pa.array([reported_as] * rows, pa.string()))
    labels = post_accounts(table, file)
    return table.append_column(ACCOUNT_COLUMN, pa.array(labels, pa.string())), rejects


def post_platform(table: pa.Table) -> str:
    """`facebook` for a Facebook post export (it has the Page columns), else `instagram`."""
    return "facebook" if "page_id" in table.column_names else "instagram"


def folder_of(file: LandingFile) -> str:
    """The folder a file (or the zip holding it) sits in: files side by side share their account."""
    outer = file.relative_path.split(MEMBER_SEPARATOR, 1)[0]
    return outer.rsplit("/", 1)[0] if "/" in outer else ""


def post_accounts(table: pa.Table, file: LandingFile) -> list[str]:
    """Each post row's account: the first filled of its export's own account columns
    (settings.POST_ACCOUNT_COLUMNS), else the folder or file name (accounts.py)."""
    names = [c for c in settings.POST_ACCOUNT_COLUMNS[post_platform(table)] if c in table.column_names]
    columns = [table.column(name).to_pylist() for name in names]
    fallback = account_of(file.relative_path)
    return [
        next((column[row] for column in columns if column[row]), fallback) for row in range(table.num_rows)
    ]


def folder_accounts(files: list[LandingFile], layout: Layout) -> FolderAccounts:
    """The accounts the post exports among `files` name, per (folder, platform): what an account-level file
    in that folder belongs to. Unchanged files count too (their rows are in the warehouse already)."""
    out: FolderAccounts = defaultdict(set)
    for file in files:
        with prescan():
            for member, _, rows in members(file, file.read_bytes()):
                if not rows or isinstance(rows, FileRejected):
                    continue
                try:
                    match_layout(rows, (layout,), member.relative_path)
                    table = parse_rows(rows, member.relative_path, layout).table
                except FileRejected:
                    continue
                out[(folder_of(member), post_platform(table))].update(post_accounts(table, member))
    return out


def account_level_account(file: LandingFile, platform: str, accounts: FolderAccounts) -> str:
    """The account of an account-level file's block of `platform` (see settings.ACCOUNT_KEY)."""
    beside = sorted(accounts.get((folder_of(file), platform), ()))
    if len(beside) > 1:
        raise FileRejected(
            file.relative_path,
            "title",
            f"this {platform.title()} account-level export names no account, and the {platform.title()} post "
            f"exports beside it are of {len(beside)} accounts ({', '.join(beside)}): which one's figures it "
            "holds cannot be told; put each account's files in a folder of its own "
            f"(content/{platform}/<account>/)",
        )
    return beside[0] if beside else account_of(file.relative_path)


def account_title(parsed: ParsedFile) -> str | None:
    """The title line above the `Date`,`Primary` header (the `sep=,` line is not a title)."""
    for cells in parsed.preamble:
        texts = [cell.strip() for cell in cells if cell.strip()]
        if texts and not texts[0].lower().startswith("sep="):
            return " ".join(texts)
    return None


def folder_platform(file: LandingFile) -> str | None:
    """`instagram` or `facebook` when the file (or the zip holding it) sits under content/<platform>/."""
    parts = file.relative_path.split("::", 1)[0].split("/")
    for position, part in enumerate(parts[:-1]):
        if part == "content" and position + 1 < len(parts) - 1:
            return FOLDER_PLATFORMS.get(parts[position + 1].lower())
    return None


def _unknown_title(file: LandingFile, title: str) -> FileRejected:
    known = ", ".join(sorted({t for titles in settings.ACCOUNT_METRIC_TITLES.values() for t in titles}))
    return FileRejected(
        file.relative_path,
        "title",
        f"unknown Meta account-level metric {title!r} (title line); known titles (with or without "
        f"`Instagram`/`Facebook`): {known} (add it to ACCOUNT_METRIC_TITLES in pipelines/meta/settings.py)",
    )


def account_sections(parsed: ParsedFile, file: LandingFile) -> list[tuple[str, list[int]]]:
    """(title, row positions) of each metric in the file, in order.

    Most downloads hold one metric under one title line. Some hold several, one block after the other (a
    Facebook block, then an Instagram one: `Alcance no Facebook` … `Alcance do Instagram`), each block a title
    line, the header again, and its days. A row whose first cell is a known title and whose value is empty
    starts a block; a repeated header is skipped; every other row belongs to the block above it.
    """
    title = account_title(parsed)
    if title is None:
        raise FileRejected(
            file.relative_path,
            "title",
            "no metric title line above the `Date`,`Primary` header of a Meta account-level export",
        )
    if settings.account_metric(title) is None:
        raise _unknown_title(file, title)
    index = settings.ACCOUNT.alias_index()
    firsts = parsed.table.column("metric_date").to_pylist()
    seconds = parsed.table.column("value").to_pylist()
    sections: list[tuple[str, list[int]]] = [(title, [])]
    for row, (first, second) in enumerate(zip(firsts, seconds, strict=True)):
        if first and second is None and settings.account_metric(first) is not None:
            sections.append((first, []))
        elif first and second and normalise_header(first) in index and normalise_header(second) in index:
            continue  # the header repeated under a block's title
        else:
            sections[-1][1].append(row)
    return sections


def section_platforms(titles: list[str], file: LandingFile) -> list[tuple[str, str]]:
    """(platform, platform_source) of each block's title.

    The title's own `Instagram`/`Facebook` wins (`title`). A title without it takes the one platform the
    file's other titles do not name (`other_titles`: `Seguidores` beside `Seguidos no Instagram` is
    Facebook's), else the folder the file was dropped in (`folder`); else the file is rejected.
    """
    found = [settings.account_metric(title) for title in titles]
    named = {f[0] for f in found if f is not None and f[0] is not None}
    out: list[tuple[str, str]] = []
    for title, resolved in zip(titles, found, strict=True):
        platform = resolved[0] if resolved else None
        if platform is not None:
            out.append((platform, "title"))
            continue
        left = set(FOLDER_PLATFORMS.values()) - named
        if len(titles) > 1 and named and len(left) == 1:
            out.append((left.pop(), "other_titles"))
            continue
        folder = folder_platform(file)
        if folder is None:
            raise FileRejected(
                file.relative_path,
                "title",
                f"the title {title!r} does not say whether it is Instagram or Facebook; put the file in "
                "content/instagram/ or content/facebook/",
            )
        out.append((folder, "folder"))
    return out


def add_account_metric(
    parsed: ParsedFile, file: LandingFile, accounts: FolderAccounts | None = None
) -> tuple[pa.Table, list[Reject]]:
    """Platform and metric of each block from its title line (account_sections, section_platforms), and its
    account (account_level_account, from the post exports beside it: `accounts`); columns beyond
    `Date`,`Primary` (a comparison period) are dropped. An unknown or missing first title rejects the whole
    file; the values are typed by the file's conventions (conventions.py)."""
    keep = [c.name for c in settings.ACCOUNT.columns] + ["_source_file", "_source_line"]
    parsed = ParsedFile(
        parsed.table.select(keep), [], parsed.matched_headers, parsed.rows_read, parsed.preamble
    )
    sections = account_sections(parsed, file)
    platforms = section_platforms([title for title, _ in sections], file)
    language = settings.account_metric(sections[0][0])[2]  # type: ignore[index]
    decimal, order = settings.LANGUAGES[language]
    order = conventions.day_order(parsed.table.column("metric_date").to_pylist(), order, file.relative_path)
    parsers = {
        "metric_date": (pa.date32(), lambda v: settings.parse_account_day(v, order)),
        **conventions.number_parsers(parsed, file.relative_path, decimal),
    }
    labels = [account_level_account(file, platform, accounts or {}) for platform, _ in platforms]
    tables: list[pa.Table] = []
    rejects: list[Reject] = []
    for (title, rows), (platform, platform_source), label in zip(sections, platforms, labels, strict=True):
        part = ParsedFile(
            parsed.table.take(pa.array(rows, pa.int64())), [], parsed.matched_headers, len(rows), []
        )
        table, more = conventions.type_columns(part, file.relative_path, parsers)
        rejects.extend(more)
        metric = settings.account_metric(title)[1]  # type: ignore[index]
        count = table.num_rows
        table = table.append_column("platform", pa.array([platform] * count, pa.string()))
        table = table.append_column("platform_source", pa.array([platform_source] * count, pa.string()))
        table = table.append_column("metric", pa.array([metric] * count, pa.string()))
        table = table.append_column("metric_reported_as", pa.array([title] * count, pa.string()))
        table = table.append_column(ACCOUNT_COLUMN, pa.array([label] * count, pa.string()))
        tables.append(table)
    return pa.concat_tables(tables), rejects


ACCOUNT_ROUTE = Route(settings.ACCOUNT, settings.ACCOUNT_TABLE, settings.ACCOUNT_KEY, add_account_metric)
INSTAGRAM_ROUTES = (
    Route(settings.INSTAGRAM, settings.INSTAGRAM_TABLE, settings.PRIMARY_KEY, add_period),
    ACCOUNT_ROUTE,
)
FACEBOOK_ROUTES = (
    Route(settings.FACEBOOK, settings.FACEBOOK_TABLE, settings.PRIMARY_KEY, add_period),
    ACCOUNT_ROUTE,
)


@dlt.source(name="meta")
def meta_source(
    instagram_files: list[LandingFile], facebook_files: list[LandingFile], log: ReadLog, loaded_at: datetime
):
    def read() -> dict[str, list[pa.Table]]:
        accounts: FolderAccounts = defaultdict(set)
        for files, layout in ((instagram_files, settings.INSTAGRAM), (facebook_files, settings.FACEBOOK)):
            for key, labels in folder_accounts(files, layout).items():
                accounts[key].update(labels)
        account_route = replace(ACCOUNT_ROUTE, finish=partial(add_account_metric, accounts=accounts))
        out: dict[str, list[pa.Table]] = {}
        for files, routes in ((instagram_files, INSTAGRAM_ROUTES), (facebook_files, FACEBOOK_ROUTES)):
            routes = (routes[0], account_route)
            for table, parts in read_routed_files(files, routes, FAMILY, log, loaded_at).items():
                out.setdefault(table, []).extend(parts)
        return out

    tables = routed_source_resources(read)
    return merge_resources(tables, (INSTAGRAM_ROUTES[0], FACEBOOK_ROUTES[0], ACCOUNT_ROUTE))
