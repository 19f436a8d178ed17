"""Byte-stable file writing: fixed gzip headers, fixed modification times, buffered line sinks."""

from __future__ import annotations

import csv
import gzip
import os
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
