"""Recognise every file of a landing folder by its CONTENT and say where it goes, or why it goes nowhere.

Users keep exports as they downloaded them: `Shopify_orders_export_2.csv`, `orders_export_1 (1).csv` at the
landing root, the zip Shopify e-mails, a Meta post export dropped in commerce/. So a file is never found by
its name: its header is matched against every Layout the families declare (their settings modules and the
routes of their sources), so a layout or alias a family adds is recognised here with no change. The folder
is only a tie-break hint (a Facebook post export carries every column an Instagram one requires).

Every file (and zip member, workbook sheet) gets one entry: routed to a family bucket, `settings` (the user's
settings folder), `not_used` (recognised, but no KPI uses it: a PDF in a zip, `.DS_Store`, TikTok's
`FollowerGender.csv`), or `rejected` with the closest layout and what differs. The load and `socialkpi
inspect` both start from this one plan, so they can never disagree about a file.
"""

from __future__ import annotations

import difflib
import gzip
import io
import json
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from pipelines.files.bundles import MEMBER_SEPARATOR, Rows, members, read_member
from pipelines.files.guard import failure_reject
from pipelines.files.landing import LandingFile, broken_links, content_sha256, list_files
from pipelines.files.tabular import (
    HEADER_SEARCH_LINES,
    Column,
    FileRejected,
    Layout,
    find_header,
    normalise_header,
)
from pipelines.rejects import writable

SETTINGS_FOLDER = "settings"
ALL_FILES = ("**/*", "**/.*")  # Python's glob leaves dot files out unless asked: `.DS_Store` is accounted too
SYSTEM_FILES = {
    ".ds_store": "macOS folder metadata",
    "thumbs.db": "Windows thumbnails",
    "desktop.ini": "Windows",
}
DOCUMENTS = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls (BIFF8) workbooks
GZIP_MAGIC = b"\x1f\x8b"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
JSON_SUFFIXES = (".jsonl", ".ndjson")  # a file whose first line is broken is still JSON lines
FOLDER_HINTS = ("instagram", "facebook", "tiktok", "youtube", "linkedin")
EVENT_KEYS = frozenset({"event_id", "event_name"})
JOURNEY_KEYS = frozenset({"firstVisit", "lastVisit", "customerOrderIndex", "daysToConversion"})
SHOWN_COLUMNS = 8

# Tables a platform's export carries that no KPI reads: recognised so they are reported as such, not
# rejected. A family declares its own as `settings.NOT_USED` (layouts whose `notes` say what they are);
# until TikTok's does, its zip's FollowerGender.csv (`Gender`, `Distribution`) is declared here.
FALLBACK_NOT_USED = {
    "tiktok": (
        Layout(
            "TikTok FollowerGender (Gender, Distribution)",
            (
                Column("gender", ("Gender",), required=True),
                Column("distribution", ("Distribution",), required=True),
            ),
            notes="follower gender shares, not used by any KPI",
        ),
    ),
}


@dataclass(frozen=True)
class Candidate:
    """A layout a file may have: the bucket it is routed to (load.py wires buckets to family sources), the
    raw table it loads into (None: recognised, not used) and the platform it speaks for."""

    bucket: str
    family: str
    layout: Layout
    table: str | None
    platform: str
    skip_first: bool = False  # a family's `ignore` layout: it wins in its bucket, as in read_routed_files


@dataclass(frozen=True)
class Entry:
    """One file of the landing (or one zip member / workbook sheet) and what recognition made of it."""

    relative_path: str
    size_bytes: int
    sha256: str
    status: str  # routed | settings | not_used | rejected
    bucket: str = ""
    family: str = ""
    table: str = ""
    layout: str = ""
    platform: str = ""
    reason: str = ""
    field: str = ""

    def __post_init__(self) -> None:  # a reason may quote undecodable text (see rejects.writable)
        object.__setattr__(self, "reason", writable(self.reason))
        object.__setattr__(self, "field", writable(self.field))


@dataclass
class Plan:
    """The landing as recognised: files per bucket for the family sources, and an entry for every file."""

    landing: str
    routed: dict[str, list[LandingFile]] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)

    def route(self, bucket: str, file: LandingFile) -> None:
        files = self.routed.setdefault(bucket, [])
        if all(f.relative_path != file.relative_path for f in files):
            files.append(file)

    def entry(self, relative_path: str) -> Entry | None:
        return next((e for e in self.entries if e.relative_path == relative_path), None)


class _Bytes:
    def __init__(self, data: bytes):
        self._data = data

    def read_bytes(self) -> bytes:
        return self._data


def candidates() -> tuple[Candidate, ...]:
    """Every layout the families declare, in their routes' order (the order a family itself tries them).

    Imported here, not at module level: the family modules import the file readers this package holds.
    """
    from pipelines import costs, hubspot, linkedin, meta, shopify, tiktok, youtube

    found: list[Candidate] = []
    for bucket, routes in (("instagram", meta.INSTAGRAM_ROUTES), ("facebook", meta.FACEBOOK_ROUTES)):
        found.extend(Candidate(bucket, "meta", r.layout, r.table, bucket) for r in routes)
    for family, module in (("tiktok", tiktok), ("youtube", youtube), ("linkedin", linkedin)):
        found.extend(Candidate(family, family, r.layout, r.table, family) for r in module.ROUTES)
    found.append(
        Candidate("orders", "shopify", shopify.settings.ORDERS, shopify.settings.ORDER_LINES_TABLE, "")
    )
    found.append(
        Candidate("contacts", "hubspot", hubspot.settings.CONTACTS, hubspot.settings.CONTACTS_TABLE, "")
    )
    found.append(Candidate("deals", "hubspot", hubspot.settings.DEALS, hubspot.settings.DEALS_TABLE, ""))
    found.append(Candidate("costs", "costs", costs.settings.COSTS, costs.settings.TABLE, ""))
    chart_data = getattr(youtube, "CHART_DATA", None) or getattr(youtube.settings, "CHART_DATA", ())
    found.extend(Candidate("youtube", "youtube", layout, None, "youtube", True) for layout in chart_data)
    for family, module in (("tiktok", tiktok), ("youtube", youtube), ("linkedin", linkedin), ("meta", meta)):
        declared = getattr(module.settings, "NOT_USED", FALLBACK_NOT_USED.get(family, ()))
        bucket = family if family != "meta" else "instagram"
        found.extend(Candidate(bucket, family, layout, None, family) for layout in declared)
    return tuple(found)


def label(column: Column) -> str:
    """The header a user sees in their file (the first alias), not our warehouse name."""
    return column.aliases[0] if column.aliases else column.name


def _required(layout: Layout) -> list[Column]:
    return [c for c in layout.columns if c.required or c.required_value]


def _score(rows: Rows, layout: Layout) -> int:
    """How many of the layout's columns the header row names (0 when a required column is missing)."""
    try:
        position = find_header(rows, layout, "")
    except FileRejected:
        return 0
    index = layout.alias_index()
    return len({index[normalise_header(c)].name for c in rows[position][1] if normalise_header(c) in index})


def _hint(relative_path: str) -> str:
    parts = [part.lower() for part in relative_path.split(MEMBER_SEPARATOR, 1)[0].split("/")[:-1]]
    return next((hint for hint in FOLDER_HINTS if hint in parts), "")


def identify(rows: Rows, relative_path: str, found: tuple[Candidate, ...], hint: str = "") -> Candidate:
    """The candidate a table's header matches best; FileRejected naming the closest layout otherwise.

    Best = most of the layout's columns named (a Facebook post export names more Facebook columns than
    Instagram ones); a tie goes to the folder's platform, then to the family's own order. Within the chosen
    bucket the family's first matching layout wins, because that is the one its source will parse with;
    a layout the family skips first (YouTube's chart data, whose header also names the videos) wins over all.
    """
    if not rows:
        raise FileRejected(relative_path, "", "the file is empty")
    scored = [(candidate, _score(rows, candidate.layout)) for candidate in found]
    matching = [(c, s) for c, s in scored if s > 0]
    if not matching:
        raise closest_layout(rows, relative_path, found)
    hint = hint or _hint(relative_path)
    # A one-column layout a family skips (YouTube's chart data: just `Date`) says little on its own: it
    # counts in its platform's folder, beside that platform's tables (`hint`), or when the header also
    # matches another layout of that family (whose reader would skip it the same way).
    buckets = [c.bucket for c, _ in matching if not c.skip_first]
    weak = [
        c for c, s in matching if c.skip_first and s <= 1 and c.bucket != hint and c.bucket not in buckets
    ]
    matching = [(c, s) for c, s in matching if c not in weak]
    if not matching:
        raise closest_layout(rows, relative_path, found)
    best, _ = max(matching, key=lambda cs: (cs[1], cs[0].bucket == hint))
    in_bucket = [c for c, _ in matching if c.bucket == best.bucket]
    skip = [c for c in in_bucket if c.skip_first]
    return skip[0] if skip else next(c for c in in_bucket if (c.table is None) == (best.table is None))


def closest_layout(rows: Rows, relative_path: str, found: tuple[Candidate, ...]) -> FileRejected:
    """A rejection that names the layout the header comes closest to, what it lacks and what it has extra."""
    best: tuple[int, int, Candidate, list[str], list[str]] | None = None
    for candidate in (c for c in found if c.table):
        index = candidate.layout.alias_index()
        for _, cells in rows[:HEADER_SEARCH_LINES]:
            names = {normalise_header(cell): cell.strip() for cell in cells if cell.strip()}
            known = {index[key].name for key in names if key in index}
            if not known:
                continue
            missing = [label(c) for c in _required(candidate.layout) if c.name not in known]
            unknown = [text for key, text in names.items() if key not in index]
            key = (len(known), -len(missing))
            if best is None or key > best[:2]:
                best = (*key, candidate, missing, unknown)
    hint = _hint(relative_path)
    hinted = [c for c in found if c.table and c.bucket == hint] or [c for c in found if c.table]
    tried = "; ".join(dict.fromkeys(c.layout.name for c in hinted))
    if len(hinted) < sum(1 for c in found if c.table):
        tried += f"; and every other family's ({sum(1 for c in found if c.table) - len(hinted)} more)"
    if best is None:
        header = ", ".join(cell.strip() for cell in rows[0][1][:SHOWN_COLUMNS])
        return FileRejected(
            relative_path, "", f"the header matches no known layout (tried: {tried}); first row: {header}"
        )
    found_count, _, candidate, missing, unknown = best
    near = [m for label_ in missing for m in difflib.get_close_matches(label_, unknown, n=2, cutoff=0.5)]
    ordered = list(dict.fromkeys([*near, *unknown]))
    shown = ", ".join(ordered[:SHOWN_COLUMNS]) + (
        f" … ({len(ordered)} in all)" if len(ordered) > SHOWN_COLUMNS else ""
    )
    return FileRejected(
        relative_path,
        ", ".join(missing),
        f"the header matches no known layout (tried: {tried}); closest: {candidate.layout.name} "
        f"({found_count} of its columns found); missing: {', '.join(missing) or 'nothing required'}; "
        f"unknown columns: {shown or 'none'}",
    )


def _system_file(name: str) -> str | None:
    base = name.rsplit("/", 1)[-1]
    if base.lower() in SYSTEM_FILES:
        return f"{base}: {SYSTEM_FILES[base.lower()]}, not data"
    if base.startswith(("._", "~$")) or name.startswith("__MACOSX/"):
        return f"{base}: an operating system or editor side file, not data"
    return None


def _document(data: bytes) -> str | None:
    return next((what for magic, what in DOCUMENTS.items() if data.startswith(magic)), None)


def _is_workbook_zip(data: bytes) -> bool:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return False
    return "xl/workbook.xml" in names or "mimetype" in names  # .xlsx, or an OpenDocument .ods


def recognise_landing(landing: str) -> Plan:
    """List every file under `landing` once and recognise it (see the module docstring)."""
    plan = Plan(landing)
    found = candidates()
    for rel, reason in broken_links(landing):
        plan.entries.append(Entry(rel, 0, "", "rejected", reason=reason))
    for file in list_files(landing, *ALL_FILES):
        try:
            recognise_file(plan, file, found)
        except Exception as exc:  # one file that breaks recognition is rejected, never the whole load
            plan.entries = [
                e for e in plan.entries if e.relative_path.split(MEMBER_SEPARATOR)[0] != file.relative_path
            ]
            for bucket in plan.routed.values():
                bucket[:] = [
                    f for f in bucket if f.relative_path.split(MEMBER_SEPARATOR)[0] != file.relative_path
                ]
            reason = failure_reject(file, exc, "recognising it").reason
            plan.entries.append(Entry(file.relative_path, file.size_bytes, "", "rejected", reason=reason))
    return plan


def recognise_file(plan: Plan, file: LandingFile, found: tuple[Candidate, ...]) -> None:
    rel = file.relative_path
    if rel.split("/", 1)[0] == SETTINGS_FOLDER and "/" in rel:
        data = file.read_bytes()
        plan.entries.append(
            Entry(rel, file.size_bytes, content_sha256(data), "settings", reason="the user's settings folder")
        )
        return
    data = file.read_bytes()
    sha = content_sha256(data)
    other = _system_file(rel) or _document(data)
    if other:
        plan.entries.append(Entry(rel, file.size_bytes, sha, "not_used", reason=other))
        return
    if not data.strip():
        plan.entries.append(Entry(rel, file.size_bytes, sha, "rejected", reason="the file is empty"))
        return
    if data.startswith(GZIP_MAGIC):
        _json_lines(plan, file, sha, data, compressed=True)
    elif data.startswith(ZIP_MAGIC) and not _is_workbook_zip(data):
        _container(plan, file, data, found, is_zip=True)
    elif _starts_json(data) or rel.lower().endswith(JSON_SUFFIXES):
        _json_lines(plan, file, sha, data, compressed=False)
    else:  # a CSV/TSV (any encoding the reader decodes) or a workbook (.xlsx, .xls)
        _container(plan, file, data, found, is_zip=False)


def _starts_json(data: bytes) -> bool:
    """The text starts with `{` (UTF-8 with or without BOM, or UTF-16 with its BOM)."""
    if data.startswith(UTF16_BOMS):
        return data[:64].decode("utf-16", errors="ignore").lstrip(" \t\r\n").startswith("{")
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _first_object_keys(data: bytes, compressed: bool) -> set[str]:
    """Keys of the first line that is a JSON object, streamed (a big .jsonl.gz is not decompressed whole);
    a broken line or two before it are the loader's row rejects, not a reason to reject the file."""
    raw = gzip.GzipFile(fileobj=io.BytesIO(data)) if compressed else io.BytesIO(data)
    utf16 = raw.peek(2)[:2] in UTF16_BOMS if compressed else data.startswith(UTF16_BOMS)
    # A stray bad byte is the loader's row reject (jsonlines.py), not a reason to miss what the file is.
    text = io.TextIOWrapper(raw, encoding="utf-16" if utf16 else "utf-8-sig", errors="replace")
    tried = 0
    for line in text:
        if not line.strip():
            continue
        tried += 1
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            record = None
        if isinstance(record, dict):
            return set(record)
        if tried >= HEADER_SEARCH_LINES:
            break
    raise ValueError(f"none of its first {tried} line(s) is a JSON object")


def _json_lines(plan: Plan, file: LandingFile, sha: str, data: bytes, compressed: bool) -> None:
    """Events and Shopify journeys are both JSON lines: told apart by the keys of their first object."""
    rel = file.relative_path
    try:
        keys = _first_object_keys(data, compressed)
    except (OSError, EOFError, UnicodeDecodeError, ValueError) as exc:
        kind = "gzip file" if compressed else "file"
        reason = f"a {kind} that is not JSON lines (one object per line): {exc}"
        plan.entries.append(Entry(rel, file.size_bytes, sha, "rejected", reason=reason))
        return
    if keys & EVENT_KEYS:
        plan.entries.append(
            Entry(rel, file.size_bytes, sha, "routed", "events", "events", "events", "interaction events")
        )
        plan.route("events", file)
    elif "order_id" in keys and keys & JOURNEY_KEYS and not compressed:
        entry = Entry(
            rel,
            file.size_bytes,
            sha,
            "routed",
            "journeys",
            "shopify",
            "shopify_order_journeys",
            "Shopify order journeys",
        )
        plan.entries.append(entry)
        plan.route("journeys", file)
    else:
        shown = ", ".join(sorted(keys)[:SHOWN_COLUMNS])
        reason = (
            "JSON lines that are neither interaction events (event_id, event_name, …) nor uncompressed "
            f"Shopify order journeys (order_id, firstVisit, …); first object's keys: {shown}"
        )
        plan.entries.append(Entry(rel, file.size_bytes, sha, "rejected", reason=reason))


def _zip_others(file: LandingFile, data: bytes, read: set[str]) -> list[Entry]:
    """Members of a zip the table reader passes over (PDFs, images, `.DS_Store`): accounted as not used."""
    out: list[Entry] = []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return out  # bundles.members already reports the archive as unreadable
    for info in archive.infolist():
        rel = f"{file.relative_path}{MEMBER_SEPARATOR}{info.filename}"
        if info.is_dir() or any(path == rel or path.startswith(rel + MEMBER_SEPARATOR) for path in read):
            continue
        try:
            inner = read_member(archive, info)
        except FileRejected:
            continue  # bundles.members rejects it, naming archive and member
        name = info.filename
        what = _system_file(name) or _document(inner) or f"a {posixpath.splitext(name)[1] or 'file'} file"
        out.append(Entry(rel, len(inner), content_sha256(inner), "not_used", reason=f"{what}, not a table"))
    return out


def _container(
    plan: Plan, file: LandingFile, data: bytes, found: tuple[Candidate, ...], is_zip: bool
) -> None:
    """A CSV, a workbook or a zip: each table in it (bundles.members, the reader the load uses) matched.

    In a zip or workbook where at least one table is recognised, the others are the export's side tables
    (a LinkedIn demographics sheet): not used, with the closest layout in the reason so nothing is hidden.
    """
    tables: list[tuple[LandingFile, str, Rows | FileRejected | None]] = list(members(file, data))
    others = _zip_others(file, data, {m.relative_path for m, _, _ in tables}) if is_zip else []
    if is_zip and not tables:
        names = ", ".join(e.relative_path.split(MEMBER_SEPARATOR, 1)[1] for e in others[:SHOWN_COLUMNS])
        reason = f"a zip archive holding no table (CSV or workbook): {names or 'empty'}"
        plan.entries.append(
            Entry(file.relative_path, file.size_bytes, content_sha256(data), "not_used", reason=reason)
        )
        return
    plan.entries.extend(others)
    matched: list[tuple[LandingFile, str, Candidate]] = []
    unmatched: list[tuple[LandingFile, str, FileRejected]] = []
    for member, sha, rows in tables:
        if rows is None:  # a zip member the reader knows is no table (an image, a document)
            inner = _zip_member(data, member.relative_path[len(file.relative_path) + 2 :])
            what = _system_file(member.relative_path) or _document(inner) or "a binary file"
            plan.entries.append(
                Entry(member.relative_path, member.size_bytes, sha, "not_used", reason=f"{what}, not a table")
            )
            continue
        if isinstance(rows, FileRejected):
            unmatched.append((member, sha, rows))
            continue
        try:
            matched.append((member, sha, identify(rows, member.relative_path, found)))
        except FileRejected as exc:
            unmatched.append((member, sha, exc))
    buckets = {c.bucket for _, _, c in matched if c.table}
    tables = [t for t in tables if t[2] is not None]
    if len(buckets) == 1:  # the export's own side tables (YouTube's Totals.csv) are judged beside it
        retry, unmatched = unmatched, []
        for member, sha, _ in retry:
            rows = next(r for m, _, r in tables if m.relative_path == member.relative_path)
            try:
                if isinstance(rows, FileRejected):
                    raise rows
                matched.append(
                    (member, sha, identify(rows, member.relative_path, found, hint=next(iter(buckets))))
                )
            except FileRejected as again:
                unmatched.append((member, sha, again))
    side = bool(buckets) and len(tables) > 1
    for member, sha, exc in unmatched:
        status, reason = ("not_used", side_table_reason(exc)) if side else ("rejected", exc.reason)
        if exc.unreadable:  # a damaged or encrypted member, a nested zip: its data is missing, say so
            status, reason = "rejected", exc.reason
        plan.entries.append(
            Entry(member.relative_path, member.size_bytes, sha, status, reason=reason, field=exc.field)
        )
    inner = dict(_zip_member_bytes(file, data)) if is_zip else {}
    for member, sha, candidate in matched:
        entry = Entry(
            member.relative_path,
            member.size_bytes,
            sha,
            "routed",
            candidate.bucket,
            candidate.family,
            candidate.table or "",
            candidate.layout.name,
            candidate.platform,
        )
        if candidate.table is None:
            what = candidate.layout.notes or "not used by any KPI"
            plan.entries.append(replace(entry, status="not_used", reason=f"{candidate.layout.name}: {what}"))
        else:
            plan.entries.append(entry)
        if candidate.table or candidate.skip_first:
            # A table the family itself skips is still handed to it: it may read it for context (YouTube's
            # chart data gives a loose `Table data.csv` its range).
            plan.route(candidate.bucket, _routed_file(file, member, inner))


def side_table_reason(exc: FileRejected) -> str:
    """Why a table beside recognised ones is not used, with its closest layout (the list tried is left out:
    the export's own tables were recognised, so the layouts are not in doubt)."""
    _, found, closest = exc.reason.partition("; closest: ")
    return "a side table of this export that no loader reads" + (f"; closest: {closest}" if found else "")


def _zip_member(data: bytes, name: str) -> bytes:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        return read_member(archive, archive.getinfo(name))
    except (zipfile.BadZipFile, KeyError, FileRejected):
        return b""


def _zip_member_bytes(file: LandingFile, data: bytes) -> Iterator[tuple[str, bytes]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return
    for info in archive.infolist():
        if not info.is_dir():
            try:
                yield f"{file.relative_path}{MEMBER_SEPARATOR}{info.filename}", read_member(archive, info)
            except FileRejected:
                continue  # rejected by bundles.members, never routed


def _routed_file(file: LandingFile, member: LandingFile, inner: dict[str, bytes]) -> LandingFile:
    """What the family source reads: the file itself, or a zip member with its own bytes (a CSV, or the
    workbook a sheet belongs to, whose sheets the family's reader walks again)."""
    path = member.relative_path
    while path not in inner and path.count(MEMBER_SEPARATOR) > 1:
        path = path.rsplit(MEMBER_SEPARATOR, 1)[0]  # a sheet of a workbook inside the zip
    if path not in inner:
        return file
    url = f"{file.file_url}{path[len(file.relative_path) :]}"
    # `replace` keeps what the reader learnt about the member (its own time inside the zip, …)
    return replace(
        member, relative_path=path, file_url=url, size_bytes=len(inner[path]), _item=_Bytes(inner[path])
    )
