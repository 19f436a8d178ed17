"""The corrupted inputs of issue 13 (test_corrupt_inputs.py), kept apart from the tests so the same cases
can be run against any version of the loaders (only the standard library and the sample generator here)."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

HUGE_FIELD = 10_000_000  # "a 10 MB CSV field"

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


def make_clean_landing(base: Path) -> Path:
    """The generator's landing (seed 7, scale 0.02) cut to KEPT and one Meta post export per platform."""
    from pipelines.sample import generate

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


def top(path: str) -> str:
    return path.split("::", 1)[0]


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
        return data[:cut] + b"," + b"x" * HUGE_FIELD + data[cut:]
    raise AssertionError(kind)


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


def write_cases(landing: Path) -> dict:
    """Every case of the issue as its own file (or link) in `landing`, beside the clean files."""
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
    return {"costs_rows": len(costs_lines) - 2, "contacts": contacts}
