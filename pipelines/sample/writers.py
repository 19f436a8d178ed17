"""Byte-stable file writing: fixed gzip headers, fixed modification times, buffered line sinks."""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO


def set_mtime(path: Path, ts: float) -> None:
    """Stamp a file with its download / export time (never the wall clock)."""
    os.utime(path, (ts, ts))


class LineFile:
    """A `.jsonl` or `.jsonl.gz` file written in buffered chunks; gzip header carries `mtime`, no name."""

    FLUSH_BYTES = 1 << 20

    def __init__(self, path: Path, mtime: float) -> None:
        self.path = path
        self.mtime = mtime
        self.lines = 0
        self._buffer: list[str] = []
        self._size = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        self._raw = open(path, "wb")  # noqa: SIM115 - closed in close()
        self._out: IO[bytes] = (
            gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, mtime=int(mtime), compresslevel=6)
            if path.name.endswith(".gz")
            else self._raw
        )

    def write(self, line: str) -> None:
        self._buffer.append(line)
        self._size += len(line)
        self.lines += 1
        if self._size >= self.FLUSH_BYTES:
            self._flush()

    def _flush(self) -> None:
        if self._buffer:
            self._out.write(("\n".join(self._buffer) + "\n").encode("utf-8"))
            self._buffer, self._size = [], 0

    def close(self) -> None:
        self._flush()
        if self._out is not self._raw:
            self._out.close()
        self._raw.close()
        set_mtime(self.path, self.mtime)


class CsvFile:
    """A CSV file as an export tool writes it: optional UTF-8 BOM, chosen line ending, minimal quoting."""

    def __init__(
        self, path: Path, header: Sequence[str], mtime: float, bom: bool, newline: str = "\r\n"
    ) -> None:
        self.path = path
        self.mtime = mtime
        self.rows = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="")  # noqa: SIM115
        self._writer = csv.writer(self._file, lineterminator=newline)
        self._writer.writerow(header)

    def write(self, row: Iterable[object]) -> None:
        self._writer.writerow(row)
        self.rows += 1

    def close(self) -> None:
        self._file.close()
        set_mtime(self.path, self.mtime)


def write_text(path: Path, content: str, mtime: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(content)
    set_mtime(path, mtime)


def csv_bytes(rows: Iterable[Sequence[object]], quote_all: bool = False, bom: bool = False) -> bytes:
    """Rows as CSV bytes (CRLF, as the export tools write them); every field quoted when `quote_all`."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    )
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")


def zip_bytes(members: dict[str, bytes], date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """A zip whose entries carry a fixed timestamp, so the same content gives the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def xlsx_bytes(
    sheets: dict[str, list[list[object]]], date_time: tuple[int, int, int, int, int, int]
) -> bytes:
    """An .xlsx workbook (openpyxl) made byte-stable: fixed document dates and fixed zip entry timestamps."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    raw = io.BytesIO()
    book.save(raw)
    year, month, day, hour, minute, second = date_time
    stamp = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}Z"
    members: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name == "docProps/core.xml":
                text = re.sub(
                    r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rf"\g<1>{stamp}\g<2>", data.decode()
                )
                data = text.encode()
            members[name] = data
    return zip_bytes(members, date_time)


def write_bytes(path: Path, data: bytes, mtime: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    set_mtime(path, mtime)
