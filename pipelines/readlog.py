"""What one load read: rows per table, rejects, and the manifest of files (for skipping unchanged files)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

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


@dataclass
class ReadLog:
    """Filled by the sources while dlt extracts; read by the load step for the manifest and the summary."""

    already_loaded: dict[str, str] = field(default_factory=dict)  # relative path -> sha256 in the warehouse
    rows: Counter[str] = field(default_factory=Counter)
    rejected: Counter[str] = field(default_factory=Counter)
    rejects: list[tuple[str, str, Reject]] = field(default_factory=list)
    files: list[FileRead] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (relative path, what the user should know)

    def note(self, relative_path: str, text: str) -> None:
        """A warning about a file that loaded (e.g. an optional column missing, so some KPIs stay empty):
        not a reject, but shown in the run summary and kept in the manifest."""
        self.notes.append((relative_path, text))

    def is_unchanged(self, file: LandingFile, sha256: str) -> bool:
        """True when this very content was loaded before: the file is skipped (incremental by content)."""
        if self.already_loaded.get(file.relative_path) == sha256:
            self.skipped_files.append(file.relative_path)
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
    ) -> None:
        self.rows[table] += rows_loaded
        self.rejected[table] += len(rejects)
        self.rejects.extend((family, table, reject) for reject in rejects)
        self.files.append(
            FileRead(
                relative_path=file.relative_path,
                sha256=sha256,
                size_bytes=file.size_bytes,
                family=family,
                target_table=table,
                rows_loaded=rows_loaded,
                rows_rejected=len(rejects),
                is_rejected=is_rejected,
            )
        )
