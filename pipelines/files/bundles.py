"""Exports that hold several tables in one file (a zip of CSVs, an Excel or OpenDocument workbook) and files
recognised by their content rather than their name.

Each CSV inside a zip and each sheet of a workbook is a *member* with its own stable name
(`content/tiktok/export.zip::Overview.csv`, `content/linkedin/page.xls::Metrics`): that name is its lineage
(`_source_file`), its manifest key and the file named in rejects. What a file is comes from its bytes, not
its extension: an OLE2 compound file is an `.xls` workbook (BIFF8, what LinkedIn downloads), a zip holding
`xl/workbook.xml` an `.xlsx`, a zip with an OpenDocument `mimetype` an `.ods`, any other zip an archive of
members, anything else a CSV. Workbooks of every kind are read by `python-calamine` (one maintained reader
for xls, xlsx and ods), cells turned into the text a CSV saved from that sheet would hold.

A member's layout is found by matching its header against every layout of the family; a member that
matches none is rejected naming the layouts tried. Zip members that are not tables (images, PDFs) and
members whose header matches a layout the family declares as recognised-but-not-used (TikTok's
`FollowerGender.csv`, YouTube's chart data) are skipped with a note in the run summary, zipped or loose
alike. In a zip or workbook where at least one member is recognised, the unrecognised members are skipped
with a note (LinkedIn's demographics sheets); a file none of whose members is recognised is rejected.
A file of which every row is rejected is rejected as a whole, so the load step fails rather than exit 0.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import dlt
import pyarrow as pa

from pipelines.files.guard import guarded
from pipelines.files.landing import LandingFile, content_sha256
from pipelines.files.tabular import FileRejected, Layout, ParsedFile, csv_rows, match_layout, parse_rows
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject

Rows = list[tuple[int, list[str]]]
Finish = Callable[[ParsedFile, LandingFile], tuple[pa.Table, list[Reject]]]
MEMBER_SEPARATOR = "::"
ACCOUNT_COLUMN = "account"
OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
ZIP_MAGIC = b"PK\x03\x04"
BINARY_MAGICS = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", OLE2_MAGIC)
ZIP_NO_TIME_YEAR = 1980  # a zip entry written without a time carries 1980-01-01
NESTED_ZIP = (
    "a zip inside the zip: nested archives are not opened (a zip bomb hides that way); unzip it and put "
    "its files in the landing folder"
)


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
    """A spreadsheet cell as the text a CSV saved from that sheet would hold: dates as ISO, whole numbers
    without `.0` (a count stored as a double in .xls), other numbers as Python writes them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def file_kind(data: bytes) -> str:
    """`workbook`, `zip` or `text`, from the bytes alone (never the file name)."""
    if data.startswith(OLE2_MAGIC):
        return "workbook"
    if data.startswith(ZIP_MAGIC):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return "zip"
        return "workbook" if "xl/workbook.xml" in names or "mimetype" in names else "zip"
    return "text"


def _is_binary(data: bytes) -> bool:
    """A member that is no table (an image, a PDF): CSV text never holds NUL bytes unless it is UTF-16."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) >= 4 and head[1] == 0 and head[3] == 0):
        return False
    return head.startswith(BINARY_MAGICS) or b"\x00" in head


def workbook_sheets(data: bytes, file: str) -> Iterator[tuple[str, Rows]]:
    """(sheet name, records) of every sheet of an .xls, .xlsx or .ods workbook (cached values, not
    formulas), read by python-calamine; records numbered as the spreadsheet's rows (row 1 = line 1)."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types for a damaged or non-workbook file
        raise FileRejected(
            file, "", f"cannot open as a spreadsheet workbook (xls, xlsx, ods): {exc}"
        ) from None
    try:
        for name in book.sheet_names:
            try:
                cells = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            except Exception as exc:
                raise FileRejected(file, name, f"cannot read sheet {name!r}: {exc}") from None
            rows: Rows = []
            for number, row in enumerate(cells, start=1):
                texts = [cell_text(cell) for cell in row]
                while texts and not texts[-1].strip():
                    texts.pop()
                if texts:
                    rows.append((number, texts))
            yield name, rows
    finally:
        book.close()


def _member(
    file: LandingFile,
    name: str,
    size: int,
    modified_at: datetime | None = None,
    archived_at: datetime | None = None,
) -> LandingFile:
    return LandingFile(
        relative_path=f"{file.relative_path}{MEMBER_SEPARATOR}{name}",
        file_url=f"{file.file_url}{MEMBER_SEPARATOR}{name}",
        modified_at=modified_at or file.modified_at,
        size_bytes=size,
        _item=_Bytes(b""),
        archived_at=archived_at,
    )


def _entry_time(info: zipfile.ZipInfo) -> datetime | None:
    """When the exporting platform wrote the member: survives copying the zip, unlike the file's time."""
    if info.date_time[0] <= ZIP_NO_TIME_YEAR:
        return None
    try:
        return datetime(*info.date_time)
    except ValueError:
        return None


Member = tuple[LandingFile, str, "Rows | FileRejected | None"]


def members(file: LandingFile, data: bytes) -> Iterator[Member]:
    """(member as a LandingFile, its content sha256, its records, why it cannot be read, or None for a zip
    member that is no table). A member's `modified_at` is its zip entry time when the zip carries one."""
    kind = file_kind(data)
    if kind == "workbook":
        yield from _sheets(file, data)
        return
    if kind == "text":
        yield file, content_sha256(data), _safe(data, file.relative_path)
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        yield file, content_sha256(data), FileRejected(file.relative_path, "", f"not a zip archive: {exc}")
        return
    for info in sorted(archive.infolist(), key=lambda i: i.filename):
        name = info.filename
        if info.is_dir() or name.startswith("__MACOSX/") or name.rsplit("/", 1)[-1].startswith("."):
            continue
        entry_time = _entry_time(info)
        try:
            inner = read_member(archive, info)
        except FileRejected as exc:
            member = _member(file, name, info.file_size, entry_time, archived_at=entry_time)
            yield member, "", FileRejected(member.relative_path, "", exc.reason, unreadable=True)
            continue
        member = _member(file, name, len(inner), entry_time, archived_at=entry_time)
        inner_kind = file_kind(inner)
        if inner_kind == "workbook":
            yield from _sheets(member, inner)
        elif inner_kind == "zip":
            yield member, content_sha256(inner), FileRejected(member.relative_path, "", NESTED_ZIP, True)
        elif _is_binary(inner):
            yield member, content_sha256(inner), None
        else:
            yield member, content_sha256(inner), _safe(inner, member.relative_path)


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A zip member's bytes, or FileRejected saying why not (a damaged member fails its CRC check, an
    encrypted one needs a password, an unknown compression method): the other members still load."""
    try:
        return archive.read(info)
    except (
        zipfile.BadZipFile,
        zlib.error,
        RuntimeError,  # a wrong password, and an unknown compression method (raised as a subclass)
        OSError,
        EOFError,
        ValueError,
    ) as exc:
        what = "encrypted (password protected)" if info.flag_bits & 0x1 else "damaged"
        raise FileRejected(
            info.filename, "", f"cannot read this zip member, it is {what}: {type(exc).__name__}: {exc}"
        ) from None


def _sheets(file: LandingFile, data: bytes) -> Iterator[Member]:
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
    account: Callable[[str], str] | None = None,
) -> dict[str, list[pa.Table]]:
    """Read every member of `files`, send each to the table of the layout its header matches.

    Returns the Arrow tables per raw table. Members whose header matches an `ignore` layout (recognised
    but not used: its `notes` say what it is) are skipped with a note; a member matching nothing is a
    whole-file reject against `family`. With `account` (see `pipelines.files.accounts`), every row gets
    an `account` column from its file's path, to be part of the routes' merge keys.
    """
    out: dict[str, list[pa.Table]] = {route.table: [] for route in routes}
    for file in files:
        parts: list[tuple[str, pa.Table]] = []
        with guarded(log, family, family, file, f"reading a {family} export") as guard:
            data = file.read_bytes()
            guard.sha256 = content_sha256(data)
            parts = _read_routed_file(file, data, routes, family, log, loaded_at, ignore, account)
        if not guard.failed:
            for table, result in parts:
                out[table].append(result)
    return out


def _read_routed_file(
    file: LandingFile,
    data: bytes,
    routes: tuple[Route, ...],
    family: str,
    log: ReadLog,
    loaded_at: datetime,
    ignore: tuple[Layout, ...],
    account: Callable[[str], str] | None,
) -> list[tuple[str, pa.Table]]:
    """One file of `read_routed_files`: its tables, (raw table, Arrow table) in member order."""
    layouts = tuple(route.layout for route in routes)
    by_layout = {route.layout.name: route for route in routes}
    parts: list[tuple[str, pa.Table]] = []
    found = list(members(file, data))
    matched: list[tuple[LandingFile, str, Rows, Route]] = []
    unmatched: list[tuple[LandingFile, str, FileRejected]] = []
    for member, sha, rows in found:
        if isinstance(rows, FileRejected) and rows.unreadable:
            continue  # recognition rejected it (pipelines/files/recognise.py): one reject, not two
        if rows is None:
            log.note(member.relative_path, "not a table (an image or document inside the export): skipped")
        elif isinstance(rows, FileRejected):
            unmatched.append((member, sha, rows))
        elif (unused := _first_match(rows, ignore, member.relative_path)) is not None:
            what = unused.notes or "not used by any KPI"
            log.note(member.relative_path, f"recognised as {unused.name}: {what}; skipped")
        else:
            try:
                layout = match_layout(rows, layouts, member.relative_path)
            except FileRejected as exc:
                unmatched.append((member, sha, exc))
                continue
            matched.append((member, sha, rows, by_layout[layout.name]))
    if not matched or len(found) == 1:
        for member, sha, exc in unmatched:
            if not log.is_unchanged(member, sha):
                _reject(log, family, family, member, sha, exc)
    else:
        # A workbook or zip with at least one recognised table may carry others (LinkedIn's
        # demographics sheets): those are skipped, and said so.
        for member, _, exc in unmatched:
            log.note(member.relative_path, f"not a table this loader uses ({exc.reason}); skipped")
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
        if result.num_rows == 0 and rejects and not any(r.line == 0 for r in rejects):
            first = rejects[0]
            reason = (
                f"every row was rejected ({len(rejects)}), nothing loaded; first: line {first.line}, "
                f"field {first.field!r}: {first.reason}"
            )
            rejects.append(Reject(member.relative_path, 0, first.field, reason, ""))
            log.record(family, route.table, member, sha, 0, rejects, is_rejected=True)
            continue
        if account is not None:
            label = account(member.relative_path)
            result = result.append_column(ACCOUNT_COLUMN, pa.array([label] * result.num_rows, pa.string()))
        result = result.append_column(
            "_loaded_at", pa.array([loaded_at] * result.num_rows, pa.timestamp("us"))
        )
        log.record(family, route.table, member, sha, result.num_rows, rejects)
        if result.num_rows:
            parts.append((route.table, result))
    return parts


def _first_match(rows: Rows, layouts: tuple[Layout, ...], file: str) -> Layout | None:
    if not layouts:
        return None
    try:
        return match_layout(rows, layouts, file)
    except FileRejected:
        return None


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
