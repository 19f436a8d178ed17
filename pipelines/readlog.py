"""What one load read: rows per table, rejects, and the manifest of files (for skipping unchanged files).

Every file a family reads is accounted for by the identity `rows_in = rows_loaded + rows_rejected +
rows_duplicate`: the records it held, those loaded, those rejected (a row-level reject, with the reason)
and those that lost to another copy of the same merge key (`pipelines.duplicates`). A whole-file reject
(line 0) is no row: a file rejected whole has `rows_in = 0` and its status says why nothing was read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from pipelines.files.landing import LandingFile
from pipelines.rejects import Reject


@dataclass(frozen=True)
class FileRead:
    relative_path: str
    sha256: str
    size_bytes: int
    family: str
    target_table: str
    rows_loaded: int
    rows_rejected: int
    is_rejected: bool
    rows_in: int = 0
    rows_duplicate: int = 0


@dataclass
class ReadLog:
    """Filled by the sources while dlt extracts; read by the load step for the manifest and the summary."""

    already_loaded: dict[str, str] = field(default_factory=dict)  # relative path -> sha256 in the warehouse
    # a copy's path -> the path whose identical content is read instead: the copy is a `duplicate_file`
    # and is not read (`pipelines.manifest.originals`)
    duplicate_of: dict[str, str] = field(default_factory=dict)
    rows: Counter[str] = field(default_factory=Counter)
    rejected: Counter[str] = field(default_factory=Counter)
    duplicates: Counter[str] = field(default_factory=Counter)
    rejects: list[tuple[str, str, Reject]] = field(default_factory=list)
    files: list[FileRead] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    duplicate_files: dict[str, str] = field(default_factory=dict)  # copy's path -> the original's path
    notes: list[tuple[str, str]] = field(default_factory=list)  # (relative path, what the user should know)
    # (table, path) -> rows loaded by an earlier run that a copy read now beat: that file's counts move
    earlier_losers: Counter[tuple[str, str]] = field(default_factory=Counter)

    def note(self, relative_path: str, text: str) -> None:
        """A warning about a file that loaded (e.g. an optional column missing, so some KPIs stay empty):
        not a reject, but shown in the run summary and kept in the manifest."""
        self.notes.append((relative_path, text))

    def is_unchanged(self, file: LandingFile, sha256: str) -> bool:
        """True when this file is not to be read: this very content was loaded before under this path
        (incremental by content), or it is a byte-for-byte copy of another file of the landing, read under
        that file's path (a copy under a new name changes nothing)."""
        if self.already_loaded.get(file.relative_path) == sha256:
            self.skipped_files.append(file.relative_path)
            return True
        original = self.duplicate_of.get(file.relative_path)
        if original is not None:
            self.duplicate_files[file.relative_path] = original
            return True
        return False

    def record(
        self,
        family: str,
        table: str,
        file: LandingFile,
        sha256: str,
        rows_loaded: int,
        rejects: list[Reject],
        is_rejected: bool = False,
        rows_in: int | None = None,
        rows_duplicate: int = 0,
    ) -> None:
        """One file read. `rejects` may hold a whole-file reject (line 0), which is no row; `rows_in`
        defaults to the rows the identity accounts for (a reader that counts its records passes them, so
        a row dropped without a reject shows as a broken identity)."""
        row_rejects = sum(1 for reject in rejects if reject.line != 0)
        self.rows[table] += rows_loaded
        self.rejected[table] += len(rejects)
        self.duplicates[table] += rows_duplicate
        self.rejects.extend((family, table, reject) for reject in rejects)
        self.files.append(
            FileRead(
                relative_path=file.relative_path,
                sha256=sha256,
                size_bytes=file.size_bytes,
                family=family,
                target_table=table,
                rows_loaded=rows_loaded,
                rows_rejected=row_rejects,
                is_rejected=is_rejected,
                rows_in=rows_loaded + row_rejects + rows_duplicate if rows_in is None else rows_in,
                rows_duplicate=rows_duplicate,
            )
        )

    def merged_away(self, table: str, relative_path: str, count: int) -> None:
        """`count` rows this run read from `relative_path` lost to another copy of their merge key: they
        move from loaded to duplicate (rows_in is unchanged)."""
        if not count:
            return
        self.rows[table] -= count
        self.duplicates[table] += count
        for position, read in enumerate(self.files):
            if read.relative_path == relative_path and read.target_table == table:
                self.files[position] = replace(
                    read,
                    rows_loaded=read.rows_loaded - count,
                    rows_duplicate=read.rows_duplicate + count,
                )
                return
