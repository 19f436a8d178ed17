"""Rows and files that break a contract: kept with the reason, never dropped silently.

Every source appends `Reject`s while it reads; the load step writes them to `raw.load_rejects` (merged on
`reject_id`, so a rerun over the same file does not double them) and counts them in the run summary. A
file read again whose earlier reject does not repeat (fixed, or replaced by content that loads) keeps that
reject with `superseded_at` set: history stays, and `superseded_at is null` are the rejects that stand.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

import pyarrow as pa

REJECTS_TABLE = "load_rejects"


def writable(text: str) -> str:
    """`text` as it can be written to the warehouse. A reject or a manifest reason quotes what could not be
    read: a lone surrogate in it (a stray byte kept by `surrogateescape`, a `\\ud800` in JSON) would fail
    the very write of the reason, so it is written as its escape (`\\udcff`)."""
    if not isinstance(text, str) or text.isascii():
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


@dataclass(frozen=True)
class Reject:
    file: str
    line: int  # 1-based line where the record starts; 0 for a whole-file reject
    field: str
    reason: str
    raw_record: str

    def __post_init__(self) -> None:
        for name in ("file", "field", "reason", "raw_record"):
            object.__setattr__(self, name, writable(getattr(self, name)))

    @classmethod
    def from_row(cls, file: str, line: int, field: str, reason: str, raw: object) -> Reject:
        text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, default=str)
        return cls(file=file, line=line, field=field, reason=reason, raw_record=text[:4000])

    @property
    def reject_id(self) -> str:
        key = f"{self.file}\x1f{self.line}\x1f{self.field}\x1f{self.reason}"
        return hashlib.sha1(key.encode()).hexdigest()

    def message(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line else self.file
        field = f", field {self.field!r}" if self.field else ""
        return f"{where}{field}: {self.reason}"


REJECTS_SCHEMA = pa.schema(
    [
        ("reject_id", pa.string()),
        ("source", pa.string()),
        ("target_table", pa.string()),
        ("file", pa.string()),
        ("line", pa.int64()),
        ("field", pa.string()),
        ("reason", pa.string()),
        ("raw_record", pa.string()),
        ("is_file_rejected", pa.bool_()),
        ("rejected_at", pa.timestamp("us")),
        # set when the file was read again and this reject did not repeat (its content now loads)
        ("superseded_at", pa.timestamp("us")),
    ]
)


def rejects_table(rejects: list[tuple[str, str, Reject]], rejected_at: datetime) -> pa.Table:
    """(source, target table, reject) triples as the Arrow table loaded into `raw.load_rejects`."""
    rows = {name: [] for name in REJECTS_SCHEMA.names}
    for source, target, reject in rejects:
        rows["reject_id"].append(reject.reject_id)
        rows["source"].append(source)
        rows["target_table"].append(target)
        rows["file"].append(reject.file)
        rows["line"].append(reject.line)
        rows["field"].append(reject.field)
        rows["reason"].append(reject.reason)
        rows["raw_record"].append(reject.raw_record)
        rows["is_file_rejected"].append(reject.line == 0)
        rows["rejected_at"].append(rejected_at)
        rows["superseded_at"].append(None)
    return pa.table(rows, schema=REJECTS_SCHEMA)
