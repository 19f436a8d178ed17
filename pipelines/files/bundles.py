"""Exports that hold several tables in one file (a zip of CSVs, an Excel workbook) and files recognised by
their header rather than their name.

Each CSV inside a zip and each sheet of a workbook is a *member* with its own stable name
(`content/tiktok/export.zip::Overview.csv`, `content/linkedin/page.xlsx::Metrics`): that name is its lineage
(`_source_file`), its manifest key and the file named in rejects. A member's layout is found by matching its
header against every layout of the family; a member that matches none is rejected naming the layouts tried.
Zip members that are not CSV or workbooks (images, PDFs) and members whose header matches a layout the
family declares as ignorable (YouTube's chart data) are skipped. In a zip or workbook where at least one
member is recognised, the unrecognised members are skipped too (TikTok's `FollowerGender.csv`, LinkedIn's
demographics sheets); a file none of whose members is recognised is rejected, naming the layouts tried.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import dlt
import pyarrow as pa

from pipelines.files.landing import LandingFile, content_sha256
from pipelines.files.tabular import FileRejected, Layout, ParsedFile, csv_rows, match_layout, parse_rows
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject

Rows = list[tuple[int, list[str]]]
Finish = Callable[[ParsedFile, LandingFile], tuple[pa.Table, list[Reject]]]
MEMBER_SEPARATOR = "::"


@dataclass(frozen=True)
class Route:
    """Where a recognised layout goes: its raw table, the table's merge key, and the hook that adds
    derived columns."""

    layout: Layout
    table: str
    primary_key: tuple[str, ...]
    finish: Finish | None = None


class _Bytes:
    def __init__(self, data: bytes):
        self._data = data

    def read_bytes(self) -> bytes:
        return self._data


def cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a CSV saved from that sheet would hold (dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def workbook_sheets(data: bytes, file: str) -> Iterator[tuple[str, Rows]]:
    """(sheet name, records) of every sheet of an .xlsx workbook, read-only, cached values not formulas."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or non-xlsx file
        raise FileRejected(file, "", f"cannot open as an Excel workbook: {exc}") from None
    try:
        for sheet in book.worksheets:
            rows: Rows = []
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                texts = [cell_text(cell) for cell in cells]
                while texts and not texts[-1].strip():
                    texts.pop()
                if texts:
                    rows.append((number, texts))
            yield sheet.title, rows
    finally:
        book.close()


def _member(file: LandingFile, name: str, size: int, archived_at: datetime | None = None) -> LandingFile:
    return LandingFile(
        relative_path=f"{file.relative_path}{MEMBER_SEPARATOR}{name}",
        file_url=f"{file.file_url}{MEMBER_SEPARATOR}{name}",
        modified_at=file.modified_at,
        size_bytes=size,
        _item=_Bytes(b""),
        archived_at=archived_at,
    )


def members(file: LandingFile, data: bytes) -> Iterator[tuple[LandingFile, str, Rows | FileRejected]]:
    """(member as a LandingFile, its content sha256, its records or why it cannot be read)."""
    lower = file.relative_path.lower()
    if lower.endswith(".zip"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            yield (
                file,
                content_sha256(data),
                FileRejected(file.relative_path, "", f"not a zip archive: {exc}"),
            )
            return
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            name = info.filename
            if info.is_dir() or name.startswith("__MACOSX/") or name.rsplit("/", 1)[-1].startswith("."):
                continue
            inner = archive.read(info)
            member = _member(file, name, len(inner), datetime(*info.date_time))
            if name.lower().endswith(".csv"):
                yield member, content_sha256(inner), _safe(inner, member.relative_path)
            elif name.lower().endswith(".xlsx"):
                yield from _sheets(member, inner)
    elif lower.endswith(".xlsx"):
        yield from _sheets(file, data)
    else:
        yield file, content_sha256(data), _safe(data, file.relative_path)


def _sheets(file: LandingFile, data: bytes) -> Iterator[tuple[LandingFile, str, Rows | FileRejected]]:
    whole = content_sha256(data)
    try:
        sheets = list(workbook_sheets(data, file.relative_path))
    except FileRejected as exc:
        yield file, whole, exc
        return
    for title, rows in sheets:
        sha = content_sha256(f"{whole}:{title}".encode())
        yield _member(file, title, len(data)), sha, rows


def _safe(data: bytes, name: str) -> Rows | FileRejected:
    try:
        return csv_rows(data, name)
    except FileRejected as exc:
        return exc


def read_routed_files(
    files: list[LandingFile],
    routes: tuple[Route, ...],
    family: str,
    log: ReadLog,
    loaded_at: datetime,
    ignore: tuple[Layout, ...] = (),
) -> dict[str, list[pa.Table]]:
    """Read every member of `files`, send each to the table of the layout its header matches.

    Returns the Arrow tables per raw table. Members whose header matches an `ignore` layout (chart data
    files) are skipped silently; a member matching nothing is a whole-file reject against `family`.
    """
    out: dict[str, list[pa.Table]] = {route.table: [] for route in routes}
    layouts = tuple(route.layout for route in routes)
    by_layout = {route.layout.name: route for route in routes}
    for file in files:
        found = list(members(file, file.read_bytes()))
        matched: list[tuple[LandingFile, str, Rows, Route]] = []
        unmatched: list[tuple[LandingFile, str, FileRejected]] = []
        for member, sha, rows in found:
            if isinstance(rows, FileRejected):
                unmatched.append((member, sha, rows))
            elif not (ignore and _matches_any(rows, ignore, member.relative_path)):
                try:
                    layout = match_layout(rows, layouts, member.relative_path)
                except FileRejected as exc:
                    unmatched.append((member, sha, exc))
                    continue
                matched.append((member, sha, rows, by_layout[layout.name]))
        if not matched or len(found) == 1:
            # A workbook or zip with at least one recognised table may carry others (LinkedIn's
            # demographics sheets, TikTok's FollowerGender.csv): those are skipped, not rejected.
            for member, sha, exc in unmatched:
                if not log.is_unchanged(member, sha):
                    _reject(log, family, family, member, sha, exc)
        for member, sha, rows, route in matched:
            if log.is_unchanged(member, sha):
                continue
            try:
                parsed = parse_rows(rows, member.relative_path, route.layout)
                result, rejects = parsed.table, list(parsed.rejects)
                if route.finish is not None:
                    result, more = route.finish(parsed, member)
                    rejects.extend(more)
            except FileRejected as exc:
                _reject(log, family, route.table, member, sha, exc)
                continue
            result = result.append_column(
                "_loaded_at", pa.array([loaded_at] * result.num_rows, pa.timestamp("us"))
            )
            log.record(family, route.table, member, sha, result.num_rows, rejects)
            if result.num_rows:
                out[route.table].append(result)
    return out


def _matches_any(rows: Rows, layouts: tuple[Layout, ...], file: str) -> bool:
    try:
        match_layout(rows, layouts, file)
    except FileRejected:
        return False
    return True


def _reject(log: ReadLog, family: str, table: str, file: LandingFile, sha: str, exc: FileRejected) -> None:
    reject = Reject(file.relative_path, 0, exc.field, exc.reason, "")
    log.record(family, table, file, sha, 0, [reject], is_rejected=True)


def routed_source_resources(
    read: Callable[[], dict[str, list[pa.Table]]],
) -> Callable[[str], Iterator[pa.Table]]:
    """One read of all files shared by the resources of a source: `tables(name)` yields that table's parts."""
    cache: dict[str, list[pa.Table]] = {}
    done: list[bool] = []

    def tables(name: str) -> Iterator[pa.Table]:
        if not done:
            cache.update(read())
            done.append(True)
        yield from cache.get(name, [])

    return tables


def merge_resources(tables: Callable[[str], Iterator[pa.Table]], routes: tuple[Route, ...]) -> tuple:
    """One dlt resource per route's table (merged on the route's key), all fed by the same shared read."""

    def resource(route: Route):
        @dlt.resource(name=route.table, write_disposition="merge", primary_key=route.primary_key)
        def rows():
            yield from tables(route.table)

        return rows

    return tuple(resource(route) for route in routes)
