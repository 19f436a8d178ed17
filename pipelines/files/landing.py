"""List the files of one input family in a landing folder (local path or any fsspec URL).

Listing goes through dlt's filesystem source, so `s3://`, `gs://`, `az://`, `sftp://` … work as soon as the
matching fsspec extra is installed and its credentials are configured the dlt way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from dlt.sources.filesystem import filesystem


@dataclass(frozen=True)
class LandingFile:
    """One file found in the landing folder; `relative_path` is its stable name (lineage, manifest key)."""

    relative_path: str
    file_url: str
    modified_at: datetime
    size_bytes: int
    _item: object = field(repr=False, compare=False)
    # For a member of a zip: the member's own time as stored in the archive (set when the archive was built;
    # copying the zip does not change it). None for a file on its own.
    archived_at: datetime | None = None

    def read_bytes(self) -> bytes:
        return self._item.read_bytes()  # type: ignore[attr-defined]


def list_files(landing: str, *globs: str) -> list[LandingFile]:
    """Files matching any of `globs` under `landing`, sorted by relative path (a deterministic order)."""
    found: dict[str, LandingFile] = {}
    for pattern in globs:
        for item in filesystem(bucket_url=landing, file_glob=pattern):
            rel = item["relative_path"]
            found[rel] = LandingFile(
                relative_path=rel,
                file_url=item["file_url"],
                modified_at=item["modification_date"],
                size_bytes=item["size_in_bytes"],
                _item=item,
            )
    return [found[key] for key in sorted(found)]


def content_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def iter_chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
