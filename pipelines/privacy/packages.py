"""dlt's load packages: the files dlt wrote a load from, kept on disk beside the warehouse.

A completed package (`load/loaded/<load id>/completed_jobs/`) is history dlt never reads again; a job file
of one that holds an erased person is deleted (a job file is a batch of one table, so the other people's
rows in it go too, which loses nothing: they are in the warehouse). A pending package (extracted or
normalized, not yet loaded: an interrupted load) is still needed to finish that load, so it is never edited:
erasure stops and asks for the load to be finished first (the load then drops the person again, by the
ledger, and the packages become completed ones this module can clean).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import duckdb

JOB_FOLDERS = {"new_jobs", "started_jobs", "completed_jobs", "failed_jobs"}


class PendingPackage(RuntimeError):
    """An unfinished dlt load package holds the person: the load must be finished before erasing."""


def pipeline_folder(warehouse: Path) -> Path:
    """dlt's working folder of `warehouse`, found by name: creating the pipeline object to ask it would let
    dlt reset a folder it does not recognise."""
    from pipelines.load import pipeline_name

    return warehouse.parent / ".dlt" / pipeline_name(warehouse)


def job_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.parent.name in JOB_FOLDERS)


def is_completed(path: Path, folder: Path) -> bool:
    return path.relative_to(folder).parts[:2] == ("load", "loaded")


def holds(path: Path, pattern: re.Pattern) -> bool:
    """Whether the job file mentions the person: parquet is read row by row as text, anything else as
    (gunzipped) UTF-8 text."""
    if path.suffix == ".parquet":
        con = duckdb.connect()
        try:
            rows = con.execute("select cast(r as varchar) from read_parquet(?) as r", [str(path)]).fetchall()
        finally:
            con.close()
        return any(pattern.search(text) for (text,) in rows)
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return bool(pattern.search(data.decode("utf-8", errors="replace")))


def check_pending(warehouse: Path, pattern: re.Pattern | None) -> None:
    """Raise PendingPackage when an unfinished load package holds the person (checked before anything is
    deleted, so an erasure is never half done)."""
    if pattern is None:
        return
    folder = pipeline_folder(warehouse)
    pending = [p for p in job_files(folder) if not is_completed(p, folder) and holds(p, pattern)]
    if pending:
        names = ", ".join(str(path.relative_to(folder)) for path in pending[:3])
        raise PendingPackage(
            f"an interrupted load left dlt packages under {folder} that hold this person ({names}): "
            "run `socialkpi load` to finish it, then erase again"
        )


def scrub(warehouse: Path, pattern: re.Pattern | None) -> int:
    """Delete the completed job files naming the person; returns how many were deleted."""
    if pattern is None:
        return 0
    folder = pipeline_folder(warehouse)
    deleted = 0
    for path in job_files(folder):
        if is_completed(path, folder) and holds(path, pattern):
            path.unlink()
            deleted += 1
    return deleted
