"""Every personal value of a landing folder's input files, and a search for them in what the app can read.

The values are read from the files themselves (never from the warehouse), by the header or JSON key a tool
writes them under: user ids, agent ids, e-mails, names, handles, phones, addresses, message texts, order
notes. Files are opened by content (zip members, gzip, xlsx, CSV or JSON lines), whatever their names.

A value is found when a cell equals it, or (for values of at least SUBSTRING_MIN characters) contains it,
case-insensitively. The substring search runs in DuckDB (one join), so tens of thousands of values against
tens of thousands of cells stay fast.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
from python_calamine import CalamineWorkbook

SUBSTRING_MIN = 6
EXACT_MIN = 3  # shorter values ("Li", "ok") are no evidence of anything

# header (CSV / xlsx) or key (JSON), case-folded -> kind of personal data
PERSONAL_FIELDS = {
    "user_id": "user id",
    "agent_id": "agent id",
    "contact_email": "e-mail",
    "text": "message text",
    "email": "e-mail",
    "first name": "name",
    "last name": "name",
    "phone number": "phone",
    "instagram handle": "handle",
    "tiktok handle": "handle",
    "twitter username": "handle",
    "linkedin url": "handle",
    "contact owner": "name",
    "deal owner": "name",
    "billing name": "name",
    "billing street": "address",
    "billing address1": "address",
    "billing address2": "address",
    "billing phone": "phone",
    "shipping name": "name",
    "shipping street": "address",
    "shipping address1": "address",
    "shipping address2": "address",
    "shipping phone": "phone",
    "phone": "phone",
    "notes": "order note",
}


@dataclass
class PersonalValues:
    values: dict[str, str] = field(default_factory=dict)  # case-folded value -> kind

    def add(self, value: object, kind: str) -> None:
        text = str(value).strip() if value is not None else ""
        if len(text) < EXACT_MIN:
            return
        self.values.setdefault(text.casefold(), kind)
        if kind == "handle" and text.startswith("@") and len(text) > EXACT_MIN:
            self.values.setdefault(text[1:].casefold(), kind)

    def add_row(self, row: dict) -> None:
        names = {}
        for key, value in row.items():
            kind = PERSONAL_FIELDS.get(str(key).strip().casefold())
            if kind:
                self.add(value, kind)
            if str(key).strip().casefold() in ("first name", "last name"):
                names[str(key).strip().casefold()] = str(value or "").strip()
        if names.get("first name") and names.get("last name"):
            self.add(f"{names['first name']} {names['last name']}", "name")


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _rows(name: str, data: bytes):
    """The records of one file: dicts keyed by header or JSON key."""
    if data[:2] == b"\x1f\x8b":
        yield from _rows(name, gzip.decompress(data))
    elif data[:4] == b"PK\x03\x04":
        archive = zipfile.ZipFile(io.BytesIO(data))
        if any(member.startswith("xl/") for member in archive.namelist()):
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
            for sheet in workbook.sheet_names:
                table = workbook.get_sheet_by_name(sheet).to_python()
                for start, header in enumerate(table[:5]):  # a description line may sit above the header
                    if any(str(cell).strip().casefold() in PERSONAL_FIELDS for cell in header):
                        for values in table[start + 1 :]:
                            yield dict(zip([str(cell) for cell in header], values, strict=False))
                        break
        else:
            for member in archive.namelist():
                if not member.endswith("/"):
                    yield from _rows(member, archive.read(member))
    else:
        text = _decode(data)
        if text.lstrip().startswith("{"):
            for line in text.splitlines():
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if isinstance(record, dict):
                    yield record
        else:
            first = text.lstrip().split("\n", 1)[0]
            delimiter = max(",;\t", key=first.count)  # the header's separator (Excel in French writes ';')
            yield from csv.DictReader(io.StringIO(text), delimiter=delimiter)


def collect(landing: Path) -> PersonalValues:
    found = PersonalValues()
    for path in sorted(landing.rglob("*")):
        if path.is_file():
            for row in _rows(path.name, path.read_bytes()):
                found.add_row(row)
    return found


def hits(
    personal: PersonalValues, cells: dict[str, str], substrings: bool = True
) -> list[tuple[str, str, str]]:
    """(where, kind, value) for every cell (value -> where it was read) equal to or containing a personal value
    (only equal to one with `substrings=False`). A keyed hash (64 hex characters) is compared whole only."""
    con = duckdb.connect()
    try:
        personal_table = pa.table({"value": list(personal.values), "kind": list(personal.values.values())})
        cell_table = pa.table(
            {
                "lowered": [cell.casefold() for cell in cells],
                "where_read": list(cells.values()),
            }
        )
        con.register("personal", personal_table)
        con.register("cells", cell_table)
        exact = "select cells.where_read, personal.kind, personal.value from cells join personal on cells.lowered = personal.value"
        inside = f"""
            select cells.where_read, personal.kind, personal.value
            from (
                select * from cells
                where length(lowered) >= {SUBSTRING_MIN} and not regexp_full_match(lowered, '[0-9a-f]{{64}}')
            ) as cells
            join (select * from personal where length(value) >= {SUBSTRING_MIN}) as personal
                on contains(cells.lowered, personal.value)
        """
        sql = f"{exact} union {inside} order by all" if substrings else f"{exact} order by all"
        return con.execute(sql).fetchall()
    finally:
        con.close()


def database_cells(path: Path) -> dict[str, str]:
    """Every distinct value of every column of every table of a DuckDB file, as text -> `schema.table.column`."""
    cells: dict[str, str] = {}
    con = duckdb.connect(str(path), read_only=True)
    try:
        columns = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where table_catalog = current_database() order by all"
        ).fetchall()
        for schema, table, column in columns:
            rows = con.execute(
                f'select distinct cast("{column}" as varchar) from "{schema}"."{table}" '
                f'where "{column}" is not null'
            ).fetchall()
            for (value,) in rows:
                cells.setdefault(value, f"{schema}.{table}.{column}")
    finally:
        con.close()
    return cells


def text_cells(where: str, text: str) -> dict[str, str]:
    """The values of an export (CSV, JSON, HTML) as cells: every line and every field of it."""
    cells: dict[str, str] = {}
    for line in text.splitlines():
        cells.setdefault(line, where)
        for part in line.replace("\t", ",").replace(">", "<").split("<"):
            for piece in part.split(","):
                cells.setdefault(piece.strip().strip('"'), where)
    return cells
