"""JSON lines (interaction events, Shopify order journeys) as records with their line numbers, every line
that cannot become a warehouse row named with its reason instead of failing later in dlt or DuckDB.

- Records are split on `\\n` only (a `\\r` before it is dropped): `str.splitlines()` also splits on U+2028,
  U+2029, U+0085, \\v, \\f … which JSON allows inside a string, so one record was cut in two, rejected and
  counted twice.
- The bytes are gzip-decompressed when they start with gzip's magic (recognised by content, not `.gz`);
  UTF-16 with a BOM (what a Windows editor or PowerShell's `Out-File` writes) is decoded whole; otherwise
  each line is UTF-8 on its own, so one stray invalid byte rejects that line (naming the byte and column)
  and every other line still loads.
- `parse_line` rejects what `json.loads` accepts but Arrow and DuckDB cannot store: a lone surrogate
  (`"\\ud800"`, not encodable as UTF-8) and nesting deeper than MAX_DEPTH (or so deep that Python's parser
  raises RecursionError).
"""

from __future__ import annotations

import codecs
import gzip
import json
from collections.abc import Iterator
from typing import Any

GZIP_MAGIC = b"\x1f\x8b"
MAX_DEPTH = 64  # objects/arrays within one record; real events and journeys nest two or three deep


class LineError(ValueError):
    """A JSON line that cannot be a row: the field (JSON path, "" for the whole line) and the reason."""

    def __init__(self, field: str, reason: str):
        super().__init__(reason)
        self.field = field
        self.reason = reason


def json_lines(data: bytes) -> Iterator[tuple[int, str | LineError]]:
    """(line number, text of the line or why it cannot be decoded) for every non-blank line."""
    if data.startswith(GZIP_MAGIC):
        data = gzip.decompress(data)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        for number, text in enumerate(data.decode("utf-16").split("\n"), start=1):
            text = text.removesuffix("\r")
            if text.strip():
                yield number, text
        return
    data = data.removeprefix(codecs.BOM_UTF8)
    for number, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.removesuffix(b"\r")
        if not raw.strip():
            continue
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = raw[exc.start : exc.start + 1].hex()
            yield number, LineError("", f"invalid UTF-8 byte 0x{bad} at column {exc.start + 1}")


def shown(raw: str | bytes) -> str:
    """The line as it can be written into a reject (a lone surrogate escaped, not failing the write)."""
    text = raw if isinstance(raw, str) else raw.decode("utf-8", "backslashreplace")
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def parse_line(text: str) -> Any:
    """The parsed record, or LineError naming the field and the reason (see the module docstring)."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LineError("", f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise LineError("", f"nested deeper than {MAX_DEPTH} levels") from None
    _check(record)
    return record


def _check(record: Any) -> None:
    """Walk the record without recursion: depth, and every key and string encodable as UTF-8."""
    stack: list[tuple[Any, str, int]] = [(record, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, str):
            _encodable(value, path)
        elif isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                raise LineError(path, f"nested deeper than {MAX_DEPTH} levels")
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str):
                    _encodable(key, path)
                child = f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else key)
                stack.append((item, child, depth + 1))


def _encodable(text: str, path: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = f"U+{ord(text[exc.start]):04X}"
        raise LineError(
            path, f"a lone surrogate {code} (\\u escape) that is not valid Unicode text"
        ) from None
