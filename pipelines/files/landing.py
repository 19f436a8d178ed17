"""List the files of one input family in a landing folder (local path or any fsspec URL).

Listing goes through dlt's filesystem source, so `s3://`, `gs://`, `az://`, `sftp://` … work as soon as the
matching fsspec extra is installed and its credentials are configured the dlt way.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

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


class _LocalItem:
    """A local file listed without dlt (only when the landing holds a broken link: see `broken_links`)."""

    def __init__(self, path: Path):
        self._path = path

    def read_bytes(self) -> bytes:
        return self._path.read_bytes()


def broken_links(landing: str) -> list[tuple[str, str]]:
    """(relative path, why) of every symbolic link in a local landing that leads nowhere: dangling, a loop
    of links, or a folder link back to a folder it is in (endless). dlt's listing raised on the first one
    and stopped the whole load; they are accounted as rejected instead, and the rest is listed."""
    if "://" in landing or not Path(landing).is_dir():
        return []
    root = Path(landing)
    found: list[tuple[str, str]] = []
    for folder, dirs, names in os.walk(root):
        for name in [*dirs, *names]:
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            rel = path.relative_to(root).as_posix()
            try:
                target = path.resolve(strict=True)
            except RuntimeError:
                found.append((rel, f"a symbolic link in a loop of links (-> {os.readlink(path)})"))
                continue
            except OSError as exc:
                kind = "a loop of links" if exc.errno == 40 else f"a link to nothing ({exc.strerror})"
                found.append((rel, f"a symbolic link that leads nowhere: {kind} (-> {os.readlink(path)})"))
                continue
            if target.is_dir() and (
                path.parent.resolve() == target or target in path.parent.resolve().parents
            ):
                found.append((rel, f"a symbolic link to a folder it is in (-> {os.readlink(path)}): endless"))
    return sorted(found)


def _list_local(landing: str, bad: set[str]) -> list[LandingFile]:
    """Every regular file under a local landing, following good links, leaving out the broken ones."""
    root = Path(landing)
    found: list[LandingFile] = []
    for folder, dirs, names in os.walk(root, followlinks=True):
        dirs[:] = [d for d in dirs if (Path(folder) / d).relative_to(root).as_posix() not in bad]
        for name in names:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if rel in bad or not path.is_file():
                continue
            stat = path.stat()
            found.append(
                LandingFile(
                    relative_path=rel,
                    file_url=path.absolute().as_uri(),
                    modified_at=datetime.fromtimestamp(stat.st_mtime, UTC),
                    size_bytes=stat.st_size,
                    _item=_LocalItem(path),
                )
            )
    return sorted(found, key=lambda f: f.relative_path)


def list_files(landing: str, *globs: str) -> list[LandingFile]:
    """Files matching any of `globs` under `landing`, sorted by relative path (a deterministic order).

    A local landing holding a broken link is listed without dlt (every file: the callers ask for all),
    the links left out; `broken_links` names them for the manifest."""
    bad = {rel for rel, _ in broken_links(landing)}
    if bad:
        return _list_local(landing, bad)
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
