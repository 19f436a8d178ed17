"""One bad file, one clear reject: the guard every per-file loop of every family reads a file under.

A reader knows the failures it expects (a missing column, a value that does not parse) and turns them into
rejects itself. What it does not expect (a damaged zip member, a workbook calamine chokes on, a bug met by
a strange file) used to escape the reader, abort dlt's extract and stop the load of EVERY family with a
message naming no file. Under `guarded`, such an exception becomes a whole-file reject naming the file,
the line reached when the reader says so, what was being read and `<ExceptionType>: <message>`; whatever
the reader had already logged for that file is rolled back (rows of a half-read zip are not counted as
loaded while the file is rejected), and the loop goes on with the next file.

Only `Exception` is caught: KeyboardInterrupt, SystemExit and GeneratorExit (dlt closing a resource) still
stop the run, as they must.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pipelines.files.landing import LandingFile
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject

MESSAGE_CHARS = 500  # a reject reason stays readable: an exception quoting a whole 10 MB line is cut


class ReadFailed(Exception):
    """An unexpected failure while reading a file, with the line the reader had reached (0: unknown)."""

    def __init__(self, line: int, cause: BaseException):
        super().__init__(f"line {line}: {describe(cause)}")
        self.line = line
        self.cause = cause


@dataclass
class Guard:
    """What `guarded` made of the body: `failed` tells the caller not to use what the body produced."""

    failed: bool = False
    reject: Reject | None = None
    sha256: str = ""  # set by the body once the bytes are read, so the reject carries the file's hash


def describe(exc: BaseException) -> str:
    """`<ExceptionType>: <message>`, cut to MESSAGE_CHARS and safe to write (no lone surrogates)."""
    if isinstance(exc, ReadFailed):
        return describe(exc.cause)
    text = f"{type(exc).__name__}: {exc}"
    if len(text) > MESSAGE_CHARS:
        text = text[:MESSAGE_CHARS] + " …"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def failure_reject(file: LandingFile | str, exc: BaseException, doing: str) -> Reject:
    """The whole-file reject for an unexpected failure while `doing` (e.g. "reading the TikTok export")."""
    path = file if isinstance(file, str) else file.relative_path
    where = f" at line {exc.line}" if isinstance(exc, ReadFailed) and exc.line else ""
    # line 0: the whole file is rejected (the line reached, when known, is in the reason)
    return Reject(path, 0, "", f"could not read the file ({doing}){where}: {describe(exc)}", "")


def _snapshot(log: ReadLog) -> dict[str, object]:
    """Lists by length, counters and dicts by copy: every field, so ones added later roll back too."""
    saved: dict[str, object] = {}
    for item in dataclasses.fields(log):
        value = getattr(log, item.name)
        saved[item.name] = len(value) if isinstance(value, list) else dict(value)
    return saved


def _restore(log: ReadLog, saved: dict[str, object]) -> None:
    for name, value in saved.items():
        current = getattr(log, name)
        if isinstance(current, list):
            del current[value:]  # type: ignore[misc]
        else:
            current.clear()
            current.update(value)  # type: ignore[arg-type]


@contextmanager
def guarded(
    log: ReadLog, family: str, table: str, file: LandingFile, doing: str, sha256: str = ""
) -> Iterator[Guard]:
    """Run the body that reads `file`; an unexpected exception becomes its whole-file reject (see module).

    The body sets `guard.sha256` once it has the bytes; yield the file's Arrow tables AFTER the block,
    only when `not guard.failed` (a reject must never come with half of the file's rows).
    """
    guard = Guard(sha256=sha256)
    saved = _snapshot(log)
    try:
        yield guard
    except Exception as exc:  # the point of the guard: whatever it is, this file only
        _restore(log, saved)
        guard.failed = True
        guard.reject = failure_reject(file, exc, doing)
        log.record(family, table, file, guard.sha256, 0, [guard.reject], is_rejected=True)


@contextmanager
def prescan() -> Iterator[None]:
    """A look at a file BEFORE its family reads it (Meta's account labels, YouTube's chart ranges): a file
    that cannot be looked at gives nothing here, and is rejected by the guarded read that follows."""
    try:
        yield
    except Exception:  # reported by the family's guarded read of the same file, never lost
        return
