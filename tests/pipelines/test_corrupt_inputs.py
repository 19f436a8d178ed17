"""One bad file, one clear reject (issue 13): corrupt ONE file of a valid landing of every family and the
rest still loads exactly as before, the bad file is accounted with a reason naming it, nothing raises.

The valid landing is the generator's (pipelines/sample: every family in its real layout, made-up content),
cut to one file or archive per family and kind, so no file depends on another (the Meta account-level
files take their account from the post exports beside them; the second orders file continues the first).
Property tests generate the corruptions (hypothesis, derandomized and bounded); example tests pin each case
the issue lists, with the reject worked out here (file, line, field, the reason's key words).
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import re
import shutil
import zipfile
from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.files import values
from pipelines.files.jsonlines import MAX_DEPTH, json_lines, parse_line
from pipelines.files.recognise import recognise_landing
from pipelines.files.tabular import MAX_FIELD_CHARS, decode, read_rows
from pipelines.load import account_unread, family_sources, load
from pipelines.manifest import manifest_rows
from pipelines.readlog import ReadLog
from tests.conftest import query

LOADED_AT = datetime(2026, 12, 1, 9, 0)
KEPT = (
    "events/events_2026-W39.jsonl",
    "events/events_2026-W34.jsonl.gz",
    "commerce/orders_export_1.csv",
    "commerce/order_journeys.jsonl",
    "commerce/hubspot-crm-exports-all-contacts-2026-11-01.csv",
    "commerce/hubspot-crm-exports-all-deals-2026-11-01.csv",
    "costs/costs.csv",
    "content/tiktok/Export (1).zip",
    "content/tiktok/TikTok_Studio_Data_2026-09-01_2026-09-30.xlsx",
    "content/linkedin/borealandco_content_1793545200000.xlsx",
    "content/linkedin/all_posts_saved_from_sheet.csv",
    "content/youtube/Content 2026-09-01_2026-09-30 Boreal & Co..zip",
)
META_POSTS = ("content/instagram", "content/facebook")  # one post export each (named by a random id)


@pytest.fixture(scope="module")
def clean_landing(tmp_path_factory) -> Path:
    from pipelines.sample import generate

    base = tmp_path_factory.mktemp("clean")
    generate(base / "full", seed=7, scale=0.02)
    landing = base / "landing"
    for rel in KEPT:
        (landing / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(base / "full" / rel, landing / rel)
    for folder in META_POSTS:
        post = next(
            p
            for p in sorted((base / "full" / folder).glob("*.csv"))
            if "_Instagram_" not in p.name and "_Facebook_" not in p.name
        )
        (landing / folder).mkdir(parents=True, exist_ok=True)
        shutil.copy2(post, landing / folder / post.name)
    shutil.copytree(base / "full" / "settings", landing / "settings")
    return landing


def landing_files(landing: Path) -> list[str]:
    return sorted(
        p.relative_to(landing).as_posix()
        for p in landing.rglob("*")
        if p.is_file() and p.relative_to(landing).parts[0] != "settings"
    )


def read_all(landing: Path) -> dict:
    """What the load reads, without dlt's load step: recognition, every family source's rows per file,
    the ReadLog and the manifest rows. Raises only if the readers do."""
    plan = recognise_landing(str(landing))
    log = ReadLog()
    account_unread(plan, log)
    rows: dict[str, list[tuple]] = defaultdict(list)
    for source in family_sources(plan, log, LOADED_AT):
        for item in source:
            table = item if isinstance(item, pa.Table) else None
            if table is None or "_source_file" not in table.column_names:
                continue
            names = [n for n in table.column_names if n != "_loaded_at"]
            for row in table.select(names).to_pylist():
                rows[row["_source_file"]].append(tuple(sorted((k, repr(v)) for k, v in row.items())))
    manifest = {r["relative_path"]: r for r in manifest_rows(log, plan.entries, {}, LOADED_AT)}
    return {"rows": {k: sorted(v) for k, v in rows.items()}, "log": log, "manifest": manifest}


def top(path: str) -> str:
    return path.split("::", 1)[0]


@pytest.fixture(scope="module")
def clean_read(clean_landing) -> dict:
    result = read_all(clean_landing)
    assert not [r.message() for _, _, r in result["log"].rejects if r.line == 0]
    return result


# --- the corruptions ------------------------------------------------------------------------------------

INJECTED = (
    b"1e400",
    b"inf",
    b"-nan",
    b"99999999999999999999999",
    b"2099-01-01T00:00:00Z",
    b"0001-01-01T00:00:00+01:00",
    b'"',
    b"\\ud800",
    "\u2028".encode(),
    b"\xe9",
    b"\xff\xfe",
)
KINDS = ("truncate", "flip", "insert", "dup_header", "inject", "utf16", "latin1", "zip", "nested_zip", "huge")


def zipped(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return out.getvalue()


def corrupt(data: bytes, kind: str, where: float, payload: bytes) -> bytes:
    at = int(where * max(len(data) - 1, 0))
    if data.startswith(b"\x1f\x8b") and kind in ("dup_header", "inject", "utf16", "latin1", "huge"):
        data = gzip.decompress(data)  # the text inside a .jsonl.gz, written back uncompressed
        at = int(where * max(len(data) - 1, 0))
    if kind == "truncate":
        return data[:at]
    if kind == "flip":
        return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :] if data else b"\xff"
    if kind == "insert":
        return data[:at] + payload + data[at:]
    if kind == "dup_header":
        first, _, rest = data.partition(b"\n")
        cell = re.split(rb"[,;\t]", first)[0]
        return (
            first.rstrip(b"\r")
            + b","
            + cell
            + b"\r\n" * first.endswith(b"\r")
            + b"\n" * (not first.endswith(b"\r"))
            + rest
        )
    if kind == "inject":
        runs = list(re.finditer(rb"\d+(?:\.\d+)?", data))
        if not runs:
            return data[:at] + payload + data[at:]
        run = runs[int(where * (len(runs) - 1))]
        return data[: run.start()] + payload + data[run.end() :]
    if kind == "utf16":
        return codecs.BOM_UTF16_LE + data.decode("utf-8", "replace").encode("utf-16-le")
    if kind == "latin1":
        return data.decode("utf-8", "replace").encode("latin-1", "replace")
    if kind == "zip":
        return zipped("inner.csv", data)
    if kind == "nested_zip":
        return zipped("inner.zip", zipped("inner.csv", data))
    if kind == "huge":
        newline = data.find(b"\n", at)
        cut = newline if newline >= 0 else len(data)
        return data[:cut] + b"," + b"x" * (MAX_FIELD_CHARS + 10) + data[cut:]
    raise AssertionError(kind)


def assert_isolated(clean: dict, broken: dict, bad: str) -> None:
    """Every other file reads exactly as in the clean run; the bad file is accounted, its rejects name it."""
    for path, rows in clean["rows"].items():
        if top(path) != bad:
            assert broken["rows"].get(path) == rows, path
    for path, row in clean["manifest"].items():
        if top(path) != bad:
            got = broken["manifest"][path]
            assert (got["status"], got["rows_loaded"], got["rows_rejected"], got["reason"]) == (
                row["status"],
                row["rows_loaded"],
                row["rows_rejected"],
                row["reason"],
            ), path
    assert any(top(path) == bad for path in broken["manifest"]), f"{bad} has no manifest row"
    old = {r.reject_id for _, _, r in clean["log"].rejects}
    for _, _, reject in broken["log"].rejects:
        if reject.reject_id not in old:
            assert top(reject.file) == bad, reject.message()
            assert reject.reason.strip(), reject.message()
    for path, row in broken["manifest"].items():
        if top(path) == bad and row["status"] == "rejected":
            assert row["reason"], path


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    which=st.integers(min_value=0, max_value=len(KEPT) + len(META_POSTS) - 1),
    kind=st.sampled_from(KINDS),
    where=st.floats(min_value=0, max_value=1),
    payload=st.sampled_from(INJECTED),
)
def test_one_corrupted_file_of_any_family_never_touches_the_others(
    clean_landing, clean_read, tmp_path_factory, which, kind, where, payload
):
    landing = tmp_path_factory.mktemp("broken") / "landing"
    shutil.copytree(clean_landing, landing)
    bad = landing_files(landing)[which]
    (landing / bad).write_bytes(corrupt((landing / bad).read_bytes(), kind, where, payload))

    assert_isolated(clean_read, read_all(landing), bad)


@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    which=st.integers(min_value=0, max_value=len(KEPT) + len(META_POSTS) - 1),
    kind=st.sampled_from(("flip", "inject", "nested_zip", "huge", "dup_header")),
    where=st.floats(min_value=0, max_value=1),
    payload=st.sampled_from(INJECTED),
)
def test_a_full_load_with_one_corrupted_file_completes_and_accounts_every_file(
    clean_landing, clean_read, tmp_path_factory, which, kind, where, payload
):
    base = tmp_path_factory.mktemp("load")
    landing = base / "landing"
    shutil.copytree(clean_landing, landing)
    files = landing_files(landing)
    bad = files[which]
    (landing / bad).write_bytes(corrupt((landing / bad).read_bytes(), kind, where, payload))

    report = load(str(landing), base / "w.duckdb")  # returns: no exception

    in_manifest = {top(p) for (p,) in query(base / "w.duckdb", "select relative_path from raw.landing_files")}
    assert set(files) <= in_manifest
    loaded = dict(query(base / "w.duckdb", "select _source_file, count(*) from raw.costs group by 1"))
    if bad != "costs/costs.csv":
        assert loaded == {"costs/costs.csv": len(clean_read["rows"]["costs/costs.csv"])}
    for reject in report.file_rejects + report.row_rejects:
        assert top(reject.file) == bad, reject.message()


# --- the cases of the issue, one by one ---------------------------------------------------------------


def event(event_id: str, at: str, **extra) -> dict:
    return {
        "event_id": event_id,
        "event_name": "instagram.dm_received",
        "occurred_at": at,
        "conversation_id": "c1",
        "message_id": f"m-{event_id}",
        "user_id": "u1",
        "actor": "customer",
    } | extra


def deep(levels: int) -> dict:
    value: dict = {}
    for _ in range(levels - 1):
        value = {"a": value}
    return value


def test_json_lines_split_on_newline_only_and_name_what_cannot_be_stored():
    lines = [
        json.dumps(event("e1", "2017-03-04T10:15:00-05:00", text="a\u2028b\u2029c\x85d"), ensure_ascii=False),
        '{"event_id": "e2", "text": "\\ud800"}',
        json.dumps({"event_id": "e3", "properties": deep(MAX_DEPTH + 2)}),
        "[" * 5000 + "]" * 5000,
    ]
    data = ("\n".join(lines) + "\r\n").encode() + b'{"event_id": "e5", "text": "caf\xe9"}\n'

    parsed = []
    for number, text in json_lines(data):
        try:
            if not isinstance(text, str):
                raise text
            parsed.append((number, "ok", parse_line(text)["event_id"]))
        except ValueError as exc:
            parsed.append((number, exc.field, exc.reason))

    assert parsed == [
        (1, "ok", "e1"),
        (2, "text", "a lone surrogate U+D800 (\\u escape) that is not valid Unicode text"),
        (3, "properties" + ".a" * (MAX_DEPTH - 1), f"nested deeper than {MAX_DEPTH} levels"),
        (4, "", f"nested deeper than {MAX_DEPTH} levels"),
        (5, "", "invalid UTF-8 byte 0xe9 at column 32"),
    ]


def test_utf16_json_lines_with_a_bom_are_decoded():
    text = json.dumps(event("e1", "2017-03-04T10:15:00Z", text="Crème brûlée")) + "\r\n"
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        assert [parse_line(t)["text"] for _, t in json_lines(bom + text.encode(codec))] == ["Crème brûlée"]


@pytest.mark.parametrize(
    ("parse", "text", "reason"),
    [
        (values.parse_decimal, "1e400", "'1e400' is beyond decimal(18,4)"),
        (values.parse_decimal, "-1e15", "'-1e15' is beyond decimal(18,4)"),
        (values.parse_decimal, "NaN", "'NaN' is not a finite amount"),
        (values.parse_decimal, "Infinity", "'Infinity' is not a finite amount"),
        (values.parse_float, "1e400", "'1e400' is not a finite number"),
        (values.parse_float, "inf", "'inf' is not a finite number"),
        (values.parse_float, "nan", "'nan' is not a finite number"),
        (values.parse_int, "99999999999999999999", "is beyond the largest whole number"),
        (values.parse_count, "9,223,372,036,854,775,808", "is beyond the largest whole number"),
        (values.parse_rfc3339, "0001-01-01T00:00:00+01:00", "its UTC offset moves it outside the years"),
        (values.parse_rfc3339, "9999-12-31T23:30:00-01:00", "its UTC offset moves it outside the years"),
    ],
)
def test_values_the_warehouse_cannot_hold_are_rejected_when_read(parse, text, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        parse(text)


def test_the_largest_amount_that_fits_still_loads():
    assert values.parse_decimal("99999999999999.9999") == Decimal("99999999999999.9999")
    assert values.parse_count("9,223,372,036,854,775,807") == 2**63 - 1


@pytest.mark.parametrize(
    ("at", "ok"),
    [
        ("1999-12-31T23:59:59Z", False),
        ("2000-01-01T00:00:00Z", True),
        ("2017-03-04T10:15:00-05:00", True),
        ("2026-12-02T09:00:00Z", True),  # load time + 1 day
        ("2026-12-02T09:00:01Z", False),
        ("1970-01-01T00:00:00Z", False),
        ("2099-06-01T00:00:00Z", False),
    ],
)
def test_the_one_range_rule_for_instants(at, ok):
    instant = values.parse_rfc3339(at)
    if ok:
        values.check_in_range(instant, at, LOADED_AT)
    else:
        with pytest.raises(
            ValueError, match=rf"occurred_at {re.escape(at)} outside 2000-01-01 … 2026-12-02 09:00"
        ):
            values.check_in_range(instant, at, LOADED_AT)


def test_csv_reader_names_a_huge_field_an_unclosed_quote_and_keeps_the_other_records():
    text = "Name,Amount\na,1\nb," + "x" * (MAX_FIELD_CHARS + 1) + "\nc,3\n"
    rows = read_rows(text, ",", "f.csv")
    assert [(line, list(cells)) for line, cells in rows if cells] == [
        (1, ["Name", "Amount"]),
        (2, ["a", "1"]),
        (4, ["c", "3"]),
    ]
    assert [(line, cells.reason[:29]) for line, cells in rows if not cells] == [
        (3, "field larger than field limit")
    ]
    with pytest.raises(Exception, match="line 3: a quoted field opens there and is never closed"):
        read_rows('Name,Amount\na,1\nb,"2\nc,3\nd,4\n', ",", "f.csv")
    # a quote inside an unquoted field is data, not an opening quote
    assert read_rows('Name,Size\nTV,55" screen\n', ",", "f.csv")[1] == (2, ["TV", '55" screen'])


def test_a_stray_byte_keeps_utf8_while_a_windows_1252_file_still_decodes():
    utf8 = "Nom\nAndré\nZoë\nBjörk\n".encode() + b"Jos\xe9\n"
    assert decode(utf8, "f.csv").splitlines()[:4] == ["Nom", "André", "Zoë", "Björk"]
    assert decode("Nom\nAndré\nZoë\n".encode("cp1252"), "f.csv").splitlines() == ["Nom", "André", "Zoë"]


# --- one landing holding every case, loaded once -------------------------------------------------------


def crc_broken(members: dict[str, bytes], broken: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    raw = bytearray(out.getvalue())
    at = raw.find(members[broken], raw.find(broken.encode()))  # its bytes, after its local header
    raw[at] ^= 0x01  # the stored bytes change, the CRC recorded beside them does not
    return bytes(raw)


def encrypted(members: dict[str, bytes], locked: str) -> bytes:
    """A zip whose member `locked` says it is encrypted (general purpose flag bit 0), in both headers."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    raw = bytearray(out.getvalue())
    name = locked.encode()
    for signature, flag_offset, name_offset in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        start = 0
        while (start := raw.find(signature, start)) >= 0:
            if raw[start + name_offset : start + name_offset + len(name)] == name:
                raw[start + flag_offset] |= 0x01
            start += 4
    return bytes(raw)


@pytest.fixture(scope="module")
def cases(clean_landing, tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("cases")
    landing = base / "landing"
    shutil.copytree(clean_landing, landing)
    costs = (landing / "costs" / "costs.csv").read_bytes()
    costs_lines = costs.split(b"\n")
    contacts = (landing / "commerce" / "hubspot-crm-exports-all-contacts-2026-11-01.csv").read_bytes()
    contact_lines = contacts.split(b"\n")
    events = [
        event("ok1", "2017-03-04T10:15:00-05:00", text="ligne\u2028suite"),
        event("far", "2099-01-01T00:00:00Z"),
        event("old", "1970-01-01T00:00:00Z"),
        event("ovf", "0001-01-01T00:00:00+01:00"),
        event("sur", "2017-03-04T10:16:00Z", text="\ud800"),
        event("ok2", "2017-03-04T10:18:00Z"),
    ]
    body = "\n".join(json.dumps(e, ensure_ascii=e["event_id"] == "sur") for e in events)  # `\ud800` escaped
    deep_line = '{"event_id": "dee", "properties": ' + "[" * 5000 + "]" * 5000 + "}"
    files = {
        "events/hostile.jsonl": (body + "\n" + deep_line + "\n").encode(),
        "events/windows.jsonl": codecs.BOM_UTF16_LE
        + (json.dumps(event("u16", "2017-05-01T08:00:00Z", text="Crème")) + "\r\n").encode("utf-16-le"),
        "commerce/journeys_utf16.jsonl": codecs.BOM_UTF16_LE
        + (landing / "commerce" / "order_journeys.jsonl").read_text(encoding="utf-8").encode("utf-16-le"),
        "costs/amount_1e400.csv": b"\n".join(
            [costs_lines[0], re.sub(rb"\d+\.\d+", b"1e400", costs_lines[1], count=1), *costs_lines[2:4]]
        ),
        "costs/dup_header.csv": b"\n".join(
            [costs_lines[0] + b"," + costs_lines[0].split(b",")[0], *costs_lines[1:3]]
        ),
        "costs/unterminated.csv": b"\n".join(
            [costs_lines[0], costs_lines[1], costs_lines[2].replace(b",", b',"', 1), *costs_lines[3:6]]
        ),
        "costs/huge_field.csv": b"\n".join(
            [costs_lines[0], costs_lines[1] + b"," + b"y" * 10_000_000, *costs_lines[2:4]]
        ),
        "commerce/contacts_stray_byte.csv": b"\n".join(
            [*contact_lines[:3], contact_lines[3] + b"\xff", *contact_lines[4:]]
        ),
        "commerce/contacts_cp1252.csv": contacts.decode("utf-8").encode("cp1252", "replace"),
        "costs/bundle_crc.zip": crc_broken(
            {"a_costs.csv": costs, "b_costs.csv": b"\n".join(costs_lines[:3])}, "b_costs.csv"
        ),
        "costs/bundle_locked.zip": encrypted({"a_costs.csv": costs, "b_costs.csv": costs}, "b_costs.csv"),
        "costs/nested.zip": zipped("inner.zip", zipped("costs.csv", costs)),
    }
    for rel, data in files.items():
        (landing / rel).parent.mkdir(parents=True, exist_ok=True)
        (landing / rel).write_bytes(data)
    os.symlink("loop_b", landing / "loop_a")
    os.symlink("loop_a", landing / "loop_b")
    os.symlink("gone.csv", landing / "costs" / "dangling.csv")
    warehouse = base / "w.duckdb"
    report = load(str(landing), warehouse)
    manifest = {
        row[0]: row[1:]
        for row in query(
            warehouse,
            "select relative_path, status, reason, rows_loaded, rows_rejected from raw.landing_files",
        )
    }
    rejects = query(warehouse, "select file, line, field, reason from raw.load_rejects order by file, line")
    return {
        "report": report,
        "warehouse": warehouse,
        "manifest": manifest,
        "rejects": rejects,
        "costs_rows": len(costs_lines) - 2,
        "landing": landing,
        "contacts": contacts,
    }


def rejects_of(cases: dict, file: str) -> list[tuple]:
    return [r[1:] for r in cases["rejects"] if r[0] == file]


def test_hostile_events_reject_each_line_naming_it_and_load_the_rest(cases):
    rows = query(
        cases["warehouse"],
        "select event_id, text from raw.events where _source_file = 'events/hostile.jsonl' order by 1",
    )
    assert rows == [("ok1", "ligne\u2028suite"), ("ok2", None)]
    got = rejects_of(cases, "events/hostile.jsonl")
    assert [(line, field) for line, field, _ in got] == [
        (2, "occurred_at"),
        (3, "occurred_at"),
        (4, "occurred_at"),
        (5, "text"),
        (7, ""),
    ]
    assert "occurred_at 2099-01-01T00:00:00Z outside 2000-01-01 … " in got[0][2]
    assert "occurred_at 1970-01-01T00:00:00Z outside 2000-01-01 … " in got[1][2]
    assert "its UTC offset moves it outside" in got[2][2]
    assert "lone surrogate U+D800" in got[3][2]
    assert "nested deeper than" in got[4][2]
    assert cases["manifest"]["events/hostile.jsonl"][2:] == (2, 5)


def test_utf16_events_and_journeys_load(cases):
    assert query(
        cases["warehouse"],
        "select event_id, text from raw.events where _source_file = 'events/windows.jsonl'",
    ) == [("u16", "Crème")]
    m = cases["manifest"]
    # the same orders as the UTF-8 file (merged on order_id in raw): every line read, none rejected
    journeys = (cases["landing"] / "commerce" / "order_journeys.jsonl").read_text().splitlines()
    assert m["commerce/journeys_utf16.jsonl"][0::2] == ("loaded", len(journeys))
    assert m["commerce/journeys_utf16.jsonl"][2:] == m["commerce/order_journeys.jsonl"][2:]


def test_values_and_csv_breakage_are_rejected_naming_file_line_and_field(cases):
    amount = rejects_of(cases, "costs/amount_1e400.csv")
    assert [(line, field) for line, field, _ in amount] == [(2, "amount")]
    assert "'1e400' is beyond decimal(18,4)" in amount[0][2]
    dup = rejects_of(cases, "costs/dup_header.csv")
    assert [(line, field) for line, field, _ in dup] == [(0, "month")]
    assert "names column 'month' twice (columns 1 and " in dup[0][2]
    unterminated = rejects_of(cases, "costs/unterminated.csv")
    assert [(line, reason[:50]) for line, _, reason in unterminated] == [
        (0, "line 3: a quoted field opens there and is never cl")
    ]
    huge = rejects_of(cases, "costs/huge_field.csv")
    assert [(line, reason[:29]) for line, _, reason in huge] == [(2, "field larger than field limit")]
    assert cases["manifest"]["costs/huge_field.csv"][0] == "loaded"


def test_a_stray_byte_rejects_its_row_only_and_accents_stay_right(cases):
    stray = rejects_of(cases, "commerce/contacts_stray_byte.csv")
    assert stray == [(4, "Contact owner", "invalid UTF-8 byte 0xff in an otherwise UTF-8 file")]
    m = cases["manifest"]
    assert m["commerce/contacts_stray_byte.csv"][2:] == (77, 1)
    assert m["commerce/contacts_cp1252.csv"][2:] == (78, 0)
    # the three files carry the same contacts (merged on contact_id): whichever won, no name is mojibake
    text = cases["contacts"].decode("utf-8")
    expected = {row["First Name"] for row in csv.DictReader(io.StringIO(text))}
    assert any(not name.isascii() for name in expected)
    got = {name for (name,) in query(cases["warehouse"], "select first_name from raw.hubspot_contacts")}
    assert got == expected


def test_damaged_encrypted_and_nested_zip_members_are_rejected_the_others_load(cases):
    m = cases["manifest"]
    assert m["costs/bundle_crc.zip::b_costs.csv"][0] == "rejected"
    assert (
        "damaged" in m["costs/bundle_crc.zip::b_costs.csv"][1]
        and "CRC" in m["costs/bundle_crc.zip::b_costs.csv"][1]
    )
    assert m["costs/bundle_crc.zip::a_costs.csv"][0] == "loaded"
    assert m["costs/bundle_locked.zip::b_costs.csv"][0] == "rejected"
    assert "encrypted" in m["costs/bundle_locked.zip::b_costs.csv"][1]
    assert m["costs/bundle_locked.zip::a_costs.csv"][0] == "loaded"
    assert m["costs/nested.zip::inner.zip"][0] == "rejected"
    assert "a zip inside the zip" in m["costs/nested.zip::inner.zip"][1]


def test_broken_symlinks_are_rejected_with_a_reason_and_the_rest_loads(cases):
    m = cases["manifest"]
    assert m["loop_a"][0] == m["loop_b"][0] == m["costs/dangling.csv"][0] == "rejected"
    assert "loop" in m["loop_a"][1] and "leads nowhere" in m["costs/dangling.csv"][1]
    assert m["costs/costs.csv"][0::2] == ("loaded", cases["costs_rows"])
