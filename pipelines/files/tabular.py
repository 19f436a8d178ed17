"""Read a CSV export as its tool wrote it and turn it into typed rows by header name, never by position.

Handles what real exports do: UTF-8 BOM, UTF-16 (Meta account exports), a `sep=,` first line, `#` preamble
lines (GA4), a description line above the header (newer LinkedIn), total rows, quoted fields with commas
and line breaks, ids that must stay strings. A column is found through its alias list; unknown extra columns
are kept as text under their snake_case header name. A value that does not parse makes a reject row naming
the file, line and field; a missing required column fails the whole file with a message naming the column.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from pipelines.files import values
from pipelines.rejects import Reject, writable

TOTAL_ROW_MARKERS = {"total", "grand total", "totals"}
HEADER_SEARCH_LINES = 15
# The longest CSV field read (characters). Python's csv stops at 128 Ki by default and raised out of the
# load; a HubSpot note or a post caption is far shorter than 1 Mi, so a longer field is a broken export
# (an unclosed quote swallowing lines, a binary blob): that record is rejected naming its line.
MAX_FIELD_CHARS = 1_048_576
# An invalid byte in an otherwise UTF-8 file is kept as a lone surrogate (`surrogateescape`), so only
# the record holding it is rejected, naming line, field and byte, and every accent elsewhere stays right.
BAD_BYTE = re.compile("[\udc80-\udcff]")


class BadRecord(list):
    """A record the CSV reader could not read (a field beyond MAX_FIELD_CHARS): no cells, and why."""

    def __init__(self, reason: str):
        super().__init__()
        self.reason = reason


class FileRejected(Exception):
    """The file as a whole cannot be read (encoding, missing required column, unknown layout)."""

    def __init__(self, file: str, field: str, reason: str, unreadable: bool = False):
        file, field, reason = writable(file), writable(field), writable(reason)
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.field = field
        self.reason = reason
        # A zip member that cannot even be read (damaged, encrypted, a nested zip): rejected by recognition
        # whatever its siblings are, never passed over as a side table.
        self.unreadable = unreadable


@dataclass(frozen=True)
class Column:
    """One warehouse column: its name, the headers it may appear under, and how its text is parsed."""

    name: str
    aliases: tuple[str, ...]
    arrow_type: pa.DataType = pa.string()
    parse: Callable[[str | None], Any] = values.clean
    required: bool = False
    required_value: bool = False  # the column must be present AND non-empty on every row


@dataclass(frozen=True)
class Layout:
    """An export layout: its columns, and which of them say a row is a total row."""

    name: str
    columns: tuple[Column, ...]
    total_row_columns: tuple[str, ...] = ()
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def alias_index(self) -> dict[str, Column]:
        index: dict[str, Column] = {}
        for column in self.columns:
            for alias in (column.name, *column.aliases):
                index[normalise_header(alias)] = column
        return index


@dataclass
class ParsedFile:
    table: pa.Table
    rejects: list[Reject]
    matched_headers: dict[str, str]  # warehouse column -> header found in the file
    rows_read: int
    preamble: list[list[str]] = field(default_factory=list)  # records above the header (`sep=,`, titles)


def normalise_header(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").strip().strip('"').lower().split())


def decode(data: bytes, file: str) -> str:
    """Bytes to text: UTF-16 with or without BOM, UTF-8 with or without BOM, else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if len(data) >= 4 and data[1] == 0 and data[3] == 0:
        return data.decode("utf-16-le")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", "surrogateescape")
        bad = len(BAD_BYTE.findall(text))
        if sum(1 for char in text if char > "\x7f") - bad > bad:
            return text  # UTF-8 with a stray byte or two: their records are rejected in parse_rows
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise FileRejected(file, "", f"cannot decode as UTF-8, UTF-16 or Windows-1252: {exc}") from None


def sniff_delimiter(text: str) -> str:
    first_lines = [line for line in text.splitlines()[:HEADER_SEARCH_LINES] if line.strip()]
    if first_lines and first_lines[0].lower().startswith("sep="):
        return first_lines[0][4:5] or ","
    sample = "\n".join(first_lines)
    counts = {delim: sample.count(delim) for delim in (",", "\t", ";")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def find_header(rows: list[tuple[int, list[str]]], layout: Layout, file: str) -> int:
    """Index (in `rows`) of the header: the first row naming every required column of the layout."""
    index = layout.alias_index()
    required = {c.name for c in layout.columns if c.required or c.required_value}
    best_missing: set[str] = required
    for position, (_, cells) in enumerate(rows[:HEADER_SEARCH_LINES]):
        found = {index[normalise_header(cell)].name for cell in cells if normalise_header(cell) in index}
        missing = required - found
        if not missing and found:
            return position
        if len(missing) < len(best_missing):
            best_missing = missing
    columns = ", ".join(sorted(best_missing))
    raise FileRejected(file, columns, f"missing required column(s) {columns} for the {layout.name} layout")


def read_rows(text: str, delimiter: str, file: str = "") -> list[tuple[int, list[str]]]:
    """(line number where the record starts, cells) for every non-blank record.

    Preamble lines (`sep=,`, `# …`) are not dropped here: they can only stand above the header, and
    `find_header` passes over them; below the header a `#` is data (Shopify's order names are `#1001`).
    A record with a field longer than MAX_FIELD_CHARS comes back as a BadRecord (rejected by `parse_rows`);
    a quoted field never closed (which would swallow every line after it) rejects the file naming the
    line where it opened.
    """
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    previous_end = 0
    while True:
        start_line = previous_end + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            previous_end = reader.line_num
            rows.append((start_line, BadRecord(f"{exc} (at most {MAX_FIELD_CHARS:,} characters a field)")))
            continue
        previous_end = reader.line_num
        if not cells or all(not cell.strip() for cell in cells):
            continue
        rows.append((start_line, cells))
    if rows and _unterminated(text, delimiter, rows[-1][0]):
        raise FileRejected(
            file,
            "",
            f"line {rows[-1][0]}: a quoted field opens there and is never closed (every line after it "
            "would be read as that one field)",
        )
    return rows


def _unterminated(text: str, delimiter: str, line: int) -> bool:
    """True when the record starting at `line` (the last) ends inside quotes: Python's lenient reader
    then silently takes the rest of the file as one field; its strict mode says so."""
    tail = "\n".join(text.split("\n")[line - 1 :])
    try:
        for _ in csv.reader(io.StringIO(tail), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def parse_csv(data: bytes, file: str, layout: Layout, constants: dict[str, Any] | None = None) -> ParsedFile:
    """Parse one CSV export into an Arrow table of the layout's columns plus its unknown extra columns.

    `constants` are extra columns with one value for the whole file (e.g. the snapshot date from its name).
    Lineage columns `_source_file` and `_source_line` are added to every row.
    """
    return parse_rows(csv_rows(data, file), file, layout, constants)


def csv_rows(data: bytes, file: str) -> list[tuple[int, list[str]]]:
    """The records of a CSV export's bytes (decoded, delimiter sniffed), blank records left out."""
    text = decode(data, file)
    return read_rows(text, sniff_delimiter(text), file)


def match_layout(rows: list[tuple[int, list[str]]], layouts: tuple[Layout, ...], file: str) -> Layout:
    """The first of `layouts` whose required columns all appear in one header row; else reject the file
    naming every layout tried (a file is recognised by its header, never by its name)."""
    if not rows:
        raise FileRejected(file, "", "the file is empty")
    closest: tuple[int, str] | None = None
    for layout in layouts:
        try:
            find_header(rows, layout, file)
        except FileRejected as exc:
            required = sum(1 for c in layout.columns if c.required or c.required_value)
            missing = len(exc.field.split(", "))
            if missing < required and (closest is None or missing < closest[0]):
                closest = (missing, exc.reason)
            continue
        return layout
    tried = "; ".join(layout.name for layout in layouts)
    hint = f"; closest: {closest[1]}" if closest else ""
    raise FileRejected(file, "", f"the header matches no known layout (tried: {tried}){hint}")


def _check_header(header: list[str], mapping: list[tuple[int, Column | None, str]], file: str) -> None:
    """A header naming one column twice would let the second silently override the first: the file is
    rejected naming the column and both positions (blank header cells are not names)."""
    first: dict[str, int] = {}
    for position, column, name in mapping:
        if not header[position].strip():
            continue
        key = column.name if column is not None else name
        if key in first:
            raise FileRejected(
                file,
                header[position].strip(),
                f"the header names column {header[position].strip()!r} twice (columns {first[key] + 1} and "
                f"{position + 1}): which one holds the data cannot be told",
            )
        first[key] = position


def _unreadable(cells: list[str], header: list[str]) -> tuple[str, str] | None:
    """(field, reason) for a record the reader could not read, or one holding a byte that is not UTF-8."""
    if isinstance(cells, BadRecord):
        return "", cells.reason
    for position, cell in enumerate(cells):
        found = BAD_BYTE.search(cell)
        if found:
            field = header[position].strip() if position < len(header) else f"column {position + 1}"
            byte = ord(found.group()) - 0xDC00
            return field, f"invalid UTF-8 byte 0x{byte:02x} in an otherwise UTF-8 file"
    return None


def parse_rows(
    rows: list[tuple[int, list[str]]], file: str, layout: Layout, constants: dict[str, Any] | None = None
) -> ParsedFile:
    """Parse the records of one export (from a CSV or a spreadsheet sheet) as in `parse_csv`."""
    if not rows:
        raise FileRejected(file, "", "the file is empty")
    header_position = find_header(rows, layout, file)
    header = rows[header_position][1]
    index = layout.alias_index()

    mapping: list[tuple[int, Column | None, str]] = []
    matched: dict[str, str] = {}
    for position, cell in enumerate(header):
        column = index.get(normalise_header(cell))
        if column is not None and column.name in matched:
            column = None  # a second header for the same column stays an extra column
        if column is not None:
            matched[column.name] = cell.strip()
        mapping.append((position, column, values.snake_case(cell)))
    _check_header(header, mapping, file)

    known = {c.name for c in layout.columns}
    extra_names = [name for _, column, name in mapping if column is None and name not in known]
    data_columns: dict[str, list[Any]] = {c.name: [] for c in layout.columns}
    data_columns.update({name: [] for name in extra_names})
    source_lines: list[int] = []
    rejects: list[Reject] = []
    total_positions = [p for p, c, _ in mapping if c is not None and c.name in layout.total_row_columns]

    for line, cells in rows[header_position + 1 :]:
        unreadable = _unreadable(cells, header)
        if unreadable is not None:
            rejects.append(
                Reject.from_row(file=file, line=line, field=unreadable[0], reason=unreadable[1], raw=cells)
            )
            continue
        if any(
            (cells[p].strip().lower() if p < len(cells) else "") in TOTAL_ROW_MARKERS for p in total_positions
        ):
            continue
        parsed: dict[str, Any] = {}
        problem: tuple[str, str] | None = None
        for position, column, name in mapping:
            raw = cells[position] if position < len(cells) else None
            if column is None:
                parsed[name] = values.clean(raw)
                continue
            try:
                value = column.parse(raw)
            except ValueError as exc:
                problem = (matched[column.name], str(exc))
                break
            if value is None and column.required_value:
                problem = (matched[column.name], "required value is empty")
                break
            parsed[column.name] = value
        if problem is not None:
            rejects.append(
                Reject.from_row(file=file, line=line, field=problem[0], reason=problem[1], raw=cells)
            )
            continue
        for name, column_values in data_columns.items():
            column_values.append(parsed.get(name))
        source_lines.append(line)

    arrays: dict[str, pa.Array] = {}
    for column in layout.columns:
        arrays[column.name] = pa.array(data_columns[column.name], type=column.arrow_type)
    for name in extra_names:
        arrays[name] = pa.array(data_columns[name], type=pa.string())
    for name, value in (constants or {}).items():
        arrays[name] = pa.array([value] * len(source_lines))
    arrays["_source_file"] = pa.array([file] * len(source_lines), type=pa.string())
    arrays["_source_line"] = pa.array(source_lines, type=pa.int64())
    return ParsedFile(
        pa.table(arrays),
        rejects,
        matched,
        rows_read=len(rows) - header_position - 1,
        preamble=[cells for _, cells in rows[:header_position]],
    )
