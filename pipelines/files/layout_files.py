"""Read the files of ONE export layout as users hand them over: a CSV, a zip of CSVs, an Excel workbook.

Commerce exports come in whatever container the tool sends: Shopify e-mails a zip for a large orders
export, HubSpot offers CSV, XLS and XLSX for any saved view. Every member (zip entry, workbook sheet) is
read with the same layout. Messages speak the user's language, not ours: a missing required column is
named by the export's own label (`Record ID`, `Deal Stage`), and a missing OPTIONAL column that feeds a
KPI leaves a note (`ReadLog.note`) naming the label and the KPIs it leaves empty, so a user who exported
a narrow saved view knows what to add instead of wondering why a number is blank.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import datetime

import pyarrow as pa

from pipelines.files.bundles import MEMBER_SEPARATOR, Rows, cell_text, members
from pipelines.files.guard import guarded
from pipelines.files.landing import LandingFile, content_sha256
from pipelines.files.tabular import Column, FileRejected, Layout, ParsedFile, parse_rows
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject

Finish = Callable[[ParsedFile, LandingFile], tuple[pa.Table, list[Reject]]]


def label(column: Column) -> str:
    """The header a user sees in the export (the first alias, in the tool's English UI)."""
    return column.aliases[0] if column.aliases else column.name


def labelled(exc: FileRejected, layout: Layout) -> FileRejected:
    """The same rejection with our column names replaced by the export's labels."""
    by_name = {column.name: column for column in layout.columns}
    missing = set(exc.field.split(", "))
    names = [column.name for column in layout.columns if column.name in missing]  # the layout's order
    if not names:
        return exc
    labels = ", ".join(f"`{label(by_name[name])}`" for name in names)
    field = ", ".join(label(by_name[name]) for name in names)
    reason = f"missing required column(s) {labels} for the {layout.name} layout"
    return FileRejected(exc.file, field, reason)


def missing_notes(parsed: ParsedFile, layout: Layout, feeds: dict[str, str]) -> list[str]:
    """One sentence per optional column of `feeds` (warehouse name -> what stays empty) the file lacks."""
    by_name = {column.name: column for column in layout.columns}
    return [
        f"no `{label(by_name[name])}` column in this export: {consequence}"
        for name, consequence in feeds.items()
        if name not in parsed.matched_headers
    ]


def xls_members(file: LandingFile, data: bytes) -> Iterator[tuple[LandingFile, str, Rows | FileRejected]]:
    """The sheets of a legacy .xls workbook (BIFF8, what HubSpot's "XLS" export is), read with calamine."""
    from python_calamine import CalamineWorkbook

    whole = content_sha256(data)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types for a damaged or non-xls file
        yield file, whole, FileRejected(file.relative_path, "", f"cannot open as an Excel workbook: {exc}")
        return
    for title in book.sheet_names:
        rows: Rows = []
        for number, cells in enumerate(book.get_sheet_by_name(title).to_python(skip_empty_area=False), 1):
            texts = [cell_text(cell) for cell in cells]
            while texts and not texts[-1].strip():
                texts.pop()
            if texts:
                rows.append((number, texts))
        member = LandingFile(
            relative_path=f"{file.relative_path}{MEMBER_SEPARATOR}{title}",
            file_url=f"{file.file_url}{MEMBER_SEPARATOR}{title}",
            modified_at=file.modified_at,
            size_bytes=len(data),
            _item=None,
        )
        yield member, content_sha256(f"{whole}:{title}".encode()), rows


def any_members(file: LandingFile, data: bytes) -> Iterator[tuple[LandingFile, str, Rows | FileRejected]]:
    """bundles.members (CSV, zip, .xlsx) plus legacy .xls workbooks."""
    if file.relative_path.lower().endswith(".xls"):
        yield from xls_members(file, data)
    else:
        yield from members(file, data)


def read_layout_files(
    files: list[LandingFile],
    layout: Layout,
    family: str,
    table: str,
    log: ReadLog,
    loaded_at: datetime,
    finish: Finish | None = None,
    feeds: dict[str, str] | None = None,
) -> Iterator[pa.Table]:
    """Yield one Arrow table per file or member; rejects and notes go to `log`.

    In a zip or workbook where at least one member has the layout, the others are skipped (a README or a
    second sheet); a file none of whose members has it is rejected, naming the missing labels.
    """
    for file in files:
        parts: list[pa.Table] = []
        with guarded(log, family, table, file, f"reading a {family} export") as guard:
            data = file.read_bytes()
            guard.sha256 = content_sha256(data)
            found = list(any_members(file, data))
            parsed_members: list[tuple[LandingFile, str, ParsedFile]] = []
            unreadable: list[tuple[LandingFile, str, FileRejected]] = []
            for member, sha, rows in found:
                if isinstance(rows, FileRejected) and rows.unreadable:
                    continue  # recognition rejected it (pipelines/files/recognise.py): one reject, not two
                if log.is_unchanged(member, sha):
                    continue
                if isinstance(rows, FileRejected):
                    unreadable.append((member, sha, rows))
                    continue
                try:
                    parsed_members.append((member, sha, parse_rows(rows, member.relative_path, layout)))
                except FileRejected as exc:
                    unreadable.append((member, sha, labelled(exc, layout)))
            if not parsed_members or len(found) == 1:
                for member, sha, exc in unreadable:
                    reject = Reject(member.relative_path, 0, exc.field, exc.reason, "")
                    log.record(family, table, member, sha, 0, [reject], is_rejected=True)
            for member, sha, parsed in parsed_members:
                result, rejects = parsed.table, list(parsed.rejects)
                if finish is not None:
                    result, more = finish(parsed, member)
                    rejects.extend(more)
                for text in missing_notes(parsed, layout, feeds or {}):
                    log.note(member.relative_path, text)
                result = result.append_column(
                    "_loaded_at", pa.array([loaded_at] * result.num_rows, pa.timestamp("us"))
                )
                log.record(family, table, member, sha, result.num_rows, rejects)
                if result.num_rows:
                    parts.append(result)
        if not guard.failed:
            yield from parts
