"""dlt source for interaction events (comments and DMs), one JSON object per line, .jsonl or .jsonl.gz.

Resource `events`: grain one row per event; write disposition merge on `event_id`; a file whose content was
loaded before is skipped. Events breaking the contract go to `raw.load_rejects` with file, line, field, reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import dlt
import pyarrow as pa

from pipelines.events import settings
from pipelines.events.contract import ContractError, validate
from pipelines.files.guard import guarded
from pipelines.files.jsonlines import LineError, json_lines, parse_line, shown
from pipelines.files.landing import LandingFile, content_sha256
from pipelines.files.values import check_in_range
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject

FAMILY = "events"
BATCH_ROWS = 200_000


def _to_arrow(rows: list[dict]) -> pa.Table:
    columns = {name: [row.get(name) for row in rows] for name in settings.ARROW_SCHEMA.names}
    return pa.table(columns, schema=settings.ARROW_SCHEMA)


def read_events_file(file: LandingFile, data: bytes, loaded_at: datetime, seen: set[str]):
    """Valid rows (every copy of an event_id: the load step settles duplicates) and rejects of one
    events file; `seen` collects the event ids read."""
    rows: list[dict] = []
    rejects: list[Reject] = []
    try:
        lines = list(json_lines(data))
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        return rows, [Reject(file.relative_path, 0, "", f"cannot read the file: {exc}", "")], True
    for number, line in lines:
        try:
            if isinstance(line, LineError):
                raise line
            row = validate(parse_line(line))
            check_in_range(row["occurred_at"], row["occurred_at_text"], loaded_at)
        except LineError as exc:
            text = "" if isinstance(line, LineError) else shown(line)
            rejects.append(Reject.from_row(file.relative_path, number, exc.field, exc.reason, text))
            continue
        except ContractError as exc:
            rejects.append(Reject.from_row(file.relative_path, number, exc.field, exc.reason, line))
            continue
        except ValueError as exc:
            rejects.append(Reject.from_row(file.relative_path, number, "occurred_at", str(exc), line))
            continue
        # A second copy of an event_id is kept here: the load step's duplicate rule picks the winner
        # in an order-independent way and counts or rejects the other (pipelines/duplicates.py).
        seen.add(row["event_id"])
        row["_source_file"] = file.relative_path
        row["_source_line"] = number
        row["_loaded_at"] = loaded_at
        rows.append(row)
    return rows, rejects, False


@dlt.source(name="events")
def events_source(files: list[LandingFile], log: ReadLog, loaded_at: datetime):
    @dlt.resource(
        name=settings.TABLE,
        write_disposition="merge",
        primary_key=settings.PRIMARY_KEY,
    )
    def events() -> Iterator[pa.Table]:
        seen: set[str] = set()
        for file in files:
            rows: list[dict] = []
            with guarded(log, FAMILY, settings.TABLE, file, "reading interaction events") as guard:
                data = file.read_bytes()
                guard.sha256 = sha = content_sha256(data)
                if log.is_unchanged(file, sha):
                    continue
                rows, rejects, is_rejected = read_events_file(file, data, loaded_at, seen)
                rows_in = 0 if is_rejected else len(rows) + sum(1 for r in rejects if r.line)
                log.record(FAMILY, settings.TABLE, file, sha, len(rows), rejects, is_rejected, rows_in)
            if guard.failed:
                continue
            for start in range(0, len(rows), BATCH_ROWS):
                yield _to_arrow(rows[start : start + BATCH_ROWS])

    return events
